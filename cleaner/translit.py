"""Transliteration variants of Russian, Ukrainian and Belarusian names.

A name in its English romanisation is read back into a phonemic skeleton
(``phonemes``: Sergey → s e r g e J), which is then written out in the
conventions of English, Italian, Spanish, Portuguese, French, German and the
Latin-script Slavic languages (``render``: Serghei, Serguei, Sergueï, Sergej).
``fold``, ``key`` and ``loose_key`` compare spellings at three levels: accents
and case only; the systematic transliteration merges j/y/i, w/v and z/s; and
doubled letters.
"""
from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from operator import itemgetter

import regex

VOWELS = frozenset("aeiouy")
FRONT = frozenset({"e", "i", "y", "ye", "yi", "END_Y"})   # ы is written i in the Romance conventions
BACK = frozenset({"a", "o", "u"})
SIBILANTS = frozenset({"zh", "sh", "ch", "shch", "ts"})
IOTATED = {"a": "ya", "e": "ye", "o": "yo", "u": "yu", "i": "yi"}

GLIDE, HARD_I, END_Y = "J", "y", "END_Y"   # й; ы; the adjectival ending -ий/-ый (Dmitry, Zelensky)

# English romanisation → phonemes, longest grapheme first
GRAPHEMES = (
    ("shch", ("shch",)), ("tsch", ("ch",)), ("sch", ("sh",)), ("zh", ("zh",)), ("kh", ("kh",)),
    ("ch", ("ch",)), ("sh", ("sh",)), ("ts", ("ts",)), ("tz", ("ts",)), ("ck", ("k",)),
    ("x", ("ks",)), ("ks", ("ks",)), ("w", ("v",)), ("c", ("k",)), ("q", ("k",)),
)
# English forms of given names that are not transliterations (Alexander for Aleksandr)
NATURALISED = {"alexander": "aleksandr", "peter": "pyotr", "michael": "mikhail", "paul": "pavel",
               "eugene": "yevgeny", "gregory": "grigory", "nicholas": "nikolai", "andrew": "andrei"}
ADJECTIVAL_END = regex.compile(r"(?<=[^aeiouy])(?:iy|ii|yy|yi|ij|yj|y|i)$")
STRIP = str.maketrans({"'": None, "’": None, "ʼ": None, "ʹ": None})  # apostrophes and soft signs
SPECIAL = str.maketrans({"ž": "zh", "š": "sh", "č": "ch", "ß": "ss", "ë": "yo"})
UNDECOMPOSED = str.maketrans("łŁøØđĐı", "lLoOdDi")  # letters NFKD leaves whole

