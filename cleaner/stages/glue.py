"""glue: words fused at a translation-segment boundary
(Blinkenclaimed → Blinken claimed, Ukraineto → Ukraine to, fromCrisis → from Crisis).

Only tokens that wordfreq does not know as a whole are examined. A split needs
evidence on both sides: a known name (names or acronyms lexicon, or a rare word
the document itself uses) or a frequent English word, joined to a word that
reads as the start of the next segment (a function word, a reporting verb).
A token the document repeats, a known name, an unknown proper noun (Nauseda),
a brand (PlayStation), a derivation (Putinism, antitank), code, a URL or an
address stays. A compound of two content words is only suggested.
"""
from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass, field

import regex

from .. import lexicon
from ..edits import Proposal
from ..frequency import ascii_words_at_least, zipf
from ..language import Lowered, lowered
from ..pipeline import Context, Stage
from ..rules import rule

FUSED = rule("glue.fused_words", "Words fused without a space, where the whole is not a word but its parts are "
             "(Ukraineto → Ukraine to, NATOannounced → NATO announced)", english_only=True)

lexicon.section("glue", function_words=lexicon.strings, name_endings=lexicon.strings,
                prefixes=lexicon.strings, suffixes=lexicon.strings)

# word frequencies (wordfreq zipf, English)
ABSENT = 1.0          # below: wordfreq does not know the token (its list stops near 1.0)
ATTESTED = 1.5        # a rare capitalised head that is still a known token (Blinken 1.68)
PLAIN = 3.0           # a word, in another reading of an ambiguous token
AMBIGUITY = 1.0       # another reading this close (summed zipf) makes a split doubtful
FREQUENT = 3.5        # a frequent word
VERY_FREQUENT = 4.0   # needed beside a two-letter function word, and by both words of a compound
COMMON = 4.5          # a surname this common is an English word first (May, Rice, Power)
KNOWN = 5.0           # the strength given to a known name when comparing splits
# confidences
CERTAIN = 0.9         # a known name and a bridge word, or a known name without its spaces
CLEAR = 0.85          # a frequent word and a bridge word
LIKELY = 0.7
DOUBTFUL = 0.5        # a suggestion: a compound, a brand or a name is as likely
WEAK = 0.4
# lengths
MIN_TOKEN = 4
MIN_PART = 2
MIN_CONTENT = 4       # a content word (not a function word) as a part
ONE_LETTER_WORDS = frozenset("aAI")

LETTERS = regex.compile(r"[\p{L}\p{M}]+")
CHUNK_START = regex.compile(r"(?r)\S*")  # searched backwards from a token: where its chunk starts
CHUNK_END = regex.compile(r"\S*")
NOT_PROSE = regex.compile(r"://|www\.|@|`")  # a URL, an address, a handle or code
BEFORE_CODE = frozenset("_@#/\\.'’0123456789")
AFTER_CODE = frozenset("_@/\\(0123456789")
JOINERS = frozenset(".'’-/:")  # code, an address or a compound when a letter or digit follows
LOWER = regex.compile(r"[\p{Ll}\p{M}]+")
TITLE = regex.compile(r"\p{Lu}[\p{Ll}\p{M}]+")
CAMEL = regex.compile(r"([\p{Ll}\p{M}]{2,})(\p{Lu}(?:[\p{Ll}\p{M}]+|\p{Lu}+))")
CAPS_HEAD = regex.compile(r"(\p{Lu}{2,})([\p{Ll}\p{M}]{2,})")


# evidence ------------------------------------------------------------------------

@dataclass(frozen=True)
class Evidence:
    """What the lexicons say, compiled once."""

    name_heads: frozenset[str]      # surnames and place names that prove a name on their own
    known_names: frozenset[str]     # every token of every name form, casefolded: never split
    ascii_names: frozenset[bytes]   # those of ASCII letters, as `lowered_letters` writes them
    joined_names: dict[str, str]    # AntonyBlinken → Antony Blinken, LeDrian → Le Drian
    acronyms: frozenset[str]
    function_words: frozenset[str]
    verbs: frozenset[str]
    name_endings: frozenset[str]
    prefixes: frozenset[str]
    suffixes: frozenset[str]
    # lower-cased words (in cp1252, see `lowered_letters`) found to be no candidate: a
    # verdict on the word and the lexicons alone, kept across documents (bounded)
    plain_words: set[bytes] = field(default_factory=set, compare=False, repr=False)


