"""Spans of a text that are not prose: URLs, e-mail addresses and handles,
inline code and markup tags. Rules that reshape punctuation leave them alone."""
from __future__ import annotations

import bisect

import regex

MARKERS = ("://", "www.", "@", "`", "<")
NOT_PROSE = regex.compile(r"(?<!\S)\S*(?:://|www\.|@)\S*|`[^`\n]*`|<[^<>\n]*>")


class NotProse:
    """The non-prose spans of one text, for cheap position look-ups. They are
    found on the first look-up: most texts are never asked."""

    def __init__(self, text: str):
        self.text = text
        self.starts: list[int] | None = None
        self.ends: list[int] = []

    def _find(self) -> None:
        text = self.text
        spans = [m.span() for m in NOT_PROSE.finditer(text)] if any(m in text for m in MARKERS) else []
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def holds_any(self, positions) -> bool:
        """Whether any of ``positions`` lies in a non-prose span."""
        if self.starts is None:
            self._find()
        return bool(self.starts) and any(pos in self for pos in positions)

    def __contains__(self, pos: int) -> bool:
        if self.starts is None:
            self._find()
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.ends[i]
