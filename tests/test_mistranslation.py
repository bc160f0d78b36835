"""mistranslation: names rendered as the common word they spell in the source language."""
from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import Cleaner, Config
from cleaner.lexicon import LexiconError, Lexicons, read_file
from cleaner.pipeline import Context
from cleaner.stages.mistranslation import MistranslationStage, _traps

from .stage_support import apply_confident, confident, stage_proposals

ROOT = Path(__file__).resolve().parent.parent
LEXICONS = Lexicons(read_file(ROOT / "lexicons" / "homographs.toml"))
STAGE = MistranslationStage()
THRESHOLD = Config().threshold

NATO_TOPIC = "The alliance sent more troops to the east as Russia massed forces on Ukraine's border. "
RUSSIA_TOPIC = "Russia's foreign ministry and the Kremlin rejected the sanctions. "
ITALY_TOPIC = "Italy's government in Rome met again. "


def proposals(text: str):
    return stage_proposals(STAGE, text, Context(Config(), LEXICONS, "en"))


def fixed(text: str) -> str:
    return apply_confident(text, proposals(text))


# NATO rendered as "Born" (Italian Nato) ------------------------------------------

@pytest.mark.parametrize("before, after", [
    ("Mark Rutte, Secretary General of the Born, arrived.", "Mark Rutte, Secretary General of NATO, arrived."),
    ("Finland joined the Born in April.", "Finland joined NATO in April."),
    ("Leaders gathered for the Born summit in Vilnius.", "Leaders gathered for the NATO summit in Vilnius."),
    ("Poland asked the Born-Russia Council to meet.", "Poland asked the NATO-Russia Council to meet."),
    ("Warsaw wants more Born troops on the eastern flank.", "Warsaw wants more NATO troops on the eastern flank."),
    ("Sweden and the other members Born agreed.", "Sweden and the other members NATO agreed."),
    ("He spoke of the Born’s eastern flank.", "He spoke of NATO’s eastern flank."),
    ("The Born has said it will not send troops.", "NATO has said it will not send troops."),
])
def test_born_read_as_nato(before, after):
    assert fixed(NATO_TOPIC + before) == NATO_TOPIC + after


def test_born_headline_read_as_nato():
    text = NATO_TOPIC + "\n\nBorn, unity under strain\n\nThe ministers met in Brussels.\n"
    assert fixed(text) == NATO_TOPIC + "\n\nNATO, unity under strain\n\nThe ministers met in Brussels.\n"


@pytest.mark.parametrize("text", [
    "Born in Oslo in 1959, Stoltenberg led the alliance.",
    "Born in 1949 out of fear of Soviet expansion, NATO now has 32 members.",
    "The general, who was born and raised in Riga, commands NATO troops.",
    "Born, raised and educated in Tallinn, she now advises the alliance.",
    "The crowd sang Born to Run before the NATO leaders arrived.",
    "The charity Born Free opposes trophy hunting, as do many NATO states.",
    "Their first-born joined the army.",
    "Born on 4 July 1976, the officer joined NATO in 1998.",
    "Born into a family of diplomats, he became NATO's spokesman.",
    "A Star Is Born won the award while NATO met.",
    "Max Born, the physicist, fled Germany in 1933.",
    "The experiment tests the Born rule and the Born–Oppenheimer approximation.",
    "Natural Born Killers was banned.",
])
def test_born_as_the_english_word_stays(text):
    assert not confident(proposals(NATO_TOPIC + text))


def test_born_without_topic_is_only_suggested():
    found = proposals("Secretary General of the Born, he said.")
    assert found and all(p.confidence < THRESHOLD for p in found)


def test_conflicting_contexts_give_a_suggestion():
    found = proposals(NATO_TOPIC + "\n\nBorn, raised and educated in Oslo\n")
    assert found and all(p.confidence < THRESHOLD for p in found)
    assert "word context" in found[0].message


def test_message_names_the_evidence():
    [p] = proposals(NATO_TOPIC + "Secretary General of the Born, Mark Rutte.")
    assert p.rule == "mistranslation.organisation"
    assert "Nato" in p.message and "topic" in p.message and "of the Born" in p.message


# Moscow rendered as "fly" (Italian Mosca) -------------------------------------------

