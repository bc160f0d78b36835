"""names: foreign transliterations and machine "corrections" of people and places.

The names lexicon gives each person and place its canonical English spelling,
the accepted English variants (left alone) and known artifacts. For names of
Russian, Ukrainian or Belarusian origin ``cleaner.translit`` adds the spellings
of the other conventions (Serghei, Sergueï, Sergej for Sergey). An index built
once maps every word of every name form to (entry, position) at three levels:
the exact word, its transliteration key, its loose key. A screen over the
whitespace-delimited tokens (each judged once) says which may take part in a
match that decides something; one regex finds the runs of capitalised words
around them only, and the document's evidence on a name is gathered when asked.

A person's name is changed only where the full name matches, where the surname
follows a title (General Goulevitch), or where the document names the person in
full elsewhere; a lone first name is never touched. A near miss on one part of
a known name (Anthony Blinken, Olaf Scholes) is a machine "correction" when the
other part is distinctive, when the document also writes the canonical name
(Jack Sullivan beside Jake Sullivan), or when the person's title stands next to it.
Where a foreign spelling may belong (the sentence is about the name, is in
another language or in the past, or the word is part of a longer name such as
Mińsk Mazowiecki), the fix is only suggested.
"""
from __future__ import annotations

import bisect
import itertools
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter
from typing import NamedTuple

import regex

from .. import cache, frequency, lexicon
from ..screen import matches_at
from ..edits import Proposal
from ..frequency import common_zipf
from ..pipeline import Context, Stage
from ..rules import rule
from ..translit import ascii_starts, english_variants, fold, key, keys, loose_key, strip_accents, variants

TRANSLIT = rule("names.transliteration", "A Russian, Ukrainian or Belarusian name in another language's "
                "transliteration (Dmitrij Peskow → Dmitry Peskov, General Goulevitch → General Gulevich)",
                english_only=True)
KNOWN = rule("names.known_artifact", "A spelling of a person's name that the names lexicon lists as an artifact "
             "(Serghei Lavrov → Sergey Lavrov)", english_only=True)
PLACE = rule("names.place", "A place name in an artifact or foreign spelling (Dombas → Donbas, Charkiw → Kharkiv)",
             english_only=True)
NEAR_MISS = rule("names.near_miss", "A machine 'correction' of one part of a known name "
                 "(Anthony Blinken → Antony Blinken, Olaf Scholes → Olaf Scholz)", english_only=True)

lexicon.section("names",
                people=lexicon.records(canonical=(str, True), role=(str, False), origin=(str, False),
                                       accepted=(list, False), artifacts=(list, False), titles=(list, False)),
                places=lexicon.records(canonical=(str, True), kind=(str, False), origin=(str, False),
                                       accepted=(list, False), artifacts=(list, False)))

CYRILLIC = frozenset({"ru", "uk", "be"})
# how a word stands to the word of a name at one position, best first
ACCEPTED, LISTED, GENERATED, LOOSE = range(4)
LEVEL_NAMES = {LISTED: "a listed artifact", GENERATED: "a transliteration variant",
               LOOSE: "a loose transliteration variant"}
TITLES = (
    "President", "Vice President", "Prime Minister", "Premier", "Foreign Minister", "Defence Minister",
    "Defense Minister", "Interior Minister", "Finance Minister", "Minister", "Deputy", "Chancellor",
    "General", "Gen.", "Lieutenant General", "Colonel", "Col.", "Admiral", "Marshal", "Commander",
    "Major", "Captain", "Sergeant", "Mayor", "Governor", "Senator", "Ambassador", "Envoy", "Secretary",
    "Secretary-General", "Secretary General", "Chairman", "Chairwoman", "Speaker", "Director", "Chief",
    "Patriarch", "Metropolitan", "Archbishop", "Pope", "King", "Queen", "Prince", "Princess",
    "spokesman", "spokeswoman", "spokesperson", "adviser", "advisor", "aide", "counterpart", "leader",
    "opposition leader", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.",
)
PARTICLES = "|".join(("von", "van", "der", "den", "de", "da", "di", "del", "della", "du", "dos", "das", "la",
                      "le", "bin", "ben", "ibn", "al", "el"))
NAME_WORD = r"\p{Lu}[\p{L}\p{M}’'-]*"
PARTICLE_WORD = rf"(?:{PARTICLES})-\p{{L}}[\p{{L}}\p{{M}}’'-]*"   # al-Assad
RUN = regex.compile(rf"(?<![\p{{L}}\p{{M}}\d’'-]){NAME_WORD}"
                    rf"(?:[ \u00a0]+(?:(?:{PARTICLES})[ \u00a0]+)*(?:{NAME_WORD}|{PARTICLE_WORD}))*")
TOKEN = regex.compile(r"[^ \u00a0]+")
TITLE_BEFORE = regex.compile(rf"(?i:(?<![\p{{L}}-])(?:{'|'.join(regex.escape(t) for t in TITLES)}))[ \u00a0]+\Z")
CLAUSE_END = regex.compile(r"[.;:!?\n]")
INTRODUCED = regex.compile(r"[’']?s?,[ \u00a0]+(?:a|an|another)[ \u00a0]")
SENTENCE_END = regex.compile(r"[.!?](?=\s)|\n")
SENTENCE_END_BACKWARDS = regex.compile(r"(?r)[.!?](?=\s)|\n")
WORD = regex.compile(r"[\p{L}\p{M}]+")
WORD_BACKWARDS = regex.compile(r"(?r)[\p{L}\p{M}]+")
MENTION = regex.compile(r"\A[”’\"']?,?[ \u00a0]+(?:is|was|being)?[ \u00a0]*(?:the|a|an|its)[ \u00a0]+"
                        r"(?:\w+[ \u00a0]+){0,2}(?:name|spelling|form|transliteration|word|rendering)\b")
MENTION_BEFORE = regex.compile(r"\b(?:spelling|spelt|spelled|written|called|named|word|name|form)"
                               r"[ \u00a0]+[“\"‘']?\Z")
HISTORY = regex.compile(r"\b(?:in|of|from|since|until|by|around|c\.)[ \u00a0]+(?:[1-9]\d\d|1[0-7]\d\d)"
                        r"(?=[ \u00a0]*(?:[,.;:)]|AD\b|BC\b|CE\b|BCE\b|\Z))"
                        r"|\b(?:1[0-8]|[1-9])(?:st|nd|rd|th)[ \u00a0-]century\b|\b(?:Byzantine|medieval|ancient|Tsarist)\b")
HISTORY_HINT = re.compile(r"[1-9]|Byzantine|medieval|ancient|Tsarist")  # what every match of HISTORY holds
FACILITIES = ("street", "avenue", "boulevard", "square", "station", "metro", "bridge", "airport", "road",
              "gate", "park", "stadium", "hotel", "church", "cathedral", "monastery", "market", "prison")
