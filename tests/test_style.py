"""style: the Ukrainian place-name policy (Kiev → Kyiv and the other renames)."""
from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import Cleaner, Config
from cleaner.lexicon import LexiconError, Lexicons, read_file
from cleaner.pipeline import Context
from cleaner.stages.style import StyleStage, _renames

from .stage_support import apply_confident, confident, stage_proposals

ROOT = Path(__file__).resolve().parent.parent
LEXICONS = Lexicons(read_file(ROOT / "lexicons" / "style.toml"))
STAGE = StyleStage()
THRESHOLD = Config().threshold
UKRAINE = "Ukraine's army said so. "


def proposals(text: str):
    return stage_proposals(STAGE, text, Context(Config(), LEXICONS, "en"))


def fixed(text: str) -> str:
    return apply_confident(text, proposals(text))


@pytest.mark.parametrize("before, after", [
    ("Kiev denounces the attack.", "Kyiv denounces the attack."),
    ("Kiev’s mayor spoke.", "Kyiv’s mayor spoke."),
    ("Kiev's mayor spoke.", "Kyiv's mayor spoke."),
    ("A Kiev-based think tank and pro-Kiev forces.", "A Kyiv-based think tank and pro-Kyiv forces."),
    ("KIEV, Ukraine (AP) — Shelling resumed.", "KYIV, Ukraine (AP) — Shelling resumed."),
    ("The Foreign Minister of Kiev Dmytro Kuleba spoke.", "The Foreign Minister of Kyiv Dmytro Kuleba spoke."),
])
def test_kiev_becomes_kyiv(before, after):
    assert fixed(before) == after


@pytest.mark.parametrize("before, after", [
    ("Shelling hit Kharkov and Lugansk.", "Shelling hit Kharkiv and Luhansk."),
    ("Ships left Odessa for the Bosphorus.", "Ships left Odesa for the Bosphorus."),
    ("The Zaporozhye nuclear plant lost power.", "The Zaporizhzhia nuclear plant lost power."),
    ("Fighting in the Donbass went on.", "Fighting in the Donbas went on."),
    ("Refugees reached Lvov by train.", "Refugees reached Lviv by train."),
    ("The port of Nikolaev was shelled.", "The port of Mykolaiv was shelled."),
    ("Troops left Chernigov and Krivoy Rog.", "Troops left Chernihiv and Kryvyi Rih."),
    ("Roads near Rovno, Vinnitsa and Zhitomir were closed.", "Roads near Rivne, Vinnytsia and Zhytomyr were closed."),
])
def test_ukrainian_places_take_the_policy_spelling(before, after):
    assert fixed(UKRAINE + before) == UKRAINE + after


@pytest.mark.parametrize("text", [
    "The menu includes borscht, varenyky and chicken Kiev.",
    "Marks & Spencer introduced the Chicken Kiev in 1979.",
    "They served chicken à la Kiev.",
    "Kievan Rus’ was a medieval state.",
    "Some historians write Kiev Rus instead.",
    "The concert ended with The Great Gate of Kiev by Mussorgsky.",
    "See https://en.wikipedia.org/wiki/Chicken_Kiev for the recipe.",
    "The #KyivNotKiev campaign began in 2018.",
    "Air raid sirens sounded in Kyiv, Odesa and Kharkiv.",
    "Odessa, Texas, sits in the Permian Basin near Ukraine-born workers.",
    "Prince Georgy Lvov led the Provisional Government, far from Ukraine.",
    "The cosmonaut Andriyan Nikolayev flew over Ukraine in 1962.",
    "Shakhtar played at the Donbass Arena in Ukraine.",
    "Chernobyl lies north of Kyiv on the Dnieper.",
])
def test_exceptions_stay(text):
    assert not confident(proposals(text))


def test_quotation_is_only_suggested():
    text = "He wrote “Kiev: A Portrait, 1800–1917”, a history of Kiev."
    found = proposals(text)
    assert [p.confidence >= THRESHOLD for p in found] == [False, True]
    assert "quotation" in found[0].message


def test_historical_club_name_is_only_suggested():
    [p] = proposals("In 1975, Dynamo Kiev won the Cup Winners’ Cup.")
    assert p.confidence < THRESHOLD and p.replacement == "Kyiv"


def test_ambiguous_name_without_ukraine_is_only_suggested():
    [p] = proposals("The oil town of Odessa grew quickly.")
    assert p.confidence < THRESHOLD and p.rule == "style.ukrainian_place_names"


def test_rule_ids():
    assert {p.rule for p in confident(proposals("Kiev and Kharkov."))} == {"style.kyiv", "style.ukrainian_place_names"}


def test_exception_without_placeholder_is_rejected():
    with pytest.raises(LexiconError):
        _renames([{"old": ["Kiev"], "new": "Kyiv", "exceptions": ["chicken Kiev"]}])


@pytest.mark.parametrize("disable, expected", [
    (set(), "Kyiv and Kharkiv.\n"),
    ({"style.kyiv"}, "Kiev and Kharkiv.\n"),
    ({"style.ukrainian_place_names"}, "Kyiv and Kharkov.\n"),
    ({"style"}, "Kiev and Kharkov.\n"),
])
def test_rules_can_be_disabled(disable, expected):
    assert Cleaner(Config(disable=disable)).run("Kiev and Kharkov.\n").text == expected
