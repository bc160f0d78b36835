"""Clean a column of a Hugging Face dataset (``pip install cleaner[datasets]``)."""
from __future__ import annotations

from datasets import Dataset, Value

from ..config import Config
from ..pipeline import Cleaner


EDIT = {"start": Value("int64"), "end": Value("int64"), "before": Value("string"), "after": Value("string"),
        "rule": Value("string"), "category": Value("string"), "confidence": Value("float64"),
        "message": Value("string"), "applied": Value("bool")}


def clean_dataset(dataset: Dataset, column: str = "text", original_column: str | None = "original_text",
                  edits_column: str | None = None, num_proc: int | None = None,
                  batch_size: int = 256, config: Config | None = None, **options) -> Dataset:
    """``dataset`` with ``column`` cleaned, in ``num_proc`` processes.

    original_column: keep the text as it was in this column (None: don't).
    edits_column: store each row's edits (a list of dicts) in this column.
    config / options: the cleaner's configuration, as for ``Cleaner``.
    """
    names = {column, original_column, edits_column} - {None}
    if len(names) < 1 + (original_column is not None) + (edits_column is not None):
        raise ValueError("column, original_column and edits_column must differ")
    cleaner = Cleaner(config, **options)  # pickles without its lexicons; each process loads them once

    def clean_batch(batch: dict) -> dict:
        results = [cleaner.run(text) for text in batch[column]]
        out = {column: [r.text for r in results]}
        if original_column:
            out[original_column] = batch[column]
        if edits_column:
            out[edits_column] = [[e.to_dict() for e in r.edits] for r in results]
        return out

    features = dataset.features.copy()
    features.update({name: Value("string") for name in (column, original_column) if name})
    if edits_column:
        features[edits_column] = [EDIT]  # declared: a batch without edits cannot tell the type
    return dataset.map(clean_batch, batched=True, batch_size=batch_size, num_proc=num_proc,
                       features=features, desc="cleaning")
