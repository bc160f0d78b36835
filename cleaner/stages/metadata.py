"""metadata: page metadata glued into the text (` date 2022-02-10 Headline`)."""
from __future__ import annotations

import regex

from .. import lexicon
from ..edits import Proposal
from ..pipeline import Context, Stage
from ..rules import rule

DATE_PREFIX = rule("metadata.date_prefix", "A date label glued before the first line is removed and reported as metadata")

lexicon.section("metadata", date_labels=lexicon.strings)

ISO_DATE = r"(?P<date>\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?"


def _prefix_pattern(lex: lexicon.Lexicons) -> regex.Pattern:
    labels = "|".join(regex.escape(w) for w in lex.get("metadata", "date_labels", []))
    one = rf"(?:{labels})\s*:?[ \t]+{ISO_DATE}(?:[ \t]+|[ \t]*(?=\n)|\Z)"
    return regex.compile(rf"\A\s*(?:{one})+", regex.I)


class MetadataStage(Stage):
    name = "metadata"
    rules = (DATE_PREFIX,)

    def propose(self, text: str, ctx: Context):
        m = ctx.lexicons.compiled("metadata.prefix", _prefix_pattern).match(text)
        if m:
            date = m.captures("date")[0]
            ctx.metadata["date"] = date
            yield Proposal(m.start(), m.end(), "", DATE_PREFIX.id, 0.95, f"page metadata: date {date}")
