"""acronym: source-language casing of known acronyms, foreign acronyms, doubled glosses."""
from __future__ import annotations

import re

import regex

from .. import lexicon, screen
from ..edits import Proposal
from ..pipeline import Context, Stage
from ..rules import rule

CASING = rule("acronym.casing", "Known acronyms written in source-language Title case (Nbc → NBC, Nato → NATO)",
              english_only=True)
FOREIGN = rule("acronym.foreign", "Acronyms left in the source language (OTAN → NATO, ONU → UN)", english_only=True)
INSTITUTION = rule("acronym.institution", "Source-language acronyms of institutions after a nationality "
                   "(the Ukrainian MNE → the Ukrainian Foreign Ministry)", english_only=True)
DOUBLED_GLOSS = rule("acronym.doubled_gloss", "An acronym glossed with itself (EU (EU) → EU)")

lexicon.section("acronyms", initialisms=lexicon.strings, word_acronyms=lexicon.strings,
                foreign=lexicon.mapping, institutions=lexicon.mapping)

EDGE_BEFORE = r"(?<![\w@#/.\-'’])"
EDGE_AFTER = r"(?![\w\-]|\.\w)"
GLOSS = regex.compile(r"(?<![\w-])(\p{Lu}[\p{Lu}\d]+)([ \t]+\(\1\))(?!\w)")
GLOSS_SCREEN = re.compile(r"\((?<=[ \t]\()[^\W\d_a-z]")  # a bracket opening on a capital, after a blank
# British spellings: a text that has them may write word acronyms in Title case
# by house style (Nato, Nasa, Unesco), not by source-language casing
BRITISH_SPELLING = regex.compile(
    r"\b(?:defence|organisation|organisations|organised|favour|favourable|programme|programmes|honour|"
    r"neighbour|neighbouring|behaviour|colour|realise|realised|recognise|recognised|criticise|criticised|"
    r"apologise|authorised|licence|travelled|whilst|centre)\b", regex.I)
NATIONALITY = regex.compile(r"\b(?:the )?\p{Lu}\p{Ll}+(?:ian|ean|an|ese|ish|ch|ic|i)\s+\Z")


def _sentence(text: str, pos: int) -> str:
    start = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos)) + 1
    ends = [i for i in (text.find(". ", pos), text.find("\n", pos)) if i >= 0]
    return text[start:min(ends) if ends else len(text)]


def _words(keys) -> str:
    return "|".join(regex.escape(k) for k in sorted(keys, key=len, reverse=True))


def _compile(lex: lexicon.Lexicons):
    initialisms = lex.get("acronyms", "initialisms", [])
    word_acronyms = lex.get("acronyms", "word_acronyms", [])
    title = {a.title() if a.isalpha() else a[0] + a[1:].lower(): a for a in initialisms + word_acronyms}
    title = {t: a for t, a in title.items() if t != a}
    foreign = dict(lex.get("acronyms", "foreign", {}))
    institutions = lex.get("acronyms", "institutions", {})
    pattern = lambda keys: regex.compile(EDGE_BEFORE + f"(?:{_words(keys)})" + EDGE_AFTER) if keys else None
    return (title, pattern(title), set(word_acronyms), foreign, pattern(foreign),
            institutions, pattern(institutions))


@screen.declare
def _screened(lex: lexicon.Lexicons) -> list[str]:
    title, _, _, foreign, _, institutions, _ = lex.compiled("acronyms", _compile)
    return [*title, *foreign, *institutions]


class AcronymStage(Stage):
    name = "acronym"
    rules = (CASING, FOREIGN, INSTITUTION, DOUBLED_GLOSS)

    def propose(self, text: str, ctx: Context):
        title, title_re, word_acronyms, foreign, foreign_re, institutions, institution_re = \
            ctx.lexicons.compiled("acronyms", _compile)
        found = ctx.words_in(text)
        if title_re:
            british = None
            for m in screen.finditer(found & title.keys(), title_re, text):
                acronym = title[m.group()]
                if acronym not in word_acronyms or acronym in text:
                    confidence, why = 0.95, ""
                else:
                    if british is None:
                        british = BRITISH_SPELLING.search(text)
                    confidence, why = (0.5, f"; British house style writes {m.group()} (the text spells "
                                            f"{british.group()!r})") if british else (0.7, "")
                yield Proposal(m.start(), m.end(), acronym, CASING.id, confidence,
                               f"acronym {acronym} in source-language casing{why}")
        if foreign_re:
            for m in screen.finditer(found & foreign.keys(), foreign_re, text):
                english = foreign[m.group()]
                if regex.search(rf"\b{english}\b", _sentence(text, m.start())):
                    confidence = 0.4  # named beside its English form: the acronym is discussed, not used
                else:
                    confidence = 0.8 if len(m.group()) > 2 else 0.65
                yield Proposal(m.start(), m.end(), english, FOREIGN.id, confidence,
                               f"source-language acronym {m.group()} is {english} in English")
        if institution_re:
            for m in screen.finditer(found & institutions.keys(), institution_re, text):
                after_nationality = bool(NATIONALITY.search(text, max(0, m.start() - 40), m.start()))
                yield Proposal(m.start(), m.end(), institutions[m.group()], INSTITUTION.id,
                               0.85 if after_nationality else 0.4,
                               f"source-language acronym {m.group()} = {institutions[m.group()]}")
        for m in GLOSS.finditer(text) if GLOSS_SCREEN.search(text) else ():
            yield Proposal(m.start(2), m.end(2), "", DOUBLED_GLOSS.id, 0.95, f"{m.group(1)} glossed with itself")
