"""Document language: a cheap stopword count first, langdetect (seeded) when unsure."""
from __future__ import annotations

from collections import Counter
from functools import lru_cache

import regex

WORD = regex.compile(r"\p{L}+")
# the most frequent function words of the languages cleaner meets most often
STOPWORDS = {
    "en": {"the", "and", "of", "to", "in", "is", "that", "for", "with", "was", "on", "it", "he", "by", "as", "are", "his", "from", "has", "this"},
    "it": {"il", "di", "che", "e", "la", "per", "un", "non", "della", "del", "sono", "una", "alla", "nel", "gli", "con", "le", "si", "anche", "dei"},
    "es": {"el", "de", "que", "y", "la", "en", "los", "las", "por", "con", "una", "para", "es", "del", "se", "al", "lo", "como", "más", "su"},
    "pt": {"o", "de", "que", "e", "do", "da", "em", "um", "para", "com", "não", "uma", "os", "no", "se", "na", "por", "mais", "as", "dos"},
    "fr": {"le", "de", "la", "et", "les", "des", "en", "un", "une", "du", "est", "que", "pour", "dans", "qui", "pas", "au", "sur", "avec", "il"},
    "de": {"der", "die", "und", "in", "den", "von", "zu", "das", "mit", "sich", "des", "auf", "für", "ist", "im", "dem", "nicht", "ein", "eine", "als"},
}
# a stopword shared by k languages is evidence worth 1/k for each of them
_SHARING = Counter(w for stops in STOPWORDS.values() for w in stops)
LANGUAGE_NAMES = {
    "en": "English", "it": "Italian", "es": "Spanish", "pt": "Portuguese", "fr": "French", "de": "German",
    "ru": "Russian", "uk": "Ukrainian", "bg": "Bulgarian", "mk": "Macedonian", "el": "Greek", "ar": "Arabic",
    "fa": "Persian", "he": "Hebrew", "zh": "Chinese", "ja": "Japanese", "ko": "Korean", "tr": "Turkish",
    "pl": "Polish", "nl": "Dutch", "ro": "Romanian", "ca": "Catalan", "hi": "Hindi",
}
MIN_WORDS = 4  # fewer words than this: too little text to tell
MIN_WORDS_FOR_LANGDETECT = 12
MIN_PROBABILITY = 0.9


def language_name(code: str | None) -> str:
    return LANGUAGE_NAMES.get(code or "", code or "an unknown language")


def stopword_scores(text: str) -> dict[str, float]:
    """Per language, the share of words that are its stopwords (shared ones weigh less)."""
    words = [w.lower() for w in WORD.findall(text[:20000])]
    if not words:
        return {}
    return {lang: sum(1 / _SHARING[w] for w in words if w in stops) / len(words)
            for lang, stops in STOPWORDS.items()}


def ranked_scores(text: str) -> list[tuple[str, float]]:
    return sorted(stopword_scores(text).items(), key=lambda kv: kv[1], reverse=True)


def detect_language(text: str) -> str | None:
    """The document's language code, or None when there is too little text to tell."""
    ranked = ranked_scores(text)
    if not ranked or sum(len(w) > 1 for w in WORD.findall(text[:2000])) < MIN_WORDS:
        return None
    (best, top), (_, second) = ranked[0], ranked[1]
    if top >= 0.08 and top >= 2 * second:
        return best
    guess = langdetect_code(text[:5000])
    if guess is None:
        return None
    long_enough = sum(len(w) > 2 for w in WORD.findall(text[:2000])) >= MIN_WORDS_FOR_LANGDETECT
    # on a short text langdetect is trusted only where its language's stopwords back it
    support = dict(ranked).get(guess, 0.0)
    if long_enough or (support > 0 and support >= top / 2):
        return guess
    return None


@lru_cache(maxsize=1024)
def langdetect_code(text: str) -> str | None:
    """langdetect's answer when it is sure enough, made deterministic by its seed; else None."""
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException
    DetectorFactory.seed = 0
    try:
        best = detect_langs(text)[0]
    except LangDetectException:
        return None
    return best.lang.split("-")[0] if best.prob >= MIN_PROBABILITY else None
