"""mistranslation: (being written)."""
from __future__ import annotations

from ..pipeline import Context, Stage


class MistranslationStage(Stage):
    name = "mistranslation"
    rules = ()

    def propose(self, text: str, ctx: Context):
        return ()
