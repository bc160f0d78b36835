"""Word frequencies on wordfreq's Zipf scale, with wordfreq's values.

``zipf`` reads wordfreq's table directly for a word of ASCII letters (what
most lookups are) and goes through its tokeniser otherwise. ``common_zipf``
answers for the words at or above a floor only, from a table that keeps just
those words: a language's full table holds 270,000-630,000 words (30-70 MB),
its words above Zipf 2.5 about a sixth of them. Such tables are kept between
runs (``cleaner.cache``)."""
from __future__ import annotations

import math
from functools import lru_cache
from importlib.metadata import version

from wordfreq import cB_to_freq, get_frequency_dict, get_frequency_list, zipf_frequency
from wordfreq.numbers import digit_freq, smash_numbers
from wordfreq.tokens import lossy_tokenize

from .cache import stored


@lru_cache(maxsize=1 << 15)
def zipf(word: str, lang: str = "en") -> float:
    """``wordfreq.zipf_frequency(word, lang)`` for a language of Latin script."""
    if not (word.isascii() and word.isalpha()):
        return zipf_frequency(word, lang)
    return lowercase_zipf(word.lower(), lang)  # wordfreq's tokeniser just lower-cases such a word


def lowercase_zipf(word: str, lang: str = "en") -> float:
    """`zipf(word, lang)` for a word of lower-case ASCII letters, without `zipf`'s cache: for
    the many words looked up once."""
    freq = get_frequency_dict(lang).get(word)
    return _table_zipf(freq) if freq else 0.0


@lru_cache(maxsize=None)
def ascii_words_at_least(lang: str, floor: float) -> frozenset[bytes]:
    """The words of ASCII letters whose `lowercase_zipf` is at least ``floor``, in ASCII: to
    test many lower-cased words at once (a set difference, no lookup word by word)."""
    return stored(f"ascii-words-{lang}-{floor}", _wordfreq_version(), lambda: _ascii_words_at_least(lang, floor))


def _ascii_words_at_least(lang: str, floor: float) -> frozenset[bytes]:
    table = get_frequency_dict(lang)
    frequent = {freq for freq in set(table.values()) if _table_zipf(freq) >= floor}
    return frozenset(word.encode("ascii") for word, freq in table.items()
                     if freq in frequent and word.isascii() and word.isalpha())


def common_zipf(word: str, lang: str, floor: float) -> float:
    """``wordfreq.zipf_frequency(word, lang)`` where it is at least ``floor``, else 0."""
    table = _common(lang, floor)
    tokens = lossy_tokenize(word, lang)
    if not tokens:
        return 0.0
    # wordfreq's combination of several tokens: 1/f = 1/f1 + 1/f2 + ..., below each of them
    one_over = 0.0
    for token in tokens:
        smashed = smash_numbers(token)
        freq = table.get(smashed)
        if freq is None:
            return 0.0  # absent from the language, or below the floor
        one_over += 1.0 / (freq * digit_freq(token) if smashed != token else freq)
    value = _zipf(1.0 / one_over)
    return value if value >= floor else 0.0


@lru_cache(maxsize=None)
def _common(lang: str, floor: float) -> dict[str, float]:
    """The words of ``lang`` whose Zipf value is at least ``floor``, with their
    frequencies; read from wordfreq's data without keeping its whole table."""
    return stored(f"common-{lang}-{floor}", _wordfreq_version(), lambda: _read_common(lang, floor))


def _read_common(lang: str, floor: float) -> dict[str, float]:
    table = {}
    for index, bucket in enumerate(get_frequency_list.__wrapped__(lang, "best")):
        freq = cB_to_freq(-index)
        if _table_zipf(freq) < floor:
            break  # buckets come in decreasing frequency
        table.update(dict.fromkeys(bucket, freq))
    return table


@lru_cache(maxsize=None)
def _wordfreq_version() -> str:
    """The version of wordfreq's data, which the tables above derive from."""
    return version("wordfreq")


def _zipf(freq: float) -> float:
    """wordfreq's arithmetic, step for step: a frequency rounded to 3 significant
    digits, on the Zipf scale to 2 decimals."""
    freq = round(freq, math.floor(-math.log(freq, 10)) + 3)
    return round(math.log(freq, 10) + 9, 2)


@lru_cache(maxsize=None)  # a table holds a few hundred distinct values
def _table_zipf(freq: float) -> float:
    """The Zipf value of a frequency read from a table, as wordfreq computes it: a word's
    frequency is 1 / (the sum of 1 / f over its tokens), here one token."""
    return _zipf(1.0 / (1.0 / freq))
