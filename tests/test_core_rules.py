"""Each mechanical rule on positive cases (tests/cases/positive.json)."""
import json
from pathlib import Path

import pytest

from cleaner import Cleaner, Config, clean
from cleaner.rules import all_rules

CASES = json.loads((Path(__file__).parent / "cases" / "positive.json").read_text(encoding="utf-8"))
STYLE_OFF = Config(disable={"style"})


@pytest.mark.parametrize("case", CASES, ids=[c["label"] for c in CASES])
def test_positive_case(case):
    result = Cleaner(STYLE_OFF).run(case["text"])
    assert result.text == case["expected"]
    assert case["rule"] in {e.rule for e in result.edits if e.applied}
    assert result.metadata == case.get("metadata", {})


def test_every_case_names_a_registered_rule():
    known = {r.id for r in all_rules()}
    assert {c["rule"] for c in CASES} <= known


def test_missing_opening_mark_is_only_a_suggestion():
    text = ("He spoke with the envoy on Saturday. Russia has a real interest in dialogue, "
            "and we are ready, \u201che assured.\n")
    result = Cleaner().run(text)
    assert "ready,\u201d he assured" in result.text
    (suggestion,) = [e for e in result.edits if e.rule == "quotes.missing_opening"]
    assert not suggestion.applied and suggestion.after == "\u201c"
    assert text[suggestion.start:].startswith("Russia has")


def test_lower_threshold_applies_the_suggestion():
    text = "He spoke on Saturday. We are ready, \u201che assured.\n"
    assert "\u201cWe are ready,\u201d he assured." in clean(text, threshold=0.3)


def test_disabled_rule_is_reported_not_applied():
    result = Cleaner(Config(disable={"acronym.casing"})).run("He spoke to Nbc on Monday.\n")
    assert result.text == "He spoke to Nbc on Monday.\n"
    (edit,) = [e for e in result.edits if e.rule == "acronym.casing"]
    assert not edit.applied


def test_disabled_category_leaves_text_alone():
    text = "He said  \u201chello \u201d .\n"
    assert clean(text, disable={"spacing", "quotes"}) == text


def test_straight_quote_style_converts_curly_marks():
    assert clean("He called it \u201cmadness\u201d.\n", quote_style="straight") == 'He called it "madness".\n'


def test_straight_only_document_keeps_its_style():
    text = 'He called it "madness" and left.\n'
    assert clean(text) == text


def test_see_also_in_prose_stays():
    text = "See also the report by the committee, which found that the border was closed.\n"
    assert clean(text) == text


def test_non_english_document_gets_no_english_rules():
    text = ("Il ministro ha detto che la situazione \u00e8 \u00abmolto grave\u00bb e che la Nato "
            "deve restare unita per il bene di tutti i paesi europei.\n")
    result = Cleaner().run(text)
    assert result.language == "it"
    assert result.text == text


def test_title_case_word_acronym_in_british_text_is_only_suggested():
    text = "Nato allies agreed to raise defence spending at the summit in The Hague.\n"
    result = Cleaner().run(text)
    assert result.text == text
    (edit,) = [e for e in result.edits if e.rule == "acronym.casing"]
    assert not edit.applied and edit.after == "NATO" and "British" in edit.message


def test_title_case_word_acronym_beside_its_capitals_is_certain():
    text = "NATO said the Nato defence ministers would meet in Brussels.\n"
    assert clean(text) == "NATO said the NATO defence ministers would meet in Brussels.\n"
