"""The rule registry: every rule has an id, a category, a description and a default state."""
from __future__ import annotations

from dataclasses import dataclass

CATEGORIES = (
    "encoding", "spacing", "glue", "quotes", "acronym", "mistranslation",
    "names", "style", "syntax", "boilerplate", "metadata", "untranslated",
)


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    category: str
    description: str
    enabled: bool = True
    languages: frozenset[str] | None = None  # None: every language
    neural: bool = False  # needs a model (the neural extra): on with Config.neural

    def __post_init__(self):
        if self.category not in CATEGORIES:
            raise ValueError(f"rule {self.id}: unknown category {self.category!r}")
        if not self.id.startswith(self.category + "."):
            raise ValueError(f"rule {self.id}: id must start with its category")

    def applies_to(self, language: str | None) -> bool:
        return self.languages is None or language is None or language in self.languages


REGISTRY: dict[str, Rule] = {}
ENGLISH = frozenset({"en"})


def rule(id: str, description: str, *, enabled: bool = True, english_only: bool = False,
         neural: bool = False) -> Rule:
    """Declare and register a rule."""
    if id in REGISTRY:
        raise ValueError(f"rule {id} declared twice")
    r = Rule(id, id.split(".", 1)[0], description, enabled, ENGLISH if english_only else None, neural)
    REGISTRY[id] = r
    return r


def all_rules() -> list[Rule]:
    from . import stages  # noqa: F401  (importing the stages registers their rules)
    return sorted(REGISTRY.values(), key=lambda r: r.id)
