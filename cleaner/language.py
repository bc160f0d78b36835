"""Document language: a cheap stopword count first, langdetect (seeded) when unsure."""
from __future__ import annotations

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


def stopword_scores(text: str) -> dict[str, float]:
    words = [w.lower() for w in WORD.findall(text[:20000])]
    if not words:
        return {}
    return {lang: sum(w in stops for w in words) / len(words) for lang, stops in STOPWORDS.items()}


def detect_language(text: str) -> str | None:
    """The document's language code, or None when there is too little text to tell."""
    scores = stopword_scores(text)
    if not scores:
        return None
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    if top >= 0.12 and top >= 2 * second:
        return best
    if sum(len(w) > 2 for w in WORD.findall(text[:2000])) < MIN_WORDS_FOR_LANGDETECT:
        return None
    return langdetect_code(text[:5000])


MIN_WORDS_FOR_LANGDETECT = 12
MIN_PROBABILITY = 0.9


def langdetect_code(text: str) -> str | None:
    """langdetect's answer when it is sure, made deterministic by its seed; else None."""
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException
    DetectorFactory.seed = 0
    try:
        best = detect_langs(text)[0]
    except LangDetectException:
        return None
    return best.lang.split("-")[0] if best.prob >= MIN_PROBABILITY else None
