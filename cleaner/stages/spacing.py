"""spacing: white space around punctuation, sentences, lines and paragraphs."""
from __future__ import annotations

import re

import regex

from ..edits import Proposal
from ..pipeline import Context, Stage
from ..rules import rule
from ..screen import matches_at
from .prose import NotProse

BEFORE_PUNCT = rule("spacing.before_punctuation", "Space before , ; : . ! ? (French typography leaking through)",
                    english_only=True)
AFTER_SENTENCE = rule("spacing.missing_after_sentence", "Missing space after a sentence end (eventuality.This)")
DOUBLED_STOP = rule("spacing.doubled_full_stop", "A full stop repeated across a space (China. .)")
DOUBLED_SPACE = rule("spacing.doubled_space", "Runs of spaces inside a line")
TRAILING = rule("spacing.trailing", "White space at the end of a line")
BLANK_LINES = rule("spacing.blank_lines", "Runs of blank lines become one blank line")
EDGES = rule("spacing.document_edges", "White space at the start of the text; exactly one final newline")

DOUBLED_STOP_RE = regex.compile(r"(?<=[\p{L}\p{N}”’\")\]]\.)(?:[ \t]+\.)+(?![.\w])")  # every repeat at once
# terminal punctuation after a space: followed by white space, a closing mark or the end
BEFORE_PUNCT_RE = regex.compile(r"(?<=[\p{L}\p{N}”’\")\]%])[ \t]+(?=(?!\.\.|\.[ \t]\.)[,;:.!?]+(?:[\s”’\")\]]|\Z))")
# `building .The`: the space went to the wrong side of the full stop
MISPLACED_RE = regex.compile(r"(?<=\p{Ll}{2})[ \t]+([.!?;:,])(?!(?:Net|Com|Org|Js|Io)\b)(?=\p{Lu}\p{Ll}+\b)")
# word.Word where the left word is a whole lower-case word and the right one a capitalised word
AFTER_SENTENCE_RE = regex.compile(
    r"(?<=(?:^|[\s(“\"])\p{Ll}{2,}[.!?])(?=\p{Lu}\p{Ll}+(?:[\s,;:!?”’\")]|\.(?:\s|\Z)|\Z))", regex.M)
DOUBLED_SPACE_RE = regex.compile(r"(?<=\S)  +(?=\S)")
TRAILING_RE = regex.compile(r"(?<=\S)[ \t]+(?=\n)")
BLANK_LINES_RE = re.compile(r"(?<=\n)(?:[ \t]*\n)+")

# Screens: fast `re` searches (each starts with a literal) for the places where
# a rule's pattern can match; the pattern itself is then only tried there.
# the end of a run of spaces and tabs before a mark or a newline (searched with tabs made spaces)
SPACE_BEFORE = re.compile(r" [,;:.!?\n]")
SPACES = re.compile(r"  +")
SENTENCE_END_BEFORE_LETTER = [re.compile(re.escape(mark) + r"(?=[^\W\d_])") for mark in ".!?"]  # ⊇ \p{Lu}
# a run of blank lines that is more than one empty line
BLANK_LINES_SCREEN = re.compile(r"\n[ \t]*\n[ \t]*\n|\n[ \t]+\n")


class SpacingStage(Stage):
    name = "spacing"
    rules = (BEFORE_PUNCT, AFTER_SENTENCE, DOUBLED_STOP, DOUBLED_SPACE, TRAILING, BLANK_LINES, EDGES)
    prepares = True  # white space repaired first; again last, where other repairs left some
    # a text's edges set right leave no other white space wrong: the white space at its
    # start and its end go whole, and a sentence end may be followed by a newline as by its end
    settling = frozenset({EDGES.id})

    def propose(self, text: str, ctx: Context):
        lead = len(text) - len(text.lstrip())
        body_end = len(text.rstrip())
        if lead:
            yield Proposal(0, lead, "", EDGES.id, 0.95, "white space at the start")
        if body_end and text[body_end:] != "\n":
            yield Proposal(body_end, len(text), "\n", EDGES.id, 0.95, "one final newline")
        protected = NotProse(text)
        spaced = text.replace("\t", " ")  # same offsets

        def at(pattern: regex.Pattern, starts):
            """The pattern's matches, tried only where a screen says one can start."""
            return matches_at(pattern, text, starts, body_end)

        # a doubled stop, a space before a mark and a misplaced space all start
        # with a run of spaces and tabs that ends at a mark; trailing space ends at a newline
        before_mark, before_newline = [], []
        for hit in SPACE_BEFORE.finditer(spaced, lead, body_end):
            s = hit.start()
            while spaced[s - 1] == " ":  # text[lead] is not white space: the run ends there
                s -= 1
            (before_newline if hit.group()[1] == "\n" else before_mark).append(s)
        for m in at(DOUBLED_STOP_RE, before_mark):
            yield Proposal(m.start(), m.end(), "", DOUBLED_STOP.id, 0.9, "doubled full stop")
        for m in at(BEFORE_PUNCT_RE, before_mark):
            if m.end() not in protected and not DOUBLED_STOP_RE.match(text, m.start()):
                yield Proposal(m.start(), m.end(), "", BEFORE_PUNCT.id, 0.9, f"space before {text[m.end()]!r}")
        for m in at(MISPLACED_RE, before_mark):
            if m.start() not in protected:
                yield Proposal(m.start(), m.end(), m.group(1) + " ", BEFORE_PUNCT.id, 0.85,
                               f"space before {m.group(1)!r} belongs after it")
        sentence_ends = sorted(hit.end() for screen in SENTENCE_END_BEFORE_LETTER
                               for hit in screen.finditer(text, lead, body_end))
        for m in at(AFTER_SENTENCE_RE, sentence_ends):
            if m.start() not in protected:
                yield Proposal(m.start(), m.start(), " ", AFTER_SENTENCE.id, 0.8, "missing space after a sentence end")
        if "  " in text:
            for m in at(DOUBLED_SPACE_RE, (hit.start() for hit in SPACES.finditer(text, lead, body_end))):
                yield Proposal(m.start(), m.end(), " ", DOUBLED_SPACE.id, 0.95, "doubled space")
        for m in at(TRAILING_RE, before_newline):
            yield Proposal(m.start(), m.end(), "", TRAILING.id, 0.95, "trailing white space")
        if BLANK_LINES_SCREEN.search(text, lead, body_end):
            for m in BLANK_LINES_RE.finditer(text, lead, body_end):
                if m.group() != "\n":
                    yield Proposal(m.start(), m.end(), "\n", BLANK_LINES.id, 0.95, "run of blank lines")
