"""Edits: the unit of change, and the mapping of stage edits back to the input."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import asdict, dataclass, fields
from operator import attrgetter, itemgetter
from typing import Iterable, NamedTuple, Sequence


@dataclass(frozen=True, slots=True)
class Edit:
    """One change, with offsets into the ORIGINAL input (Python str indices)."""

    start: int
    end: int
    before: str
    after: str
    rule: str
    category: str
    confidence: float
    message: str
    applied: bool = True

    def __reduce__(self):
        # pickled as its fields, in order: half the cost of the dataclass's field-by-field
        # state (edits go back from every worker process in the thousands)
        return Edit, _EDIT_FIELDS(self)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Edit":
        known = cls.__dataclass_fields__
        return cls(**{k: v for k, v in data.items() if k in known})


_EDIT_FIELDS = attrgetter(*(f.name for f in fields(Edit)))


@dataclass(frozen=True, slots=True)
class Proposal:
    """An edit a stage proposes against the text it was given."""

    start: int
    end: int
    replacement: str
    rule: str
    confidence: float
    message: str


SPAN = attrgetter("start", "end")  # the order of edits and proposals by position


def apply_edits(text: str, edits: Iterable[Edit], *, only_applied: bool = True) -> str:
    """Apply edits (offsets into ``text``) and return the new text.

    Edits are taken in order of position; edits at the same position keep their
    order in ``edits``. Overlapping edits, or an edit whose ``before`` does not
    match the text, raise ``ValueError``.
    """
    chosen = sorted((e for e in edits if e.applied or not only_applied), key=SPAN)
    pos = 0
    for e in chosen:
        if e.start < pos or e.end > len(text) or e.start > e.end:
            raise ValueError(f"edit {e.rule} at {e.start}:{e.end} overlaps another or lies outside the text")
        if text[e.start:e.end] != e.before:
            raise ValueError(f"edit {e.rule} at {e.start}:{e.end} expects {e.before!r}, "
                             f"text has {text[e.start:e.end]!r}")
        pos = e.end
    return _splice(text, [(e.start, e.end, e.after) for e in chosen])


_SPAN_ORDER = itemgetter(0, 1, 2, 3)  # original span, then current start; an edit already applied last
_START_END = itemgetter(0, 1)


class EditLog:
    """The applied edits so far, in original offsets, and the text they produce.

    A stage proposes edits against the current text; ``add`` maps them back to
    the original. A new edit that overlaps an earlier applied edit absorbs it,
    so that the applied edits never overlap and always reproduce the current
    text from the original.
    """

    def __init__(self, original: str):
        self.original = original
        self.text = original
        self.applied: list[Edit] = []  # sorted, non-overlapping, original offsets
        self.suggestions: list[Edit] = []
        self._spans: _Spans | None = None  # the applied edits' current spans, once asked for

    def _current_spans(self) -> _Spans:
        """Where each applied edit's text lies in the current text, and the shift
        of the text after it (computed once for each state of ``applied``)."""
        if self._spans is None:
            starts, ends, shifts, shift = [], [], [], 0
            for e in self.applied:
                size = len(e.after)
                shift += size - e.end + e.start
                ends.append(e.end + shift)
                starts.append(e.end + shift - size)
                shifts.append(shift)
            self._spans = _Spans(starts, ends, shifts)
        return self._spans

    def add(self, proposals: Sequence[Proposal], categories: dict[str, str],
            applied_flags: Sequence[bool]) -> None:
        """Record one stage's proposals (offsets into ``self.text``)."""
        spans = self._current_spans()
        cur_starts, cur_ends = spans.starts, spans.ends

        clusters: list[tuple[list[int], list[int]]] = []  # (proposal indexes, absorbed applied indexes)
        for k, p in enumerate(proposals):
            absorbed = spans.overlapping(p.start, p.end)
            if applied_flags[k]:
                if clusters and absorbed and clusters[-1][1] and absorbed[0] <= clusters[-1][1][-1] \
                        and applied_flags[clusters[-1][0][0]]:
                    clusters[-1][0].append(k)
                    clusters[-1][1].extend(i for i in absorbed if i not in clusters[-1][1])
                    continue
            clusters.append(([k], absorbed))

        new_applied: list[tuple[int, Edit]] = []  # (current start, edit)
        spliced: list[tuple[int, int, str]] = []   # (current start, current end, new text)
        dropped: set[int] = set()
        for members, absorbed in clusters:
            first = proposals[members[0]]
            if not absorbed and len(members) == 1:  # the common case: a change on its own
                s, e, after, message, confidence = (first.start, first.end, first.replacement,
                                                    first.message, first.confidence)
                orig_s, orig_e = spans.to_original(s), spans.to_original(e, s < e)
            else:
                s = min([proposals[k].start for k in members] + [cur_starts[i] for i in absorbed])
                e = max([proposals[k].end for k in members] + [cur_ends[i] for i in absorbed])
                orig_s = self.applied[absorbed[0]].start if absorbed and cur_starts[absorbed[0]] == s \
                    else spans.to_original(s)
                orig_e = self.applied[absorbed[-1]].end if absorbed and cur_ends[absorbed[-1]] == e \
                    else spans.to_original(e, s < e)
                pieces, pos = [], s
                for k in members:
                    p = proposals[k]
                    pieces += [self.text[pos:p.start], p.replacement]
                    pos = p.end
                pieces.append(self.text[pos:e])
                after = "".join(pieces)
                message = "; ".join(dict.fromkeys(proposals[k].message for k in members))
                if absorbed:
                    message += " (includes " + ", ".join(self.applied[i].rule for i in absorbed) + ")"
                confidence = min(proposals[k].confidence for k in members)
            edit = Edit(orig_s, orig_e, self.original[orig_s:orig_e], after, first.rule,
                        categories[first.rule], confidence, message, applied_flags[members[0]])
            if edit.applied:
                new_applied.append((s, edit))
                spliced.append((s, e, after))
                dropped.update(absorbed)
            elif edit not in self.suggestions:  # a later pass proposes it again
                self.suggestions.append(edit)

        if new_applied:
            # order by original span; insertions at one offset keep their order in the current text
            keyed = [(e.start, e.end, cur_starts[i], 1, e)
                     for i, e in enumerate(self.applied) if i not in dropped]
            keyed += [(e.start, e.end, s, 0, e) for s, e in new_applied]
            keyed.sort(key=_SPAN_ORDER)
            self.applied = [item[4] for item in keyed]
            self._spans = None
            self.text = _splice(self.text, spliced)

    def edits(self) -> list[Edit]:
        return sorted(self.applied + self.suggestions, key=lambda e: (e.start, e.end, not e.applied))


