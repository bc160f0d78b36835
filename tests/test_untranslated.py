"""The untranslated stage, and the document language that gates the English-only rules."""
from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings, strategies as st

from cleaner import Cleaner, Config
from cleaner.language import detect_language, language_name, lowered, lowered_words
from cleaner.pipeline import Context
from cleaner.rules import REGISTRY
from cleaner.stages import untranslated
from cleaner.stages.untranslated import UntranslatedStage

from .stage_support import stage_proposals

STAGE = UntranslatedStage()
LEXICONS = Cleaner().lexicons


def flagged(text: str, language: str | None = "en") -> list[tuple[str, str, float, str]]:
    ctx = Context(Config(), LEXICONS, language)
    return [(text[p.start:p.end], p.rule, p.confidence, p.message) for p in stage_proposals(STAGE, text, ctx)]


# untranslated sentences ----------------------------------------------------------------

def test_portuguese_sentence_in_english_text_is_a_suggestion(cleaner):
    text = ("The minister arrived in Kyiv on Tuesday for talks with the government. "
            "O governo português disse que não vai enviar tropas para a região. "
            "He left the next day after meeting the president and the head of the army.\n")
    [(span, rule, confidence, message)] = flagged(text)
    assert span == "O governo português disse que não vai enviar tropas para a região. "
    assert rule == "untranslated.sentence" and confidence < 0.6
    assert "Portuguese" in message
    result = cleaner.run(text)
    assert result.text == text  # flagged, never deleted by default
    assert [e.rule for e in result.suggestions if e.category == "untranslated"] == ["untranslated.sentence"]


def test_consecutive_sentences_in_one_language_are_one_suggestion():
    text = ("The talks resumed in Geneva on Monday. Il governo italiano ha detto che la situazione è molto grave. "
            "Il ministro degli Esteri ha parlato con i giornalisti della crisi. Diplomats expect a deal soon.")
    [(span, _, _, message)] = flagged(text)
    assert span.startswith("Il governo") and span.endswith("della crisi. ")
    assert "Italian" in message


def test_english_sentence_in_italian_text():
    text = ("Il governo italiano ha detto che la situazione è molto grave e che non ci sono soluzioni. "
            "The government said that the situation is very serious for the country. "
            "Il ministro degli Esteri ha parlato con i giornalisti.")
    [(span, _, _, message)] = flagged(text, "it")
    assert span.startswith("The government") and "English, not Italian" in message


def test_suggestion_applies_when_the_threshold_is_lowered():
    english = ("The talks resumed in Geneva on Monday, and the officials said that the mood was good. "
               "Diplomats from the two sides expect a deal on the prisoners within the week.")
    text = english + " El gobierno español dijo que la situación es muy grave y que no enviará tropas.\n"
    assert Cleaner(Config(threshold=0.3)).run(text).text == english + "\n"


@pytest.mark.parametrize("text", [
    "For veteran diplomats, the scenes in Niamey brought a sense of déjà vu: the coup d’état was the fifth.",
    "Scholz called the moment a Zeitenwende, a turning point, and announced a €100bn fund.",
    "German policy rested on the idea of Wandel durch Handel, or “change through trade”.",
    "Brazil’s flag carries the motto “Ordem e Progresso” (“Order and Progress”).",
    "Hundreds of thousands of people marched through Paris under the banner “Je suis Charlie” in 2015.",
    "The story was front-page news in Corriere della Sera, Le Monde and El País, and Der Spiegel ran it.",
    "Merkel’s “Wir schaffen das” (“We can do this”) became the defining phrase of the crisis.",
    "Rome’s restaurants are serving diners al fresco, and the mayor says the dolce vita is back.",
    "The committee said the status quo was not, per se, unlawful, and de facto nothing changed.",
    "Luis de Guindos, the vice-president of the ECB, spoke in Frankfurt on Tuesday.",
    "Protesters held placards reading “¡No pasarán!”, the slogan of the defenders of Madrid.",
])
def test_loanwords_names_and_quoted_phrases_are_not_flagged(text):
    assert flagged(text) == []


