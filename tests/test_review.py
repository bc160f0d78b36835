"""The review page's data and safety, ``apply_decisions`` and the review/apply commands
(the page itself is driven in a browser in test_review_browser.py)."""
from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner import Edit, apply_edits
from cleaner.cli import app
from cleaner.review import (FORMAT, ReviewDocument, ReviewError, apply_decisions, build_page, conflicts,
                            embed_json, utf16_offsets)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
PROBES = ('<script>alert(1)</script> </script> "><img src=x onerror=alert(1)> '
          '<a href="javascript:alert(1)">x</a> \u2028 \u2029 <!-- & &amp;')
runner = CliRunner()


def edit(start, end, before, after, applied=True, rule="test.rule", category="spacing"):
    return Edit(start, end, before, after, rule, category, 0.9 if applied else 0.4, "a message", applied)


def decisions_for(doc: ReviewDocument, accept=lambda i, e: e.applied) -> dict:
    """What the page saves: every edit of ``doc`` with its decision."""
    return {"format": FORMAT, "version": 1, "documents": [{
        "name": doc.name, "sha256": doc.sha256, "encoding": doc.encoding, "errors": doc.errors,
        "decisions": [{"id": f"e{i}", "start": e.start, "end": e.end, "before": e.before, "after": e.after,
                       "rule": e.rule, "decision": "accepted" if accept(i, e) else "rejected"}
                      for i, e in enumerate(doc.edits)]}]}


def document(text: str, edits, name="doc.txt") -> ReviewDocument:
    return ReviewDocument(name, text.encode("utf-8"), text, edits)


def page_data(page: str) -> dict:
    found = re.search(r'<script type="application/json" id="review-data">(.*?)</script>', page, re.S)
    return json.loads(found.group(1))


# the page -----------------------------------------------------------------------------

def test_embedded_json_cannot_end_the_script_element():
    embedded = embed_json({"text": PROBES})
    assert not set("<>&\u2028\u2029") & set(embedded)
    assert embedded.isascii()
    assert json.loads(embedded) == {"text": PROBES}


def test_probes_appear_only_as_json_data():
    page = build_page([document(PROBES, [edit(0, 8, "<script>", "")])])
    for markup in ("<script>alert", "<img", "<a href", "<!--", "\u2028"):
        assert markup not in page
    assert page_data(page)["documents"][0]["text"] == PROBES
    assert page.count("<script") == 2  # the data and the page's own script


def test_csp_forbids_loading_and_allows_exactly_the_inline_blocks():
    page = build_page([document("Text.\n", [])])
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1)
    assert "default-src 'none'" in csp and "unsafe" not in csp
    for directive in ("img-src 'none'", "connect-src 'none'", "form-action 'none'", "base-uri 'none'"):
        assert directive in csp
    for tag, directive in (("style", "style-src"), ("script", "script-src")):
        body = re.search(fr"<{tag}>(.*?)</{tag}>", page, re.S).group(1)
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"{directive} 'sha256-{digest}'" in csp
    assert not re.search(r"<(link|img|iframe|object|embed)\b|@import|url\(|https?://", page)


def test_edits_get_ids_in_order_of_position_and_utf16_offsets():
    text = "😀 a\r\nb 😀 c"
    edits = [edit(9, 10, "c", "C"), edit(2, 3, "a", "A", applied=False)]
    payload = page_data(build_page([document(text, edits)]))["documents"][0]
    assert [(e["id"], e["start"], e["s16"], e["e16"]) for e in payload["edits"]] == \
        [("e0", 2, 3, 4), ("e1", 9, 11, 12)]
    assert payload["sha256"] == hashlib.sha256(text.encode()).hexdigest()


def test_utf16_offsets_count_astral_characters_twice():
    to16 = utf16_offsets("a😀b🎉c")
    assert [to16(i) for i in range(6)] == [0, 1, 3, 4, 6, 7]
    assert len("a😀b🎉c".encode("utf-16-le")) // 2 == to16(5)


# applying decisions --------------------------------------------------------------------

def test_default_decisions_reproduce_the_cleaned_seeds(cleaner):
    for seed in SEEDS:
        data = seed.read_bytes()
        result = cleaner.run(data.decode())
        doc = ReviewDocument(seed.name, data, data.decode(), result.edits)
        assert apply_decisions(data, decisions_for(doc)) == result.text


def test_rejecting_and_accepting_change_the_text():
    text = "one  two , three\r\n"
    doc = document(text, [edit(3, 5, "  ", " "), edit(8, 9, " ", "", applied=False)])
    assert apply_decisions(doc.data, decisions_for(doc)) == "one two , three\r\n"
    assert apply_decisions(doc.data, decisions_for(doc, lambda i, e: not e.applied)) == "one  two, three\r\n"


def test_astral_characters_and_crlf_keep_their_place():
    text = "😀😀 x\r\ny 🎉\r\n"
    doc = document(text, [edit(3, 4, "x", "X"), edit(8, 9, "🎉", "!")])
    assert apply_decisions(doc.data, decisions_for(doc)) == "😀😀 X\r\ny !\r\n"


def test_a_different_input_is_refused_with_its_name():
    doc = document("Some text.\n", [edit(0, 4, "Some", "All")])
    with pytest.raises(ReviewError, match=r"other\.txt is not the input .* doc\.txt"):
        apply_decisions(b"Some text!\n", decisions_for(doc), "other.txt")


