"""The screens of the encoding and boilerplate stages must never hide a match."""
import functools
import re._parser as sre_parse

from ftfy.badness import BADNESS_RE, is_bad
from hypothesis import given, strategies as st

from cleaner.lexicon import Lexicons
from cleaner.config import Config
from cleaner.stages import encoding
from cleaner.stages.boilerplate import PageLines

MIXED = st.text(alphabet="aZ \n&\t\r\x00\x85\xa0é’“ÃÂ€\u2028\u200b\ud800😀", max_size=40)


def _only_beyond_ascii(item) -> bool:
    op, av = item
    if op is sre_parse.LITERAL:
        return av >= 0x80
    return op is sre_parse.IN and all(
        (o is sre_parse.LITERAL and a >= 0x80) or (o is sre_parse.RANGE and a[0] >= 0x80) for o, a in av)


def test_badness_sequences_hold_a_character_beyond_ascii_within_the_span():
    tree = sre_parse.parse(BADNESS_RE.pattern, BADNESS_RE.flags)
    (op, (_, branches)), = tree.data
    assert op is sre_parse.BRANCH
    assert all(any(map(_only_beyond_ascii, branch.data)) for branch in branches)
    assert tree.getwidth()[1] <= encoding.BADNESS_SPAN


@given(st.text(alphabet="aZ .’“ÃÂ€°Ø×²вЂ\n", max_size=30))
def test_looks_bad_is_is_bad(text):
    assert encoding._looks_bad(text) == is_bad(text)


@given(MIXED)
def test_unusual_characters_keep_every_trigger(text):
    unusual = encoding._unusual(text)
    assert set(unusual) == {c for c in text if c.encode("utf-8", "surrogatepass")[0] not in encoding.PLAIN_ASCII}
    for pattern in (encoding.TRIGGERS, encoding.SUSPECT, encoding.CONTROL_SCREEN, encoding.ODD_SPACES,
                    encoding.BREAKS, encoding.FTFY_TARGETS):
        assert (pattern.search(unusual) is None) == (pattern.search(text) is None)


def test_first_word_screen_passes_every_page_line():
    page_lines = PageLines(Lexicons.load(Config().lexicons))
    for line in ["Leave a reply", "12 comments", "SHARE ON FACEBOOK", "See also: the war in Ukraine",
                 "© 2022 Example Media. All rights reserved.", "Leggi anche   La crisi", "(update)"]:
        assert page_lines.pattern.fullmatch(line)
        assert page_lines.may_begin(line.split()[0])
    assert not page_lines.may_begin("Meanwhile")


@given(st.text(alphabet=st.characters(max_codepoint=0x17F), max_size=12))
def test_first_word_prefix_screen_is_the_partial_match(word):
    page_lines = _page_lines()
    assert page_lines.may_begin(word) == page_lines._partial_match(word)


def test_first_word_prefix_screen_keeps_words_that_begin_a_line():
    page_lines = _page_lines()
    assert page_lines.prefixes_screen
    for word in ["Subscribe", "Commentaires", "Copyright", "Recommended", "Advertisement"]:
        assert page_lines.may_begin(word) and page_lines._partial_match(word)


_page_lines = functools.lru_cache(maxsize=None)(lambda: PageLines(Lexicons.load(Config().lexicons)))