# Conventions: phoneme → spellings, or a table of spellings by context. The
# contexts are tried in the order written; "" is the default.
ROMANCE = {  # the rules the Romance conventions share
    "k": {"front": ("k",), "": ("k", "c")},
    "g": {"front": ("gu", "g"), "": ("g",)},
}
CONVENTIONS: dict[str, dict[str, object]] = {
    "en": {
        "kh": ("kh",), "zh": ("zh",), "ch": ("ch",), "sh": ("sh",), "shch": ("shch",), "ts": ("ts",),
        "s": {"between_vowels": ("s", "ss"), "": ("s",)},
        GLIDE: ("y", "i"), "ya": ("ya", "ia"), "ye": {"after_consonant": ("ye", "ie", "e"), "": ("ye", "e")},
        "yo": ("yo", "io", "e"), "yu": ("yu", "iu"), "yi": ("yi", "i"),
        END_Y: {"after_k": ("y", "iy", "yy", "yi", "ii"), "": ("y", "i", "iy", "ii", "yi")},
    },
    "it": {
        "k": ROMANCE["k"], "g": {"front": ("gh", "g"), "": ("g",)},
        "kh": ("kh", "ch", "h"), "zh": {"front": ("zh", "j", "g"), "": ("zh", "j")},
        "ch": {"front": ("c", "ch"), "before_back": ("ci", "ch"), "": ("c", "ch")},
        "sh": {"front": ("sc", "sh"), "before_back": ("sci", "sh"), "": ("sh",)},
        "shch": ("sc", "shch"), "ts": ("z", "ts"), HARD_I: ("y", "i"),
        GLIDE: ("i", "j"), "ya": ("ia", "ja"), "ye": ("ie", "e"), "yo": ("io", "jo"), "yu": ("iu", "ju"),
        "yi": ("i", "ji"), END_Y: ("ij", "i", "y", "yj"),
    },
    "es": {
        "k": ROMANCE["k"], "g": ROMANCE["g"], "kh": ("j",), "zh": ("zh", "y"), "ch": ("ch",), "sh": ("sh",),
        "shch": ("sch", "shch"), "ts": ("ts",), HARD_I: ("y", "i"),
        GLIDE: ("i", "y"), "ya": ("ia", "ya"), "ye": ("ie", "e", "ye"), "yo": ("io", "yo"),
        "yu": ("iu", "yu"), "yi": ("i",), END_Y: ("i",),
    },
    "pt": {
        "k": ROMANCE["k"], "g": ROMANCE["g"], "kh": ("kh",), "zh": ("j",), "ch": ("tch",), "sh": ("ch", "x"),
        "shch": ("chtch",), "ts": ("ts",), "s": {"between_vowels": ("ss", "s"), "": ("s",)},
        HARD_I: ("y", "i"), GLIDE: ("i",), "ya": ("ia",), "ye": ("ie", "e"), "yo": ("io",), "yu": ("iu",),
        "yi": ("i",), END_Y: ("i",),
    },
    "fr": {
        "k": ROMANCE["k"], "g": ROMANCE["g"], "kh": ("kh",), "zh": ("j",), "ch": ("tch",), "sh": ("ch",),
        "shch": ("chtch",), "ts": ("ts",), "u": ("ou",), "s": {"between_vowels": ("ss", "s"), "": ("s",)},
        "v": {"final_after_vowel": ("v", "ff"), "": ("v",)}, HARD_I: ("y", "i"),
        GLIDE: {"after_vowel": ("ï", "i", "y"), "": ("i",)}, "ya": ("ia",), "ye": ("ie", "e"),
        "yo": ("io",), "yu": ("iou", "ou"), "yi": ("ï", "i"), END_Y: ("i",),
    },
    "de": {
        "kh": ("ch",), "zh": ("sch", "sh"), "ch": ("tsch",), "sh": ("sch",), "shch": ("schtsch",),
        "ts": ("z", "tz"), "z": ("s",), "v": ("w",), "s": {"between_vowels": ("ss", "s"), "": ("s",)},
        GLIDE: ("j", "i"), "ya": ("ja",), "ye": {"after_consonant": ("je", "e"), "": ("je",)},
        "yo": ("jo",), "yu": ("ju",), "yi": ("ji", "i"), END_Y: ("i", "ij", "y", "yj"),
    },
    "sl": {  # Czech, Slovak, Croatian, Slovene, scholarly
        "kh": ("ch", "h"), "zh": ("ž",), "ch": ("č",), "sh": ("š",), "shch": ("šč",), "ts": ("c",),
        GLIDE: ("j",), "ya": ("ja",), "ye": ("je", "e"), "yo": ("jo",), "yu": ("ju",), "yi": ("ji",),
        END_Y: ("ij", "yj", "ý"),
    },
}
DEFAULT_SPELLING = {"ks": ("ks", "x"), HARD_I: ("y",)}
ENGLISH = "en"
FOREIGN = tuple(c for c in CONVENTIONS if c != ENGLISH)
MAX_VARIANTS = 256  # per convention and word; a name is a handful of phonemes
FINISHING = {  # orthographic rules applied to a whole rendered word
    "it": ((regex.compile(r"n(?=[bp])"), "m"),),        # Donbas → Dombas
    "pt": ((regex.compile(r"n(?=[bp])"), "m"),),
    "fr": ((regex.compile(r"(?<=[^aeiouy])in$"), "ine"),  # Putin → Poutine
           (regex.compile(r"(?<=[^aeiouy])r$"), "re")),   # Aleksandr → Alexandre
}


# comparison keys -------------------------------------------------------------

