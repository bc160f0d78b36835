"""The cleaner's configuration, in the manner of ftfy's TextFixerConfig."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from .rules import CATEGORIES, Rule

QuoteStyle = Literal["auto", "curly", "straight"]


@dataclass(frozen=True)
class Config:
    """What to fix and how sure a fix must be to be applied.

    threshold: edits with a confidence below it are reported as suggestions.
    enable / disable: rule ids or category names; a rule id wins over its category.
    lexicons: extra lexicon files merged over the built-in ones.
    quote_style: "curly" (“ ”), "straight" ("), or "auto" (curly unless the text
        uses only straight quotes).
    language: force the document language instead of detecting it.
    neural: turn on the model-based rules (boilerplate.offtopic); needs the neural extra.
    embedding_model: the sentence encoder they use: a local directory or a hub name
        (default: all-MiniLM-L6-v2, packaged).
    lm: the language model that arbitrates near-threshold repairs: a local directory,
        a hub name, or "wordfreq" (word frequencies, no model); None: no arbiter.
    """

    threshold: float = 0.6
    enable: frozenset[str] = field(default_factory=frozenset)
    disable: frozenset[str] = field(default_factory=frozenset)
    lexicons: tuple[Path, ...] = ()
    quote_style: QuoteStyle = "auto"
    language: str | None = None
    neural: bool = False
    embedding_model: str = "all-MiniLM-L6-v2"
    lm: str | None = None

    def __post_init__(self):
        if not 0.0 <= self.threshold <= 1.0:
            raise ValueError(f"threshold must lie in [0, 1], not {self.threshold}")
        if self.quote_style not in ("auto", "curly", "straight"):
            raise ValueError(f"quote_style must be auto, curly or straight, not {self.quote_style!r}")
        for name in ("enable", "disable", "lexicons"):
            value = getattr(self, name)
            if isinstance(value, (str, Path)):
                value = (value,)
            value = tuple(Path(v) for v in value) if name == "lexicons" else frozenset(value)
            object.__setattr__(self, name, value)

    def check_names(self) -> None:
        """Raise ValueError for an enable/disable name that is neither a rule nor a category."""
        from .rules import all_rules
        known = {r.id for r in all_rules()} | set(CATEGORIES)
        unknown = sorted((self.enable | self.disable) - known)
        if unknown:
            raise ValueError(f"unknown rule or category: {', '.join(unknown)}")

    def is_enabled(self, rule: Rule) -> bool:
        for name in (rule.id, rule.category):
            if name in self.disable:
                return False
            if name in self.enable:
                return True
        return rule.enabled or (rule.neural and self.neural)

    def with_options(self, **options) -> "Config":
        return replace(self, **options)

