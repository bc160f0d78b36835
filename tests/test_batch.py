"""Streaming and parallel building blocks."""
from __future__ import annotations

import gc
import io
import multiprocessing
import time

import pytest

from cleaner.batch import InputError, LineReader, chunked, collect_less_often, ordered_map


def slow_square(n: int) -> int:
    time.sleep(0.02 * (n % 3))  # later items often finish first
    return n * n


@pytest.mark.parametrize("jobs, first_in_parent", [(1, False), (2, False), (2, True)])
def test_ordered_map_keeps_order_and_bounds_what_is_read_ahead(jobs, first_in_parent):
    read = []

    def items():
        for n in range(20):
            read.append(n)
            yield n

    results = []
    for result in ordered_map(slow_square, items(), jobs, in_flight=3, first_in_parent=first_in_parent):
        results.append(result)
        assert len(read) - len(results) <= 3
    assert results == [n * n for n in range(20)]


_loaded_in_parent: list[int] = []


def load_and_report(n: int) -> tuple[int, list[int]]:
    _loaded_in_parent.append(n)  # what a forked worker inherits from the parent
    return n, list(_loaded_in_parent)


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="workers are not forked")
def test_ordered_map_first_item_in_parent_is_inherited_by_the_workers():
    _loaded_in_parent.clear()
    results = list(ordered_map(load_and_report, range(4), 2, first_in_parent=True))
    assert results[0] == (0, [0])
    assert all(seen[0] == 0 for _, seen in results[1:])  # forked after the first item ran here
    assert [n for n, _ in results] == [0, 1, 2, 3]


def test_what_the_parent_loaded_is_frozen_before_the_workers_start():
    gc.unfreeze()
    try:
        assert list(ordered_map(slow_square, range(3), 2)) == [0, 1, 4]
        assert gc.get_freeze_count() == 0  # nothing ran in the parent
        assert list(ordered_map(slow_square, range(3), 2, first_in_parent=True)) == [0, 1, 4]
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_collect_less_often_raises_the_youngest_generations_threshold():
    before = gc.get_threshold()
    try:
        collect_less_often()
        assert gc.get_threshold() == (50_000, *before[1:])
    finally:
        gc.set_threshold(*before)


def test_line_reader_reports_offset_and_line_across_blocks(monkeypatch):
    monkeypatch.setattr("cleaner.batch.BLOCK", 4)
    data = "é1\nb2\r\nc3".encode() + b"\n\xffd"
    reader = LineReader("x.jsonl", io.BytesIO(data), "utf-8", "strict")
    lines = []
    with pytest.raises(InputError, match=r"x\.jsonl: invalid utf-8 at byte offset 11 \(line 4\)"):
        lines.extend(reader)
    assert lines == [(1, "é1", "\n"), (2, "b2", "\r\n")]  # the failing block yields nothing
    replaced = list(LineReader("x", io.BytesIO(data), "utf-8", "replace"))
    assert replaced[-1] == (4, "\ufffdd", "")


def test_line_reader_refuses_binary():
    with pytest.raises(InputError, match="binary"):
        list(LineReader("x", io.BytesIO(b'{"a": 1}\n\0\0'), "utf-8", "strict"))


def test_chunked_by_size():
    assert list(chunked(["ab", "c", "def", "g"], len, 3)) == [["ab", "c"], ["def"], ["g"]]
