"""style: the place-name policy style guides settled (Kiev → Kyiv, Kharkov → Kharkiv).

The renames, their exceptions and the reasons for them are data
(lexicons/style.toml). The policy is certain where it applies; inside a
quotation, and for a spelling that also names something else in a document
not about Ukraine, the rename is only suggested.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import regex

from .. import lexicon, screen
from ..edits import Proposal
from ..lexicon import LexiconError
from ..pipeline import Context, Stage
from ..rules import Rule, rule
from .mistranslation import anchored, context_at, words

KYIV = rule("style.kyiv", "Kiev → Kyiv (not in chicken Kiev, Kievan Rus’, or a quotation)", english_only=True)
UKRAINIAN_PLACES = rule("style.ukrainian_place_names", "Russian-based spellings of Ukrainian places → the ones "
                        "style guides adopted (Kharkov → Kharkiv, Odessa → Odesa, Lugansk → Luhansk)",
                        english_only=True)
RULES_BY_KEY = {"kyiv": KYIV, "ukrainian_place_names": UKRAINIAN_PLACES}

NAME = "{name}"
POLICY_CONFIDENCE = 0.9
SUGGESTION_CONFIDENCE = 0.5
QUOTATION = re.compile(r"“[^“”\n]*”|\"[^\"\n]*\"")

_RENAME_FIELDS = lexicon.records(old=(list, True), new=(str, True), ambiguous=(bool, False),
                                 exceptions=(list, False), suggested_in=(list, False))


def _contexts(patterns: list[str], where: str = "") -> list[str]:
    for pattern in lexicon.strings(patterns):
        if pattern.count(NAME) != 1:
            raise LexiconError(f"{where}context {pattern!r} must hold {NAME} exactly once")
    return patterns


def _renames(value):
    """Rename records whose context patterns each hold the name placeholder once."""
    for i, item in enumerate(_RENAME_FIELDS(value)):
        _contexts(item.get("exceptions", []) + item.get("suggested_in", []), f"item {i}: ")
    return value


lexicon.section("style", topic=lexicon.strings, fragments=lexicon.mapping, common_exceptions=_contexts,
                **{key: _renames for key in RULES_BY_KEY})


@dataclass(frozen=True)
class Rename:
    rule: Rule
    new: str
    ambiguous: bool
    exceptions: regex.Pattern | None
    suggested_in: regex.Pattern | None


def _compile(lex: lexicon.Lexicons):
    """A table from each old spelling (and its ALL-CAPS form) to its rename and
    new spelling, one regex finding them all, and the topic pattern."""
    fragments = lex.get("style", "fragments", {})
    common = lex.get("style", "common_exceptions", [])
    table: dict[str, tuple[Rename, str]] = {}
    for key, rule_ in RULES_BY_KEY.items():
        for item in lex.get("style", key, []):
            forms = item["old"] + [old.upper() for old in item["old"]]
            rename = Rename(rule_, item["new"], item.get("ambiguous", False),
                            anchored(item.get("exceptions", []) + common, NAME, words(forms), fragments),
                            anchored(item.get("suggested_in", []), NAME, words(forms), fragments))
            table.update({old: (rename, item["new"]) for old in item["old"]})
            table.update({old.upper(): (rename, item["new"].upper()) for old in item["old"]})
    topic = lex.get("style", "topic", [])
    finder = regex.compile(rf"(?<![\p{{L}}\p{{N}}/@#._])(?:{words(list(table))})(?![\p{{L}}\p{{N}}])") if table else None
    topic_re = (frozenset(topic), regex.compile(rf"\b(?:{words(topic)})\b")) if topic else None
    return table, finder, topic_re


screen.declare(lambda lex: lex.compiled("style", _compile)[0])


def quoted(text: str, pos: int) -> bool:
    """Whether ``pos`` lies inside a paired quotation of its line (quotations
    never span a newline: the line alone decides)."""
    line_start = text.rfind("\n", 0, pos) + 1
    if text.rfind("“", line_start, pos) < 0 and text.rfind('"', line_start, pos) < 0:
        return False  # a quotation holding pos (a letter) opens before it
    line_end = text.find("\n", pos)
    for m in QUOTATION.finditer(text, line_start, len(text) if line_end < 0 else line_end):
        if m.start() > pos:
            return False  # the later ones start after it too
        if pos < m.end():
            return True
    return False


class StyleStage(Stage):
    name = "style"
    rules = (KYIV, UKRAINIAN_PLACES)

    def propose(self, text: str, ctx: Context):
        table, finder, topic = ctx.lexicons.compiled("style", _compile)
        if not finder:
            return
        about_ukraine = None  # weighed only for an ambiguous spelling
        for m in screen.finditer_found(ctx.words_in(text) & table.keys(), finder, text):
            rename, new = table[m.group()]
            if context_at(rename.exceptions, text, m.start(), m.end()) is not None:
                continue
            if rename.ambiguous and about_ukraine is None:
                about_ukraine = bool(topic and next(screen.finditer(*topic, text), None))
            doubts = _doubts(text, m, rename, quoted(text, m.start()), about_ukraine)
            message = f"place-name policy: {m.group()} → {new}"
            if doubts:
                message += f" (only suggested: {'; '.join(doubts)})"
            yield Proposal(m.start(), m.end(), new, rename.rule.id,
                           SUGGESTION_CONFIDENCE if doubts else POLICY_CONFIDENCE, message)


def _doubts(text: str, m: regex.Match, rename: Rename, quoted: bool, about_ukraine: bool | None) -> list[str]:
    """Why the old spelling may be right here."""
    doubts = ["inside a quotation"] * quoted
    if context_at(rename.suggested_in, text, m.start(), m.end()) is not None:
        doubts.append("a name that kept the old spelling in its time")
    if rename.ambiguous and not about_ukraine:
        doubts.append(f"{m.group()} also names other things and the text is not about Ukraine")
    return doubts
