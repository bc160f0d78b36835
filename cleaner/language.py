"""Document language: a cheap stopword count first, langdetect (seeded) when unsure."""
from __future__ import annotations

import codecs
import re
from bisect import bisect_left
from collections import Counter
from encodings.cp1252 import encoding_table as _CP1252
from functools import cached_property, lru_cache
from itertools import islice
from math import lcm

import regex

WORD = regex.compile(r"\p{L}+")
# the most frequent function words of the languages cleaner meets most often
STOPWORDS = {
    "en": {"the", "and", "of", "to", "in", "is", "that", "for", "with", "was", "on", "it", "he", "by", "as", "are", "his", "from", "has", "this"},
    "it": {"il", "di", "che", "e", "la", "per", "un", "non", "della", "del", "sono", "una", "alla", "nel", "gli", "con", "le", "si", "anche", "dei"},
    "es": {"el", "de", "que", "y", "la", "en", "los", "las", "por", "con", "una", "para", "es", "del", "se", "al", "lo", "como", "más", "su"},
    "pt": {"o", "de", "que", "e", "do", "da", "em", "um", "para", "com", "não", "uma", "os", "no", "se", "na", "por", "mais", "as", "dos"},
    "fr": {"le", "de", "la", "et", "les", "des", "en", "un", "une", "du", "est", "que", "pour", "dans", "qui", "pas", "au", "sur", "avec", "il"},
    "de": {"der", "die", "und", "in", "den", "von", "zu", "das", "mit", "sich", "des", "auf", "für", "ist", "im", "dem", "nicht", "ein", "eine", "als"},
}
# a stopword shared by k languages is evidence worth 1/k for each of them
STOPWORD_SHARING = Counter(w for stops in STOPWORDS.values() for w in stops)
LANGUAGE_NAMES = {
    "en": "English", "it": "Italian", "es": "Spanish", "pt": "Portuguese", "fr": "French", "de": "German",
    "ru": "Russian", "uk": "Ukrainian", "bg": "Bulgarian", "mk": "Macedonian", "el": "Greek", "ar": "Arabic",
    "fa": "Persian", "he": "Hebrew", "zh": "Chinese", "ja": "Japanese", "ko": "Korean", "tr": "Turkish",
    "pl": "Polish", "nl": "Dutch", "ro": "Romanian", "ca": "Catalan", "hi": "Hindi",
}
SAMPLE_CHARS = 20000  # the stopword scores weigh the words of a text's first SAMPLE_CHARS
MIN_WORDS = 4  # fewer words than this: too little text to tell
MIN_WORDS_FOR_LANGDETECT = 12
MIN_PROBABILITY = 0.9


def _cp1252_lowered_letters() -> bytes:
    """A `bytes.translate` table for cp1252: a letter to its lower case (one cp1252 letter
    for every cp1252 letter), any other character to a space."""
    table = bytearray(b" " * 256)
    for byte in range(256):
        try:
            char = bytes([byte]).decode("cp1252")
        except UnicodeDecodeError:
            continue  # a byte cp1252 leaves undefined: no character encodes to it
        if WORD.fullmatch(char):
            table[byte] = char.lower().encode("cp1252")[0]
    return bytes(table)


_CP1252_LOWERED_LETTERS = _cp1252_lowered_letters()


def lowered_letters(text: str) -> tuple[bytes, bool]:
    """`text` one byte a character (cp1252), its letters lower-cased and every other
    character a space, so that `.split()` gives its lower-cased words; and whether that is
    exact. It is not where `text` has a character outside cp1252: that character became a
    space, splitting a word of another script into pieces (a Latin word stays whole)."""
    try:
        encoded, _ = codecs.charmap_encode(text, "strict", _CP1252)
    except UnicodeEncodeError:
        encoded, _ = codecs.charmap_encode(text, "replace", _CP1252)  # "?" for a character outside cp1252
        return encoded.translate(_CP1252_LOWERED_LETTERS), False
    return encoded.translate(_CP1252_LOWERED_LETTERS), True


QUESTION_MARKS = re.compile(rb"\?+")


class Lowered:
    """A text's `lowered_letters` and, when first asked for, their words and where the
    characters outside cp1252 are."""

    def __init__(self, text: str):
        self.text = text
        self.letters, self.exact = lowered_letters(text)

    @cached_property
    def words(self) -> list[bytes]:
        """`letters.split()`: the text's lower-cased words where `exact`."""
        return self.letters.split()

    @cached_property
    def _padded(self) -> bytes:
        return b" " + self.letters + b" "  # a word's start in `letters` is its space's here

    def starts(self, word: bytes) -> list[int]:
        """Where ``word`` (lower-cased, in cp1252) stands whole in `letters`, in order."""
        padded, spaced, found = self._padded, b" " + word + b" ", []
        i = padded.find(spaced)
        while i >= 0:
            found.append(i)
            i = padded.find(spaced, i + 1)
        return found

    @cached_property
    def whole_words(self) -> list[bytes]:
        """`lowered_words(text)` in cp1252, where a letter outside cp1252 is a NUL: the words
        where `exact`. No stopword holds a NUL, nor a letter that a letter outside cp1252
        lower-cases to (ƒ, ß, k, å)."""
        if self.exact:
            return self.words
        letters = bytearray(self.letters)
        for start, end in self.outside:
            run = self.text[start:end]
            if run.isalpha():  # `str.isalpha` is \p{L}
                letters[start:end] = bytes(end - start)
                continue
            for at, char in enumerate(run, start):
                if char.isalpha():
                    letters[at] = 0
        return bytes(letters).split()

    @cached_property
    def outside(self) -> list[tuple[int, int]]:
        """The spans of the text's runs of characters outside cp1252 (spaces in `letters`), in
        order; perhaps with a "?" of the text besides. Empty where `exact`."""
        if self.exact:
            return []
        return [m.span() for m in QUESTION_MARKS.finditer(codecs.charmap_encode(self.text, "replace", _CP1252)[0])
                if self.text.count("?", *m.span()) < m.end() - m.start()]

    def exact_within(self, start: int, end: int) -> bool:
        """Whether text[start:end] is in cp1252, so that `letters[start:end]` is its `lowered_letters`."""
        if self.exact:
            return True
        outside = self.outside
        i = bisect_left(outside, (start,))  # the first run starting at `start` or later
        return not ((i and outside[i - 1][1] > start) or (i < len(outside) and outside[i][0] < end))