def strip_accents(text: str) -> str:
    """The text without diacritics, in its own case (Sánchez → Sanchez, Wałęsa → Walesa)."""
    if text.isascii():  # no diacritics, nothing to decompose
        return text
    text = unicodedata.normalize("NFKD", text.translate(UNDECOMPOSED))
    return unicodedata.normalize("NFC", "".join(c for c in text if not unicodedata.combining(c)))


@lru_cache(maxsize=1 << 15)
def fold(text: str) -> str:
    """Casefold, drop accents and apostrophes, spell ž š č as zh sh ch."""
    return strip_accents(text.casefold().translate(SPECIAL).translate(STRIP))


KEY_MERGES = str.maketrans("jywz", "iivs")
ASCII_KEY = str.maketrans({**STRIP, **KEY_MERGES})  # ``key`` of ASCII text: no accents, no ž š č ß ë
DOUBLED = re.compile(r"(.)\1+")  # a letter repeated (``.``: any character but a newline)


@lru_cache(maxsize=1 << 15)
def key(text: str) -> str:
    """``fold`` with the systematic transliteration differences merged (j/y → i, w → v, z → s)."""
    return _merged(text)


def _merged(text: str) -> str:
    return text.casefold().translate(ASCII_KEY) if text.isascii() else fold(text).translate(KEY_MERGES)


@lru_cache(maxsize=1 << 15)
def loose_key(text: str) -> str:
    """``key`` with doubled letters single (Vassily ~ Vasily)."""
    return _undoubled(key(text))


def keys(text: str) -> tuple[str, str]:
    """``key`` and ``loose_key`` at once, uncached (for words met once)."""
    merged = _merged(text)
    return merged, _undoubled(merged)


def _undoubled(text: str) -> str:
    return DOUBLED.sub(itemgetter(1), text)  # a function: faster than the template "\\1"


def _key_sources() -> dict[str, str]:
    sources: dict[str, str] = {}
    for char in map(chr, range(128)):
        merged = char.translate(KEY_MERGES)
        sources[merged] = sources.get(merged, "") + char
    return sources


KEY_SOURCES = _key_sources()  # the ASCII characters each character of a key may stand for (i ← i j y)


def ascii_starts(merged: Iterable[str], undoubled: Iterable[str], size: int) -> set[str]:
    """The first ``size`` characters (or the whole, if shorter) of every lowercase
    ASCII word without apostrophes whose ``key`` is in ``merged`` or whose
    ``loose_key`` is in ``undoubled``. Such a word's key is its characters merged
    one by one, so its start is all a test needs (cheaper than the keys)."""
    found: set[str] = set()
    for text in merged:
        found.update(_ascii_sources(text[:size]))
    for text in undoubled:  # the start may double any of the key's characters
        for start in _doubled_starts(text, size):
            found.update(_ascii_sources(start))
    return found


def _doubled_starts(text: str, size: int) -> set[str]:
    """The strings of up to ``size`` characters that read as a start of ``text``
    once their doubled characters are made single (for ``text`` without any)."""
    found, level = {""}, {("", -1)}  # (a start, the index in ``text`` of its last character)
    for _ in range(size):
        level = {(start + text[j], j) for start, i in level for j in (i, i + 1) if 0 <= j < len(text)}
        found.update(start for start, _ in level)
    return found


def _ascii_sources(text: str) -> list[str]:
    """The lowercase ASCII strings whose characters merge into ``text``."""
    return ["".join(chars) for chars in itertools.product(*(KEY_SOURCES.get(c, "") for c in text))]


# reading an English romanisation ---------------------------------------------

def phonemes(word: str) -> tuple[str, ...]:
    """The phonemic skeleton of one word in English romanisation."""
    word = fold(word)
    word = NATURALISED.get(word, word)
    match = ADJECTIVAL_END.search(word) if len(word) > 3 else None
    stem, ending = (word[:match.start()], (END_Y,)) if match else (word, ())
    out: list[str] = []
    i = 0
    while i < len(stem):
        step = _consonant(stem, i) or _vowel(stem, i, out)
        out.extend(step[0])
        i += step[1]
    return tuple(out) + ending


def _consonant(word: str, i: int) -> tuple[tuple[str, ...], int] | None:
    for grapheme, sounds in GRAPHEMES:
        if word.startswith(grapheme, i):
            return sounds, len(grapheme)
    return None


