"""The stages, in the order they run. A new stage slots in by being listed here."""
from __future__ import annotations

from ..pipeline import Stage
from .encoding import EncodingStage
from .metadata import MetadataStage
from .boilerplate import BoilerplateStage
from .quotes import QuotesStage
from .acronym import AcronymStage
from .spacing import SpacingStage

ORDER: tuple[type[Stage], ...] = (
    EncodingStage,
    MetadataStage,
    BoilerplateStage,
    QuotesStage,
    AcronymStage,
    SpacingStage,
)


def build_stages() -> list[Stage]:
    return [cls() for cls in ORDER]