_last_lowered: Lowered | None = None


def lowered(text: str) -> Lowered:
    """`Lowered(text)`, computed once for a text that detect_language and then the
    untranslated stage both weigh: the last one asked about is kept (by identity)."""
    global _last_lowered
    last = _last_lowered  # read once: another thread may replace it
    if last is None or last.text is not text:
        last = _last_lowered = Lowered(text)
    return last


def lowered_words(text: str) -> list[str]:
    """`[w.lower() for w in WORD.findall(text)]`, fast where `text` is in cp1252 (Latin-1
    with typographic quotes and dashes), as most Latin-script text is."""
    letters, exact = lowered_letters(text)
    if not exact:
        return [w.lower() for w in WORD.findall(text)]
    return letters.decode("cp1252").split()


def language_name(code: str | None) -> str:
    return LANGUAGE_NAMES.get(code or "", code or "an unknown language")


def stopword_scores(text: str) -> dict[str, float]:
    """Per language, the share of words that are its stopwords (shared ones weigh less)."""
    words = lowered_words(text[:SAMPLE_CHARS])
    if not words:
        return {}
    return {lang: sum(1 / STOPWORD_SHARING[w] for w in words if w in stops) / len(words)
            for lang, stops in STOPWORDS.items()}


def ranked_scores(text: str) -> list[tuple[str, float]]:
    return sorted(stopword_scores(text).items(), key=lambda kv: kv[1], reverse=True)


def detect_language(text: str) -> str | None:
    """The document's language code, or None when there is too little text to tell."""
    words = lowered(text[:SAMPLE_CHARS]).whole_words
    if not words or not _has_min_words(text[:2000]):
        return None
    return _clear_language(words) or _weighed_language(text)


def _has_min_words(text: str) -> bool:
    long_words = (m for m in WORD.finditer(text) if len(m.group()) > 1)
    return next(islice(long_words, MIN_WORDS - 1, None), None) is not None


# stopword scores as whole numbers: a stopword shared by k languages weighs SCALE // k
SCALE = lcm(*STOPWORD_SHARING.values())
_WEIGHTS = {w.encode("cp1252"): [(lang, SCALE // k) for lang, stops in STOPWORDS.items() if w in stops]
            for w, k in STOPWORD_SHARING.items()}


def stopword_totals(words: list[bytes]) -> dict[str, int]:
    """Per language, `stopword_scores` times SCALE * len(words), exactly: a whole number.
    `words` are lower-cased and in cp1252 (see `lowered_letters`)."""
    totals = dict.fromkeys(STOPWORDS, 0)
    for word, count in Counter(filter(_WEIGHTS.__contains__, words)).items():
        for lang, weight in _WEIGHTS[word]:
            totals[lang] += count * weight
    return totals


def _clear_language(words: list[bytes]) -> str | None:
    """The language whose stopwords clearly lead: `_weighed_language`'s first answer, from
    exact `stopword_totals` instead of float scores. None where the lead is short of its
    thresholds or exactly on one, where float rounding could tip it."""
    totals = stopword_totals(words)
    (best, top), (_, second) = sorted(totals.items(), key=lambda kv: kv[1], reverse=True)[:2]
    # top >= 0.08 and top >= 2 * second, both strictly, in units of 1 / (SCALE * len(words))
    if 25 * top > 2 * SCALE * len(words) and top > 2 * second:
        return best
    return None


def _weighed_language(text: str) -> str | None:
    """The language by stopword scores, langdetect deciding where they are unsure."""
    ranked = ranked_scores(text)
    (best, top), (_, second) = ranked[0], ranked[1]
    if top >= 0.08 and top >= 2 * second:
        return best
    guess = langdetect_code(text[:5000])
    if guess is None:
        return None
    long_enough = sum(len(w) > 2 for w in WORD.findall(text[:2000])) >= MIN_WORDS_FOR_LANGDETECT
    # on a short text langdetect is trusted only where its language's stopwords back it
    support = dict(ranked).get(guess, 0.0)
    if long_enough or (support > 0 and support >= top / 2):
        return guess
    return None


@lru_cache(maxsize=1024)
def langdetect_code(text: str) -> str | None:
    """langdetect's answer when it is sure enough, made deterministic by its seed; else None."""
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException
    DetectorFactory.seed = 0
    try:
        best = detect_langs(text)[0]
    except LangDetectException:
        return None
    return best.lang.split("-")[0] if best.prob >= MIN_PROBABILITY else None