def _vowel(word: str, i: int, before: list[str]) -> tuple[tuple[str, ...], int]:
    ch, nxt = word[i], word[i + 1:i + 2]
    prev = before[-1] if before else ""
    after_vowel = bool(prev) and _is_vowel(prev)
    if ch in "yj":
        if nxt == "i" and prev and not after_vowel:
            return (HARD_I, "yi"), 2       # Kyiv: и + ї
        if nxt and nxt in "aeiou":
            return (IOTATED[nxt],), 2
        if after_vowel or ch == "j":
            return (GLIDE,), 1
        return (HARD_I,), 1
    if ch == "i" and nxt in ("a", "u", "e") and prev and not after_vowel:
        return _soft_i(word, i, prev)
    if ch == "i" and after_vowel and (not nxt or nxt not in VOWELS):
        return (GLIDE,), 1
    if ch == "i" and not prev and nxt in ("a", "u", "e", "o"):
        return (IOTATED[nxt],), 2
    return (ch,), 1


def _soft_i(word: str, i: int, prev: str) -> tuple[tuple[str, ...], int]:
    """`ia`, `iu`, `ie` after a consonant: Sviatlana (я), Maria (и + я), Dmitriev (и + е)."""
    nxt = word[i + 1]
    final = i + 2 == len(word)
    if nxt == "e" or (nxt == "a" and final and prev not in SIBILANTS):
        return ("i", IOTATED[nxt]), 2
    return (IOTATED[nxt],), 2


def _is_vowel(phoneme: str) -> bool:
    return phoneme[-1] in VOWELS or phoneme == END_Y


# writing in a convention -----------------------------------------------------

def _context(sounds: tuple[str, ...], i: int) -> list[str]:
    """The contexts a phoneme stands in, most specific first."""
    prev = sounds[i - 1] if i else ""
    nxt = sounds[i + 1] if i + 1 < len(sounds) else ""
    found = []
    if nxt in FRONT:
        found.append("front")
    if nxt in BACK:
        found.append("before_back")
    if prev == "k" and nxt == "" and sounds[i] == END_Y:
        found.append("after_k")
    if prev and _is_vowel(prev) and nxt and _is_vowel(nxt):
        found.append("between_vowels")
    if prev and _is_vowel(prev) and not nxt:
        found.append("final_after_vowel")
    if prev and _is_vowel(prev):
        found.append("after_vowel")
    if prev and not _is_vowel(prev):
        found.append("after_consonant")
    return found + [""]


def _options(convention: str, sounds: tuple[str, ...], i: int) -> tuple[str, ...]:
    """The spellings of the i-th phoneme in a convention."""
    sound = sounds[i]
    rule = CONVENTIONS[convention].get(sound) or DEFAULT_SPELLING.get(sound) or (sound,)
    if isinstance(rule, dict):
        rule = next(rule[ctx] for ctx in _context(sounds, i) if ctx in rule)
    if i and sounds[i - 1] == "i" and sound in IOTATED.values():
        rule += (sound[1],)  # a vowel after и may be written bare: Maria, Dmitriev
    return rule


def render(sounds: tuple[str, ...], convention: str) -> set[str]:
    """Every spelling of a phoneme sequence in one convention (lower case)."""
    options = [_options(convention, sounds, i) for i in range(len(sounds))]
    words = {"".join(combo) for combo in itertools.islice(itertools.product(*options), MAX_VARIANTS)}
    for pattern, replacement in FINISHING.get(convention, ()):
        words |= {pattern.sub(replacement, w) for w in words}
    return words


def _capitalise(word: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return word.upper()
    return "-".join(part[:1].upper() + part[1:] for part in word.split("-"))


@lru_cache(maxsize=4096)
def variants(word: str, conventions: tuple[str, ...] = FOREIGN) -> frozenset[str]:
    """The spellings of an English-romanised name word in the given conventions."""
    sounds = phonemes(word)
    return frozenset(_capitalise(w, word) for c in conventions for w in render(sounds, c))


def english_variants(word: str) -> frozenset[str]:
    """The spellings English itself uses for the name word (Sergey, Sergei; Dmitry, Dmitri)."""
    return variants(word, (ENGLISH,))