SPACE_CHARS = (" ", "\u00a0")  # what parts the words of a run
NAME_BEFORE = regex.compile(rf"{NAME_WORD}[ \u00a0]+\Z")
LONGER_BEFORE = regex.compile(rf"(?:({NAME_WORD})|\b({PARTICLES}))[ \u00a0]+\Z")
LONGER_AFTER = regex.compile(rf"[ \u00a0]+(?:({NAME_WORD})|({'|'.join(FACILITIES)})\b)")
DESIGNATORS = frozenset({"oblast", "raion", "krai", "okrug", "governorate", "voivodeship"})
SOURCE_LANGUAGES = ("de", "fr", "es", "it", "pt")
FOREIGN_MARGIN = 2.5   # zipf by which a source language must outdo English
NEIGHBOURS = 2         # words each side that show a foreign-language passage
SENTENCE_REACH = 300   # characters each side searched for the sentence around a name

COMMON_WORD = 3.5      # zipf from which a word is ordinary English (Victor 4.2, Sullivan 3.9)
DISTINCTIVE = 3.5      # a name part rarer than this identifies its person (Blinken 1.7, Macron 3.0, Olaf 3.1)
RARE = 2.5             # a lone word rarer than this is no English word
MIN_LONE = 5           # a lone place word shorter than this needs a listed spelling
MIN_NEAR = 4           # shortest word a near miss may change
WORD_START = 4         # letters of a word's start by which the index screens it (Index.starts)
NEAR_START = 3         # letters of a near-miss form's start by which _deletions screens it
NEAR_EDITS = 2         # most edits (OSA distance) between a near miss and its name word
CONFIDENCE = {  # (match, level) → confidence
    ("full", LISTED): 0.9, ("full", GENERATED): 0.8, ("full", LOOSE): 0.5, ("full", "mixed_loose"): 0.7,
    ("full", "common_word"): 0.5,
    ("lone", LISTED): 0.9, ("lone", GENERATED): 0.75, ("lone", "weak"): 0.45,
    ("own_title", LISTED): 0.9, ("own_title", GENERATED): 0.75,
    ("title", LISTED): 0.85, ("title", GENERATED): 0.7, ("document", LISTED): 0.8, ("document", GENERATED): 0.7,
    ("surname", "weak"): 0.4, ("english", "own_title"): 0.65, ("english", "weak"): 0.4,
    ("near", "first"): 0.8, ("near", "other"): 0.7, ("near", "document"): 0.8, ("near", "title"): 0.75,
    ("near", "weak"): 0.35, "ambiguous": 0.4, "doubt": 0.4,
}


# the index ----------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Entry:
    canonical: str
    words: tuple[str, ...]
    person: bool
    cyrillic: bool
    titles: tuple[str, ...]             # casefolded, adviser spelt advisor
    forms: tuple[tuple[str, ...], ...]  # the canonical words, then each accepted form of the same length
    names: tuple[str, ...]              # the canonical name and every accepted form


# slots: an index loaded from the cache (cleaner.cache) is laid out as a built one, its attributes as quick
@dataclass(frozen=True, eq=False, slots=True)  # hashed by identity: word verdicts are cached per index
class Index:
    entries: tuple[Entry, ...]
    exact: dict[str, dict[tuple[int, int], int]]   # casefolded word → {(entry, position): ACCEPTED or LISTED}
    keyed: dict[str, set[tuple[int, int]]]         # translit.key → positions it spells (GENERATED)
    loose: dict[str, set[tuple[int, int]]]         # translit.loose_key → positions (LOOSE)
    phrases: dict[str, int]                        # a listed artifact that is not word for word → entry
    phrase_pattern: regex.Pattern | None
    phrase_heads: tuple[tuple[str, str], ...] | None  # (the name word a phrase starts with, the phrase);
                                                      # None: some phrase does not start like a name
    head_words: frozenset[str]                     # the name words of phrase_heads
    word_phrases: tuple[str, ...]                  # the phrases that are one name word (a token may start with)
    near_targets: dict[str, dict[str, tuple[tuple[int, int], ...]]]  # a name word's first letter → the rest
                                                                     # less up to 2 letters → (entry, position)
    near_starts: dict[str, frozenset[str]]  # a first letter → the starts (NEAR_START letters) of its forms
    starts: frozenset[str]  # the lowercase starts of the ASCII words without apostrophes that _levels may
                            # relate to a name (WORD_START letters, or the whole word)
    # the screen's verdicts on the tokens of texts seen so far (see _screen)
    screened: set[str] = field(default_factory=set)
    verdicts: dict[str, Verdict] = field(default_factory=dict)  # the tokens that can matter
    # the tokens that may be a near miss, with the shapes of their words that may be one (see
    # _near_shapes), until found not to be one
    near_maybe: dict[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)
    # of those whose near misses are worked out (_near_partners): the (entry, position) of the other
    # words of the names they may be a near miss of a word of
    near_needs: dict[str, frozenset[tuple[int, int]]] = field(default_factory=dict)


def _merged(records: list[dict]) -> list[dict]:
    """One record per canonical name: lists joined, the first value of a field kept."""
    merged: dict[str, dict] = {}
    for rec in records:
        into = merged.setdefault(rec["canonical"], {})
        for name, value in rec.items():
            if isinstance(value, list):
                into[name] = into.get(name, []) + [v for v in value if v not in into.get(name, [])]
            else:
                into.setdefault(name, value)
    return list(merged.values())


def _title_forms(rec: dict) -> tuple[str, ...]:
    """The entry's titles, and the role's head with the words before it dropped one
    by one (United States National Security Advisor → National Security Advisor)."""
    head = regex.split(r"[,;(]| of | to | for | in ", rec.get("role", ""))[0].split()
    tails = [" ".join(head[i:]) for i in range(max(1, len(head) - 1))]
    return tuple(dict.fromkeys(_title_key(t) for t in (*rec.get("titles", []), *tails) if t))


def _title_key(text: str) -> str:
    return text.casefold().replace("adviser", "advisor")


def _aligned(form: str, words: tuple[str, ...], single: bool) -> list[tuple[int, str]]:
    """The words of a name form with the position each stands for: word by word
    when the lengths agree; with ``single``, a lone word where it is most alike."""
    parts = tuple(form.split())
    if len(parts) == len(words):
        return list(enumerate(parts))
    if single and len(parts) == 1:
        best = min(range(len(words)), key=lambda i: edit_distance(loose_key(parts[0]), loose_key(words[i])))
        return [(best, parts[0])]
    return []


def _word_for_word(form: str, words: tuple[str, ...], person: bool) -> bool:
    """Whether an artifact lines up with the canonical name word by word (Serghei
    Lavrov); a place of several words is replaced whole (République tchèque)."""
    return len(form.split()) == len(words) and (person or len(words) == 1) and bool(RUN.fullmatch(form))


def _exact_key(word: str) -> str:
    return word.casefold().replace("’", "'")


def _index(lex: lexicon.Lexicons) -> Index:
    """The index of the lexicons' names (kept in the cache: the transliterations take a while),
    one file for each set of names, so that runs with and without a user lexicon take turns."""
    names = {section: lex.get("names", section, []) for section in ("people", "places")}
    return cache.stored(f"names-index-{cache.digest(names)}", (), lambda: _build(lex))


