"""untranslated: sentences and fragments left in another language or script.

Only flagged, never removed by default: every proposal is a low-confidence
deletion that a reviewer can accept. A sentence is a candidate when the
stopwords of another language outweigh those of the document's language;
langdetect (slow, unreliable on short lines) only confirms candidates. A run of
another script (Cyrillic, Greek, Arabic, CJK…) in a Latin-script document is
flagged where it is bracketed (`[Украины]`) or spans several words; a single
word in another script (a name, a quoted term) is left alone.
"""
from __future__ import annotations

import unicodedata

import regex

from ..edits import Proposal
from ..language import STOPWORDS, WORD, langdetect_code, language_name, ranked_scores
from ..pipeline import Context, Stage
from ..rules import rule

SENTENCE = rule("untranslated.sentence", "A sentence left in another language (suggestion: delete it)")
SCRIPT = rule("untranslated.script", "A fragment in another script, bracketed or several words long "
              "(suggestion: delete it)")

PARAGRAPH = regex.compile(r"[^\n]+")
SENTENCE_SPAN = regex.compile(r"\S.*?(?:[.!?…]+[\"”’»)\]]*(?=\s|$)|$)")
FOREIGN_RUN = regex.compile(r"(?V1)[\p{L}--\p{Latin}][\p{L}\p{M}--\p{Latin}]*"
                            r"(?:[ \-’'][\p{L}--\p{Latin}][\p{L}\p{M}--\p{Latin}]*)*")
QUOTATION = regex.compile(r"[“«\"„][ \t]*([^“”«»\"„\n]+?)[ \t]*[”»\"“]")
BRACKETS = {"[": "]", "(": ")"}
MIN_SENTENCE_WORDS = 5
CLEARLY_OWN_SHARE = 0.25  # of a sentence's words that are the document language's stopwords
MIN_FOREIGN_SHARE = 0.10   # of a sentence's words that are another language's stopwords
MIN_RUN_WORDS = 3          # an unbracketed run of another script shorter than this is a name or a term


class UntranslatedStage(Stage):
    name = "untranslated"
    rules = (SENTENCE, SCRIPT)

    def propose(self, text: str, ctx: Context):
        flagged: list[tuple[int, int]] = []
        if ctx.language in STOPWORDS:
            for start, end, message in foreign_sentences(text, ctx.language):
                flagged.append((start, end))
                yield Proposal(start, _trailing_space(text, end), "", SENTENCE.id, 0.4, message)
            for start, end, message in foreign_quotations(text, ctx.language):
                if not any(s < end and start < e for s, e in flagged):
                    flagged.append((start, end))
                    yield Proposal(start, end, "", SENTENCE.id, 0.4, message)
        if _mostly_latin(text):
            for start, end, confidence, message in foreign_runs(text):
                if not any(s <= start < e for s, e in flagged):
                    yield Proposal(start, end, "", SCRIPT.id, confidence, message)


def sentences(text: str):
    """(start, end) of each sentence, paragraph by paragraph."""
    for para in PARAGRAPH.finditer(text):
        for m in SENTENCE_SPAN.finditer(text, para.start(), para.end()):
            yield m.start(), m.end()


def foreign_sentences(text: str, language: str):
    """Runs of consecutive sentences in one other language: (start, end, message)."""
    run: tuple[int, int, str, str] | None = None  # start, end, language, evidence
    for start, end in sentences(text):
        found = _sentence_language(text[start:end], language)
        if run and found and found[0] == run[2] and not text[run[1]:start].count("\n"):
            run = (run[0], end, run[2], run[3])
            continue
        if run:
            yield _described(run, language)
        run = (start, end, *found) if found else None
    if run:
        yield _described(run, language)


def foreign_quotations(text: str, language: str):
    """Quotations left in another language inside a sentence of the document's
    language (`declared: « La France restera … »`): (start, end, message)."""
    for m in QUOTATION.finditer(text):
        found = _sentence_language(m.group(1), language)
        if found:
            yield _described((m.start(1), m.end(1), *found), language)


def _described(run, language: str) -> tuple[int, int, str]:
    start, end, found, evidence = run
    return start, end, (f"looks like {language_name(found)}, not {language_name(language)} ({evidence}): "
                        "untranslated? delete or translate")


def _sentence_language(sentence: str, language: str) -> tuple[str, str] | None:
    """The other language a sentence is written in, with the evidence; None if it is
    the document's language or cannot be told. langdetect runs only on candidates."""
    words = WORD.findall(sentence)
    if len(words) < MIN_SENTENCE_WORDS:
        return None
    own = STOPWORDS[language]
    if sum(w.lower() in own for w in words) >= CLEARLY_OWN_SHARE * len(words):
        return None  # plainly the document's language: no need to weigh the others
    ranked = ranked_scores(sentence)
    scores = dict(ranked)
    other, share = next((lang, s) for lang, s in ranked if lang != language)
    if share < MIN_FOREIGN_SHARE or share < 2 * scores[language]:
        return None
    detected = langdetect_code(sentence)
    if detected is None or detected == language:
        return None
    return detected, (f"{share:.0%} {language_name(other)} function words against "
                      f"{scores[language]:.0%} {language_name(language)}; langdetect: {detected}")


def _trailing_space(text: str, end: int) -> int:
    while end < len(text) and text[end] in " \t":
        end += 1
    return end


# other scripts ----------------------------------------------------------------------

def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    for script in ("LATIN", "CYRILLIC", "GREEK", "ARABIC", "HEBREW", "CJK", "HIRAGANA", "KATAKANA",
                   "HANGUL", "DEVANAGARI", "THAI", "GEORGIAN", "ARMENIAN"):
        if name.startswith(script):
            return script.title() if script != "CJK" else "CJK"
    return name.split(" ")[0].title() if name else "Unknown"


LETTER = regex.compile(r"\p{L}")
LATIN_LETTER = regex.compile(r"\p{Latin}")


def _mostly_latin(text: str) -> bool:
    sample = text[:20000]
    return len(LATIN_LETTER.findall(sample)) * 2 > len(LETTER.findall(sample))


def foreign_runs(text: str):
    """Runs of another script: (start, end, confidence, message)."""
    for m in FOREIGN_RUN.finditer(text):
        start, end = m.span()
        bracketed = _bracketed(text, start, end)
        words = len(m.group().split())
        if not bracketed and words < MIN_RUN_WORDS:
            continue
        script = _script(m.group()[0])
        detected = langdetect_code(m.group())
        what = f"{script} script" + (f", {language_name(detected)}?" if detected else "")
        if bracketed:
            start, end = bracketed
            yield start, end, 0.4, f"bracketed fragment in {what}: untranslated? delete or translate"
        else:
            yield start, end, 0.3, f"{words} words in {what} in a Latin-script text: untranslated?"


def _bracketed(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of the `[…]` or `(…)` that holds exactly this run, with the spaces before it."""
    left, right = start, end
    while left > 0 and text[left - 1] in " \t":
        left -= 1
    while right < len(text) and text[right] in " \t":
        right += 1
    if left == 0 or right >= len(text) or BRACKETS.get(text[left - 1]) != text[right]:
        return None
    outer = left - 1
    while outer > 0 and text[outer - 1] in " \t":
        outer -= 1
    return outer, right + 1
