"""Negative cases: correct English news text that must come out byte-for-byte unchanged.

Like ftfy's tests/test-cases/negative.json: each case in tests/cases/negative.json is a
text a human editor would publish as it is. The cleaner must return it unchanged and
must not apply any edit to it (suggestions, i.e. edits with ``applied`` False, are
allowed: they are reported for review, not applied).

A failing case is a false positive of the rule family named in its ``category``; the
``note`` says why the text is correct. Fix the rule, not the case.
"""
from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

CASES_PATH = Path(__file__).parent / "cases" / "negative.json"
CASES: list[dict] = json.loads(CASES_PATH.read_text(encoding="utf-8"))
LABELS = [case["label"] for case in CASES]

CATEGORIES = {
    "quotes", "spacing", "acronym", "boilerplate", "encoding", "metadata", "glue",
    "names", "mistranslation", "style", "syntax", "untranslated", "general",
}


# --- the fixture file itself ----------------------------------------------------

def test_structure_case_count_and_labels():
    assert len(CASES) >= 200, f"only {len(CASES)} negative cases"
    duplicates = sorted({label for label in LABELS if LABELS.count(label) > 1})
    assert not duplicates, f"duplicate labels: {duplicates}"
    for case in CASES:
        assert set(case) == {"label", "category", "text", "note"}, case.get("label")
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", case["label"]), case["label"]
        assert case["category"] in CATEGORIES, (case["label"], case["category"])
        assert case["note"].strip(), f"{case['label']}: empty note"


def test_structure_every_text_ends_with_one_newline():
    bad = [c["label"] for c in CASES if not c["text"].endswith("\n") or c["text"].endswith("\n\n")]
    assert not bad, f"texts not ending with exactly one newline: {bad}"


def test_structure_texts_are_already_canonical_whitespace():
    """Each text already satisfies the spacing policy, so an unchanged output is the right answer."""
    problems = []
    for case in CASES:
        text, label = case["text"], case["label"]
        if text[:1].isspace():
            problems.append(f"{label}: leading whitespace")
        if re.search(r"[ \t]+\n", text):
            problems.append(f"{label}: trailing spaces on a line")
        if "  " in text or "\t" in text or "\r" in text:
            problems.append(f"{label}: doubled space, tab or carriage return")
        if "\n\n\n" in text:
            problems.append(f"{label}: more than one blank line")
        if any(ch in text for ch in "\u00a0\u200b\u00ad\ufeff"):
            problems.append(f"{label}: NBSP, zero-width space, soft hyphen or BOM")
        if not unicodedata.is_normalized("NFC", text):
            problems.append(f"{label}: not NFC")
    assert not problems, "\n".join(problems)


# --- the cleaner on each case -----------------------------------------------------

@pytest.fixture(scope="module")
def cleaner_module():
    import cleaner  # imported here so that the structure tests run even if the package is broken
    return cleaner


@pytest.fixture(scope="module")
def shared_cleaner(cleaner_module):
    return cleaner_module.Cleaner()


def _describe(edit) -> str:
    return (f"  {edit.rule} [{edit.category}, conf {edit.confidence:.2f}] "
            f"{edit.start}:{edit.end} {edit.before!r} -> {edit.after!r}: {edit.message}")


@pytest.mark.parametrize("case", CASES, ids=LABELS)
def test_negative_case_unchanged(case, cleaner_module, shared_cleaner):
    text = case["text"]
    header = f"[{case['category']}] {case['label']}: {case['note']}"

    result = shared_cleaner.run(text)
    applied = [e for e in result.edits if e.applied]
    assert not applied, (f"{header}\nthe cleaner applied {len(applied)} edit(s) to correct text:\n"
                         + "\n".join(_describe(e) for e in applied))
    assert result.text == text, f"{header}\nrun() changed the text:\n{result.text!r}"

    cleaned = cleaner_module.clean(text)
    assert cleaned == text, f"{header}\nclean() changed the text:\n{cleaned!r}"
