"""Spans of a text that are not prose: URLs, e-mail addresses and handles,
inline code and markup tags. Rules that reshape punctuation leave them alone."""
from __future__ import annotations

import bisect

import regex

MARKERS = regex.compile(r"://|www\.|@|`|<")
NOT_PROSE = regex.compile(r"(?<!\S)\S*(?:://|www\.|@)\S*|`[^`\n]*`|<[^<>\n]*>")


class NotProse:
    """The non-prose spans of one text, for cheap position look-ups."""

    def __init__(self, text: str):
        spans = [m.span() for m in NOT_PROSE.finditer(text)] if MARKERS.search(text) else []
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def __contains__(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.ends[i]
