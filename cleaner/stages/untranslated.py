"""untranslated: sentences and fragments left in another language or script.

Only flagged, never removed by default: every proposal is a low-confidence
deletion that a reviewer can accept. A sentence is a candidate when the
stopwords of another language outweigh those of the document's language;
langdetect (slow, unreliable on short lines) only confirms candidates. A run of
another script (Cyrillic, Greek, Arabic, CJK…) in a Latin-script document is
flagged where it is bracketed (`[Украины]`) or spans several words; a single
word in another script (a name, a quoted term) is left alone.

Most documents hold no such thing, so the work goes where it can: the text's lower-cased
words (computed once with detect_language's) tell which of the other languages' stopwords
it holds, only the paragraphs around them are split into sentences, and exact
whole-number stopword counts come before float scores.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from itertools import repeat

import regex

from ..edits import Proposal
from ..language import (SAMPLE_CHARS, SCALE, STOPWORD_SHARING, STOPWORDS, Lowered, langdetect_code,
                        language_name, lowered, lowered_words, ranked_scores, stopword_totals)
from ..pipeline import Context, Stage
from ..rules import rule

SENTENCE = rule("untranslated.sentence", "A sentence left in another language (suggestion: delete it)")
SCRIPT = rule("untranslated.script", "A fragment in another script, bracketed or several words long "
              "(suggestion: delete it)")

SENTENCE_SPAN = regex.compile(r"\S.*?(?:[.!?…]+[\"”’»)\]]*(?=\s|$)|$)")
SENTENCE_END = regex.compile(r"[.!?…]+[\"”’»)\]]*(?=\s|$)")  # where SENTENCE_SPAN may end a sentence
# the last SENTENCE_END before a word (so one followed by a space: `$` cannot match there)
SENTENCE_END_BEFORE = regex.compile(r"(?r)[.!?…]+[\"”’»)\]]*(?=\s)")
FOREIGN_RUN = regex.compile(r"(?V1)[\p{L}--\p{Latin}][\p{L}\p{M}--\p{Latin}]*"
                            r"(?:[ \-’'][\p{L}--\p{Latin}][\p{L}\p{M}--\p{Latin}]*)*")
QUOTATION = regex.compile(r"[“«\"„][ \t]*([^“”«»\"„\n]+?)[ \t]*[”»\"“]")
QUOTE_MARKS = "“”«»\"„"  # none can be inside a QUOTATION
QUOTE_MARK = re.compile(f"[{QUOTE_MARKS}]")
OPENING_QUOTES, CLOSING_QUOTES = "“«\"„", "”»\"“"
BRACKETS = {"[": "]", "(": ")"}
MIN_SENTENCE_WORDS = 5
CLEARLY_OWN_SHARE = 0.25  # of a sentence's words that are the document language's stopwords
MIN_FOREIGN_SHARE = 0.10   # of a sentence's words that are another language's stopwords
WORDS_PER_MIN_SHARE = 10   # 1 / MIN_FOREIGN_SHARE, for comparisons in whole numbers
MIN_RUN_WORDS = 3          # an unbracketed run of another script shorter than this is a name or a term


# per document language, the other languages' stopwords that are not its own, in cp1252
FOREIGN_STOPWORDS = {lang: frozenset(w.encode("cp1252") for other, stops in STOPWORDS.items()
                                     if other != lang for w in stops - own)
                     for lang, own in STOPWORDS.items()}
OWN_STOPWORDS = {lang: {w.encode("cp1252") for w in own} for lang, own in STOPWORDS.items()}
# per document language, the most languages one of its stopwords is shared with
MOST_SHARED = {lang: max(STOPWORD_SHARING[w] for w in own) for lang, own in STOPWORDS.items()}


class UntranslatedStage(Stage):
    name = "untranslated"
    rules = (SENTENCE, SCRIPT)

    def propose(self, text: str, ctx: Context):
        flagged: list[tuple[int, int]] = []
        doc = LoweredText(text)
        if ctx.language in STOPWORDS:
            paragraphs = list(_paragraphs(text, foreign_stopword_starts(doc.lowered, ctx.language)))
            for start, end, message in foreign_sentences(doc, ctx.language, paragraphs):
                flagged.append((start, end))
                yield Proposal(start, _trailing_space(text, end), "", SENTENCE.id, 0.4, message)
            for start, end, message in foreign_quotations(doc, ctx.language, paragraphs):
                if not any(s < end and start < e for s, e in flagged):
                    flagged.append((start, end))
                    yield Proposal(start, end, "", SENTENCE.id, 0.4, message)
        for start, end, confidence, message in foreign_runs(text, doc.lowered):
            if not any(s <= start < e for s, e in flagged):
                yield Proposal(start, end, "", SCRIPT.id, confidence, message)


class LoweredText:
    """A text with its `lowered_letters`, for the lower-cased words of any stretch of it."""

    def __init__(self, text: str):
        self.text = text
        self.lowered = lowered(text)  # shared with detect_language where it weighed this text
        self.letters, self.exact = self.lowered.letters, self.lowered.exact

    def words(self, start: int, end: int) -> list[bytes]:
        """The lower-cased words of text[start:end], in cp1252 ("?" for a letter outside it)."""
        if self.lowered.exact_within(start, end):
            return self.letters[start:end].split()
        return [w.encode("cp1252", "replace") for w in lowered_words(self.text[start:end])]


def foreign_stopword_starts(doc: Lowered, language: str) -> list[int]:
    """Sorted starts of the words that are another language's stopwords and not `language`'s,
    and perhaps of a few more (where a letter outside cp1252 split a word), from the text's
    `lowered_letters`. A sentence in another language holds one: words that are stopwords of
    both weigh the same for both, so they can never make the other language's score twice
    the document language's. The few such words the text's words hold are then found
    between spaces."""
    return sorted(i for word in FOREIGN_STOPWORDS[language].intersection(doc.words) for i in doc.starts(word))


def _holds(starts: list[int], start: int, end: int) -> bool:
    i = bisect_left(starts, start)
    return i < len(starts) and starts[i] < end


def _paragraphs(text: str, starts: list[int]):
    """(start, end, starts within) of each paragraph (line) that holds one of `starts`."""
    i = 0
    while i < len(starts):
        start = text.rfind("\n", 0, starts[i]) + 1
        end = text.find("\n", starts[i])
        end = len(text) if end < 0 else end
        j = bisect_left(starts, end, i)
        yield start, end, starts[i:j]
        i = j


def foreign_sentences(doc: LoweredText, language: str, paragraphs: list[tuple[int, int, list[int]]]):
    """Runs of consecutive sentences of a paragraph in one other language:
    (start, end, message). Only sentences holding one of the `paragraphs`' hits
    (see `_paragraphs`) are weighed."""
    text = doc.text
    for para_start, para_end, hits in paragraphs:
        if not _may_hold_foreign_sentence(doc, para_start, para_end, hits, language):
            continue
        run: tuple[int, int, str, str] | None = None  # start, end, language, evidence
        for m in SENTENCE_SPAN.finditer(text, para_start, para_end):
            start, end = m.span()
            found = _sentence_language(doc, start, end, language) if _holds(hits, start, end) else None
            if run and found and found[0] == run[2]:
                run = (run[0], end, run[2], run[3])
                continue
            if run:
                yield _described(run, language)
            run = (start, end, *found) if found else None
        if run:
            yield _described(run, language)


def foreign_quotations(doc: LoweredText, language: str, paragraphs: list[tuple[int, int, list[int]]]):
    """Quotations left in another language inside a sentence of the document's
    language (`declared: « La France restera … »`): (start, end, message). A quotation
    lies within a line, so only the `paragraphs` (lines) holding a hit are searched."""
    text = doc.text
    for para_start, para_end, hits in paragraphs:
        if not _may_hold_foreign_quotation(doc, para_start, para_end, hits, language):
            continue
        for m in QUOTATION.finditer(text, para_start, para_end):
            if _holds(hits, m.start(1), m.end(1)):
                found = _sentence_language(doc, *m.span(1), language)
                if found:
                    yield _described((m.start(1), m.end(1), *found), language)


def _may_hold_foreign_sentence(doc: LoweredText, para_start: int, para_end: int, hits: list[int],
                               language: str) -> bool:
    """False where no sentence of the paragraph can be in another language. One that is
    holds a hit, and spans at least the stretch between the SENTENCE_ENDs around it (found
    by searching from the hit both ways, not through the paragraph). Where both ends follow
    a word, that stretch is the sentence, so `_may_be_foreign` decides; else the sentence may
    reach further (a stray "." starts none), and a looser bound, from the paragraph's hits,
    decides. Each of the sentence's foreign stopwords (at most those hits) weighs at most 1,
    so the other language scores at most 2 * hits (it doubles the document language, which
    scores at least own / MOST_SHARED for its `own` stopwords), and that is at least
    MIN_FOREIGN_SHARE of the sentence's words: it has at most 2 * WORDS_PER_MIN_SHARE * hits
    words, and at most MOST_SHARED * hits of the document language's stopwords."""
    if para_end - para_start > SAMPLE_CHARS:
        return True  # `stopword_scores` would weigh only a sentence's first SAMPLE_CHARS
    text, own = doc.text, OWN_STOPWORDS[language]
    stretch_end = -1
    for at in hits:
        if at < stretch_end:
            continue  # in the stretch of the hit before
        before = SENTENCE_END_BEFORE.search(text, para_start, at)
        after = SENTENCE_END.search(text, at, para_end)
        stretch_start = before.end() if before else para_start
        stretch_end = after.end() if after else para_end
        if _ends_sentence(text, before, para_start) and _ends_sentence(text, after, para_start):
            if _may_be_foreign(doc, stretch_start, stretch_end, language):
                return True
            continue
        words = doc.words(stretch_start, stretch_end)
        if (len(words) <= 2 * WORDS_PER_MIN_SHARE * len(hits)
                and sum(map(own.__contains__, words)) <= MOST_SHARED[language] * len(hits)):
            return True
    return False


