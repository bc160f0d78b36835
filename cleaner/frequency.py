"""Word frequencies on wordfreq's Zipf scale, read straight from its tables
for a word of ASCII letters (what most lookups are), through wordfreq's
tokeniser otherwise. Same values as ``wordfreq.zipf_frequency``, without its
tokenising and its cache of 100,000 entries."""
from __future__ import annotations

import math

from wordfreq import get_frequency_dict, zipf_frequency


def zipf(word: str, lang: str = "en") -> float:
    """``wordfreq.zipf_frequency(word, lang)`` for a language of Latin script."""
    if not (word.isascii() and word.isalpha()):
        return zipf_frequency(word, lang)
    freq = get_frequency_dict(lang).get(word.lower())  # wordfreq's tokeniser just lower-cases such a word
    if freq is None:
        return 0.0
    # wordfreq's arithmetic, step for step: one token's frequency, rounded to 3 significant digits
    freq = 1.0 / (1.0 / freq)
    freq = round(freq, math.floor(-math.log(freq, 10)) + 3)
    return round(math.log(freq, 10) + 9, 2)