def _name_forms(entry) -> list[str]:
    if not isinstance(entry, dict):
        return []
    forms = [entry.get("canonical")] + list(entry.get("accepted", [])) + list(entry.get("artifacts", []))
    return [f for f in forms if isinstance(f, str)]


def _name_heads(tokens: list[str], person: bool) -> list[str]:
    """The tokens of a name form that prove a name on their own: a surname that
    is not a common word (Lavrov, not May), a place token that is not an English
    word inside a longer name (Gaza, not Strip)."""
    if person:
        return [t for t in tokens[-1:] if zipf(t) < COMMON]
    return [t for t in tokens if len(tokens) == 1 or zipf(t) < FREQUENT]


def _joined(form: str) -> dict[str, str]:
    """The form, and its tail from each later word on, written without spaces
    (only where spaces are all that separates its words)."""
    starts = [m.start() for m in LETTERS.finditer(form)][:-1]
    spaced = (form[s:] for s in starts)
    return {j: s for s in spaced if " " in s and (j := s.replace(" ", "")) == "".join(LETTERS.findall(s))}


def _compile(lex: lexicon.Lexicons) -> Evidence:
    heads, known, joined = set(), set(), {}
    for key in ("people", "places"):
        for entry in lex.get("names", key, []) or []:
            for form in _name_forms(entry):
                tokens = LETTERS.findall(form)
                known.update(t.casefold() for t in tokens)
                heads.update(t for t in _name_heads(tokens, key == "people") if len(t) >= 3 and t[0].isupper())
                joined.update(_joined(form))
    acronyms = set(lex.get("acronyms", "initialisms", [])) | set(lex.get("acronyms", "word_acronyms", []))
    acronyms |= set(lex.get("acronyms", "foreign", {}).values())
    words = lambda key: frozenset(lex.get("glue", key, []))
    verbs = frozenset(v for v in lex.get("quotes", "speech_verbs", []) if v.isalpha())
    ascii_names = frozenset(name.encode("ascii") for name in known if name.isascii())
    return Evidence(frozenset(heads), frozenset(known), ascii_names, joined, frozenset(a for a in acronyms if a.isalpha()),
                    words("function_words"), verbs, words("name_endings"), words("prefixes"), words("suffixes"))


class Document:
    """What the document itself says about a word: looked up in its text when
    asked, since most documents are never asked."""

    def __init__(self, text: str):
        self.text = text
        self._casefolded: str | None = None
        self._folded: Counter | None = None
        self._tokens_by_prefix: dict[str, set[str]] = {}

    def occurrences(self, word: str):
        """Where ``word`` stands as a whole token."""
        text, i = self.text, self.text.find(word)
        while i >= 0:
            end = i + len(word)
            if not (i and LETTERS.match(text, i - 1, i)) and not LETTERS.match(text, end, end + 1):
                yield i
            i = text.find(word, i + 1)

    def uses(self, word: str) -> bool:
        """Whether the document has ``word``, a run of letters, as a token."""
        # a whole-token run of letters is a maximal run: look among those that
        # share its first two letters (one scan for all the heads of a token)
        prefix = word[:MIN_PART]
        tokens = self._tokens_by_prefix.get(prefix)
        if tokens is None:
            tokens = self._tokens_by_prefix[prefix] = self._tokens_starting(prefix)
        return word in tokens

    def _tokens_starting(self, prefix: str) -> set[str]:
        text, found, i = self.text, set(), self.text.find(prefix)
        while i >= 0:
            if not (i and LETTERS.match(text, i - 1, i)):
                found.add(LETTERS.match(text, i).group())
            i = text.find(prefix, i + 1)
        return found

    def uses_name(self, word: str) -> bool:
        """A rare capitalised word the document writes on its own (Stoltenberg)."""
        return word[0].isupper() and zipf(word) < FREQUENT and self.uses(word)

    def unique(self, token: str) -> bool:
        """Whether ``token``, which the document has, is its only token of that casefold."""
        folded = token.casefold()
        low = lowered(self.text)
        if low.exact and folded.isascii() and "ß" not in self.text:
            # a token is a word of `low.letters`, its lower case, and that is its casefold where it
            # may be ``folded``: of cp1252's letters only ß and µ casefold otherwise (ss, μ)
            return len(low.starts(folded.encode("ascii"))) < 2
        if self._casefolded is None:
            self._casefolded = self.text.casefold()
        # casefolding works letter by letter: every token of that casefold shows in the casefolded text
        if self._casefolded.count(folded) == 1:
            return True
        if len(list(itertools.islice(self.occurrences(token), 2))) == 2:
            return False
        if self._folded is None:
            self._folded = Counter(t.casefold() for t in LETTERS.findall(self.text))
        return self._folded[folded] == 1


