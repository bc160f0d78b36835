"""mistranslation: a name that a machine translation rendered as the common word
it spells in the source language (Italian *Nato* → `Born`, *Mosca* → `fly`).

Each trap in lexicons/homographs.toml gives the English form(s), the intended
name, context patterns that read the form as the name and patterns that read
it as the ordinary word, and the terms of the topic it belongs to. A trap fires
only where a name context holds, and is applied only in a document on the
trap's topic; a capitalised common word in mid-sentence adds confidence, and a
word context that holds as well makes the fix a suggestion.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import regex

from .. import lexicon, screen
from ..edits import Proposal
from ..lexicon import LexiconError
from ..pipeline import Context, Stage
from ..rules import Rule, rule

ORGANISATION = rule("mistranslation.organisation", "An organisation's name translated as a common word "
                    "(Italian Nato → Born → NATO)", english_only=True)
PLACE = rule("mistranslation.place", "A place name translated as a common word (Italian Mosca → fly → Moscow)",
             english_only=True)
PERSON = rule("mistranslation.person", "A surname translated as a common word after the given name "
              "(Luigi Of May → Luigi Di Maio)", english_only=True)
TERM = rule("mistranslation.term", "A word rendered by its homograph's sense (Arabic salām → Hello → peace)",
            english_only=True)
RULES_BY_KEY = {"organisations": ORGANISATION, "places": PLACE, "people": PERSON, "terms": TERM}

WORD = "{w}"
FRAGMENT = regex.compile(r"\{([a-z_]+)\}")
TOPIC_MIN = 2  # distinct topic terms that tie a document to a trap's topic
OFF_TOPIC_CONFIDENCE = 0.45  # a name context alone: a suggestion
ON_TOPIC_CONFIDENCE = 0.8    # a name context in a document on the trap's topic
CAPITALISED_CONFIDENCE = 0.9  # ... and a capitalised common word in mid-sentence
CONFLICT_CONFIDENCE = 0.4    # a word context holds as well
SENTENCE_END = ".!?:\n"
OPENERS = " \t“‘\"'«(["
CAPITALISED_WORD_BEFORE = regex.compile(r"\p{Lu}[\p{L}.’'-]*[ \t]+\Z")
ARTICLE_BEFORE = regex.compile(r"(?<![\p{L}\p{N}])[Tt]he[ \t]+\Z")
LANGUAGES = {"it": "Italian", "es": "Spanish", "pt": "Portuguese", "fr": "French", "de": "German",
             "ar": "Arabic", "he": "Hebrew", "ru": "Russian"}

_TRAP_FIELDS = lexicon.records(
    forms=(list, True), name=(str, True), languages=(list, True), source_word=(str, True),
    name_contexts=(list, True), word_contexts=(list, False), topic=(list, False),
    article=(bool, False), modifies=(str, False), max_confidence=(float, False))


def _traps(value: Any) -> list[dict]:
    """Trap records whose context patterns each hold the word placeholder once."""
    for i, trap in enumerate(_TRAP_FIELDS(value)):
        for pattern in trap["name_contexts"] + trap.get("word_contexts", []):
            if pattern.count(WORD) != 1:
                raise LexiconError(f"item {i}: context {pattern!r} must hold {WORD} exactly once")
    return value


lexicon.section("homographs", fragments=lexicon.mapping, **{key: _traps for key in RULES_BY_KEY})


# context patterns -------------------------------------------------------------

def expand(pattern: str, fragments: dict[str, str]) -> str:
    """Substitute the named fragments ({name}) of a pattern; other braces are regex syntax."""
    return FRAGMENT.sub(lambda m: f"(?:{fragments[m[1]]})" if m[1] in fragments else m[0], pattern)


def anchored(patterns: list[str], placeholder: str, word: str, fragments: dict[str, str]) -> regex.Pattern | None:
    """One regex matching ``word`` where one of ``patterns`` (context around
    ``placeholder``) holds; the group ``c<i>`` names the pattern that did."""
    alternatives = []
    for i, pattern in enumerate(patterns):
        before, after = (expand(part, fragments) for part in pattern.split(placeholder))
        around = (f"(?<={before})" if before else "") + f"(?:{word})" + (f"(?={after})" if after else "")
        alternatives.append(f"(?P<c{i}>{around})")
    if not alternatives:
        return None
    try:
        return regex.compile("|".join(alternatives))
    except regex.error as exc:
        raise LexiconError(f"bad context pattern for {word!r}: {exc}") from None


def context_at(pattern: regex.Pattern | None, text: str, start: int, end: int) -> int | None:
    """The index of the context pattern that holds for the word at start:end, if any."""
    hit = pattern.match(text, start) if pattern else None
    if not hit or hit.end() != end:
        return None
    return int(hit.lastgroup[1:])  # the one group c<i> that matched closes last


def at_sentence_start(text: str, pos: int) -> bool:
    while pos and text[pos - 1] in OPENERS:
        pos -= 1
    return pos == 0 or text[pos - 1] in SENTENCE_END


def follows_capitalised_word(text: str, pos: int) -> bool:
    """True after a capitalised word in the same line (`Countries Born`, `Luigi Of May`)."""
    return bool(CAPITALISED_WORD_BEFORE.search(text[max(0, pos - 40):pos]))


def snippet(text: str, start: int, end: int, width: int = 24) -> str:
    """The words around start:end, on one line, for a message."""
    left = text[max(0, start - width):start].rsplit("\n", 1)[-1]
    right = text[end:end + width].split("\n", 1)[0]
    return (left.split(" ", 1)[-1] if len(left) == width else left) + text[start:end] + right.rsplit(" ", 1)[0]


def words(forms: list[str]) -> str:
    return "|".join(regex.escape(f) for f in sorted(forms, key=len, reverse=True))


# traps ------------------------------------------------------------------------

@dataclass(frozen=True)
class Trap:
    rule: Rule
    name: str
    source: str
    name_context: regex.Pattern
    word_context: regex.Pattern | None
    topic: tuple[frozenset[str], regex.Pattern] | None
    drops_article: bool
    keeps_article: regex.Pattern | None
    max_confidence: float

    def on_topic(self, text: str) -> bool:
        if not self.topic:
            return False
        found = set()
        for m in screen.finditer(self.topic[0], self.topic[1], text, re.IGNORECASE):
            found.add(m.group().lower())
            if len(found) >= TOPIC_MIN:
                return True
        return False


def _topic_pattern(terms: list[str]) -> tuple[frozenset[str], regex.Pattern] | None:
    """Terms written in lower case match in any case; the others as written."""
    if not terms:
        return None
    alternatives = [f"(?i:{regex.escape(t)})" if t.islower() else regex.escape(t) for t in terms]
    return frozenset(terms), regex.compile(
        rf"(?<![\p{{L}}\p{{N}}])(?:{'|'.join(alternatives)})(?![\p{{L}}\p{{N}}])")


def _trap(data: dict, rule_: Rule, fragments: dict[str, str]) -> Trap:
    forms = words(data["forms"])
    languages = "/".join(LANGUAGES.get(code, code) for code in data["languages"])
    modifies = data.get("modifies")
    return Trap(
        rule=rule_, name=data["name"], source=f"{languages} {data['source_word']!r}",
        name_context=anchored(data["name_contexts"], WORD, forms, fragments),
        word_context=anchored(data.get("word_contexts", []), WORD, forms, fragments),
        topic=_topic_pattern(data.get("topic", [])),
        drops_article=not data.get("article", True),
        keeps_article=regex.compile(rf"[ \t]*[-–]|[ \t]+(?:{expand(modifies, fragments)})\b") if modifies else None,
        max_confidence=data.get("max_confidence", 1.0))


def _compile(lex: lexicon.Lexicons) -> tuple[list[Trap], regex.Pattern | None, frozenset[str]]:
    """The traps, one regex finding any of their forms (group t<i> = trap i), and the forms."""
    fragments = lex.get("homographs", "fragments", {})
    traps, alternatives, forms = [], [], set()
    for key, rule_ in RULES_BY_KEY.items():
        for data in lex.get("homographs", key, []):
            alternatives.append(f"(?P<t{len(traps)}>{words(data['forms'])})")
            forms.update(data["forms"])
            traps.append(_trap(data, rule_, fragments))
    if not traps:
        return traps, None, frozenset()
    return traps, regex.compile(rf"(?<![\p{{L}}\p{{N}}])(?:{'|'.join(alternatives)})(?![\p{{L}}\p{{N}}])"), \
        frozenset(forms)


screen.declare(lambda lex: lex.compiled("homographs", _compile)[2])


# the stage --------------------------------------------------------------------

class MistranslationStage(Stage):
    name = "mistranslation"
    rules = (ORGANISATION, PLACE, PERSON, TERM)
    arbitrated = True

    def propose(self, text: str, ctx: Context):
        traps, pattern, forms = ctx.lexicons.compiled("homographs", _compile)
        if not pattern:
            return
        on_topic: dict[int, bool] = {}
        for m in screen.finditer_found(ctx.words_in(text) & forms, pattern, text):
            index = int(m.lastgroup[1:])
            trap = traps[index]
            as_name = context_at(trap.name_context, text, m.start(), m.end())
            if as_name is None:
                continue  # no name context, no proposal: the topic is not needed
            if index not in on_topic:
                on_topic[index] = trap.on_topic(text)
            yield _proposal(text, m, trap, as_name, on_topic[index])


def _proposal(text: str, m: regex.Match, trap: Trap, as_name: int, on_topic: bool) -> Proposal:
    as_word = context_at(trap.word_context, text, m.start(), m.end())
    capitalised = m.group()[0].isupper() and not at_sentence_start(text, m.start()) \
        and not follows_capitalised_word(text, m.start())
    if not on_topic:
        confidence = OFF_TOPIC_CONFIDENCE
    else:
        confidence = CAPITALISED_CONFIDENCE if capitalised else ON_TOPIC_CONFIDENCE
    if as_word is not None:
        confidence = min(confidence, CONFLICT_CONFIDENCE)
    start = _article_start(text, m, trap)
    return Proposal(start, m.end(), _cased(trap.name, text, start), trap.rule.id,
                    min(confidence, trap.max_confidence),
                    _message(text, m, trap, as_name, as_word, on_topic, capitalised))


def _message(text: str, m: regex.Match, trap: Trap, as_name: int, as_word: int | None,
             on_topic: bool, capitalised: bool) -> str:
    evidence = [f"name context #{as_name + 1}"]
    evidence += ["the document's topic"] * on_topic + ["capitalised in mid-sentence"] * capitalised
    message = (f"{m.group()!r} in {snippet(text, m.start(), m.end())!r} is the {trap.source} rendered as "
               f"a common word: {trap.name}; evidence: {', '.join(evidence)}")
    if not on_topic:
        message += "; but nothing else in the document is on its topic"
    if as_word is not None:
        message += f"; but word context #{as_word + 1} reads it as the word"
    return message


def _article_start(text: str, m: regex.Match, trap: Trap) -> int:
    """Where the replacement starts: before a `the` that English does not use with the name."""
    if not trap.drops_article or (trap.keeps_article and trap.keeps_article.match(text, m.end())):
        return m.start()
    article = ARTICLE_BEFORE.search(text[max(0, m.start() - 8):m.start()])
    return m.start() - len(article.group()) if article else m.start()


def _cased(name: str, text: str, start: int) -> str:
    """A lower-case name (`peace`) is capitalised at the start of a sentence."""
    return name[0].upper() + name[1:] if name[0].islower() and at_sentence_start(text, start) else name
