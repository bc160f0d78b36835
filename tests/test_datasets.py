"""The Hugging Face datasets helper."""
from __future__ import annotations

import pytest

pytest.importorskip("datasets")

from datasets import Dataset  # noqa: E402

from cleaner import Cleaner  # noqa: E402
from cleaner.integrations.datasets import clean_dataset  # noqa: E402

TEXTS = ["Joe Biden spoke with Nbc .", "The Nato summit .", "already clean\n", "Kiev talks ."]


def test_clean_dataset_in_two_processes_keeps_the_original():
    dataset = Dataset.from_dict({"id": list(range(len(TEXTS))), "text": TEXTS})
    cleaned = clean_dataset(dataset, num_proc=2, batch_size=1, edits_column="edits")
    assert cleaned["id"] == list(range(len(TEXTS)))
    assert cleaned["original_text"] == TEXTS
    assert cleaned["text"] == [Cleaner().clean(t) for t in TEXTS]
    assert [len(edits) for edits in cleaned["edits"]] == [len(Cleaner().run(t).edits) for t in TEXTS]


def test_options_and_column_names():
    dataset = Dataset.from_dict({"body": TEXTS[-1:]})
    cleaned = clean_dataset(dataset, column="body", original_column=None, disable={"style"})
    assert cleaned.column_names == ["body"]
    assert cleaned["body"] == [Cleaner(disable={"style"}).clean(TEXTS[-1])]
    with pytest.raises(ValueError):
        clean_dataset(dataset, column="body", original_column="body")
