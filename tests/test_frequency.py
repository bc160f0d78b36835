"""cleaner.frequency.zipf reads wordfreq's tables directly: it must give wordfreq's values."""
import itertools

import pytest
from wordfreq import get_frequency_dict, zipf_frequency

from cleaner.frequency import _common, ascii_words_at_least, common_zipf, lowercase_zipf, zipf

LANGUAGES = ("en", "de", "fr", "es", "it", "pt")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_same_values_as_wordfreq_across_the_frequency_range(lang):
    table = get_frequency_dict(lang)
    words = list(itertools.islice((w for w in table if w.isascii() and w.isalpha()), 0, None, 97))
    assert len(words) > 1000
    for word in words + [w.capitalize() for w in words[:300]] + [w.upper() for w in words[:300]]:
        assert zipf(word, lang) == zipf_frequency(word, lang), word


@pytest.mark.parametrize("lang", ("en", "de"))
def test_lowercase_zipf_is_zipf(lang):
    words = list(itertools.islice((w for w in get_frequency_dict(lang) if w.isascii() and w.isalpha()), 0, None, 89))
    for word in words + ["qzxqzx", "ukraineto"]:
        assert lowercase_zipf(word, lang) == zipf_frequency(word, lang), word


@pytest.mark.parametrize("word", ["the", "Ukraine", "NATO", "qzxqzx", "Zelensky", "naïve", "Kyiv’s",
                                  "don't", "e-mail", "x", "COVID-19", "Straße", "Ῥόδος", ""])
def test_words_beyond_ascii_letters_go_through_wordfreq(word):
    assert zipf(word) == zipf_frequency(word, "en")


@pytest.mark.parametrize("lang", ("de", "it"))
def test_common_zipf_is_wordfreqs_value_above_the_floor_and_zero_below(lang):
    table = get_frequency_dict(lang)
    words = list(itertools.islice(table, 0, None, 211)) + ["più", "für", "don't", "e-mail", "co2", "zzqx", ""]
    for word in words:
        value = zipf_frequency(word, lang)
        assert common_zipf(word, lang, 2.5) == (value if value >= 2.5 else 0.0), word


def test_common_table_keeps_only_the_words_above_the_floor():
    assert 0.1 < len(_common("it", 2.5)) / len(get_frequency_dict("it")) < 0.3


@pytest.mark.parametrize("lang, floor", [("en", 1.0), ("de", 1.0), ("en", 3.0)])
def test_ascii_words_at_least_are_the_ascii_words_at_or_above_the_floor(lang, floor):
    words = ascii_words_at_least(lang, floor)
    for word in itertools.islice(get_frequency_dict(lang), 0, None, 101):
        expected = word.isascii() and word.isalpha() and lowercase_zipf(word, lang) >= floor
        assert (word.encode("utf-8") in words) == expected, word
    assert b"qzxqzx" not in words
