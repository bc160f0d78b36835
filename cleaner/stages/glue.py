"""glue: (being written)."""
from __future__ import annotations

from ..pipeline import Context, Stage


class GlueStage(Stage):
    name = "glue"
    rules = ()

    def propose(self, text: str, ctx: Context):
        return ()