def test_a_decision_that_does_not_match_the_input_is_refused():
    doc = document("Some text.\n", [edit(0, 4, "Some", "All")])
    decisions = decisions_for(doc)
    decisions["documents"][0]["decisions"][0]["before"] = "Sam"
    with pytest.raises(ReviewError, match="expects 'Sam'"):
        apply_decisions(doc.data, decisions)


@pytest.mark.parametrize("decisions", [[], {"format": "other"}, {"format": FORMAT, "version": 99}])
def test_not_a_decisions_file(decisions):
    with pytest.raises(ReviewError, match="decisions"):
        apply_decisions(b"x", decisions)


def test_overlapping_accepted_edits_are_refused():
    text = "Jack  Sullivan said"
    doc = document(text, [edit(4, 6, "  ", " "), edit(0, 14, "Jack  Sullivan", "Jake Sullivan", applied=False)])
    ordered = document(text, sorted(doc.edits, key=lambda e: (e.start, e.end)))
    with pytest.raises(ReviewError, match="e0 and e1 overlap"):
        apply_decisions(ordered.data, decisions_for(ordered, lambda i, e: True))
    only_suggestion = decisions_for(ordered, lambda i, e: not e.applied)
    assert apply_decisions(ordered.data, only_suggestion) == "Jake Sullivan said"


@pytest.mark.parametrize("a, b, expected", [
    ((0, 4), (2, 6), True),
    ((0, 4), (4, 6), False),   # touching
    ((0, 4), (2, 2), True),    # insertion inside
    ((0, 4), (4, 4), False),   # insertion at the end
    ((2, 2), (2, 5), False),   # insertion at the start
    ((2, 2), (2, 2), False),   # two insertions at one place
    ((0, 10), (3, 5), True),   # containment
])
def test_conflicts(a, b, expected):
    first, second = ({"start": s, "end": e} for s, e in (a, b))
    assert conflicts(first, second) is expected and conflicts(second, first) is expected


def test_insertions_at_one_place_keep_their_order():
    doc = document("ab", [edit(1, 1, "", "1"), edit(1, 1, "", "2"), edit(1, 2, "b", "B")])
    assert apply_decisions(doc.data, decisions_for(doc)) == apply_edits("ab", doc.edits) == "a12B"


# the commands --------------------------------------------------------------------------

def test_review_then_apply_reproduces_clean(tmp_path, cleaner):
    page = tmp_path / "review.html"
    result = runner.invoke(app, ["review", *map(str, SEEDS[:2]), "-o", str(page)])
    assert result.exit_code == 0, result.output
    payload = page_data(page.read_text(encoding="utf-8"))
    assert [d["name"] for d in payload["documents"]] == [str(s) for s in SEEDS[:2]]
    decisions = tmp_path / "decisions.json"
    docs = [ReviewDocument(str(s), s.read_bytes(), s.read_text(), cleaner.run(s.read_text()).edits)
            for s in SEEDS[:2]]
    saved = decisions_for(docs[0])
    saved["documents"] += decisions_for(docs[1])["documents"]
    decisions.write_text(json.dumps(saved), encoding="utf-8")
    out = tmp_path / "out.txt"
    result = runner.invoke(app, ["apply", str(SEEDS[1]), "--decisions", str(decisions), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == cleaner.run(SEEDS[1].read_text()).text


def test_apply_refuses_another_input(tmp_path):
    doc = document("Some text.\n", [edit(0, 4, "Some", "All")])
    decisions = tmp_path / "decisions.json"
    decisions.write_text(json.dumps(decisions_for(doc)), encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_text("Other text.\n", encoding="utf-8")
    result = runner.invoke(app, ["apply", str(other), "--decisions", str(decisions)])
    assert result.exit_code == 1
    assert "other.txt is not the input the decisions in" in result.output


def test_apply_reports_a_file_that_is_not_json(tmp_path):
    decisions = tmp_path / "decisions.json"
    decisions.write_text("{not json", encoding="utf-8")
    result = runner.invoke(app, ["apply", str(SEEDS[0]), "--decisions", str(decisions)])
    assert result.exit_code == 1 and "not a JSON decisions file" in result.output


def test_review_skips_jsonl_with_an_error(tmp_path):
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text('{"text": "x"}\n', encoding="utf-8")
    page = tmp_path / "review.html"
    result = runner.invoke(app, ["review", str(jsonl), str(SEEDS[0]), "-o", str(page)])
    assert result.exit_code == 1 and "not JSONL" in result.output
    assert len(page_data(page.read_text(encoding="utf-8"))["documents"]) == 1


def test_review_of_an_empty_folder_is_an_error(tmp_path):
    result = runner.invoke(app, ["review", str(tmp_path), "-o", str(tmp_path / "review.html")])
    assert result.exit_code == 1 and "no text inputs" in result.output
    assert not (tmp_path / "review.html").exists()


def test_review_takes_the_model_options_of_clean(tmp_path):
    page = tmp_path / "review.html"
    result = runner.invoke(app, ["review", str(SEEDS[0]), "-o", str(page), "--lm", str(tmp_path / "no-model")])
    assert result.exit_code == 2 and "--lm" in result.output
    assert not page.exists()
    result = runner.invoke(app, ["review", str(SEEDS[0]), "-o", str(page), "--lm", "wordfreq"])
    assert result.exit_code == 0, result.output
    assert page_data(page.read_text(encoding="utf-8"))["documents"][0]["name"] == str(SEEDS[0])
