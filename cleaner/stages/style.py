"""style: (being written)."""
from __future__ import annotations

from ..pipeline import Context, Stage


class StyleStage(Stage):
    name = "style"
    rules = ()

    def propose(self, text: str, ctx: Context):
        return ()
