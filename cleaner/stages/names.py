"""names: (being written)."""
from __future__ import annotations

from ..pipeline import Context, Stage


class NamesStage(Stage):
    name = "names"
    rules = ()

    def propose(self, text: str, ctx: Context):
        return ()