def _build(lex: lexicon.Lexicons) -> Index:
    entries: list[Entry] = []
    exact: dict[str, dict[tuple[int, int], int]] = defaultdict(dict)
    keyed: dict[str, set[tuple[int, int]]] = defaultdict(set)
    loose: dict[str, set[tuple[int, int]]] = defaultdict(set)
    phrases: dict[str, int] = {}
    for section, person in (("people", True), ("places", False)):
        for rec in _merged(lex.get("names", section, [])):
            eid = len(entries)
            words = tuple(rec["canonical"].split())
            accepted = [rec["canonical"], strip_accents(rec["canonical"]), *rec.get("accepted", [])]
            cyrillic = rec.get("origin") in CYRILLIC
            forms = tuple(dict.fromkeys(tuple(f.split()) for f in accepted if len(f.split()) == len(words)))
            entries.append(Entry(rec["canonical"], words, person, cyrillic,
                                 _title_forms(rec) if person else (), forms, tuple(dict.fromkeys(accepted))))
            sources: dict[int, set[str]] = defaultdict(set)
            for form in accepted:
                for pos, word in _aligned(form, words, single=person):
                    exact[_exact_key(word)][(eid, pos)] = ACCEPTED
                    sources[pos].add(word)
            for form in rec.get("artifacts", []):  # a listed artifact wins over a generated English spelling
                if not _word_for_word(form, words, person):
                    phrases.setdefault(form, eid)
                    continue
                for pos, word in _aligned(form, words, single=False):
                    exact[_exact_key(word)].setdefault((eid, pos), LISTED)
                    keyed[key(word)].add((eid, pos))
            if cyrillic:
                _add_transliterations(eid, sources, exact, keyed, loose)
    heads = _phrase_heads(phrases)
    near_targets = _near_targets(entries)
    starts = frozenset(word[:WORD_START] for word in exact) | ascii_starts(keyed, loose, WORD_START)
    return Index(tuple(entries), dict(exact), dict(keyed), dict(loose), phrases, _phrase_pattern(phrases),
                 heads, frozenset(h for h, _ in heads or ()), tuple(p for h, p in heads or () if h == p),
                 near_targets, {first: frozenset(form[:NEAR_START] for form in forms)
                                for first, forms in near_targets.items()}, starts)


def _add_transliterations(eid: int, sources: dict[int, set[str]], exact, keyed, loose) -> None:
    """Index the spellings of a Cyrillic name: English ones as accepted, all of
    them under their keys (a spelling that differs from an English one only in
    accents, j/y, w/v or z/s is a transliteration artifact)."""
    for pos, source_words in sources.items():
        for word in source_words:
            for spelling in english_variants(word):
                exact[_exact_key(spelling)].setdefault((eid, pos), ACCEPTED)
            for spelling in variants(word) | english_variants(word) | {word}:
                keyed[key(spelling)].add((eid, pos))
                loose[loose_key(spelling)].add((eid, pos))


def _phrase_pattern(phrases: dict[str, int]) -> regex.Pattern | None:
    if not phrases:
        return None
    alternatives = "|".join(regex.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return regex.compile(rf"(?<![\p{{L}}\p{{M}}\d’'-])(?:{alternatives})(?![\p{{L}}\p{{M}}\d]|[’'-]\p{{L}})")


def _phrase_heads(phrases: dict[str, int]) -> tuple[tuple[str, str], ...] | None:
    heads = [(regex.match(NAME_WORD, p), p) for p in phrases]
    return tuple((h.group(), p) for h, p in heads) if all(h for h, _ in heads) else None


def _near_targets(entries: list[Entry]) -> dict[str, dict[str, tuple[tuple[int, int], ...]]]:
    """The words of longer names by their first letter, then under every form of
    the rest with up to NEAR_EDITS letters deleted (casefolded). A near miss
    keeps the first letter, and with equal first letters two words are as far
    apart as their rests; a rest within NEAR_EDITS edits of a name word's rest
    shares one such form with it (an edit deletes at most one letter on each side)."""
    targets = defaultdict(lambda: defaultdict(list))
    for eid, entry in enumerate(entries):
        if len(entry.words) > 1:
            for pos, word in enumerate(entry.words):
                for form in _deletions(word[1:].casefold()):
                    targets[word[0].casefold()][form].append((eid, pos))
    return {first: {form: tuple(found) for form, found in forms.items()} for first, forms in targets.items()}


def _deletions(word: str, starts: frozenset[str] | None = None) -> set[str]:
    """The word with up to NEAR_EDITS (2) letters deleted; with ``starts``, less
    forms that cannot start like one of them (NEAR_START letters). A second deletion
    after the start keeps the start of the form it is made from: unless that is
    one of ``starts``, only a second deletion inside the start is made."""
    singles = [word[:i] + word[i + 1:] for i in range(len(word))]
    return {word, *singles, *[single[:j] + single[j + 1:] for i, single in enumerate(singles)
                              # the second deletion after the first
                              for j in range(i, len(single) if starts is None or single[:NEAR_START] in starts
                                             else min(NEAR_START, len(single)))]}


def _near_candidates(stem: str, index: Index) -> list[tuple[int, int]]:
    """The (entry, position) of name words the stem may be a near miss of, in order."""
    first = stem[0].casefold()
    targets = index.near_targets.get(first)
    if not targets:
        return []
    forms = _deletions(stem[1:].casefold(), index.near_starts[first])
    return sorted({target for form in targets.keys() & forms for target in targets[form]})


# word evidence --------------------------------------------------------------------

def zipf(word: str) -> float:
    return frequency.zipf(word.casefold())


def edit_distance(a: str, b: str, limit: int | None = None) -> int:
    """Optimal string alignment distance (a transposition counts one); with a
    ``limit``, ``limit + 1`` where the distance exceeds it."""
    if limit is None:
        limit = len(a) + len(b)
    elif abs(len(a) - len(b)) > limit:
        return limit + 1
    a, b = _without_common_ends(a, b)
    # cells further than `limit` off the diagonal exceed the limit: they stay at limit + 1
    over = limit + 1
    prev2, prev = [], [min(j, over) for j in range(len(b) + 1)]
    for i, ca in enumerate(a, 1):
        row = [min(i, over)] + [over] * len(b)
        for j in range(max(1, i - limit), min(len(b), i + limit) + 1):
            cb = b[j - 1]
            cost = min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, prev2[j - 2] + 1)
            row[j] = min(cost, over)
        if min(row) == over and min(prev) == over:  # a cell draws on the two rows above it
            return over
        prev2, prev = prev, row
    return prev[-1]


def _without_common_ends(a: str, b: str) -> tuple[str, str]:
    """The strings without the start and the end they share, which change no distance."""
    start, shorter = 0, min(len(a), len(b))
    while start < shorter and a[start] == b[start]:
        start += 1
    end = 0
    while end < shorter - start and a[-1 - end] == b[-1 - end]:
        end += 1
    return a[start:len(a) - end], b[start:len(b) - end]


# matching -------------------------------------------------------------------------

class Word(NamedTuple):  # tuples: made by the hundred, cheaper than frozen dataclasses
    start: int
    end: int
    text: str  # without a possessive ending


class Run(NamedTuple):
    """A run of capitalised words that holds a word of some name form."""
    words: list[Word]
    levels: list[dict[tuple[int, int], int]]  # per word: how it stands to the words of the names


