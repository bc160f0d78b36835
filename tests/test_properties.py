"""The edit-log invariants, on arbitrary text and on the seeds."""
from functools import lru_cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import Cleaner, Config, apply_edits

from .conftest import SEEDS

FRAGMENTS = [
    " ", "  ", "\n", "\n\n\n", "\u00a0", "\t", "\r\n", "“", "”", '"', "«", "»", "’", ",", ".", ". .", " ;",
    "?", ":", "(", ")", "Nato", "Nbc", "EU (EU)", "Kiev", "Born", "the Russia has", "he said", ", he warned",
    "See also  Headline", "Leave a Reply", " date 2022-02-10 ", "&quot;", "Ã©", "\u200b", "word", "Ukraineto",
    "Serghei Lavrov", "Jens Stoltenberg he told", "others Countries Born", "eventuality.This", "U.S.", "3.5",
    "https://x.org/a.B", "й", "中文", "\x00", "\ud7ff", "e", "i American",
]
documents = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=5)), max_size=40).map("".join),
)


@lru_cache(maxsize=None)
def cleaner_for(language: str) -> Cleaner:
    return Cleaner(Config(language=language))


def check_invariants(cleaner, text: str) -> None:
    result = cleaner.run(text)
    assert apply_edits(text, result.edits) == result.text
    for e in result.edits:
        assert text[e.start:e.end] == e.before
        assert 0.0 <= e.confidence <= 1.0
    # cleaned again as a document of the same language: on a few characters of
    # noise, the language guess may differ between the input and the output
    same_language = cleaner_for(result.language) if result.language else cleaner
    again = same_language.run(result.text)
    assert [e for e in again.edits if e.applied] == [], "cleaning the output changed it again"


@settings(max_examples=120, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(documents)
def test_invariants_on_arbitrary_text(cleaner, text):
    check_invariants(cleaner, text)


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_invariants_on_seeds(cleaner, path):
    check_invariants(cleaner, path.read_text(encoding="utf-8"))


def test_empty_and_blank_input(cleaner):
    assert cleaner.run("").text == ""
    assert cleaner.run(" \n\n \t").text == ""
