import pickle

import pytest

from cleaner import Edit, apply_edits
from cleaner.edits import EditLog, Proposal


def edit(start, end, before, after, applied=True):
    return Edit(start, end, before, after, "spacing.x", "spacing", 0.9, "", applied)


def test_apply_edits_in_any_order():
    text = "a  b ,c"
    edits = [edit(4, 5, " ", ""), edit(1, 3, "  ", " ")]
    assert apply_edits(text, edits) == "a b,c"


def test_apply_edits_skips_suggestions_unless_asked():
    text = "Kiev"
    edits = [edit(0, 4, "Kiev", "Kyiv", applied=False)]
    assert apply_edits(text, edits) == "Kiev"
    assert apply_edits(text, edits, only_applied=False) == "Kyiv"


def test_apply_edits_rejects_overlap_and_mismatch():
    with pytest.raises(ValueError, match="overlaps"):
        apply_edits("abcdef", [edit(0, 3, "abc", "x"), edit(2, 4, "cd", "y")])
    with pytest.raises(ValueError, match="expects"):
        apply_edits("abcdef", [edit(0, 3, "xyz", "x")])


def test_insertions_at_one_offset_keep_their_order():
    text = "ab"
    edits = [edit(1, 1, "", "1"), edit(1, 1, "", "2"), edit(1, 2, "b", "B")]
    assert apply_edits(text, edits) == "a12B"


CATS = {"spacing.x": "spacing", "quotes.y": "quotes"}


def test_log_maps_later_stage_offsets_back_to_the_input():
    log = EditLog("one  two three")
    log.add([Proposal(3, 5, " ", "spacing.x", 0.9, "")], CATS, [True])
    assert log.text == "one two three"
    log.add([Proposal(8, 13, "THREE", "quotes.y", 0.9, "")], CATS, [True])
    assert [(e.start, e.end, e.before, e.after) for e in log.applied] == [
        (3, 5, "  ", " "), (9, 14, "three", "THREE")]
    assert apply_edits(log.original, log.applied) == log.text


def test_overlapping_later_edit_absorbs_the_earlier_one():
    log = EditLog("a \u00a0b")
    log.add([Proposal(2, 3, " ", "spacing.x", 0.9, "nbsp")], CATS, [True])
    log.add([Proposal(1, 3, " ", "quotes.y", 0.9, "double")], CATS, [True])
    (only,) = log.applied
    assert (only.start, only.end, only.before, only.after, only.rule) == (1, 3, " \u00a0", " ", "quotes.y")
    assert "includes spacing.x" in only.message
    assert apply_edits(log.original, log.applied) == log.text == "a b"


def test_deletion_next_to_a_later_edit_stays_separate():
    log = EditLog("x\nJUNK\n\n\n")
    log.add([Proposal(2, 7, "", "spacing.x", 0.9, "line")], CATS, [True])
    assert log.text == "x\n\n\n"
    log.add([Proposal(1, 4, "\n", "quotes.y", 0.9, "tail")], CATS, [True])
    assert apply_edits(log.original, log.applied) == log.text == "x\n"


def test_suggestions_are_logged_but_not_applied():
    log = EditLog("Kiev is big")
    log.add([Proposal(0, 4, "Kyiv", "quotes.y", 0.3, "maybe")], CATS, [False])
    assert log.text == "Kiev is big"
    (s,) = log.edits()
    assert not s.applied and s.after == "Kyiv"


def test_edit_round_trips_through_dict():
    e = edit(0, 1, "a", "b")
    assert Edit.from_dict(e.to_dict()) == e


def test_edit_pickles_every_field():
    edit = Edit(3, 7, "Nbc ", "NBC ", "acronym.case", "acronym", 0.45, "a suggestion", applied=False)
    assert pickle.loads(pickle.dumps(edit)) == edit