def test_no_language_no_sentence_check():
    text = "O governo português disse que não vai enviar tropas para a região."
    assert flagged(text, None) == []


# other scripts ---------------------------------------------------------------------------

def test_bracketed_fragment_in_another_script():
    text = "The leaders of Ukraine [Украины] met in Brussels."
    [(span, rule, confidence, message)] = flagged(text)
    assert span == " [Украины]" and rule == "untranslated.script" and confidence < 0.6
    assert "Cyrillic" in message


def test_run_of_words_in_another_script():
    text = "The crowd chanted Слава Україні героям слава for an hour."
    [(span, _, confidence, message)] = flagged(text)
    assert span == "Слава Україні героям слава" and confidence <= 0.3 and "Cyrillic" in message


@pytest.mark.parametrize("text", [
    "Ukrainians have a word for it, “волонтер”, or volunteer.",
    "The emblem bears the motto “सत्यमेव जयते” (Satyameva Jayate), meaning “Truth alone triumphs”.",
    "The statement used the phrase 和平统一, or “peaceful reunification”.",
])
def test_single_words_and_short_quotes_in_another_script_are_left_alone(text):
    assert flagged(text) == []


def test_latin_names_in_a_cyrillic_text_are_not_flagged():
    text = "Президент Joe Biden и канцлер Olaf Scholz встретились в Вашингтоне [Washington DC]."
    assert [f for f in flagged(text, "ru") if f[1] == "untranslated.script"] == []


def test_stage_never_applies_an_edit(cleaner):
    text = ("The leaders of Ukraine [Украины] met in Brussels. "
            "O governo português disse que não vai enviar tropas para a região. Слава Україні героям слава.\n")
    assert all(not e.applied for e in cleaner.run(text).edits if e.category == "untranslated")


# the document language ---------------------------------------------------------------------

SAMPLES = {
    "en": ["The minister said the talks would resume next week.", "He left the city.",
           "NATO allies met in Brussels on Tuesday to discuss the crisis in Ukraine and the deployment of troops."],
    "it": ["Il ministro ha detto che i colloqui riprenderanno la prossima settimana.", "Sono arrivati ieri a Roma.",
           "Gli alleati della Nato si sono riuniti a Bruxelles martedì per discutere della crisi in Ucraina."],
    "es": ["El ministro dijo que las conversaciones se reanudarán la próxima semana.",
           "Los aliados de la OTAN se reunieron en Bruselas el martes para discutir la crisis en Ucrania."],
    "pt": ["O ministro disse que as negociações serão retomadas na próxima semana.",
           "Os aliados da OTAN reuniram-se em Bruxelas na terça-feira para discutir a crise na Ucrânia."],
    "fr": ["Le ministre a déclaré que les pourparlers reprendraient la semaine prochaine.",
           "La Russie a invité le personnel non essentiel à quitter le pays."],
    "de": ["Der Minister sagte, die Gespräche würden nächste Woche fortgesetzt.",
           "Russland hat nicht unbedingt benötigtes Personal aufgefordert, das Land zu verlassen."],
}


@pytest.mark.parametrize("language, text", [(lang, t) for lang, texts in SAMPLES.items() for t in texts])
def test_detect_language_on_short_text(language, text):
    assert detect_language(text) == language


@pytest.mark.parametrize("language", SAMPLES)
def test_detect_language_on_long_text(language):
    assert detect_language(" ".join(SAMPLES[language] * 20)) == language


def test_detect_language_is_deterministic():
    text = "Zelensky thanks allies after talks in Kyiv"
    assert len({detect_language(text) for _ in range(5)}) == 1
    assert detect_language("") is None and detect_language("Kyiv") is None


def test_language_names():
    assert language_name("pt") == "Portuguese" and language_name(None) == "an unknown language"