@dataclass(frozen=True)
class Split:
    parts: tuple[str, ...]
    confidence: float
    weakest: float     # the weaker part's strength, to choose among splits
    evidence: str


# the stage -----------------------------------------------------------------------

class GlueStage(Stage):
    name = "glue"
    rules = (FUSED,)
    arbitrated = True

    def propose(self, text: str, ctx: Context):
        ev = ctx.lexicons.compiled("glue", _compile)
        unknown = _unknown_tokens(text, ev)
        if not unknown:
            return
        doc = Document(text)
        for token in sorted(unknown):
            if not doc.unique(token):
                continue
            start = next(doc.occurrences(token))
            end = start + len(token)
            if _code_like(text, start, end):
                continue
            split = best_split(token, ev, doc)
            if split:
                yield Proposal(start, end, " ".join(split.parts), FUSED.id, split.confidence,
                               f"{token!r} is not a word (zipf {zipf(token):.2f}): {split.evidence}")


MAX_PLAIN_WORDS = 1 << 17


def _unknown_tokens(text: str, ev: Evidence) -> set[str]:
    """The tokens of ``text`` that may be glue: long, and unknown to wordfreq and to the names lexicon."""
    # a token is a run of letters (cp1252 has no combining marks): one of the text's lower-cased
    # words, unless it holds a character outside cp1252 (a space in `letters`)
    low = lowered(text)  # shared with detect_language, which weighed this text just before
    unknown = set() if low.exact else _unknown_tokens_outside_cp1252(text, low, ev)
    plain = ev.plain_words
    if plain.issuperset(low.words):
        return unknown
    new = set(low.words).difference(plain)
    # the words wordfreq or the names lexicon knows drop out in one set difference (an ASCII token's Zipf
    # value and casefold are its lower case's); a token with other letters is asked about itself
    suspects = new.difference(ascii_words_at_least("en", ABSENT), ev.ascii_names)
    if len(plain) >= MAX_PLAIN_WORDS:
        plain.clear()
    plain.update(new.difference(suspects))
    for word in suspects:
        if len(word) < MIN_TOKEN:
            plain.add(word)
            continue
        ascii_word = word.isascii()
        for i in low.starts(word):  # a word's start in `letters` is its token's in the text
            end = i + len(word)
            token = text[i:end]
            if ((low.exact or not (i and LETTERS.match(text, i - 1, i) or LETTERS.match(text, end, end + 1)))
                    and (ascii_word or _unknown(token, ev))):
                unknown.add(token)  # a whole token, not the piece of one beside a letter outside cp1252
    return unknown


def _unknown(token: str, ev: Evidence) -> bool:
    return len(token) >= MIN_TOKEN and zipf(token) < ABSENT and token.casefold() not in ev.known_names


def _unknown_tokens_outside_cp1252(text: str, low: Lowered, ev: Evidence) -> set[str]:
    """The unknown tokens that hold a character outside cp1252: those that start before the
    end of a run of such characters, from the start of the letters before it."""
    unknown, covered = set(), 0
    for start, end in low.outside:
        if covered >= end:
            continue
        # a token's start: after a space of `letters` (a character that is no letter, or one
        # outside cp1252 that an earlier token covers) or after the tokens seen so far
        for m in LETTERS.finditer(text, max(low.letters.rfind(b" ", 0, start) + 1, covered)):
            if m.start() >= end:
                break
            covered = m.end()
            if _unknown(m.group(), ev):
                unknown.add(m.group())
    return unknown


def _code_like(text: str, start: int, end: int) -> bool:
    """A letter run inside a URL, an address, a handle, an identifier or a number."""
    before = text[start - 1] if start else ""
    after, following = text[end:end + 1], text[end + 1:end + 2]
    if before in BEFORE_CODE or after in AFTER_CODE or (after in JOINERS and following.isalnum()):
        return True
    chunk_start = CHUNK_START.search(text, max(0, start - 256), start).start()
    return bool(NOT_PROSE.search(text, chunk_start, CHUNK_END.match(text, end).end()))


