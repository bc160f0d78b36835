"""Cheap screens in front of expensive patterns.

A lexicon pattern (edges checked by lookarounds, Unicode classes) makes the
``regex`` engine try every position of the text. The same words as a plain
alternation in the standard ``re`` module are found by a fast prefix scan; the
full pattern then runs only where they occur, with the same matches.
"""
from __future__ import annotations

import re
from typing import Iterable, Iterator

import regex


def alternation(words: Iterable[str], flags: int = 0) -> re.Pattern:
    """The words as a plain ``re`` alternation, longest first; matches nothing when empty."""
    ordered = sorted(set(words), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, ordered)) or "(?!)", flags)


def finditer(screen: re.Pattern, pattern: regex.Pattern, text: str) -> Iterator[regex.Match]:
    """``pattern.finditer(text)``, trying ``pattern`` only where ``screen`` matches.

    ``screen`` must match at every position where ``pattern`` does (the words
    of a lexicon pattern without its edge conditions)."""
    pos = 0
    while (hit := screen.search(text, pos)) is not None:
        m = pattern.match(text, hit.start())
        if m is None:
            pos = hit.start() + 1
        else:
            yield m
            pos = m.end() if m.end() > m.start() else m.end() + 1
