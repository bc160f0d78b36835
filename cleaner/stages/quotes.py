"""quotes: pair double quote marks per paragraph, give each its direction and
attach it to the quoted text.

Each mark is an opening (O) or closing (C) mark. In a paragraph whose marks
already alternate (“ ” “ ”, or straight marks) the roles follow from the order.
Otherwise the roles come from the hypothesis that best agrees with the glyphs
and with the context: a mark followed by a speech tag (`, he warned`,
`said the head`) or by punctuation closes; a mark after a colon or at the start
of a paragraph opens.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import regex

from .. import lexicon
from ..edits import Proposal
from ..pipeline import Context, Stage
from ..rules import rule
from ..screen import alternation, literal_positions
from .prose import NotProse

GUILLEMETS = rule("quotes.guillemets", "Guillemets in English text become “ ”", english_only=True)
STRAIGHT = rule("quotes.straight", "Straight double quotes become “ ” when the text uses curly quotes", english_only=True)
MISDIRECTED = rule("quotes.misdirected", "An opening mark where a closing one belongs, or the reverse", english_only=True)
ATTACH = rule("quotes.spacing", "An opening mark hugs the next word, a closing mark the previous one", english_only=True)
MISSING_OPENING = rule("quotes.missing_opening", "Where the opening mark of an unopened quotation belongs", english_only=True)
MISSING_CLOSING = rule("quotes.missing_closing", "Where the closing mark of an unclosed quotation belongs", english_only=True)
FUSED_WORD = rule("glue.word_between_quotes", "A capitalised conjunction fused between a closing and an opening "
                  "mark in mid-sentence (east ”And“ now → east” and “now)", english_only=True)

lexicon.section("quotes", speech_verbs=lexicon.strings, speech_subjects=lexicon.strings,
                conjunctions=lexicon.strings)

OPEN, CLOSE = "O", "C"
GLYPH_ROLE = {"“": OPEN, "„": OPEN, "«": OPEN, "‟": OPEN, "”": CLOSE, "»": CLOSE, '"': None}
CURLY = "“”«»„‟"
# a newline before a blank line ends a paragraph (paragraphs hold no such newline)
PARAGRAPH_END = re.compile(r"\n(?=[ \t]*\n)")
SPACE = " \t"
CLOSES_BEFORE = frozenset(" \t\n,;.!?)]")  # after an opening mark: it closes
OPENS_AFTER = frozenset(" \t\n:([{")      # before a closing mark: it opens
WORD = regex.compile(r"[\p{L}\p{N}’'-]+")


@dataclass
class Mark:
    pos: int
    glyph: str
    role: str | None = None

    @property
    def glyph_role(self) -> str | None:
        return GLYPH_ROLE[self.glyph]


def _speech_patterns(lex: lexicon.Lexicons):
    verbs = "|".join(regex.escape(v) for v in lex.get("quotes", "speech_verbs", []))
    subjects = "|".join(regex.escape(v) for v in lex.get("quotes", "speech_subjects", []))
    # `, he warned` / `said the head` / `Johnson added` right after a mark
    tag = regex.compile(
        rf"[ \t]*,?[ \t]*(?:(?:{verbs})\b|(?:{subjects}|\p{{Lu}}[\p{{L}}’'-]+(?:[ \t]\p{{Lu}}[\p{{L}}’'-]+)?)[ \t]+(?:{verbs})\b)")
    conjunctions = set(lex.get("quotes", "conjunctions", []))
    # a tag that starts with a lowercase letter starts with one of these
    lowercase_starts = alternation(tuple(lex.get("quotes", "speech_verbs", []) +
                                         lex.get("quotes", "speech_subjects", [])))
    return SpeechTag(tag, lowercase_starts), conjunctions


@dataclass(frozen=True)
class SpeechTag:
    pattern: regex.Pattern
    lowercase_starts: re.Pattern  # the words a lowercase tag starts with

    def match(self, text: str, pos: int, first: int):
        """The tag right after a mark at ``pos - 1``; ``first`` is the tag's first
        character other than a space or tab, where a lowercase tag starts with a listed word."""
        if text[first:first + 1].islower() and not self.lowercase_starts.match(text, first):
            return None
        return self.pattern.match(text, pos)


class QuotesStage(Stage):
    name = "quotes"
    rules = (GUILLEMETS, STRAIGHT, MISDIRECTED, ATTACH, MISSING_OPENING, MISSING_CLOSING, FUSED_WORD)
    arbitrated = True

    def propose(self, text: str, ctx: Context):
        positions = literal_positions(text, '"' + CURLY)
        if not positions:
            return
        style = ctx.config.quote_style
        if style == "auto":
            style = "curly" if any(glyph in text for glyph in CURLY) else "straight"
        speech_tag, conjunctions = ctx.lexicons.compiled("quotes.speech", _speech_patterns)
        protected = NotProse(text)
        if style == "curly" and _well_formed(text, positions, protected, speech_tag, conjunctions):
            return  # the common case: every paragraph is well formed
        paragraphs = _paragraphs(text)
        starts = [s for s, _ in paragraphs]
        for i, (start, end), group in _grouped(positions, paragraphs, starts):
            if style == "curly" and _well_formed(text, group, protected, speech_tag, conjunctions):
                continue
            marks = [Mark(pos, text[pos]) for pos in group if not _excluded(text, pos, protected)]
            if not marks:
                continue
            next_opens = i + 1 < len(paragraphs) and text[paragraphs[i + 1][0]] in "“«„\""
            yield from _paragraph(text, start, end, marks, style, speech_tag, conjunctions, next_opens)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """The spans of the paragraphs: text between paragraph ends, without leading newlines."""
    spans, start = [], 0
    for end in [m.start() for m in PARAGRAPH_END.finditer(text)] + [len(text)]:
        while start < end and text[start] == "\n":
            start += 1
        if start < end:
            spans.append((start, end))
        start = end + 1
    return spans


def _grouped(positions: list[int], paragraphs: list[tuple[int, int]], starts: list[int]):
    """(index, span, positions in it) for each paragraph that holds some of ``positions``."""
    group: list[int] = []
    index = -1
    for pos in positions:  # a mark is never a newline: every one lies in a paragraph
        i = bisect.bisect_right(starts, pos) - 1
        if i != index and group:
            yield index, paragraphs[index], group
            group = []
        index = i
        group.append(pos)
    if group:
        yield index, paragraphs[index], group


def _well_formed(text, positions, protected, speech_tag, conjunctions) -> bool:
    """A cheap check that the marks at ``positions`` (a paragraph's, or the
    whole text's) have nothing to fix: curly marks that alternate “ ” “ ”, each
    hugging its text, none of them contradicted by its context. Then every mark
    keeps its glyph and place, and none lacks a partner. One pass over the
    pairs; the speech-tag pattern runs only where a lowercase letter follows an
    opening mark."""
    if len(positions) % 2 or "".join([text[pos] for pos in positions]) != "“”" * (len(positions) // 2):
        return False
    previous_closing = None
    for o, c in zip(positions[0::2], positions[1::2]):
        after = text[o + 1]  # a closing mark follows: never the end of the text
        # an opening mark: no space after it, nothing glued before it, and no
        # closing context after it (punctuation; a lowercase speech tag below)
        if after in CLOSES_BEFORE or (o and (text[o - 1].isalnum() or text[o - 1] in ",;:.!?")):
            return False
        # a closing mark: no space before it, nothing glued after it, and no
        # opening context before it (the start of a line, a colon, a bracket)
        glued = text[c + 1:c + 2]
        if text[c - 1] in OPENS_AFTER or glued.isalnum() or glued == "“":
            return False
        # a conjunction fused between two quotations (across a paragraph end, the
        # text between holds a newline and is no conjunction)
        if previous_closing is not None and text[previous_closing + 1:o].strip(SPACE) in conjunctions:
            return False
        # a pair must lie in one paragraph (always true of a paragraph's marks)
        if text.find("\n", o, c) >= 0 and PARAGRAPH_END.search(text, o, c):
            return False
        # a lowercase speech tag after an opening mark (`“ he said`): it closes
        if after.islower() and speech_tag.match(text, o + 1, o + 1):
            return False
        previous_closing = c
    return not protected.holds_any(positions)


def _excluded(text: str, pos: int, protected: NotProse) -> bool:
    if text[pos] == '"':
        before, after = text[pos - 1:pos] if pos else "", text[pos + 1:pos + 2]
        if before.isdigit() and not after.isalpha():
            return True  # inch or seconds mark: 12" screen, 5'11"
        if before == "=" or (before.isalnum() and after.isalnum()):
            return True  # code: href="…", -D"plug"
    return pos in protected


def _paragraph(text, start, end, marks, style, speech_tag, conjunctions, next_opens):
    confident = _assign_roles(text, start, marks, speech_tag)
    roles = {m.pos: m.role for m in marks}
    for mark in marks:
        proposal = _fix_mark(text, start, end, mark, style, confident, roles)
        if proposal:
            yield proposal
    yield from _fused_words(text, marks, conjunctions)
    yield from _missing_partners(text, start, end, marks, next_opens)


# roles ------------------------------------------------------------------------

def _alternating(marks) -> list[str]:
    return [OPEN if i % 2 == 0 else CLOSE for i in range(len(marks))]


def _glyphs_agree(marks, roles) -> bool:
    return all(m.glyph_role in (None, r) for m, r in zip(marks, roles))


def _well_nested(marks) -> bool:
    """Directed glyphs that open and close like brackets, back to the top level."""
    depth = 0
    for m in marks:
        if m.glyph_role is None:
            return False
        depth += 1 if m.glyph_role == OPEN else -1
        if depth < 0:
            return False
    return depth == 0


def _assign_roles(text, start, marks, speech_tag) -> bool:
    """Give every mark a role; True when the choice is clear."""
    alternating = _alternating(marks)
    if _glyphs_agree(marks, alternating):
        decisive = [_context(text, start, m, speech_tag, decisive_only=True) for m in marks]
        if not any(abs(e) >= 3 and (e > 0) != (r == CLOSE) for e, r in zip(decisive, alternating)):
            for m, r in zip(marks, alternating):
                m.role = r
            return True
        # a decisive-only value other than 0 is the full one
        evidence = [e or _context(text, start, m, speech_tag) for e, m in zip(decisive, marks)]
    else:
        evidence = [_context(text, start, m, speech_tag) for m in marks]
    if _well_nested(marks) and not any(abs(e) >= 3 and (e > 0) != (m.glyph_role == CLOSE)
                                       for e, m in zip(evidence, marks)):
        for m in marks:  # “… ‘… “never” …’ …”: a quotation inside a quotation
            m.role = m.glyph_role
        return True
    hypotheses = [alternating]
    if len(marks) % 2:
        # one closing mark lost its opening: marks before it pair up, marks after it too
        for k in range(0, len(marks), 2):
            hypotheses.append(alternating[:k] + [CLOSE] + _alternating(marks[k + 1:]))
    scored = sorted(((sum(_agreement(m, r, e) for m, r, e in zip(marks, h, evidence)), -i, h)
                     for i, h in enumerate(hypotheses)), reverse=True)
    best_score, _, best = scored[0]
    for m, r in zip(marks, best):
        m.role = r
    return len(scored) == 1 or best_score - scored[1][0] >= 2


def _agreement(mark: Mark, role: str, evidence: int) -> int:
    """Glyph agreement counts 1; context (+3 closing, -3 opening, scaled) counts more."""
    score = 1 if mark.glyph_role == role else 0
    return score + (evidence if role == CLOSE else -evidence)


def _context(text: str, start: int, mark: Mark, speech_tag: SpeechTag, decisive_only: bool = False) -> int:
    """How strongly the context says the mark closes (positive) or opens
    (negative): 3 is decisive, 2 likely. With ``decisive_only``, a value
    smaller than 3 in size may come back as 0."""
    before = mark.pos
    while before > start and text[before - 1] in SPACE:
        before -= 1
    prev = text[before - 1] if before > start else ""
    first = mark.pos + 1
    while text[first:first + 1] in SPACE and first < len(text):
        first += 1
    nxt = text[first:first + 1]
    at_start, at_end = prev in ("", "\n"), nxt in ("", "\n")
    if at_start and at_end:
        return 0
    if at_start or prev in ":([{":
        return -3
    if at_end or nxt in ",;.!?)]":
        return 3
    if decisive_only and not nxt.islower():
        return 0  # a tag that starts with a capital is 2 at most
    tag = speech_tag.match(text, mark.pos + 1, first)
    if tag:
        first = tag.group().lstrip(SPACE)[:1]
        return 3 if first == "," or first.islower() else 2
    if prev in ".!?" and text[mark.pos + 1:mark.pos + 2] not in SPACE and nxt.isupper() and text[mark.pos - 1] in SPACE:
        return -2
    return 0


# fixes -------------------------------------------------------------------------

def _glyph_for(role: str, style: str) -> str:
    if style == "straight":
        return '"'
    return "“" if role == OPEN else "”"


def _fix_mark(text, start, end, mark: Mark, style, confident, roles: dict[int, str]) -> Proposal | None:
    if mark.glyph == '"' and mark.pos and text[mark.pos - 1].isdigit():
        return None  # could be an inch mark: changing it could change that verdict
    target = _glyph_for(mark.role, style)
    left, right = mark.pos, mark.pos + 1
    prefix = suffix = ""
    if mark.role == OPEN:
        while right < end and text[right] in SPACE:
            right += 1
        if right == end or text[right] == "\n" or right in roles:
            right = mark.pos + 1  # nothing to attach to, or a mark that takes the space itself
        prev = text[left - 1] if left > start else ""
        if prev and (prev.isalnum() or prev in ",;:.!?"):
            prefix = " "
    else:
        while left > start and text[left - 1] in SPACE:
            left -= 1
        if left == start or text[left - 1] == "\n":
            left = mark.pos  # nothing to attach to
        nxt = text[right] if right < end else ""
        if nxt and (nxt.isalnum() or roles.get(right) == OPEN):
            suffix = " "
    replacement = prefix + target + suffix
    if text[left:right] == replacement:
        return None
    if mark.glyph in "«»":
        rule_id, what = GUILLEMETS.id, f"guillemet {mark.glyph} → {target}"
    elif mark.glyph == '"' and target != '"':
        rule_id, what = STRAIGHT.id, f"straight quote → {target}"
    elif mark.glyph_role not in (None, mark.role) or (target != mark.glyph and mark.glyph in "„‟"):
        rule_id, what = MISDIRECTED.id, f"{mark.glyph} is {'an opening' if mark.role == OPEN else 'a closing'} mark"
    else:
        rule_id, what = ATTACH.id, f"{'opening' if mark.role == OPEN else 'closing'} mark attached to its text"
    return Proposal(left, right, replacement, rule_id, 0.9 if confident else 0.5, what)


def _fused_words(text, marks, conjunctions):
    """`east ”And“ now`: a capitalised conjunction between a closing and an opening mark."""
    for a, b in zip(marks, marks[1:]):
        if a.role != CLOSE or b.role != OPEN:
            continue
        between = text[a.pos + 1:b.pos].strip(SPACE)
        if between not in conjunctions:
            continue
        before = text[:a.pos].rstrip(SPACE)
        if before and before[-1] not in ".!?:" and between[1:].islower():
            s = text.index(between, a.pos + 1)
            yield Proposal(s, s + 1, between[0].lower(), FUSED_WORD.id, 0.8,
                           f"{between!r} fused between quote marks in mid-sentence")


def _missing_partners(text, start, end, marks, next_opens):
    depth = 0
    for i, m in enumerate(marks):
        if m.role == OPEN:
            depth += 1
        elif depth:
            depth -= 1
        else:
            previous = marks[i - 1].pos + 1 if i else start
            pos = _sentence_start(text, previous, m.pos)
            if pos is not None:
                yield Proposal(pos, pos, "“", MISSING_OPENING.id, 0.4,
                               "a closing mark without an opening one: the quotation may start here")
    if depth and not next_opens and marks[-1].role == OPEN:
        body_end = len(text[:end].rstrip())
        yield Proposal(body_end, body_end, "”", MISSING_CLOSING.id, 0.3,
                       "an opening mark without a closing one: the quotation may end here")


SENTENCE_START = regex.compile(r"(?:(?<=[.!?:][ \t]+)|^)(?=\p{Lu})", regex.M)


def _sentence_start(text: str, lo: int, hi: int) -> int | None:
    starts = [m.start() for m in SENTENCE_START.finditer(text, lo, hi)]
    return starts[-1] if starts else None