# splits --------------------------------------------------------------------------

def best_split(token: str, ev: Evidence, doc: Document) -> Split | None:
    """The strongest split of ``token`` into two or three parts, if any."""
    if token in ev.joined_names:
        spaced = ev.joined_names[token]
        return Split(tuple(spaced.split(" ")), CERTAIN, KNOWN, f"the known name {spaced!r} without its spaces")
    candidates = [s for s in _splits(token, ev, doc) if s]
    best = max(candidates, key=lambda s: (s.confidence, s.weakest), default=None)
    rival = best and DOUBTFUL < best.confidence < CERTAIN and _rival(token, best.parts)
    if rival:
        return Split(best.parts, DOUBTFUL, best.weakest, f"{best.evidence}; or {' '.join(rival)!r}")
    return best


def _rival(token: str, parts: tuple[str, ...]) -> tuple[str, str] | None:
    """Another reading of ``token`` as two words that word frequencies make
    about as likely (theseat: these+at or the+seat; wonthe: wont+he or won+the)."""
    least = _log_probability(parts) - AMBIGUITY
    return next((r for r in _readings(token) if r != parts and _log_probability(r) >= least), None)


def _readings(token: str):
    for i in range(1, len(token) - 1):
        head, tail = token[:i], token[i:]
        if (head in ONE_LETTER_WORDS or zipf(head) >= PLAIN) and zipf(tail) >= PLAIN:
            yield head, tail


def _log_probability(words) -> float:
    """log10 of the words' probability under a unigram model (zipf is log10 per billion)."""
    return sum(zipf(w) - 9 for w in words)


def _splits(token: str, ev: Evidence, doc: Document):
    camel = CAMEL.fullmatch(token)
    if camel:
        yield _camel(*camel.groups(), ev, doc)
        return
    caps = CAPS_HEAD.fullmatch(token)
    if caps:
        yield _after_acronym(*caps.groups(), ev, doc)
        return
    title = TITLE.fullmatch(token)
    if not title and not LOWER.fullmatch(token):
        return  # all capitals, brands (PlayStation, McDonald), mixed scripts
    junction = _after_name if title else _between_words
    for i in range(MIN_PART, len(token) - MIN_PART + 1):
        head, tail = token[:i], token[i:]
        two = junction(head, tail, ev, doc)
        if two:
            yield two
        elif title and zipf(tail) < ABSENT:
            yield _three_parts(head, tail, ev, doc)


def _three_parts(head: str, rest: str, ev: Evidence, doc: Document) -> Split | None:
    """A known name + two fused words (Polandtoleave); each junction must be clear."""
    if not _head_status(head, ev, doc):
        return None
    best = None
    for j in range(MIN_PART, len(rest) - MIN_PART + 1):
        first = _after_name(head, rest[:j], ev, doc)
        second = first and first.confidence >= CLEAR and _between_words(rest[:j], rest[j:], ev, doc)
        if second and second.confidence >= CLEAR:
            split = Split((head, rest[:j], rest[j:]), min(first.confidence, second.confidence),
                          min(first.weakest, second.weakest), f"{first.evidence}; {second.evidence}")
            best = max(best, split, key=lambda s: (s.confidence, s.weakest)) if best else split
    return best


def _word(part: str) -> str:
    return f"{part!r} (zipf {zipf(part):.2f})"


def _between_words(head: str, tail: str, ev: Evidence, doc: Document) -> Split | None:
    """Two lowercase words: invasion+even, the+invasion."""
    if head in ev.prefixes or tail in ev.suffixes:
        return None
    head_bridge, tail_bridge = head in ev.function_words, tail in ev.function_words
    if not (head_bridge or len(head) >= MIN_CONTENT) or not (tail_bridge or len(tail) >= MIN_CONTENT):
        return None  # short content parts are mostly abbreviations and stems (res, pac, est)
    zh, zt = zipf(head), zipf(tail)
    evidence = f"{_word(head)} + {_word(tail)}"
    # a two-letter function word is also a common word ending (codein, enteron)
    head_needs = VERY_FREQUENT if len(tail) == MIN_PART else FREQUENT
    if (tail_bridge and zh >= head_needs and zt >= FREQUENT) or (head_bridge and zt >= FREQUENT):
        return Split((head, tail), CLEAR, min(zh, zt), evidence)
    if min(zh, zt) >= VERY_FREQUENT:
        return Split((head, tail), WEAK, min(zh, zt), evidence + ", or a compound of two words")
    return None


