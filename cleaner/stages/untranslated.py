"""untranslated: (being written)."""
from __future__ import annotations

from ..pipeline import Context, Stage


class UntranslatedStage(Stage):
    name = "untranslated"
    rules = ()

    def propose(self, text: str, ctx: Context):
        return ()
