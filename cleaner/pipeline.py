"""The pipeline: stages run in a fixed order, each proposing edits on the text
the previous one produced; the edit log maps them back to the input."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from typing import Any, ClassVar, Iterable

from . import screen
from .config import Config
from .edits import SPAN, Edit, EditLog, Proposal
from .lexicon import Lexicons
from .rules import Rule
from .scoring import Scorer, arbitrate, load_scorer


@dataclass
class Context:
    """What a stage may know about the document besides its current text."""

    config: Config
    lexicons: Lexicons
    language: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    scorer: Scorer | None = None  # the language-model arbiter (Config.lm), if any
    _screened: tuple[str, frozenset[str]] | None = field(default=None, repr=False)

    def words_in(self, text: str) -> frozenset[str]:
        """The words stages declared to ``cleaner.screen`` that ``text`` holds
        (one scan per text, shared by the stages that see it unchanged)."""
        if self._screened is None or self._screened[0] is not text:
            self._screened = (text, self.lexicons.compiled("screen", screen.build).found(text))
        return self._screened[1]


class Stage:
    """A step of the pipeline. Subclasses declare ``rules`` and implement ``propose``."""

    name: ClassVar[str]
    rules: ClassVar[tuple[Rule, ...]]
    arbitrated: ClassVar[bool] = False  # the scorer moves near-threshold confidences
    # the stage also runs once before the first pass, with its language-neutral rules
    # (the language is not known yet): the other stages then see the text in its shape,
    # and a text that needs only its repairs takes one pass, not two. Its proposals
    # must not depend on ``ctx.language``.
    prepares: ClassVar[bool] = False
    # rules whose repairs leave the stage nothing more to propose: a run that applied
    # all it proposed, all of these rules, is not repeated on its output
    settling: ClassVar[frozenset[str]] = frozenset()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "rules" in cls.__dict__:
            cls.rules_by_id = {r.id: r for r in cls.rules}
            cls.categories = {r.id: r.category for r in cls.rules}

    def propose(self, text: str, ctx: Context) -> Iterable[Proposal]:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<stage {self.name}>"


@dataclass
class Result:
    text: str
    edits: list[Edit]
    metadata: dict[str, Any]
    language: str | None

    @property
    def applied(self) -> list[Edit]:
        return [e for e in self.edits if e.applied]

    @property
    def suggestions(self) -> list[Edit]:
        return [e for e in self.edits if not e.applied]


MAX_PASSES = 3


class Outcome(Enum):
    """What a stage's run did with its proposals."""
    NOTHING = "proposed nothing"
    SETTLED = "applied all it proposed, all of its settling rules"
    OTHER = "anything else"


NOTHING, SETTLED, OTHER = Outcome