LEXICON_NAME, DOCUMENT_NAME = "known name", "a name the document uses"


def _head_status(head: str, ev: Evidence, doc: Document) -> str | None:
    if head in ev.name_heads:
        return LEXICON_NAME
    if doc.uses_name(head):
        return DOCUMENT_NAME
    return None


def _after_name(head: str, tail: str, ev: Evidence, doc: Document) -> Split | None:
    """A capitalised head and a lowercase tail: Ukraine+to, Blinken+claimed. An
    unknown proper noun (Nauseda, Stoltenberg, Markin, Oakwood) must not split."""
    bridge = tail in ev.function_words or tail in ev.verbs
    if tail in ev.suffixes or zipf(tail) < FREQUENT or not (bridge or len(tail) >= MIN_CONTENT):
        return None
    status = _head_status(head, ev, doc)
    zh, zt = zipf(head), zipf(tail)
    if status:
        evidence = f"{head!r} ({status}) + {_word(tail)}"
        surname_ending = tail in ev.name_endings and status == DOCUMENT_NAME  # Landsberg+is
        if (bridge or (tail.endswith("ed") and len(tail) > MIN_CONTENT)) and not surname_ending:
            return Split((head, tail), CERTAIN, min(KNOWN, zt), evidence)
        return Split((head, tail), DOUBTFUL, min(KNOWN, zt), evidence + ", or a compound with a name")
    evidence = f"{_word(head)} + {_word(tail)}"
    if tail in ev.name_endings or (len(tail) == MIN_PART and zh < VERY_FREQUENT):
        return None
    if len(head) == MIN_PART:  # He+also, but also On+slow, In+bar
        return Split((head, tail), DOUBTFUL, min(zh, zt), evidence) if head.lower() in ev.function_words else None
    if zh >= FREQUENT:
        return Split((head, tail), CLEAR if bridge else DOUBTFUL, min(zh, zt), evidence)
    if bridge and zh >= ATTESTED and len(tail) > MIN_PART:
        # a rare capitalised head is most likely a name: Blinken+claimed, but perhaps Kall+as
        return Split((head, tail), WEAK, zh, evidence + ", an unknown name?")
    return None


def _camel(head: str, tail: str, ev: Evidence, doc: Document) -> Split | None:
    """A lowercase head and a capitalised tail: from+Crisis. A brand (eBay,
    jetBlue, easyJet) has a letter or a content word before its capital."""
    zh, zt = zipf(head), zipf(tail)
    known_tail = tail in ev.name_heads or tail in ev.acronyms or doc.uses(tail)
    evidence = f"{_word(head)} + " + (f"{tail!r} (a name)" if known_tail else _word(tail))
    strength = KNOWN if known_tail else zt
    if head in ev.function_words:
        if known_tail or zt >= FREQUENT:
            return Split((head, tail), CLEAR, min(zh, strength), evidence)
        if zt >= ATTESTED:
            return Split((head, tail), LIKELY, min(zh, zt), evidence)
        return Split((head, tail), DOUBTFUL, zt, evidence + ", an unknown name?") if tail[1:].islower() else None
    if zh >= FREQUENT and (known_tail or zt >= FREQUENT) and head not in ev.prefixes:
        return Split((head, tail), WEAK, min(zh, strength), evidence + ", or a brand")
    return None


def _after_acronym(caps: str, lower: str, ev: Evidence, doc: Document) -> Split | None:
    """Capitals then lowercase: NATO+announced, or NATO+Secretary (the last
    capital starts the next word). The acronym must be known."""
    known = lambda a: a in ev.acronyms or doc.uses(a)
    if known(caps) and lower not in ev.suffixes and zipf(lower) >= FREQUENT:
        return Split((caps, lower), CLEAR, zipf(lower), f"{caps!r} (known acronym) + {_word(lower)}")
    head, tail = caps[:-1], caps[-1] + lower
    if len(head) >= MIN_PART and known(head) and zipf(tail) >= FREQUENT:
        return Split((head, tail), DOUBTFUL, zipf(tail), f"{head!r} (known acronym) + {_word(tail)}, or a brand")
    return None