class _Spans(NamedTuple):
    """The applied edits' spans in the current text (sorted), and the shift of the text
    after each."""

    starts: list[int]
    ends: list[int]
    shifts: list[int]

    def to_original(self, pos: int, end_side: bool = False) -> int:
        """``pos`` in the original. It lies outside (or on the border of) every replaced
        region; a deletion sitting exactly at ``pos`` counts as before a start and after an end."""
        starts, ends = self.starts, self.ends
        i = bisect_right(ends, pos) - 1
        while i >= 0 and (starts[i] > pos or (end_side and starts[i] == ends[i] == pos)):
            i -= 1
        return pos - self.shifts[i] if i >= 0 else pos

    def overlapping(self, s: int, e: int) -> list[int]:
        """The indexes of the applied edits that a change of ``s:e`` overlaps."""
        starts, ends = self.starts, self.ends
        found = []
        for i in range(max(bisect_left(ends, s) - 1, 0), len(ends)):
            cs, ce = starts[i], ends[i]
            if cs > e:
                break
            if (cs < e and ce > s) or (s == e and cs < s < ce) or (cs == ce and s < cs < e):
                found.append(i)
        return found


def _splice(text: str, replacements: list[tuple[int, int, str]]) -> str:
    """``text`` with the spans (not overlapping) replaced; replacements at one
    offset keep their order."""
    out, pos = [], 0
    for start, end, new in sorted(replacements, key=_START_END):
        out += [text[pos:start], new]
        pos = end
    out.append(text[pos:])
    return "".join(out)
