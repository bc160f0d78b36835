"""boilerplate: whole lines that belong to the page, not the article."""
from __future__ import annotations

from functools import lru_cache

import regex

from .. import lexicon
from ..edits import Proposal
from ..pipeline import Context, Stage
from ..rules import rule

PAGE_LINE = rule("boilerplate.page_line", "Comment forms, update notices, share, follow, newsletter and cookie lines")
RELATED = rule("boilerplate.related_article", "Related-article inserts such as 'See also …' or 'Leggi anche …'")

lexicon.section(
    "boilerplate",
    lines=lexicon.per_language(lexicon.patterns),
    related_markers=lexicon.per_language(lexicon.patterns),
)

BLANK_LINES = regex.compile(r"(?:[ \t]*\n)*")
PREFIX = 3  # the length of the first words' prefixes tried first
MAX_FIRST_WORDS = 4096


def _alternatives(table: dict[str, list[str]]) -> str:
    return "|".join(f"(?:{p})" for patterns in table.values() for p in patterns)


class PageLines:
    """One pattern for a whole line: a page line (group `page`) or a related-article insert."""

    def __init__(self, lex: lexicon.Lexicons):
        lines = _alternatives(lex.get("boilerplate", "lines", {}))
        markers = _alternatives(lex.get("boilerplate", "related_markers", {}))
        # a marker, then a headline: after a colon, dash or wide gap, or a title that ends without a full stop
        related = rf"(?:{markers})(?:\s*[:|>»–—-]\s*\S.*|\s{{2,}}\S.*|\s+\S.*[^.\s])"
        self.pattern = regex.compile(rf"(?P<page>{lines})|(?:{related})", regex.I | regex.V1)
        self.may_begin = lru_cache(maxsize=MAX_FIRST_WORDS)(self._may_begin)  # a line's first words
        self._prefix_begins = lru_cache(maxsize=4096)(self._partial_match)
        # a prefix of a word that begins a match begins one too, unless it cuts a letter of the
        # patterns that case-folds to several (ß: ss) apart: not where the patterns have none
        # and the word is ASCII. Few prefixes, all cached, rule out most new words.
        self.prefixes_screen = not any(len(ch.casefold()) > 1 for ch in lines + markers)

    def _may_begin(self, word: str) -> bool:
        """Whether a line can match when it starts with ``word`` (``may_begin``, cached)."""
        return not self._ruled_out_by_prefix(word) and self._partial_match(word)

    def _ruled_out_by_prefix(self, word: str) -> bool:
        """Whether the word's first PREFIX letters begin no match (so neither does the word)."""
        return (self.prefixes_screen and len(word) > PREFIX and word.isascii()
                and not self._prefix_begins(word[:PREFIX]))

    def _partial_match(self, word: str) -> bool:
        """Whether ``word`` is a partial match: a prefix of some line the pattern matches."""
        return self.pattern.fullmatch(word, partial=True) is not None


class BoilerplateStage(Stage):
    name = "boilerplate"
    rules = (PAGE_LINE, RELATED)

    def propose(self, text: str, ctx: Context):
        page_lines = ctx.lexicons.compiled("boilerplate", PageLines)
        lines = text.split("\n")
        end, removed_to, last = 0, -1, len(lines) - 1
        for i, line in enumerate(lines):
            start, end = end, end + len(line) + (i < last)
            # a line matches only if its first word begins a match: most first words rule it out
            words = line.split(None, 1)
            if not words or not page_lines.may_begin(words[0]):
                continue
            line = line.strip()
            found = page_lines.pattern.fullmatch(line)
            if found is None:
                continue
            rule_id, what = (PAGE_LINE.id, "page line") if found.group("page") is not None \
                else (RELATED.id, "related-article insert")
            if i == last and start > removed_to + 1:
                start -= 1  # last line without a newline: take the newline before it
            removed_to = BLANK_LINES.match(text, end).end()
            yield Proposal(start, removed_to, "", rule_id, 0.9, f"{what}: {line[:60]!r}")