class Match(NamedTuple):
    entry: int
    words: tuple[Word, ...]
    levels: tuple[int | None, ...]  # per word; None: no relation (a near miss)
    kind: str                       # "full", "near", "surname" or "phrase"

    @property
    def span(self) -> tuple[int, int]:
        return self.words[0].start, self.words[-1].end


@dataclass(frozen=True)
class Decision:
    match: Match
    confidence: float
    rule: str
    evidence: str


def _scan(text: str, index: Index, windows, runs: dict[int, Run], phrase_starts: set[int]) -> None:
    """Add the runs of capitalised words inside ``windows`` (stretches no run
    crosses) that hold a word of some name form to ``runs``, by start, and the
    positions of their words where a listed phrase may start to ``phrase_starts``."""
    for lo, hi in windows:
        for run in RUN.finditer(text, lo, hi):
            if run.start() in runs:
                continue
            tokens = run.group()
            if " " not in tokens and "\u00a0" not in tokens:  # most runs are one word
                stem, levels, phrases = _token(tokens, index)
                if phrases:
                    phrase_starts.add(run.start())
                if levels:
                    runs[run.start()] = Run([Word(run.start(), run.start() + len(stem), stem)], [levels])
                continue
            words, run_levels = [], []
            for tok in TOKEN.finditer(tokens):
                stem, levels, phrases = _token(tok.group(), index)
                start = run.start() + tok.start()
                if phrases:
                    phrase_starts.add(start)
                words.append(Word(start, start + len(stem), stem))
                run_levels.append(levels)
            if any(run_levels):
                runs[run.start()] = Run(words, run_levels)


Judged = tuple[str, dict[tuple[int, int], int], tuple[str, ...]]  # a word's stem, levels and phrases (_token)


@lru_cache(maxsize=65536)
def _token(token: str, index: Index) -> Judged:
    """A word of a run without its possessive ending, how it stands to the words
    of the names (empty: to none), and the listed phrases that may start with it."""
    stem = _without_possessive(token)
    # a phrase's first name word is the word of the run, or the whole phrase is a prefix of it
    phrases = ()
    if _may_start_a_phrase(token, index):
        phrases = tuple(p for h, p in index.phrase_heads if token == h or h == p and token.startswith(p))
    return stem, _levels(stem, index), phrases


def _unlike_any_name(word: str, index: Index) -> bool:
    """Whether ``_token`` would find nothing for the word, told without looking it up:
    a word of letters (its own stem) that starts unlike any name word and no phrase."""
    return word.isalpha() and not _may_start_a_name(word, index) and not _may_start_a_phrase(word, index)


def _may_start_a_name(word: str, index: Index) -> bool:
    """False for an ASCII word without apostrophes whose first letters start no word that
    _levels relates to a name (translit.ascii_starts): most words."""
    return not word.isascii() or "'" in word or word[:WORD_START].lower() in index.starts


def _may_start_a_phrase(token: str, index: Index) -> bool:
    """Whether a listed phrase may start with the token: its first name word is the
    token, or the whole phrase is a prefix of it."""
    return token in index.head_words or token.startswith(index.word_phrases)


def _without_possessive(word: str) -> str:
    """The word without a possessive ending ('s, ’s, ', ’) or a final hyphen."""
    if word.endswith(("'s", "’s")):
        return word[:-2]
    return word[:-1] if word.endswith(("'", "’", "-")) else word


def _phrases(text: str, index: Index, starts: list[int]) -> list[Match]:
    """The listed phrases, leftmost first as ``finditer`` finds them. A phrase starts
    like a name, so it can only start where a word of a run does (``starts``)."""
    if not index.phrase_pattern:
        return []
    if index.phrase_heads is None:
        found = index.phrase_pattern.finditer(text)
    else:
        found = matches_at(index.phrase_pattern, text, starts)
    return [Match(index.phrases[m.group()], (Word(m.start(), m.end(), m.group()),), (LISTED,), "phrase")
            for m in found]


def _levels(word: str, index: Index) -> dict[tuple[int, int], int]:
    if not _may_start_a_name(word, index):
        return {}
    merged, loose = keys(word)
    loose_found, keyed, exact = index.loose.get(loose), index.keyed.get(merged), index.exact.get(_exact_key(word))
    if not (loose_found or keyed or exact):  # most words
        return {}
    found = dict.fromkeys(loose_found or (), LOOSE)
    found.update((pos, GENERATED) for pos in keyed or ())
    found.update(exact or {})
    return found


def _matches(words: list[Word], levels: list[dict[tuple[int, int], int]], index: Index):
    """Every way a run of capitalised words may name a lexicon entry; near misses
    only where the word may be one (the others could decide nothing)."""
    windows = {(eid, i - pos) for i, found in enumerate(levels) for eid, pos in found}
    for eid, first in windows:
        size = len(index.entries[eid].words)
        if first < 0 or first + size > len(words):
            continue
        got = tuple(levels[first + p].get((eid, p)) for p in range(size))
        window = tuple(words[first:first + size])
        missing = got.count(None)
        if not missing:
            yield Match(eid, window, got, "full")
        elif missing == 1 and size > 1 and all(g in (None, ACCEPTED) for g in got):
            pos = got.index(None)
            if _near_distance(window[pos].text, index.entries[eid].words[pos], pos == size - 1) is not None:
                yield Match(eid, window, got, "near")
    for i, found in enumerate(levels):
        for (eid, pos), level in found.items():
            entry = index.entries[eid]
            if level != ACCEPTED and entry.person and pos == len(entry.words) - 1 > 0:
                yield Match(eid, (words[i],), (level,), "surname")


# decisions ------------------------------------------------------------------------

class Document:
    """The text, its runs of capitalised words that hold a word of some name form,
    and what they say about an entry. Without a screen every run is found at once;
    with one, first the runs around the tokens that may decide something, then,
    once an entry is asked about, those around the tokens that can spell it (only
    names of several words are asked about: no other evidence can change a decision)."""

    def __init__(self, text: str, index: Index, screen: Screen | None):
        self.text, self.index, self.screen = text, index, screen
        self.runs: dict[int, Run] = {}
        self.phrase_starts: set[int] = set()
        self._scanned: set[tuple[int, int]] = set()
        self._matches: dict[int, list[Match]] = {}
        self._evidence: dict[int, tuple[bool, bool]] = {}
        self.scan([(0, len(text))] if screen is None else _windows(text, screen.deciders))

    def scan(self, windows) -> None:
        """Find the runs inside stretches of the text that no run crosses."""
        windows = set(windows) - self._scanned
        self._scanned |= windows
        _scan(self.text, self.index, sorted(windows), self.runs, self.phrase_starts)

    def matches(self, start: int) -> list[Match]:
        """The matches of the run at ``start``."""
        found = self._matches.get(start)
        if found is None:
            found = self._matches[start] = list(_matches(*self.runs[start], self.index))
        return found

    def present(self, eid: int) -> bool:
        """Whether the document names the entry in full, in an accepted spelling."""
        return self._evidence_on(eid)[0]

    def established(self, eid: int) -> bool:
        """Whether the document names the entry in full in any spelling, or by surname after a title."""
        return self._evidence_on(eid)[1]

    def _evidence_on(self, eid: int) -> tuple[bool, bool]:
        evidence = self._evidence.get(eid)
        if evidence is None:
            if self.screen is not None:
                self.scan(_windows(self.text, [t for t, v in self.screen.hits.items() if eid in v.names]))
            present = established = False
            for start in self.runs:
                for m in self.matches(start):
                    if m.entry == eid and m.kind == "full":
                        present = present or set(m.levels) == {ACCEPTED}
                        established = established or len(m.words) > 1
                    elif m.entry == eid and m.kind == "surname":
                        established = established or _after_title(self.text, m.span[0])
            evidence = self._evidence[eid] = (present, established)
        return evidence