def _ends_sentence(text: str, end: regex.Match | None, para_start: int) -> bool:
    """Whether a SENTENCE_SPAN ends where this SENTENCE_END does (or the paragraph does, for
    None): sure where its marks follow a character that is not a space (`word.`). One that
    follows a space may be a lone mark, which SENTENCE_SPAN takes as a sentence's start."""
    return end is None or (end.start() > para_start and not text[end.start() - 1].isspace())


def _may_hold_foreign_quotation(doc: LoweredText, para_start: int, para_end: int, hits: list[int],
                                language: str) -> bool:
    """False where no QUOTATION of the paragraph holding a hit can be weighed. One holding
    a hit opens at the last quote mark before it and closes at the first after it (a
    quotation holds none), so its words are those between these marks; hits before the
    same closing mark share them."""
    text = doc.text
    mark_after = -1  # the first quote mark after the hit before: the hits before it find it too
    for at in hits:
        if at < mark_after:
            continue
        closing = QUOTE_MARK.search(text, at, para_end)
        if not closing:
            return False  # no quote mark after this hit, nor after the later ones
        mark_after = closing.start()
        if closing.group() not in CLOSING_QUOTES:
            continue
        opening = max(map(text.rfind, QUOTE_MARKS, repeat(para_start), repeat(at)))
        if (opening >= 0 and text[opening] in OPENING_QUOTES
                and _may_be_foreign(doc, opening + 1, closing.start(), language)):
            return True
    return False