@pytest.mark.parametrize("before, after", [
    ("The Kremlin in fly said it would respond.", "The Kremlin in Moscow said it would respond."),
    ("Talks between fly and Beijing resumed.", "Talks between Moscow and Beijing resumed."),
    ("Trains from fly to Minsk were cancelled.", "Trains from Moscow to Minsk were cancelled."),
    ("Sanctions against fly were tightened.", "Sanctions against Moscow were tightened."),
    ("The axis of fly and Tehran worries Washington.", "The axis of Moscow and Tehran worries Washington."),
])
def test_fly_read_as_moscow(before, after):
    assert fixed(RUSSIA_TOPIC + before) == RUSSIA_TOPIC + after


@pytest.mark.parametrize("text", [
    "Johnson will then fly to Warsaw.",
    "Chinese President Xi Jinping will fly to Moscow on Monday.",
    "Pilots fly in formation over Red Square.",
    "A fruit fly landed on the table.",
    "He took up fly fishing in Karelia.",
    "Zelensky urged NATO to impose a no-fly zone.",
    "Jeff Goldblum starred in The Fly in 1986.",
    "The council will fly the flag at half-mast.",
    "Owen Farrell, the England fly-half, was sent off.",
])
def test_fly_as_the_english_word_stays(text):
    assert not confident(proposals(RUSSIA_TOPIC + text))


def test_fly_without_topic_is_only_suggested():
    found = proposals("The horses were kept safe from fly.")
    assert all(p.confidence < THRESHOLD for p in found)


# people: a surname after the given name ---------------------------------------------

@pytest.mark.parametrize("before, after", [
    (ITALY_TOPIC + "Foreign Minister Luigi Of May called Lavrov.", ITALY_TOPIC + "Foreign Minister Luigi Di Maio called Lavrov."),
    (ITALY_TOPIC + "Premier Giuseppe Count resigned.", ITALY_TOPIC + "Premier Giuseppe Conte resigned."),
    ("Spain's opposition leader Pablo Married visited Madrid.", "Spain's opposition leader Pablo Casado visited Madrid."),
    ("In Germany the former chancellor Helmut Cabbage was honoured in Berlin.",
     "In Germany the former chancellor Helmut Kohl was honoured in Berlin."),
    ("Brazil's president Squid da Silva spoke in Brasília.", "Brazil's president Lula da Silva spoke in Brasília."),
])
def test_surname_read_as_name(before, after):
    assert fixed(before) == after


@pytest.mark.parametrize("text", [
    "Count Dracula was played by Bela Lugosi.",
    "The first of May is a holiday in Italy and in Rome.",
    "Pablo married his partner in Madrid, in Spain.",
    "The Mayor of Paris spoke in France.",
])
def test_ordinary_words_near_given_names_stay(text):
    assert not confident(proposals(text))


# peace rendered as "Hello" (Arabic salām) ---------------------------------------------

def test_hello_agreement_read_as_peace():
    text = "Israel and the Palestinian Authority resumed negotiations on the Hello agreement in Cairo."
    assert fixed(text) == text.replace("Hello", "peace")


def test_peace_capitalised_at_sentence_start():
    text = "Gaza talks stalled during the war. The Hello process stalled."
    [p] = proposals(text)
    assert p.replacement == "peace" and text[p.start - 4:p.start] == "The "


@pytest.mark.parametrize("text", [
    "“Hello, everyone,” the astronaut said.",
    "The couple sold the pictures to Hello! magazine.",
    "She said Hello to the Israeli delegation.",
    "Hello Kitty turned 50 in the middle of the war.",
])
def test_hello_greeting_stays(text):
    assert not confident(proposals(text))


# the lexicon ---------------------------------------------------------------------------

def test_context_without_placeholder_is_rejected():
    bad = [{"forms": ["Born"], "name": "NATO", "languages": ["it"], "source_word": "Nato",
            "name_contexts": ["of the Born"]}]
    with pytest.raises(LexiconError):
        _traps(bad)


def test_rules_can_be_disabled(cleaner: Cleaner):
    text = NATO_TOPIC + "Mark Rutte, Secretary General of the Born, arrived.\n"
    assert "of NATO," in cleaner.run(text).text
    assert "of the Born," in Cleaner(Config(disable={"mistranslation.organisation"})).run(text).text