class Cleaner:
    """A reusable cleaner. Lexicons load once, on first use; instances pickle
    without them, so they can be shipped to worker processes."""

    def __init__(self, config: Config | None = None, **options):
        self.config = (config or Config()).with_options(**options)
        self._lexicons: Lexicons | None = None
        self._stages: list[Stage] | None = None
        self._enabled_rules: dict[str, bool] = {}
        self._active_stages: dict[tuple[str, str | None], bool] = {}
        self._scorer: Scorer | None = None

    def __getstate__(self):
        return {"config": self.config}

    def __setstate__(self, state):
        self.__init__(state["config"])

    @property
    def lexicons(self) -> Lexicons:
        if self._lexicons is None:
            self._lexicons = Lexicons.load(self.config.lexicons)
        return self._lexicons

    @property
    def stages(self) -> list[Stage]:
        if self._stages is None:
            from .stages import build_stages
            self._stages = build_stages()
        return self._stages

    @property
    def scorer(self) -> Scorer | None:
        if self._scorer is None and self.config.lm:
            self._scorer = load_scorer(self.config.lm)
        return self._scorer

    def run(self, text: str) -> Result:
        from .language import detect_language
        ctx = Context(self.config, self.lexicons, self.config.language, scorer=self.scorer)
        log = EditLog(text)
        detected = self.config.language is not None
        # the text on which each stage would apply nothing (see _settle): it is skipped there
        unchanged_by: dict[str, str] = {}
        for stage in self.stages:
            if stage.prepares:
                self._settle(stage, log, ctx, unchanged_by, neutral_only=True)
        for _ in range(MAX_PASSES):
            # a repair can uncover another (a deleted gloss glues a quote mark to a word):
            # run again until a pass changes nothing, so that the output is stable
            before = log.text
            for stage in self.stages:
                if not detected and any(r.languages for r in stage.rules):
                    # detect once the language-neutral stages have removed encoding damage and page lines
                    ctx.language, detected = detect_language(log.text), True
                if unchanged_by.get(stage.name) != log.text:
                    self._settle(stage, log, ctx, unchanged_by)
            if log.text == before:
                break
        if not detected:
            ctx.language = detect_language(log.text)
        return Result(log.text, log.edits(), ctx.metadata, ctx.language)

    def _enabled(self, rule: Rule) -> bool:
        enabled = self._enabled_rules.get(rule.id)
        if enabled is None:
            enabled = self._enabled_rules[rule.id] = self.config.is_enabled(rule)
        return enabled

    def _active(self, stage: Stage, language: str | None) -> bool:
        """Whether some rule of the stage applies to the language and is enabled."""
        key = (stage.name, language)
        active = self._active_stages.get(key)
        if active is None:
            active = self._active_stages[key] = any(
                self._enabled(r) for r in stage.rules if r.applies_to(language))
        return active

    def _settle(self, stage: Stage, log: EditLog, ctx: Context, unchanged_by: dict[str, str],
                neutral_only: bool = False) -> None:
        """Run the stage, and note the text on which it would apply nothing: the one it
        proposed nothing on, or applied nothing to; its output where it settled."""
        seen = log.text
        outcome = self._run_stage(stage, log, ctx, neutral_only)
        if outcome is NOTHING or (log.text is seen and not neutral_only):
            unchanged_by[stage.name] = seen
        elif outcome is SETTLED:
            unchanged_by[stage.name] = log.text

    def _run_stage(self, stage: Stage, log: EditLog, ctx: Context, neutral_only: bool = False) -> Outcome:
        """Apply the stage's proposals (only those of language-neutral rules where
        ``neutral_only``: the language is not known yet)."""
        if not self._active(stage, ctx.language):
            return NOTHING
        proposals = stage.propose(log.text, ctx)
        if stage.arbitrated and ctx.scorer is not None:
            proposals = arbitrate(ctx.scorer, self.config.threshold, log.text, proposals)
        proposals = sorted(proposals, key=SPAN)
        if not proposals:
            return NOTHING
        rules = stage.rules_by_id
        chosen, flags, last_end = [], [], -1
        for p in proposals:
            r = rules[p.rule]
            if not r.applies_to(ctx.language) or neutral_only and r.languages:
                continue
            applied = self._enabled(r) and p.confidence >= self.config.threshold
            if applied:
                if p.start < last_end:
                    continue  # overlaps an edit this stage already applies
                last_end = p.end
            chosen.append(p)
            flags.append(applied)
        if chosen:
            log.add(chosen, stage.categories, flags)
        settled = len(chosen) == len(proposals) and all(flags) and stage.settling.issuperset(p.rule for p in chosen)
        return SETTLED if settled else OTHER

    def clean(self, text: str) -> str:
        return self.run(text).text


@lru_cache(maxsize=8)
def _shared_cleaner(config: Config) -> Cleaner:
    return Cleaner(config)


def clean(text: str, **options) -> str:
    """Clean ``text`` with the default configuration, changed by ``options``
    (any field of ``Config``)."""
    return _shared_cleaner(Config(**options)).run(text).text