def _decide(m: Match, index: Index, doc: Document) -> Decision | None:
    entry = index.entries[m.entry]
    if m.kind == "phrase":
        decision = Decision(m, CONFIDENCE[("full", LISTED)], KNOWN.id if entry.person else PLACE.id,
                            LEVEL_NAMES[LISTED])
    elif m.kind == "full":
        decision = _full(m, entry, doc)
    elif m.kind == "near":
        decision = _near(m, entry, doc)
    else:
        decision = _surname(m, entry, doc)
    doubt = decision and _doubt(m, entry, doc)
    if doubt and decision.confidence > CONFIDENCE["doubt"]:
        return Decision(m, CONFIDENCE["doubt"], decision.rule, f"{decision.evidence}; but {doubt}")
    return decision


def _full(m: Match, entry: Entry, doc: Document) -> Decision | None:
    changed = [(w.text, lv) for w, lv in zip(m.words, m.levels) if lv != ACCEPTED]
    if not changed:
        return None
    worst = max(lv for _, lv in changed)
    rule_id = PLACE.id if not entry.person else KNOWN.id if worst == LISTED else TRANSLIT.id
    if not entry.person or len(entry.words) == 1:
        lone = worst == LISTED or (worst == GENERATED and all(_rare(w) for w, _ in changed))
        return Decision(m, CONFIDENCE[("lone", worst if lone else "weak")], rule_id, LEVEL_NAMES[worst])
    evidence = f"{LEVEL_NAMES[worst]}, full name"
    if worst == LOOSE and min(lv for _, lv in changed) < LOOSE:
        confidence = CONFIDENCE[("full", "mixed_loose")]
    else:
        confidence = CONFIDENCE[("full", worst)]
    if all(zipf(w) >= COMMON_WORD for w, _ in changed):
        kept = [w.text for w, lv in zip(m.words, m.levels) if lv == ACCEPTED]
        if all(zipf(w) >= DISTINCTIVE for w in kept):  # reads as someone else's name: Jack Sullivan
            how, why = _person_evidence(m, entry, doc) or ("weak", "an ordinary English name")
            return Decision(m, CONFIDENCE[("near", how)], rule_id, f"{evidence}; {why}")
        if worst != LISTED:  # Victor for Viktor: an English spelling of the first name
            confidence = CONFIDENCE[("full", "common_word")]
    return Decision(m, confidence, rule_id, evidence)


def _rare(word: str) -> bool:
    return len(word) >= MIN_LONE and zipf(word) < RARE


def _person_evidence(m: Match, entry: Entry, doc: Document, surname_kept: bool = True) -> tuple[str, str] | None:
    """What says that a name in ordinary English words is this person: the
    person's canonical name elsewhere in the document (when the surnames agree),
    or the person's title next to it; none where the text introduces someone
    new (Jack Sullivan, a plumber from Ohio)."""
    start, end = m.span
    if INTRODUCED.match(doc.text, end):
        return None
    if surname_kept and doc.present(m.entry):
        return "document", f"the document also writes {entry.canonical}"
    before = _clause_before(doc.text[max(0, start - 80):start])
    after = _clause_after(doc.text[end:end + 80])
    if any(t in before or t in after for t in entry.titles):
        return "title", f"next to the title of {entry.canonical}"
    return None


def _surname(m: Match, entry: Entry, doc: Document) -> Decision | None:
    """A surname alone: changed after a title, or where the document names the
    person in full; a surname that is also an English word needs the person's own title."""
    word, level = m.words[0], m.levels[0]
    if not _changeable_surname(word.text, level):
        return None
    rule_id = KNOWN.id if level == LISTED else TRANSLIT.id
    before = doc.text[max(0, word.start - 60):word.start]
    english = zipf(word.text) >= RARE
    if _after_title(doc.text, word.start):
        clause = _clause_before(before)
        own = any(clause == t or clause.endswith(" " + t) for t in entry.titles)
        where = ("own_title", level) if own else ("title", level)
        confidence = CONFIDENCE[where] if not english else CONFIDENCE[("english", "own_title" if own else "weak")]
        return Decision(m, confidence, rule_id, f"{LEVEL_NAMES[level]}, surname after a title")
    if before.endswith(SPACE_CHARS) and NAME_BEFORE.search(before):
        return None  # after another capitalised word: perhaps someone else's first name
    if not english and doc.established(m.entry):
        return Decision(m, CONFIDENCE[("document", level)], rule_id,
                        f"{LEVEL_NAMES[level]}, surname of {entry.canonical}, named in full in the document")
    if _rare(word.text):
        return Decision(m, CONFIDENCE[("surname", "weak")], rule_id, f"{LEVEL_NAMES[level]}, surname alone")
    return None


def _changeable_surname(word: str, level: int) -> bool:
    return zipf(word) < COMMON_WORD and level != LOOSE


def _after_title(text: str, start: int) -> bool:
    # a title is parted from the name by spaces
    return text.endswith(SPACE_CHARS, 0, start) and bool(TITLE_BEFORE.search(text, max(0, start - 40), start))


def _clause_before(before: str) -> str:
    return _title_key(" ".join(CLAUSE_END.split(before)[-1].split()))


def _clause_after(after: str) -> str:
    clause = CLAUSE_END.split(after)[0]
    return _title_key(" ".join(clause.split())) if clause.lstrip().startswith(",") else ""


