"""boilerplate: whole lines that belong to the page, not the article."""
from __future__ import annotations

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

LINE = regex.compile(r"[^\n]*(?:\n|\Z)")
BLANK_LINES = regex.compile(r"(?:[ \t]*\n)*")


def _alternatives(table: dict[str, list[str]]) -> str:
    return "|".join(f"(?:{p})" for patterns in table.values() for p in patterns)


def _compile(lex: lexicon.Lexicons) -> regex.Pattern:
    """One pattern for a whole line: a page line (group `page`) or a related-article insert."""
    lines = _alternatives(lex.get("boilerplate", "lines", {}))
    markers = _alternatives(lex.get("boilerplate", "related_markers", {}))
    # a marker, then a headline: after a colon, dash or wide gap, or a title that ends without a full stop
    related = rf"(?:{markers})(?:\s*[:|>»–—-]\s*\S.*|\s{{2,}}\S.*|\s+\S.*[^.\s])"
    return regex.compile(rf"(?P<page>{lines})|(?:{related})", regex.I | regex.V1)


class BoilerplateStage(Stage):
    name = "boilerplate"
    rules = (PAGE_LINE, RELATED)

    def propose(self, text: str, ctx: Context):
        page_or_related = ctx.lexicons.compiled("boilerplate", _compile)
        removed_to = -1
        for m in LINE.finditer(text):
            line = m.group().strip()
            found = page_or_related.fullmatch(line) if line else None
            if found is None:
                continue
            rule_id, what = (PAGE_LINE.id, "page line") if found.group("page") is not None \
                else (RELATED.id, "related-article insert")
            start, end = m.start(), BLANK_LINES.match(text, m.end()).end()
            if not m.group().endswith("\n") and start > removed_to + 1:
                start -= 1  # last line without a newline: take the newline before it
            removed_to = end
            yield Proposal(start, end, "", rule_id, 0.9, f"{what}: {line[:60]!r}")