def _may_be_foreign(doc: LoweredText, start: int, end: int, language: str) -> bool:
    """Whether the words of text[start:end] pass the stopword tests of `_sentence_language`:
    enough words, not plainly the document's language, and another language scoring at
    least MIN_FOREIGN_SHARE and twice the document language. The last two compare the
    exact `stopword_totals`, counting a tie as a pass: the float scores are too close to
    exact to fall on the other side of a threshold."""
    words = doc.words(start, end)
    own = OWN_STOPWORDS[language]
    if len(words) < MIN_SENTENCE_WORDS or sum(map(own.__contains__, words)) >= CLEARLY_OWN_SHARE * len(words):
        return False
    if end - start > SAMPLE_CHARS:
        return True  # `stopword_scores` weighs only the first SAMPLE_CHARS
    totals = stopword_totals(words)
    return any(WORDS_PER_MIN_SHARE * total >= SCALE * len(words) and total >= 2 * totals[language]
               for lang, total in totals.items() if lang != language)


def _described(run, language: str) -> tuple[int, int, str]:
    start, end, found, evidence = run
    return start, end, (f"looks like {language_name(found)}, not {language_name(language)} ({evidence}): "
                        "untranslated? delete or translate")


def _sentence_language(doc: LoweredText, start: int, end: int, language: str) -> tuple[str, str] | None:
    """The other language the sentence text[start:end] is written in, with the evidence;
    None if it is the document's language or cannot be told. langdetect runs only on
    candidates."""
    if not _may_be_foreign(doc, start, end, language):
        return None  # no need to weigh the languages in floats
    sentence = doc.text[start:end]
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
ASCII_NON_LETTERS = bytes(c for c in range(128) if not chr(c).isalpha())
# the letters of cp1252 that FOREIGN_RUN takes for another script's (µ, ˆ)
CP1252_OTHER_SCRIPT = [c for c in bytes(range(256)).decode("cp1252", "ignore") if FOREIGN_RUN.match(c)]


def _mostly_latin(text: str) -> bool:
    sample = text[:20000]
    # sure where the ASCII letters (all Latin) outnumber the other characters (all other letters)
    in_ascii = sample.encode("ascii", "ignore")
    if len(in_ascii.translate(None, ASCII_NON_LETTERS)) > len(sample) - len(in_ascii):
        return True
    return len(LATIN_LETTER.findall(sample)) * 2 > len(LETTER.findall(sample))


def _foreign_run_matches(text: str, low: Lowered):
    """`FOREIGN_RUN.finditer(text)`, tried only where a letter of another script can be: at a
    character outside cp1252 or one of CP1252_OTHER_SCRIPT."""
    places = list(low.outside)
    for char in CP1252_OTHER_SCRIPT:
        at = text.find(char)
        while at >= 0:
            places.append((at, at + 1))
            at = text.find(char, at + 1)
    covered = 0
    for start, end in sorted(places):
        at = max(start, covered)
        while at < end:
            m = FOREIGN_RUN.match(text, at)
            if m:
                yield m
                at = covered = m.end()
            else:
                at += 1


def foreign_runs(text: str, low: Lowered):
    """Runs of another script in a text mostly in Latin script: (start, end, confidence, message)."""
    mostly_latin = None
    for m in _foreign_run_matches(text, low):
        start, end = m.span()
        bracketed = _bracketed(text, start, end)
        words = len(m.group().split())
        if not bracketed and words < MIN_RUN_WORDS:
            continue
        if mostly_latin is None:
            mostly_latin = _mostly_latin(text)
        if not mostly_latin:
            return
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
