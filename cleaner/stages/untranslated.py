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
from bisect import bisect_left

import regex

from ..edits import Proposal
from ..language import STOPWORDS, langdetect_code, language_name, lowered_letters, lowered_words, ranked_scores
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
# per document language, the other languages' stopwords that are not its own (cp1252 bytes)
FOREIGN_STOPWORDS = {lang: {w.encode("cp1252") for other, stops in STOPWORDS.items() if other != lang
                            for w in stops - own}
                     for lang, own in STOPWORDS.items()}


class UntranslatedStage(Stage):
    name = "untranslated"
    rules = (SENTENCE, SCRIPT)

    def propose(self, text: str, ctx: Context):
        flagged: list[tuple[int, int]] = []
        if ctx.language in STOPWORDS:
            starts = foreign_stopword_starts(text, ctx.language)
            for start, end, message in foreign_sentences(text, ctx.language, starts):
                flagged.append((start, end))
                yield Proposal(start, _trailing_space(text, end), "", SENTENCE.id, 0.4, message)
            for start, end, message in foreign_quotations(text, ctx.language, starts):
                if not any(s < end and start < e for s, e in flagged):
                    flagged.append((start, end))
                    yield Proposal(start, end, "", SENTENCE.id, 0.4, message)
        if _may_have_other_script(text) and _mostly_latin(text):
            for start, end, confidence, message in foreign_runs(text):
                if not any(s <= start < e for s, e in flagged):
                    yield Proposal(start, end, "", SCRIPT.id, confidence, message)


def foreign_stopword_starts(text: str, language: str) -> list[int]:
    """Sorted starts of the words that are another language's stopwords and not `language`'s,
    and perhaps of a few more (where a letter outside cp1252 split a word). A sentence in
    another language holds one: words that are stopwords of both weigh the same for both,
    so they can never make the other language's score twice the document language's."""
    letters, _ = lowered_letters(text)
    spaced = b" " + letters + b" "
    starts = []
    for word in FOREIGN_STOPWORDS[language].intersection(spaced.split()):
        needle = b" " + word + b" "
        at = spaced.find(needle)
        while at >= 0:
            starts.append(at)  # `spaced` has one byte more before the word: `at` is its start in `text`
            at = spaced.find(needle, at + 1)
    return sorted(starts)


def _holds(starts: list[int], start: int, end: int) -> bool:
    i = bisect_left(starts, start)
    return i < len(starts) and starts[i] < end


def _paragraphs(text: str, starts: list[int]):
    """(start, end) of each paragraph (line) that holds one of `starts`."""
    end = -1
    for at in starts:
        if at >= end:
            end = text.find("\n", at)
            end = len(text) if end < 0 else end
            yield text.rfind("\n", 0, at) + 1, end


def foreign_sentences(text: str, language: str, starts: list[int]):
    """Runs of consecutive sentences of a paragraph in one other language:
    (start, end, message). Only sentences holding one of `starts` are weighed."""
    for para_start, para_end in _paragraphs(text, starts):
        run: tuple[int, int, str, str] | None = None  # start, end, language, evidence
        for m in SENTENCE_SPAN.finditer(text, para_start, para_end):
            start, end = m.span()
            found = _sentence_language(text[start:end], language) if _holds(starts, start, end) else None
            if run and found and found[0] == run[2]:
                run = (run[0], end, run[2], run[3])
                continue
            if run:
                yield _described(run, language)
            run = (start, end, *found) if found else None
        if run:
            yield _described(run, language)


def foreign_quotations(text: str, language: str, starts: list[int]):
    """Quotations left in another language inside a sentence of the document's
    language (`declared: « La France restera … »`): (start, end, message). A quotation
    lies within a line, so only the lines holding one of `starts` are searched."""
    for para_start, para_end in _paragraphs(text, starts):
        for m in QUOTATION.finditer(text, para_start, para_end):
            if _holds(starts, m.start(1), m.end(1)):
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
    words = lowered_words(sentence)
    if len(words) < MIN_SENTENCE_WORDS:
        return None
    own = STOPWORDS[language]
    if sum(map(own.__contains__, words)) >= CLEARLY_OWN_SHARE * len(words):
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
# the letters of cp1252 that FOREIGN_RUN takes for another script's (µ, ˆ)
CP1252_OTHER_SCRIPT = [c for c in bytes(range(256)).decode("cp1252", "ignore") if FOREIGN_RUN.match(c)]


def _may_have_other_script(text: str) -> bool:
    """False where `text` has no letter of another script, so FOREIGN_RUN cannot match."""
    _, in_cp1252 = lowered_letters(text)
    return not in_cp1252 or any(c in text for c in CP1252_OTHER_SCRIPT)


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
