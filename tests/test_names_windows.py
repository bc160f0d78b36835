"""The stretches of text the names stage scans for runs of capitalised words
(``_chain``): scanning one finds exactly the runs a scan of the whole text
finds there, and every run with a word in the stretch's tokens lies inside it."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from cleaner.stages.names import RUN, _chain, _occurrences, _token_around

PIECES = ["Joe", "Biden", "Biden’s", "de", "von", "der", "al-Assad", "al-assad", "Mr.", "(Anthony", "Blinken)",
          "U.S.", "said", "the", "Kyiv,", "abcDef", "2Xi", "Xi3", "“NATO", "de-", "la", "Élysée", "é", "-Foo"]
GAPS = [" ", "  ", "\u00a0", "\n", " \n ", "\t", "\u2009"]


@settings(max_examples=300)
@given(st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(GAPS)), min_size=1, max_size=14))
def test_a_window_holds_the_runs_of_its_tokens(parts):
    text = "".join(piece + gap for piece, gap in parts)
    everywhere = [(m.start(), m.end()) for m in RUN.finditer(text)]
    for piece in {p for p, _ in parts}:
        for i in _occurrences(text, piece):
            lo, hi = _chain(text, (i, i + len(piece)), (i, i + len(piece)))
            assert lo <= i and i + len(piece) <= hi
            inside = [(m.start(), m.end()) for m in RUN.finditer(text, lo, hi)]
            assert inside == [r for r in everywhere if lo <= r[0] < hi]
            assert all(r in inside for r in everywhere if r[0] < i + len(piece) and i < r[1])


@settings(max_examples=200)
@given(st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(GAPS)), min_size=1, max_size=10),
       st.data())
def test_a_window_between_two_tokens_holds_the_runs_that_reach_between_them(parts, data):
    text = "".join(piece + gap for piece, gap in parts)
    a = data.draw(st.integers(0, len(text) - 1))
    b = data.draw(st.integers(a, len(text) - 1))
    if text[a].isspace() or text[b].isspace():
        return
    lo, hi = _chain(text, _token_around(text, a), _token_around(text, b))
    inside = [(m.start(), m.end()) for m in RUN.finditer(text, lo, hi)]
    everywhere = [(m.start(), m.end()) for m in RUN.finditer(text)]
    assert inside == [r for r in everywhere if lo <= r[0] < hi]
    assert all(r in inside for r in everywhere if r[0] <= b and a < r[1])
