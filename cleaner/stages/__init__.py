"""The stages, in the order they run. A new stage slots in by being listed here."""
from __future__ import annotations

from ..pipeline import Stage
from .acronym import AcronymStage
from .boilerplate import BoilerplateStage
from .encoding import EncodingStage
from .glue import GlueStage
from .metadata import MetadataStage
from .mistranslation import MistranslationStage
from .names import NamesStage
from .offtopic import OfftopicStage
from .quotes import QuotesStage
from .spacing import SpacingStage
from .style import StyleStage
from .syntax import SyntaxStage
from .untranslated import UntranslatedStage

ORDER: tuple[type[Stage], ...] = (
    EncodingStage,
    MetadataStage,
    BoilerplateStage,
    GlueStage,
    QuotesStage,
    AcronymStage,
    MistranslationStage,
    NamesStage,
    SyntaxStage,
    StyleStage,
    OfftopicStage,
    UntranslatedStage,
    SpacingStage,
)


def build_stages() -> list[Stage]:
    return [cls() for cls in ORDER]
