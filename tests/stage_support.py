"""Helpers for tests that run one pipeline stage on its own and apply what it proposes."""
from __future__ import annotations

from collections.abc import Iterable

from cleaner import Config
from cleaner.edits import Proposal
from cleaner.pipeline import Context, Stage

DEFAULT_THRESHOLD = Config().threshold


def stage_proposals(stage: Stage, text: str, ctx: Context, rule: str | None = None) -> list[Proposal]:
    """The stage's proposals for text, ordered by (start, end); only those of rule, if given."""
    found = sorted(stage.propose(text, ctx), key=lambda p: (p.start, p.end))
    return [p for p in found if rule is None or p.rule == rule]


def confident(proposals: Iterable[Proposal], threshold: float = DEFAULT_THRESHOLD) -> list[Proposal]:
    """The proposals at or above threshold: those the cleaner would apply."""
    return [p for p in proposals if p.confidence >= threshold]


def apply_confident(text: str, proposals: Iterable[Proposal], threshold: float = DEFAULT_THRESHOLD) -> str:
    """text with the confident proposals applied, left to right; one that overlaps an earlier one is skipped."""
    out, pos = [], 0
    for p in sorted(confident(proposals, threshold), key=lambda p: (p.start, p.end)):
        if p.start >= pos:
            out += [text[pos:p.start], p.replacement]
            pos = p.end
    return "".join(out) + text[pos:]
