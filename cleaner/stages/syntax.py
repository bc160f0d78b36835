"""syntax: minimal repairs of source-language grammar left in English text.

Each rule fires only on structures English does not have: a pronoun repeating
a named subject, a source-language article or conjunction between English
words, the article before a country that is the subject of a verb, `others`
before a plural noun, an organisation acronym after its noun, an editor's note
in source-language form.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

import regex

from .. import lexicon
from ..frequency import zipf
from ..screen import literal_positions, matches_at, trie
from ..edits import Proposal
from ..pipeline import Context, Stage
from ..rules import rule

DOUBLED_SUBJECT = rule("syntax.doubled_subject", "A pronoun repeating the named subject before its verb "
                       "(Boris Johnson he did not → Boris Johnson did not)", english_only=True)
SOURCE_ARTICLE = rule("syntax.source_article", "A source-language article before a noun "
                      "(“i American citizens → “American citizens)", english_only=True)
SOURCE_CONJUNCTION = rule("syntax.source_conjunction", "A source-language conjunction between two words "
                          "(Rome e Paris → Rome and Paris)", english_only=True)
SOURCE_PARTICLE = rule("syntax.source_particle", "A source-language preposition or article between two "
                       "English words (suggestion: the ministry de defence)", english_only=True)
COUNTRY_ARTICLE = rule("syntax.country_article", "The article before a country that is the subject of a verb "
                       "(the Russia has → Russia has)", english_only=True)
OTHERS_PLURAL = rule("syntax.others_plural", "'others' used as an adjective before a plural noun "
                     "(others countries → other countries)", english_only=True)
NOUN_ACRONYM = rule("syntax.noun_acronym_order", "An organisation acronym after the noun it qualifies "
                    "(other countries NATO → other NATO countries)", english_only=True)
CAPITALISED_NOUN = rule("syntax.capitalised_noun", "A common noun capitalised by source-language convention "
                        "(other Countries → other countries)", english_only=True)
EDITOR_NOTE = rule("syntax.editor_note", "An editor's note in source-language form "
                   "((the NATO countries, ed) / (ndr) → (…, Ed.))", english_only=True)

lexicon.section(
    "syntax",
    auxiliaries=lexicon.strings, copulas=lexicon.strings, irregular_past=lexicon.strings,
    reporting_verbs=lexicon.strings, unambiguous_present=lexicon.strings, adverbs=lexicon.strings,
    object_gap_words=lexicon.strings, subject_pronouns=lexicon.strings,
    roles=lexicon.strings, title_connectors=lexicon.strings, name_particles=lexicon.strings, clause_words=lexicon.strings,
    non_subject_openers=lexicon.strings,
    prepositions=lexicon.strings, sentence_adverbs=lexicon.strings, temporal=lexicon.strings,
    source_articles=lexicon.strings, source_conjunctions=lexicon.mapping, source_particles=lexicon.mapping,
    letter_nouns=lexicon.strings, letter_heads=lexicon.strings, foreign_phrases=lexicon.strings,
    countries=lexicon.strings, countries_dated_article=lexicon.strings,
    capitalised_nouns=lexicon.strings, group_nouns=lexicon.strings, organisations=lexicon.strings,
    determiners=lexicon.strings, not_plural=lexicon.strings, editor_notes=lexicon.mapping,
)

WORD_CHARS = r"[\p{L}\p{N}]+(?:[’'\-.][\p{L}\p{N}]+)*"
TOKEN = regex.compile(WORD_CHARS + r"|\S")
NEXT_WORD = regex.compile(r"[ \t]+(" + WORD_CHARS + ")")
PREVIOUS_WORD = regex.compile(r"(" + WORD_CHARS + r")[ \t]+\Z")
# a sentence or clause start; not after a bracket, which may close a note: `(…, Ed.) Johnson`
CLAUSE_START = regex.compile(r"(?:^|[.!?…:;][\"”’»]*(?:[ \t]+|(?=\p{Lu}))|\n)[ \t\"“«‘]*")
CLAUSE_MARKS = ".!?…:;"
BRACKET = re.compile(r"[()\[\]]")
CLAUSE_MARK = re.compile(f"[{re.escape(CLAUSE_MARKS)}]")
CLAUSE_CHARS = CLAUSE_MARKS + "\"”’»“«‘ \t"  # all that a CLAUSE_START match within a line holds
# a capitalised word after a lowercase word, a digit or a comma: a name, not a sentence start
MID_SENTENCE_CAPITAL = regex.compile(
    r"(?<=(?:(?<![\p{L}\p{N}])[\p{Ll}\p{N}][\p{L}\p{N}’'-]*|,)[ \t]+)\p{Lu}[\p{L}’'-]*")
OTHERS = regex.compile(r"(?<![\p{L}\-’'])([Oo]ther)s[ \t]+(" + WORD_CHARS + ")")
SOME = regex.compile(r"(?<!\p{L})[Ss]ome(?!\p{L})")
NATIONALITY = regex.compile(r"\p{Lu}\p{Ll}+(?:ian|ean|an|ese|ish)")
SPACES = regex.compile(r"\s+")
MAX_PHRASE_TOKENS = 20


def _alternation(words, flags=0) -> regex.Pattern:
    """Longest first; spaces match any run of spaces; an empty list matches nothing."""
    ordered = sorted(set(words), key=len, reverse=True)
    return regex.compile("|".join(regex.escape(w).replace(r"\ ", r"\s+") for w in ordered) or "(?!)", flags)


def _first_word_set(phrases) -> frozenset[str]:
    return frozenset(p.split(" ")[0] for p in phrases)


def _blank_word_patterns(words, prefixes) -> dict[str, re.Pattern]:
    """Per set of blanks a text holds (`text_blanks`), a `re` pattern for a blank and then
    the first word of one of ``words`` before whitespace, or the first word of one of
    ``prefixes``; the match less its blank is that word. Words and prefixes share one trie,
    which the engine enters once per blank (the lexicons' words are lowercase and their
    prefixes, organisations and capitalised nouns, capitalised: none begins another of the
    other kind). Without tabs the pattern opens with a literal space, found fast."""
    words, prefixes = _first_word_set(words), _first_word_set(prefixes)
    both = trie(words | prefixes, {word: r"(?=\s)" for word in words - prefixes})  # a prefix needs no blank
    return {" ": re.compile(" " + both), BLANKS: re.compile(r"[ \t]" + both)}


def _after_the(countries) -> re.Pattern:
    """A `re` pattern for the `he` of `[Tt]he` before a country (one followed by a blank, or
    the first word of a longer name); the lookahead for its first letter fails fast, and
    the names are tries, not a list tried one by one after every `the` and a capital."""
    initials = "".join(sorted({re.escape(c[:1]) for c in countries}))
    names = trie(c for c in countries if " " not in c)
    first_words = trie(c.split(" ")[0] for c in countries if " " in c)
    return re.compile(rf"he(?=[ \t]+[{initials}])(?=[ \t]+(?:(?:{names})[ \t]|{first_words}))"
                      if countries else "(?!)")


def _with_capital(words) -> list[str]:
    return [w for word in words for w in (word, word[:1].upper() + word[1:])]


def _third_person(verb: str) -> str:
    if verb.endswith(("s", "sh", "ch", "x", "z")):
        return verb + "es"
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


@dataclass(frozen=True)
class Lexicon:
    """The syntax lexicon, in the shapes the rules use."""

    subject_verbs: frozenset[str]      # finite forms that follow a subject pronoun
    country_verbs: frozenset[str]      # finite forms that cannot be a noun after a country
    copulas: frozenset[str]
    adverbs: frozenset[str]
    object_gap_words: frozenset[str]
    pronouns: regex.Pattern
    pronoun_words: frozenset[str]      # first words, as ``blank_word_positions`` finds them
    conjunction_words: frozenset[str]
    particle_words: frozenset[str]
    blank_words: dict[str, re.Pattern]  # per `text_blanks`, what ``blank_word_positions`` finds
    roles: frozenset[str]
    connectors: frozenset[str]
    name_particles: frozenset[str]
    clause_words: frozenset[str]
    non_subjects: frozenset[str]
    prepositions: frozenset[str]
    sentence_adverbs: frozenset[str]
    temporal: frozenset[str]
    articles: regex.Pattern
    article_words: frozenset[str]
    conjunctions: dict[str, str]
    conjunction_re: regex.Pattern
    particles: dict[str, str]
    particle_re: regex.Pattern
    letter_nouns: frozenset[str]
    letter_heads: frozenset[str]
    foreign_phrases: regex.Pattern
    countries: regex.Pattern
    country_screen: re.Pattern         # `he` where `[Tt]he` may open `countries`
    dated_article: frozenset[str]
    capitalised_nouns: frozenset[str]
    capitalised_noun_words: frozenset[str]  # first words, as ``blank_word_positions`` finds them
    group_noun_acronym: regex.Pattern
    organisation_words: frozenset[str]  # first words, as ``blank_word_positions`` finds them
    group_words: frozenset[str]
    longest_determiner: int
    single_word_phrases: bool          # no determiner or group noun holds a space
    capitalised_noun_re: regex.Pattern
    not_plural: frozenset[str]
    notes: dict[str, str]
    note_ends: frozenset[str]          # the last characters of the notes, lowercase
    note_re: regex.Pattern
    standalone_note_re: regex.Pattern


def _compile(lex: lexicon.Lexicons) -> Lexicon:
    get = lambda key, default=(): lex.get("syntax", key, default)
    auxiliaries = set(get("auxiliaries"))
    past = set(get("irregular_past"))
    reporting = {_third_person(v) for v in get("reporting_verbs")}
    pronouns = get("subject_pronouns")
    conjunctions = dict(get("source_conjunctions", {}))
    particles = dict(get("source_particles", {}))
    notes = {SPACES.sub(" ", k.lower()): v for k, v in get("editor_notes", {}).items()}
    determiner_words = _with_capital(get("determiners"))
    group_words = _with_capital(get("group_nouns"))
    group = _alternation(group_words).pattern
    organisations = _alternation(get("organisations")).pattern
    determiners = _alternation(determiner_words).pattern
    capitalised = _alternation(get("capitalised_nouns")).pattern
    note = _alternation(notes, regex.I).pattern
    return Lexicon(
        subject_verbs=frozenset(auxiliaries | past | reporting),
        country_verbs=frozenset(auxiliaries | past | set(get("unambiguous_present"))),
        copulas=frozenset(get("copulas")),
        adverbs=frozenset(get("adverbs")),
        object_gap_words=frozenset(get("object_gap_words")),
        pronouns=regex.compile(r"(?<=[\p{L}\p{N}])[ \t]+(" + _alternation(pronouns).pattern + r")(?=[ \t])"),
        pronoun_words=_first_word_set(pronouns),
        conjunction_words=_first_word_set(conjunctions),
        particle_words=_first_word_set(particles),
        blank_words=_blank_word_patterns(pronouns + list(conjunctions) + list(particles),
                                         get("organisations") + get("capitalised_nouns")),
        roles=frozenset(get("roles")),
        connectors=frozenset(get("title_connectors")),
        name_particles=frozenset(get("name_particles")),
        clause_words=frozenset(get("clause_words")),
        non_subjects=frozenset(get("clause_words") + get("prepositions") + get("non_subject_openers")
                               + get("reporting_verbs")),
        prepositions=frozenset(get("prepositions")),
        sentence_adverbs=frozenset(get("sentence_adverbs")),
        temporal=frozenset(get("temporal")),
        articles=regex.compile(r"(?<![\p{L}\p{N}\-’'.(\[/])(" + _alternation(get("source_articles")).pattern
                               + r")[ \t]+(?=\p{L})"),
        article_words=frozenset(get("source_articles")),
        conjunctions=conjunctions,
        conjunction_re=regex.compile(r"(?<=\p{L})[ \t]+(" + _alternation(conjunctions).pattern + r")[ \t]+(?=\p{L})"),
        particles=particles,
        particle_re=regex.compile(r"(?<=\p{Ll})[ \t]+(" + _alternation(particles).pattern + r")[ \t]+(?=\p{Ll})"),
        letter_nouns=frozenset(get("letter_nouns")),
        letter_heads=frozenset(get("letter_heads")),
        foreign_phrases=regex.compile(r"(?<!\p{L})(?:" + _alternation(get("foreign_phrases")).pattern
                                      + r")(?!\p{L})", regex.I),
        countries=regex.compile(r"(?<![\p{L}\-])(?<![Tt]he[ \t]+)([Tt]he)[ \t]+(" + _alternation(
            get("countries") + get("countries_dated_article")).pattern + r")(?=[ \t]+\p{Ll})"),
        country_screen=_after_the(get("countries") + get("countries_dated_article")),
        dated_article=frozenset(get("countries_dated_article")),
        capitalised_nouns=frozenset(get("capitalised_nouns")),
        capitalised_noun_words=_first_word_set(get("capitalised_nouns")),
        group_noun_acronym=regex.compile(
            rf"(?<![\p{{L}}\-])(?:{determiners})[ \t]+((?:{group})[ \t]+({organisations}))"
            rf"(?=[.,;:!?)\]]|[ \t]*$|[ \t]+(?:and|or|in|to|with|for|at|on|from|as)\b)", regex.M),
        organisation_words=_first_word_set(get("organisations")),
        group_words=frozenset(group_words),
        longest_determiner=max(map(len, determiner_words), default=0),
        single_word_phrases=not any(" " in w for w in determiner_words + group_words),
        capitalised_noun_re=regex.compile(rf"(?<![\p{{L}}\-])(?:{determiners})[ \t]+({capitalised})(?![\p{{L}}\-])"),
        not_plural=frozenset(get("not_plural")),
        notes=notes,
        note_ends=frozenset(note[-1] for note in notes),
        note_re=regex.compile(rf"[(\[][^()\[\]\n]{{1,120}}?(?:,[ \t]*|[ \t]+[-–—][ \t]*)({note})[ \t]*[)\]]", regex.I),
        standalone_note_re=regex.compile(rf"[(\[][ \t]*({note})[ \t]*[)\]]", regex.I),
    )


class SyntaxStage(Stage):
    name = "syntax"
    rules = (DOUBLED_SUBJECT, SOURCE_ARTICLE, SOURCE_CONJUNCTION, SOURCE_PARTICLE, COUNTRY_ARTICLE,
             OTHERS_PLURAL, NOUN_ACRONYM, CAPITALISED_NOUN, EDITOR_NOTE)

    def propose(self, text: str, ctx: Context):
        lex = ctx.lexicons.compiled("syntax", _compile)
        blank_words = blank_word_positions(text, lex)
        yield from doubled_subjects(text, lex, MidSentenceNames(text), blank_words)
        yield from source_articles(text, lex)
        yield from source_conjunctions(text, lex, blank_words)
        yield from source_particles(text, lex, blank_words)
        yield from country_articles(text, lex)
        yield from others_plurals(text, lex)
        yield from noun_phrases(text, lex, blank_words)
        yield from editor_notes(text, lex)


# finding candidates cheaply ---------------------------------------------------------
# Most rules' patterns open with a lookbehind or a long alternation, which the regex
# engine tries at every position. Every match holds a literal (a pronoun between blanks,
# an opening bracket), so str.find locates the few places where one can start, and the
# pattern is tried there only.

BLANKS = " \t"


@lru_cache(maxsize=64)
def word_literals(words: frozenset[str], before: str, after: str) -> tuple[str, ...]:
    """Literals that a match of one of ``words`` holds: the word after one of the characters
    ``before`` and before one of ``after`` (when given); of a phrase, whose spaces may
    match a line break, its first word only."""
    literals = set()
    for word in words:
        first, space, _ = word.partition(" ")
        tails = "" if space else after
        literals.update(head + first + tail for head in before or [""] for tail in tails or [""])
    return tuple(literals)


def blank_word_positions(text: str, lex: Lexicon) -> dict[str, list[int]]:
    """Where a blank precedes each pronoun, conjunction and particle (by its first word,
    before a blank) and each organisation and capitalised noun (by its first word)."""
    found: dict[str, list[int]] = {}
    for m in lex.blank_words[text_blanks(text)].finditer(text):
        found.setdefault(m.group()[1:], []).append(m.start())
    return found


def starts_before_words(text: str, blank_words: dict[str, list[int]], words: frozenset[str]) -> list[int]:
    """Where the runs of blanks before ``words`` start, in order: where `[ \\t]+(words)` may match."""
    return sorted({blank_run_start(text, i) for w in words for i in blank_words.get(w, ())})


def blank_run_start(text: str, pos: int) -> int:
    """Where the run of blanks that ends at ``pos`` starts."""
    while pos > 0 and text[pos - 1] in BLANKS:
        pos -= 1
    return pos


def word_before(text: str, pos: int) -> tuple[int, int] | None:
    """The span of the blank-delimited word before the blanks that end at ``pos``;
    None if no blank ends there."""
    end = blank_run_start(text, pos)
    if end == pos:
        return None
    space = text.rfind(" ", 0, end)
    return max(space, text.rfind("\t", space + 1, end)) + 1, end


def text_blanks(text: str) -> str:
    return BLANKS if "\t" in text else " "


class MidSentenceNames:
    """The capitalised words a document writes after a lowercase word, a digit or a comma:
    names, not sentence starts. Asked about one word at a time, as few documents ask at all."""

    def __init__(self, text: str):
        self.text = text
        self.known: dict[str, bool] = {}

    def __contains__(self, word: str) -> bool:
        if word not in self.known:
            self.known[word] = any(self._written_at(i, word) for i in literal_positions(self.text, (word,))
                                   if i > 0 and self.text[i - 1] in BLANKS)  # the lookbehind ends in blanks
        return self.known[word]

    def _written_at(self, i: int, word: str) -> bool:
        # a match is a whole run of letters, so it is the word only if it ends where the word does
        m = MID_SENTENCE_CAPITAL.match(self.text, i)
        return m is not None and m.end() == i + len(word)


# shared evidence -----------------------------------------------------------------

def is_past_tense(word: str) -> bool:
    return (len(word) >= 4 and word.islower() and word.endswith("ed") and not word.endswith("eed")
            and zipf(word) >= 1.0)


def is_subject_verb(word: str, lex: Lexicon) -> bool:
    return word in lex.subject_verbs or is_past_tense(word)


def is_plural_noun(word: str, lex: Lexicon) -> bool:
    """A plural noun by its form: -s, not a known -s function word, its singular an English word."""
    lower = word.lower()
    if len(lower) < 4 or lower in lex.not_plural or not lower.endswith("s") or lower.endswith(("ss", "us", "is")):
        return False
    singular = lower[:-3] + "y" if lower.endswith("ies") else lower[:-1]
    return zipf(singular) >= 3.0 or (lower.endswith("es") and zipf(lower[:-2]) >= 3.0)


def clause_start(text: str, pos: int) -> int:
    """Where the sentence or clause holding ``pos`` begins (after `.`, `:`, a line break, opening quotes)."""
    line = text.rfind("\n", 0, pos) + 1
    end = pos
    while line > 0:
        # after the first line, a CLAUSE_START match opens with a mark: try the marks of the
        # last stretch of marks, quotes and blanks, which no match before it can reach into
        mark = max(text.rfind(c, line, end) for c in CLAUSE_MARKS)
        if mark < 0:
            return line
        stretch = mark
        while stretch > line and text[stretch - 1] in CLAUSE_CHARS:
            stretch -= 1
        start = None
        for i in range(stretch, mark + 1):
            if (start is None or i >= start) and text[i] in CLAUSE_MARKS \
                    and (m := CLAUSE_START.match(text, i, pos)):
                start = m.end()
        if start is not None:
            return start
        end = stretch
    start = line
    for m in CLAUSE_START.finditer(text, line, pos):
        start = m.end()
    return start


def comma_in_clause(text: str, pos: int) -> bool:
    """Whether a comma lies between ``clause_start(text, pos)`` and ``pos``, found without
    it: the line's last comma before ``pos`` with no clause mark after it (a clause start
    holds marks, quotes and blanks only, so none that opens before the comma ends after it)."""
    comma = text.rfind(",", text.rfind("\n", 0, pos) + 1, pos)
    return comma >= 0 and not CLAUSE_MARK.search(text, comma, pos)


def in_quotation(text: str, pos: int) -> bool:
    """Whether ``pos`` lies inside a quotation of its paragraph."""
    para = text.rfind("\n", 0, pos) + 1
    before = text[para:pos]
    last_open, last_close = before.rfind("“"), before.rfind("”")
    return last_open > last_close or before.count('"') % 2 == 1


def words_after(text: str, pos: int, limit: int = 12) -> list[str]:
    """The tokens after ``pos`` up to the end of the line (punctuation included)."""
    end = text.find("\n", pos)
    end = end if end >= 0 else len(text)
    tokens: list[str] = []
    # space by space: no TOKEN match spans a space, and a piece of alphanumerics
    # (\p{L} or \p{N}) is one TOKEN; only other pieces need the pattern
    while pos < end and len(tokens) < limit:
        space = text.find(" ", pos, end)
        if space < 0:
            space = end
        piece = text[pos:space]
        if piece.isalnum():
            tokens.append(piece)
        elif piece:
            tokens += [m.group() for m in islice(TOKEN.finditer(text, pos, space), limit - len(tokens))]
        pos = space + 1
    return tokens


# doubled subject -------------------------------------------------------------------

def doubled_subjects(text: str, lex: Lexicon, names: MidSentenceNames, blank_words: dict[str, list[int]]):
    for m in matches_at(lex.pronouns, text, _pronoun_starts(text, blank_words, lex)):
        after = words_after(text, m.end(), 4)  # the verb and the two words after it decide most
        verb_index = 1 if after and after[0] in lex.adverbs else 0
        if len(after) <= verb_index or not is_subject_verb(after[verb_index], lex):
            continue
        if _fronted_object(after[verb_index + 1:], lex):
            continue
        tokens = _clause_tokens(text, clause_start(text, m.start()), m.start())
        subject = tokens and _named_subject(tokens, lex, names)
        if not subject:
            continue
        name, phrase = subject
        person = len(name) >= 2 and not name[-1].isupper()
        rest = words_after(text, m.end(), 16)[verb_index + 1:]
        if (phrase or not person) and _relative_clause(rest, lex):
            continue  # a proper name takes no relative clause; anything else may
        verb = after[verb_index]
        confidence = 0.5 if verb in lex.copulas else 0.8 if phrase else 0.85 if person else 0.7
        yield Proposal(m.start(), m.end(), "", DOUBLED_SUBJECT.id, confidence,
                       f"'{m.group(1)}' repeats the named subject '{' '.join(name)}' before the verb '{verb}'"
                       + (" (a copula: the subject may be a fronted complement)" if verb in lex.copulas else ""))


def _pronoun_starts(text: str, blank_words: dict[str, list[int]], lex: Lexicon) -> list[int]:
    """Where `[ \t]+(pronoun)` may match and follow a named subject, in order: after a word
    that may end the name or its phrase, and with no comma in the clause, which leaves
    no room for a named subject."""
    starts = set()
    for word in lex.pronoun_words:
        for i in blank_words.get(word, ()):
            start = blank_run_start(text, i)
            if _may_end_subject(text, start, lex) and not comma_in_clause(text, start):
                starts.add(start)
    return sorted(starts)


def _may_end_subject(text: str, pos: int, lex: Lexicon) -> bool:
    """Whether the word before the blanks at ``pos`` may end a named subject: the name's
    last word is capitalised, and a phrase after it holds no clause word or verb
    (`…said that he`, `…says it`: most pronouns follow one)."""
    word = text[text.rfind(" ", 0, pos) + 1:pos]
    if not word.isalnum() or word[0].isupper():
        return True  # not one whole token (`Johnson,`), or a name's
    return word.lower() not in lex.clause_words and not is_subject_verb(word, lex)


def _fronted_object(rest: list[str], lex: Lexicon) -> bool:
    """The verb lacks its object or complement, which the name before the pronoun is:
    "Theresa May he trusted.", "The Kremlin he described as…", "Churchill he was not."."""
    if not rest or not rest[0][0].isalnum() or rest[0] in lex.object_gap_words:
        return True
    return rest[0] == "not" and (len(rest) == 1 or not rest[1][0].isalnum())


def _relative_clause(rest: list[str], lex: Lexicon) -> bool:
    """Another finite verb follows before the clause ends: the pronoun opens a relative
    clause on the last noun ("with the leaders of the countries he visited said")."""
    previous = ""
    for word in rest:
        if word in lex.country_verbs or (is_past_tense(word) and previous not in ATTRIBUTIVE):
            return True
        if not word[0].isalnum() or word in lex.clause_words or word == "to":
            return False
        previous = word
    return False


# words after which an -ed form is an adjective ("the planned deployment")
ATTRIBUTIVE = frozenset({"the", "a", "an", "its", "his", "her", "their", "our", "this", "these", "those",
                         "of", "for", "with", "about", "very", "more", "most", "newly", "well", "so"})


def _clause_tokens(text: str, start: int, end: int) -> list[str] | None:
    """The words between ``start`` and ``end``; None if there are none, too many for a
    subject, or punctuation, which a subject holds none of."""
    if text.find(",", start, end) >= 0:
        return None  # a comma is a token of its own
    span = text[start:end]
    if span.replace(" ", "").isalnum():
        # words between single spaces: each is one TOKEN (alphanumerics are \p{L} or \p{N})
        words = span.split()
        return None if len(words) > MAX_PHRASE_TOKENS + 8 else words
    tokens = []
    for m in TOKEN.finditer(text, start, end):
        if len(tokens) == MAX_PHRASE_TOKENS + 8 or not m.group()[0].isalnum():
            return None
        tokens.append(m.group())
    return tokens or None


def _named_subject(tokens: list[str], lex: Lexicon, names: MidSentenceNames) -> tuple[list[str], list[str]] | None:
    """The name that opens the clause (after a title) and the prepositional phrase
    after it; None unless the words are [adverb] [title] NAME [phrase]."""
    i = 0
    while i < len(tokens) - 1 and (tokens[i] in lex.sentence_adverbs or tokens[i] in lex.article_words):
        i += 1  # `Meanwhile`, or a source-language article this stage deletes
    end = _title_end(tokens, i, lex)
    name = _final_name(tokens[i:end], lex, names)
    if name is None or not _opens_subject(tokens[i], name, lex, names):
        return None
    phrase = tokens[end:]
    if phrase and (phrase[0] not in lex.prepositions or len(phrase) > MAX_PHRASE_TOKENS
                   or any(t.lower() in lex.clause_words or is_subject_verb(t, lex) for t in phrase)):
        return None
    return name, phrase


def _opens_subject(word: str, name: list[str], lex: Lexicon, names: MidSentenceNames) -> bool:
    """The clause's first word is part of the subject: an article, a role, a nationality,
    an acronym, or a name (a rare word before a surname, or one the document writes as a name)."""
    lower = word.lower()
    if word in lex.temporal or not word[0].isupper() or lower in lex.non_subjects:
        return False
    if word == "The" or lower in lex.roles or NATIONALITY.fullmatch(word) or word.isupper():
        return True
    # a given name is rarer than the words that open clauses ("Thank God he…", "Last week he…")
    return word in names or (zipf(lower) < 5.0 and (len(name) >= 2 or name[-1] in names))


def _title_end(tokens: list[str], i: int, lex: Lexicon) -> int:
    """The end of the title-and-name run that starts at ``i``."""
    j = i + 1
    while j < len(tokens):
        t = tokens[j]
        if t[0].isupper() or t.lower() in lex.roles:
            j += 1
        elif (t in lex.connectors or t in lex.name_particles) and j + 1 < len(tokens) \
                and (tokens[j + 1][0].isupper() or tokens[j + 1] in lex.connectors | lex.name_particles):
            j += 1
        else:
            break
    return j


def _final_name(title: list[str], lex: Lexicon, names: MidSentenceNames) -> list[str] | None:
    """The capitalised run that ends the title, if it names someone: two words that
    are not roles, or one after a role, or one the document writes as a name."""
    if not title or any(t in lex.temporal for t in title):
        return None
    k = len(title)
    while k > 0 and (title[k - 1][0].isupper() or title[k - 1] in lex.name_particles):
        k -= 1
    while k < len(title) and title[k] in lex.name_particles:
        k += 1
    run = title[k:]
    name = [t for t in run if t[0].isupper() and t.lower() not in lex.roles and t.lower() not in lex.connectors]
    if not name or name[-1] != title[-1]:
        return None
    titled = any(t.lower() in lex.roles for t in title)
    if len(name) >= 2 or titled or name[0] in names:
        return run
    return None


# source-language function words ----------------------------------------------------

def source_articles(text: str, lex: Lexicon):
    """`“i American citizens`: an Italian article before a noun."""
    anchors = literal_positions(text, word_literals(lex.article_words, "", text_blanks(text)))
    # the pattern's lookbehind refuses a letter or a digit: most anchors end a word (`Helsinki `)
    anchors = [i for i in anchors if i == 0 or not text[i - 1].isalnum()]
    for m in matches_at(lex.articles, text, anchors):
        nxt = NEXT_WORD.match(text, m.end(1))
        prev = PREVIOUS_WORD.search(text, max(0, m.start() - 40), m.start())
        noun, previous = nxt.group(1), prev.group(1) if prev else ""
        if previous.lower() in ("the", "a", "an") or previous in lex.article_words:
            continue  # `the i newspaper`: a name; `i i`: no noun follows
        if noun[0].isupper():
            if previous[:1].isupper():
                continue  # `Bosna i Hercegovina`: a conjunction between names
            confidence = 0.85
        elif is_plural_noun(noun, lex):
            confidence = 0.7
        else:
            continue
        yield Proposal(m.start(), m.end(), "", SOURCE_ARTICLE.id, confidence,
                       f"'{m.group(1)}' is a source-language article before '{noun}', not English")


def source_conjunctions(text: str, lex: Lexicon, blank_words: dict[str, list[int]]):
    """`Rome e Paris`: a Romance or German conjunction between two words."""
    for m in matches_at(lex.conjunction_re, text, starts_before_words(text, blank_words, lex.conjunction_words)):
        prev = PREVIOUS_WORD.search(text, max(0, m.start() - 40), m.end() - len(m.group().lstrip()))
        nxt = NEXT_WORD.match(text, m.end(1))
        if not prev or not nxt:
            continue
        left, right, conj = prev.group(1), nxt.group(1), m.group(1)
        if not _between_words(left, right, conj, lex):
            continue
        names = left[0].isupper() and right[0].isupper()
        yield Proposal(m.start(1), m.end(1), lex.conjunctions[conj], SOURCE_CONJUNCTION.id, 0.45 if names else 0.8,
                       f"'{conj}' between '{left}' and '{right}' is the source-language 'and'"
                       + (" (or part of a name, as in Costa e Silva)" if names else ""))


def _between_words(left: str, right: str, conj: str, lex: Lexicon) -> bool:
    if len(left) < 2 or len(right) < 2 or not left.isalpha() or not right[0].isalpha():
        return False  # `x e y`, `2 e 3`
    if left.lower() in lex.letter_nouns or right.lower() in lex.letter_heads:
        return False  # `vitamin e`, `the y axis`
    if zipf(conj + right.lower()) >= 1.5:
        return False  # `e bike`: a prefix written apart
    if left[0].isupper() and right[0].isupper():
        return min(zipf(left.lower()), zipf(right.lower())) >= 3.0  # not `Ordem e Progresso`
    return right[0].isupper() or zipf(right.lower()) >= 3.0


def source_particles(text: str, lex: Lexicon, blank_words: dict[str, list[int]]):
    """`the ministry de defence`: a preposition or article of the source language
    between two English words; only a suggestion, the translation is a guess."""
    protected = None
    for m in matches_at(lex.particle_re, text, starts_before_words(text, blank_words, lex.particle_words)):
        if protected is None:
            protected = [p.span() for p in lex.foreign_phrases.finditer(text)]
        if any(s <= m.start(1) < e for s, e in protected):
            continue
        prev = PREVIOUS_WORD.search(text, max(0, m.start() - 40), m.end() - len(m.group().lstrip()))
        nxt = NEXT_WORD.match(text, m.end(1))
        if not prev or not nxt:
            continue
        left, right, word = prev.group(1), nxt.group(1), m.group(1)
        if min(zipf(left.lower()), zipf(right.lower())) < 3.5 or right in lex.particles:
            continue
        yield Proposal(m.start(1), m.end(1), lex.particles[word], SOURCE_PARTICLE.id, 0.45,
                       f"'{word}' between the English words '{left}' and '{right}' looks like an "
                       f"untranslated source-language word")


# the article before a country ---------------------------------------------------------

def country_articles(text: str, lex: Lexicon):
    """`the Russia has invited`: a country that is the subject of a verb takes no article."""
    starts = [m.start() - 1 for m in lex.country_screen.finditer(text, 1)]
    for m in matches_at(lex.countries, text, starts):
        after = words_after(text, m.end(), 3)
        verb_index = 1 if after and after[0] in lex.adverbs else 0
        if len(after) <= verb_index:
            continue
        verb = after[verb_index]
        if not (verb in lex.country_verbs or is_past_tense(verb)):
            continue
        country = m.group(2)
        dated = country in lex.dated_article
        yield Proposal(m.start(1), m.start(2), "", COUNTRY_ARTICLE.id, 0.5 if dated else 0.85,
                       f"'{country}' is the subject of '{verb}' and takes no article"
                       + (" (the article is dated English here)" if dated else ""))


# noun phrases ---------------------------------------------------------------------------

def others_plurals(text: str, lex: Lexicon):
    """`others countries`: `others` is a pronoun; before a noun English uses `other`."""
    for m in matches_at(OTHERS, text, [i - 1 for i in literal_positions(text, ("thers",)) if i > 0]):
        noun = m.group(2)
        if not (noun in lex.capitalised_nouns or is_plural_noun(noun, lex)):
            continue
        start = clause_start(text, m.start())
        if SOME.search(text, start, m.start()):
            continue  # gapping: `some want talks, others sanctions`
        comma = text[:m.start()].rstrip().endswith((",", ";"))
        yield Proposal(m.start(), m.end(1) + 1, m.group(1), OTHERS_PLURAL.id, 0.5 if comma else 0.85,
                       f"'others' before the plural noun '{noun}' is the adjective 'other'")


def noun_phrases(text: str, lex: Lexicon, blank_words: dict[str, list[int]]):
    """`other Countries NATO` → `other NATO countries`; `other Countries` → `other countries`."""
    reordered = []
    for m in _group_noun_acronyms(text, lex, blank_words):
        noun, acronym = m.group(1).split()[0], m.group(2)
        reordered.append(m.start(1))
        yield Proposal(m.start(1), m.end(1), f"{acronym} {noun.lower()}", NOUN_ACRONYM.id, 0.8,
                       f"the acronym {acronym} qualifies '{noun.lower()}' and goes before it in English")
    for m in _capitalised_nouns(text, lex, blank_words):
        if m.start(1) in reordered or in_quotation(text, m.start(1)):
            continue
        nxt = NEXT_WORD.match(text, m.end(1))
        if nxt and nxt.group(1)[0].isupper() and not nxt.group(1).isupper():
            continue  # part of a name: `the Country Music Awards`
        noun = m.group(1)
        written_lower = _written_alone(text, noun.lower())
        confidence = 0.8 if noun.endswith("s") else 0.65 if written_lower else 0.5
        yield Proposal(m.start(1), m.end(1), noun.lower(), CAPITALISED_NOUN.id, confidence,
                       f"'{noun}' is a common noun, capitalised by source-language convention"
                       + (f" (the text also writes '{noun.lower()}')" if written_lower else ""))


def _written_alone(text: str, word: str) -> bool:
    """Whether ``word`` occurs with no letter on either side (`str.isalpha` is \\p{L})."""
    i = text.find(word)
    while i >= 0:
        end = i + len(word)
        if not text[i - 1:i].isalpha() and not text[end:end + 1].isalpha():
            return True
        i = text.find(word, i + 1)
    return False


def _group_noun_acronyms(text: str, lex: Lexicon, blank_words: dict[str, list[int]]):
    """The matches of ``group_noun_acronym``: a determiner, a group noun and an organisation,
    each one word, so the pattern is tried only on the determiner before `countries NATO`."""
    if not lex.single_word_phrases:
        yield from lex.group_noun_acronym.finditer(text)
        return
    starts = []
    for blank in (i for word in lex.organisation_words for i in blank_words.get(word, ())):
        group = word_before(text, blank + 1)
        if group and text[group[0]:group[1]] in lex.group_words:
            starts += _determiner_starts(text, group[0], lex)
    yield from matches_at(lex.group_noun_acronym, text, sorted(set(starts)))


def _capitalised_nouns(text: str, lex: Lexicon, blank_words: dict[str, list[int]]):
    """The matches of ``capitalised_noun_re``, tried only on the word before a capitalised noun."""
    if not lex.single_word_phrases:
        yield from lex.capitalised_noun_re.finditer(text)
        return
    starts = []
    for i in (i for word in lex.capitalised_noun_words for i in blank_words.get(word, ())):
        starts += _determiner_starts(text, i + 1, lex)
    yield from matches_at(lex.capitalised_noun_re, text, sorted(set(starts)))


def _determiner_starts(text: str, pos: int, lex: Lexicon) -> range:
    """Where a one-word determiner before the blanks that end at ``pos`` may start."""
    word = word_before(text, pos)
    if word is None:
        return range(0)
    return range(max(word[0], word[1] - lex.longest_determiner), word[1])


# editor's notes ----------------------------------------------------------------------------

def editor_notes(text: str, lex: Lexicon):
    """`(the NATO countries, ed)` → `(the NATO countries, Ed.)`; `(ndr)` → `(Ed.)`."""
    seen = set()
    brackets = [i for i in literal_positions(text, "([") if _may_close_note(text, i, lex)]
    for m in matches_at(lex.note_re, text, brackets):
        note = m.group(1)
        english = _normal_note(note) in ("ed", "ed.")
        content = text[m.start() + 1:m.start(1)].strip(" ,-–—\t")
        if english:
            if content[:1].isupper() and note.endswith("."):
                continue  # `(John Smith, ed.)`: an editor in a citation
            confidence = 0.9 if content[:1].islower() else 0.65
        else:
            confidence = 0.9
        seen.add(m.start(1))
        yield from _note_proposal(m, note, lex, confidence)
    for m in matches_at(lex.standalone_note_re, text, brackets):
        if m.start(1) not in seen and _normal_note(m.group(1)) not in ("ed", "ed."):
            yield from _note_proposal(m, m.group(1), lex, 0.9)


def _may_close_note(text: str, bracket: int, lex: Lexicon) -> bool:
    """Whether the bracket at ``bracket`` may close on an editor's note: in both patterns the
    note and blanks end the bracket, closed by the first bracket character after it."""
    close = BRACKET.search(text, bracket + 1)
    if close is None or close.group() not in ")]":
        return False
    last = text[bracket + 1:close.start()].rstrip(" \t")[-1:]
    return last.lower() in lex.note_ends or not last.isascii()  # the notes match in any case


def _normal_note(note: str) -> str:
    return SPACES.sub(" ", note.lower())


def _note_proposal(m, note: str, lex: Lexicon, confidence: float):
    english = lex.notes[_normal_note(note)]
    if note != english:
        yield Proposal(m.start(1), m.end(1), english, EDITOR_NOTE.id, confidence,
                       f"editor's note '{note}' is written '{english}' in English")
