"""The screens in front of expensive patterns must never hide a match."""
import regex
from hypothesis import given, strategies as st

from cleaner import screen

WORDS = st.lists(st.text(alphabet="abAB -", min_size=1, max_size=5), min_size=1, max_size=12)
TEXT = st.text(alphabet="abAB -xy\n", max_size=60)


@given(WORDS, TEXT)
def test_word_screen_finds_every_word_the_text_holds(words, text):
    found = screen.WordScreen(words).found(text)
    assert {w for w in words if w in text} <= found


@given(WORDS, TEXT)
def test_trie_matches_where_a_word_starts(words, text):
    pattern = screen.alternation(frozenset(words))
    starts = {i for w in words for i in range(len(text)) if text.startswith(w, i)}
    assert {i for i in range(len(text)) if pattern.match(text, i)} == starts


@given(WORDS, TEXT)
def test_screened_finditer_equals_the_full_scan(words, text):
    # a lexicon pattern with edge conditions, as the stages compile them
    pattern = regex.compile(r"(?<![\p{L}-])(?:" + "|".join(map(regex.escape, sorted(set(words), key=len, reverse=True)))
                            + r")(?![\p{L}])")
    assert [m.span() for m in screen.finditer(words, pattern, text)] == [m.span() for m in pattern.finditer(text)]


def test_word_screen_reports_a_word_that_starts_inside_a_longer_match():
    found = screen.WordScreen(["Of May", "Mayor"]).found("said Of Mayor today")
    assert "Mayor" in found


def test_empty_word_list_matches_nothing():
    assert screen.alternation(frozenset()).search("anything") is None
    assert list(screen.finditer([], regex.compile("a"), "aaa")) == []