ITALIAN = ("Il presidente del Consiglio Mario Draghi ha detto che l'Italia è pronta a sostenere l'Ucraina. "
           "«Siamo al fianco dei nostri alleati della Nato», ha dichiarato il premier in una conferenza stampa "
           "a Roma, dove ha incontrato i giornalisti. Il ministro degli Esteri Luigi Di Maio e il suo omologo "
           "russo hanno parlato al telefono (ndr). Gli altri Paesi Nato hanno chiesto a Mosca di ritirare le "
           "truppe dal confine, e la Russia ha respinto le accuse.\n")
SPANISH = ("El presidente del Gobierno, Pedro Sánchez, dijo que España está dispuesta a apoyar a Ucrania. "
           "«Estamos con nuestros aliados de la OTAN», declaró en una rueda de prensa en Madrid, donde se reunió "
           "con los periodistas. El ministro de Asuntos Exteriores y su homólogo ruso hablaron por teléfono. "
           "Los otros países pidieron a Moscú que retire las tropas de la frontera y la Rusia rechazó las "
           "acusaciones.\n")


@pytest.mark.parametrize("language, text", [("it", ITALIAN), ("es", SPANISH)])
def test_non_english_document_gets_no_english_only_edit(cleaner, language, text):
    result = cleaner.run(text)
    assert result.language == language
    assert [e for e in result.applied if REGISTRY[e.rule].languages is not None] == []
    assert [e for e in result.edits if e.category in ("syntax", "untranslated")] == []
    assert result.text == text


def test_quotation_left_in_another_language_is_flagged():
    text = ("The minister declared: « La France restera toujours aux côtés de l'Ukraine et de son peuple ». "
            "He then left for Berlin, where he met the chancellor.\n")
    result = Cleaner().run(text)
    (flag,) = [e for e in result.edits if e.rule == "untranslated.sentence"]
    assert not flag.applied
    assert flag.before.startswith("La France restera") and flag.before.endswith("son peuple")
    assert "French" in flag.message


def test_english_quotation_is_not_flagged():
    text = ("The minister declared: “France will always stand by Ukraine and its people.” "
            "He then left for Berlin, where he met the chancellor.\n")
    assert not [e for e in Cleaner().run(text).edits if e.rule.startswith("untranslated")]


# --- screens ---------------------------------------------------------------------------

PIECES = ["The", "war", "Украины", "[", "]", "Κύπρος", "ā", "naïve", "µ", "ˆ", "→", "?", "—", "’", "\u0301",
          "中国", " ", "\n", ".", "'", "-", "1", "ş", "İ", "ß"]
texts = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


@given(texts, st.data())
@settings(max_examples=400)
def test_screens_find_what_a_full_scan_finds(text, data):
    start, end = sorted(data.draw(st.lists(st.integers(0, len(text)), min_size=2, max_size=2)))
    low = lowered(text)
    assert [m.span() for m in untranslated._foreign_run_matches(text, low)] == \
        [m.span() for m in untranslated.FOREIGN_RUN.finditer(text)]
    latin = len(untranslated.LATIN_LETTER.findall(text)) * 2 > len(untranslated.LETTER.findall(text))
    assert untranslated._mostly_latin(text) == latin
    assert untranslated.LoweredText(text).words(start, end) == \
        [w.encode("cp1252", "replace") for w in lowered_words(text[start:end])]


def in_cp1252(text: str) -> bool:
    return text.encode("cp1252", "ignore") == text.encode("cp1252", "replace")


@given(st.lists(st.sampled_from(PIECES + ["\u212a", "de", "Kde", "\u212ade", "ẞ"]), max_size=30).map("".join))
@settings(max_examples=400)
def test_whole_words_are_the_lowered_words(text):
    """A word in cp1252 is its lower case; another keeps a NUL, so is no stopword."""
    expected = [w.lower().encode("cp1252") if in_cp1252(w) else None for w in regex.findall(r"\p{L}+", text)]
    words = lowered(text).whole_words
    assert len(words) == len(expected)
    for word, lower in zip(words, expected):
        assert word == lower if lower is not None else b"\0" in word