def _near(m: Match, entry: Entry, doc: Document) -> Decision | None:
    pos = m.levels.index(None)
    word, target = m.words[pos].text, entry.words[pos]
    surname = pos == len(m.words) - 1
    distance = _near_distance(word, target, surname)
    if distance is None:
        return None
    close = distance <= max(1, len(target) // 3)
    others = [w.text for i, w in enumerate(m.words) if i != pos]
    if close and all(zipf(o) < DISTINCTIVE for o in others):
        how, why = ("first" if pos == 0 else "other"), f"{' '.join(others)} is distinctive"
    else:
        evidence = _person_evidence(m, entry, doc, surname_kept=not surname)
        how, why = evidence or (("weak", "a common name") if close else (None, ""))
        if how is None:
            return None
    return Decision(m, CONFIDENCE[("near", how)], NEAR_MISS.id, f"a near miss of {target}; {why}")


@lru_cache(maxsize=65536)
def _near_distance(word: str, target: str, surname: bool) -> int | None:
    """How far a word is from the name word it may be a machine "correction" of;
    None where it cannot be one."""
    if len(word) < MIN_NEAR or not word.isalpha() or word[0].casefold() != target[0].casefold() \
            or fold(word) == fold(target):
        return None
    if surname and not zipf(target) < zipf(word) >= RARE:
        return None  # a surname is "corrected" only into a more common English word (Scholz → Scholes)
    distance = edit_distance(word.casefold(), target.casefold(), NEAR_EDITS)
    return distance if distance <= NEAR_EDITS else None


# where a foreign spelling belongs -------------------------------------------------

def _doubt(m: Match, entry: Entry, doc: Document) -> str | None:
    """Why the spelling may be right where it stands: the sentence is about the
    name itself, is in another language or in the past, or the word is part of
    a longer name (Mińsk Mazowiecki, Boulevard de Sébastopol, the Crimée metro)."""
    start, end = m.span
    lo, hi = max(0, start - SENTENCE_REACH), min(len(doc.text), end + SENTENCE_REACH)
    found = SENTENCE_END_BACKWARDS.search(doc.text, lo, start)
    sentence_start = found.end() if found else lo
    found = SENTENCE_END.search(doc.text, end, hi)
    sentence_end = found.start() if found else hi
    around = doc.text[sentence_start:start] + " … " + doc.text[end:sentence_end]
    if any(name in around and _standalone(name).search(around) for name in entry.names):
        return f"the sentence also writes {entry.canonical}: the spelling itself may be the topic"
    if MENTION.search(doc.text[end:end + 60]) or MENTION_BEFORE.search(doc.text[max(0, start - 40):start]):
        return "the spelling itself is the topic"
    if any(_foreign(w) for w in _neighbours(doc.text, sentence_start, start, end, sentence_end)):
        return "the words around it are not English"
    if HISTORY_HINT.search(around) and HISTORY.search(around):
        return "the sentence is about the past, when other spellings held"
    if len(entry.words) == 1 and _inside_longer_name(doc.text, start, end):
        return "the word is part of a longer name"
    return None


@lru_cache(maxsize=4096)
def _standalone(name: str) -> regex.Pattern:
    """The name, not inside a longer word."""
    return regex.compile(rf"(?<!\w){regex.escape(name)}(?!\w)")


def _neighbours(text: str, lo: int, start: int, end: int, hi: int) -> list[str]:
    before = [m.group() for m in itertools.islice(WORD_BACKWARDS.finditer(text, lo, start), NEIGHBOURS)]
    return before[::-1] + [m.group() for m in itertools.islice(WORD.finditer(text, end, hi), NEIGHBOURS)]


@lru_cache(maxsize=65536)
def _foreign(word: str) -> bool:
    """A lowercase word far more frequent in a source language than in English (aus, und, della)."""
    if not word.islower() or len(word) < 2:
        return False
    return max(common_zipf(word, lang, FOREIGN_MARGIN) for lang in SOURCE_LANGUAGES) - zipf(word) >= FOREIGN_MARGIN


def _inside_longer_name(text: str, start: int, end: int) -> bool:
    before = text.endswith(SPACE_CHARS, 0, start) and LONGER_BEFORE.search(text[max(0, start - 40):start])
    after = text.startswith(SPACE_CHARS, end) and LONGER_AFTER.match(text[end:end + 40])
    return bool(before and (before.group(2) or _unknown_name(before.group(1)))
                or after and (after.group(2) or _unknown_name(after.group(1))))


def _unknown_name(word: str | None) -> bool:
    """A capitalised word that is neither ordinary English nor a region designator (Oblast)."""
    word = _without_possessive(word or "")
    return bool(word) and zipf(word) < COMMON_WORD and word.casefold() not in DESIGNATORS


# the screen -------------------------------------------------------------------------

MAX_SCREENED = 1 << 17  # tokens whose verdict is remembered
# the words of runs a whitespace-delimited token can hold: name words, a particle word, a particle
TOKEN_WORD = regex.compile(rf"(?<![\p{{L}}\p{{M}}\d’'-]){NAME_WORD}|\A{PARTICLE_WORD}|\A(?:{PARTICLES})\Z")
PARTICLE_SET = frozenset(PARTICLES.split("|"))
PARTICLE_HYPHENS = tuple(p + "-" for p in PARTICLE_SET)
# characters around a word that TOKEN_WORD leaves out, and that let a word after them match
PUNCTUATION = ".,;:!?()[]{}\"“”‘«»…"
# below this character str.islower sees every capital (\p{Lu}) that ``regex`` sees (whose Unicode
# tables may be newer than Python's): the BMP's first capital it misses
LOWER_SEEN = min((ord(c) for c in regex.findall(r"\p{Lu}", "".join(map(chr, range(0xD800))))
                  if ("a" + c).islower()), default=0xD800)


class Partner(NamedTuple):
    """A longer name a word may make a deciding match with: a spelling the name
    does not accept, with the other words in any spelling beside it, or a near
    miss, with the other words in accepted spellings beside it."""
    eid: int
    pos: int
    size: int
    others: frozenset[tuple[int, int]]  # (entry, position) of the other words
    near: bool


@dataclass(frozen=True)
class Verdict:
    """What the words of a token can take part in: a decision of their own (a
    lone name or a surname in a spelling some name does not accept), a listed
    phrase, or a match with the other words of a longer name (near misses are
    judged only where a text writes such a name: see _near_misses)."""
    alone: bool
    phrases: frozenset[str]               # listed phrases that may start with a word
    spelled: frozenset[tuple[int, int]]   # (entry, position) of longer names a word spells, in any spelling
    accepted: frozenset[tuple[int, int]]  # ... in an accepted spelling
    partners: tuple[Partner, ...]
    names: frozenset[int]                 # the entries of ``spelled``
    shapes: frozenset[tuple[str, int]]    # of the words of the entries of ``accepted`` (see _shape)


NO_VERDICT = Verdict(False, frozenset(), frozenset(), frozenset(), (), frozenset(), frozenset())


class Screen(NamedTuple):
    hits: dict[str, Verdict]  # the tokens of the text that can be part of a name that matters
    deciders: list[str]       # those that may take part in a match that decides something


def _screen(text: str, index: Index) -> Screen | None:
    """Which tokens of the text may take part in a match that decides something;
    None where none may. Every word of a run lies inside one whitespace-delimited
    token, and the words of a run are in consecutive tokens: the verdicts on the
    tokens (each worked out once) show where a match may be."""
    unique = set(text.split())
    if len(index.screened) > MAX_SCREENED:
        index.screened.clear()
        index.verdicts.clear()
        index.near_maybe.clear()
        index.near_needs.clear()
    new = unique.difference(index.screened)
    for token in new:
        words = _token_words(token)
        if not words:
            continue
        if len(words) == 1 and _unlike_any_name(words[0], index):  # most tokens: no verdict, one shape
            if len(words[0]) >= MIN_NEAR:
                index.near_maybe[token] = (_shape(words[0]),)
            continue
        judged = [_token(word, index) for word in words]
        verdict = _verdict(judged, index)
        if verdict:
            index.verdicts[token] = verdict
        shapes = _near_shapes([stem for stem, _, _ in judged])
        if shapes:
            index.near_maybe[token] = shapes
    index.screened.update(new)
    hits = {token: index.verdicts[token] for token in index.verdicts.keys() & unique}  # the smaller one is walked
    deciders, spelled = [], None
    for token, verdict in hits.items():
        if verdict.alone or verdict.phrases and any(p in text for p in verdict.phrases):
            deciders.append(token)
            continue
        for partner in verdict.partners:
            # a longer name needs all its words, side by side: first see that the text has them at all
            if spelled is None:
                spelled = frozenset().union(*map(attrgetter("spelled"), hits.values()))
            if partner.others <= spelled and _side_by_side(text, token, partner, hits):
                deciders.append(token)
                break
    deciders += _near_misses(text, index, hits, unique, deciders)
    return Screen(hits, deciders) if deciders else None


def _near_misses(text: str, index: Index, hits: dict[str, Verdict], unique: set[str],
                 deciders: list[str]) -> list[str]:
    """The other tokens that may be a near miss of a word of a longer name whose
    other words the text writes beside them in accepted spellings. Only the
    tokens shaped like a near miss of a word of such a name are judged (which
    is why verdicts leave near misses out)."""
    candidates = index.near_maybe.keys() & unique
    accepted = frozenset().union(*map(attrgetter("accepted"), hits.values())) if candidates else None
    if not accepted:
        return []
    shapes = None  # a near miss stands for a word of a name that the text writes another word of
    found = []
    for token in candidates:
        if token in deciders:
            continue
        needs, partners = index.near_needs.get(token), None
        if needs is None:  # the token's near misses are not worked out yet: first see that its shape fits
            if shapes is None:
                shapes = _near_miss_shapes(frozenset().union(*map(attrgetter("shapes"), hits.values())))
            if shapes.isdisjoint(index.near_maybe[token]):
                continue
            partners = _near_partners(token, index)
            if not partners:
                del index.near_maybe[token]  # a near miss of no name word
                continue
            needs = index.near_needs[token] = frozenset().union(*map(attrgetter("others"), partners))
        # every partner's other words must be accepted in the text: none of them, no partner
        if needs.isdisjoint(accepted):
            continue
        for partner in partners or _near_partners(token, index):
            if partner.others <= accepted and _side_by_side(text, token, partner, hits):
                found.append(token)
                break
    return found


def _token_words(token: str) -> list[str]:
    """The words of runs the token holds (TOKEN_WORD): none without a capital or a particle."""
    if token.islower() and ord(max(token)) < LOWER_SEEN and token not in PARTICLE_SET \
            and not token.startswith(PARTICLE_HYPHENS):
        return []
    word = token.strip(PUNCTUATION)
    if word.isascii() and word.isalpha() and word[0].isupper():  # most tokens: one capitalised word
        return [word]
    return TOKEN_WORD.findall(token)


def _near_shapes(stems: list[str]) -> tuple[tuple[str, int], ...]:
    """The shapes of the words of a token (its stems) that may be a near miss."""
    return tuple(_shape(stem) for stem in stems if len(stem) >= MIN_NEAR and stem.isalpha())


@lru_cache(maxsize=1024)
def _near_miss_shapes(shapes: frozenset[tuple[str, int]]) -> frozenset[tuple[str, int]]:
    """The shapes of the words that may be a near miss of a word of one of these shapes: a
    near miss keeps the first letter and is within NEAR_EDITS letters of the length."""
    return frozenset((first, size) for first, length in shapes
                     for size in range(length - NEAR_EDITS, length + NEAR_EDITS + 1))


def _shape(word: str) -> tuple[str, int]:
    """The first letter and the length of a word, casefolded (as _near_distance compares them)."""
    return word[0].casefold(), len(word.casefold())


def _side_by_side(text: str, token: str, partner: Partner, hits: dict[str, Verdict]) -> bool:
    """Whether the token stands somewhere as its partner's word among tokens
    that spell the partner's other words (parted by spaces, as the words of a run are)."""
    for start in _occurrences(text, token):
        beside = _tokens_beside(text, (start, start + len(token)), partner.pos, partner.size - 1 - partner.pos)
        if beside is not None:
            verdicts = [hits.get(t, NO_VERDICT) for t in beside]
            if partner.others <= frozenset().union(*(v.accepted if partner.near else v.spelled for v in verdicts)):
                return True
    return False


def _tokens_beside(text: str, span: tuple[int, int], before: int, after: int) -> list[str] | None:
    """The token at ``span`` with ``before`` tokens before it and ``after`` after it,
    parted by spaces only; None where there are not as many."""
    found = [text[span[0]:span[1]]]
    first = last = span
    for _ in range(before):
        if (first := _token_before(text, first[0])) is None:
            return None
        found.append(text[first[0]:first[1]])
    for _ in range(after):
        if (last := _token_after(text, last[1])) is None:
            return None
        found.append(text[last[0]:last[1]])
    return found


def _verdict(judged: list[Judged], index: Index) -> Verdict | None:
    """What the words of a token (as _token judges them) can take part in; None: nothing."""
    if not any(levels or word_phrases for _, levels, word_phrases in judged):
        return None  # most tokens
    alone, phrases, spelled, accepted, partners = False, set(), set(), set(), []
    for stem, levels, word_phrases in judged:
        phrases.update(word_phrases)
        for (eid, pos), level in levels.items():
            entry = index.entries[eid]
            size = len(entry.words)
            if size == 1:
                alone = alone or level != ACCEPTED
                continue
            spelled.add((eid, pos))
            if level == ACCEPTED:
                accepted.add((eid, pos))
            else:
                alone = alone or entry.person and pos == size - 1 and _changeable_surname(stem, level)
                partners.append(Partner(eid, pos, size, _others(eid, pos, size), near=False))
    if alone or phrases or spelled or partners:
        return Verdict(alone, frozenset(phrases), frozenset(spelled), frozenset(accepted), tuple(partners),
                       frozenset(eid for eid, _ in spelled),
                       frozenset(_shape(word) for eid, _ in accepted for word in index.entries[eid].words))
    return None


@lru_cache(maxsize=65536)
def _near_partners(token: str, index: Index) -> tuple[Partner, ...]:
    """The longer names a word of the token may be a near miss of a word of."""
    partners = []
    for word in _token_words(token):
        stem, levels, _ = _token(word, index)
        if len(stem) >= MIN_NEAR:
            for eid, pos in _near_candidates(stem, index):
                words = index.entries[eid].words
                if (eid, pos) not in levels and _near_distance(stem, words[pos], pos == len(words) - 1) is not None:
                    partners.append(Partner(eid, pos, len(words), _others(eid, pos, len(words)), near=True))
    return tuple(partners)


@lru_cache(maxsize=16384)
def _others(eid: int, pos: int, size: int) -> frozenset[tuple[int, int]]:
    return frozenset((eid, other) for other in range(size) if other != pos)


# where runs may be ----------------------------------------------------------------

# a token that a run may enter from the token before, and one that a run may go on from
JOINS_LEFT = regex.compile(rf"\p{{Lu}}|(?:{PARTICLES})(?:[ \u00a0]|-\p{{L}})")
JOINS_RIGHT = regex.compile(rf"(?:\p{{Lu}}[\p{{L}}\p{{M}}’'-]*|\A(?:{PARTICLES})|\A{PARTICLE_WORD})\Z")


def _windows(text: str, tokens) -> set[tuple[int, int]]:
    """The stretches of text that hold every run with a word in one of the tokens."""
    return {_chain(text, (i, i + len(token)), (i, i + len(token))) for token in tokens
            for i in _occurrences(text, token)}


def _occurrences(text: str, token: str) -> list[int]:
    """Where the token stands whole, between whitespace."""
    found, i = [], text.find(token)
    while i >= 0:
        end = i + len(token)
        if (i == 0 or text[i - 1].isspace()) and (end == len(text) or text[end].isspace()):
            found.append(i)
        i = text.find(token, end)  # a token holds no whitespace: none starts inside this one
    return found


def _chain(text: str, first: tuple[int, int], last: tuple[int, int]) -> tuple[int, int]:
    """The tokens from ``first`` to ``last`` (start, end), widened by the tokens a
    run of capitalised words may join them to. No run crosses the edges, so a
    scan of the stretch finds the runs that a scan of the whole text finds there."""
    start = first[0]
    while (before := _token_before(text, start)) and _joins_right(text[before[0]:before[1]]) \
            and JOINS_LEFT.match(text, start):
        start = before[0]
    while (after := _token_after(text, last[1])) and _joins_right(text[last[0]:last[1]]) \
            and JOINS_LEFT.match(text, after[0]):
        last = after
    return start, last[1]


@lru_cache(maxsize=65536)
def _joins_right(token: str) -> bool:
    return bool(JOINS_RIGHT.search(token))


# the whitespace that parts tokens: str.isspace, which ``re``'s \s follows (``regex``'s does not)
WHITESPACE = "".join(ch for ch in map(chr, range(0x3001)) if ch.isspace())  # none lies higher
TOKEN_BEFORE = regex.compile(rf"(?r)([^{regex.escape(WHITESPACE)}]+)[ \u00a0]+")  # matched backwards from its end
TOKEN_AFTER = re.compile(r"[ \u00a0]+(\S+)")


def _token_before(text: str, start: int) -> tuple[int, int] | None:
    """The token before the one at ``start``, where only spaces part them."""
    found = TOKEN_BEFORE.match(text, 0, start)
    return found.span(1) if found else None


def _token_after(text: str, end: int) -> tuple[int, int] | None:
    """The token after the one ending at ``end``, where only spaces part them."""
    found = TOKEN_AFTER.match(text, end)
    return found.span(1) if found else None


def _token_around(text: str, i: int) -> tuple[int, int]:
    """The whitespace-delimited token that holds position ``i``."""
    start, end = i, i + 1
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end


# the stage ------------------------------------------------------------------------

def _priority(m: Match) -> tuple:
    """Whole names before near misses before surnames; longer first; at one span,
    a spelling that some entry accepts, then a listed phrase."""
    start, end = m.span
    return ({"phrase": 0, "full": 0, "near": 1, "surname": 2}[m.kind], start - end, set(m.levels) != {ACCEPTED},
            m.kind != "phrase", start)


class NamesStage(Stage):
    name = "names"
    rules = (TRANSLIT, KNOWN, PLACE, NEAR_MISS)

    def propose(self, text: str, ctx: Context):
        index = ctx.lexicons.compiled("names.index", _index)
        if not index.entries:
            return
        screen = None
        if index.phrase_heads is not None:  # else a phrase may start anywhere: no screen
            screen = _screen(text, index)
            if screen is None:
                return
        doc = Document(text, index, screen)
        phrases = _phrases(text, index, sorted(doc.phrase_starts))
        if screen is not None:  # and the runs a phrase reaches into
            doc.scan(_chain(text, _token_around(text, p.span[0]), _token_around(text, p.span[1] - 1))
                     for p in phrases)
        # a run where nothing may be decided and no phrase reaches decides nothing for the others:
        # its matches count only as the document's evidence
        contested = []
        for start, run in doc.runs.items():
            found = doc.matches(start)
            end = run.words[-1].end
            if any(_may_decide(m) for m in found) or any(p.span[0] < end and start < p.span[1] for p in phrases):
                contested += found
        if not contested and not phrases:
            return
        taken: list[tuple[int, int]] = []  # a full name, even one left alone, holds its words
        chosen: dict[tuple[int, int], list[Decision]] = {}
        for m in sorted(contested + phrases, key=_priority):
            rivals = chosen.get(m.span)
            if rivals and rivals[0].match.kind != m.kind or not rivals and _overlaps(m.span, taken):
                continue
            decision = _decide(m, index, doc)
            if decision:
                chosen.setdefault(m.span, []).append(decision)
            if (decision or m.kind == "full") and not rivals:
                bisect.insort(taken, m.span)
        for decisions in chosen.values():
            yield from _proposals(decisions, index)


def _may_decide(m: Match) -> bool:
    """False for a whole name in an accepted spelling, which only holds its words,
    and for a surname that could not be changed."""
    if m.kind == "surname":
        return _changeable_surname(m.words[0].text, m.levels[0])
    return m.kind != "full" or any(level != ACCEPTED for level in m.levels)


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    """Whether a span overlaps one of ``spans`` (sorted, not overlapping one another)."""
    i = bisect.bisect_left(spans, span)
    return any(s < span[1] and span[0] < e for s, e in spans[max(0, i - 1):i + 1])


def _proposals(decisions: list[Decision], index: Index):
    """The word replacements of the best decision for a span; weaker when
    entries disagree on what the words should be."""
    best = max(decisions, key=lambda d: d.confidence)
    entry = index.entries[best.match.entry]
    replacements = _replacements(best.match, entry)
    confidence = best.confidence
    if len(decisions) > 1 and len({tuple(_replacements(d.match, index.entries[d.match.entry]))
                                   for d in decisions}) > 1:
        confidence = min(confidence, CONFIDENCE["ambiguous"])
    for word, new in replacements:
        yield Proposal(word.start, word.end, new, best.rule, confidence,
                       f"{word.text} → {new}: {best.evidence} ({entry.canonical})")


def _target(m: Match, entry: Entry) -> tuple[str, ...]:
    """The name form to write: the first one (canonical, then accepted) that agrees
    with the words the match keeps, so that Svetlana Tikhanovskaïa becomes
    Svetlana Tikhanovskaya, not half of the canonical Sviatlana Tsikhanouskaya."""
    offset = len(entry.words) - len(m.words)
    kept = [(offset + i, _exact_key(w.text)) for i, (w, lv) in enumerate(zip(m.words, m.levels)) if lv == ACCEPTED]
    for form in entry.forms:
        if all(word in _spellings(form[pos], entry.cyrillic) for pos, word in kept):
            return form
    return entry.words


@lru_cache(maxsize=16384)
def _spellings(word: str, cyrillic: bool) -> frozenset[str]:
    return frozenset(_exact_key(w) for w in (word, *(english_variants(word) if cyrillic else ())))


def _replacements(m: Match, entry: Entry) -> list[tuple[Word, str]]:
    if m.kind == "phrase":
        return [(m.words[0], entry.canonical)]
    target = _target(m, entry)
    offset = len(entry.words) - len(m.words)  # a surname stands for the last word
    out = []
    for i, (word, level) in enumerate(zip(m.words, m.levels)):
        if level != ACCEPTED:
            new = target[offset + i]
            out.append((word, new.upper() if word.text.isupper() and len(word.text) > 1 else new))
    return out
