"""syntax: (being written)."""
from __future__ import annotations

from ..pipeline import Context, Stage


class SyntaxStage(Stage):
    name = "syntax"
    rules = ()

    def propose(self, text: str, ctx: Context):
        return ()
