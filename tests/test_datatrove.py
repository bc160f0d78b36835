"""The datatrove step, run by datatrove's own executor, against `cleaner clean`."""
from __future__ import annotations

import json
import pickle

import pytest
from typer.testing import CliRunner

pytest.importorskip("datatrove")

from datatrove.data import Document  # noqa: E402
from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.readers import JsonlReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

from cleaner import Cleaner  # noqa: E402
from cleaner.cli import app  # noqa: E402
from cleaner.integrations.datatrove import CleanerFormatter  # noqa: E402

TEXTS = ["Joe Biden spoke with Nbc .", "The Nato summit .", "already clean\n", " date 2022-02-10 Kiev talks ."]


def test_local_executor_output_equals_cleaner_clean(tmp_path):
    shards = tmp_path / "in"
    shards.mkdir()
    records = [{"id": f"{n}", "text": f"{n}: {text}"} for n, text in enumerate(TEXTS * 2)]
    for shard in range(2):
        (shards / f"{shard}.jsonl").write_text(
            "".join(json.dumps(r) + "\n" for r in records[shard::2]), encoding="utf-8")
    executor = LocalPipelineExecutor(
        [JsonlReader(str(shards)), CleanerFormatter(), JsonlWriter(str(tmp_path / "out"), compression=None)],
        tasks=2, workers=2, logging_dir=str(tmp_path / "logs"))
    executor.run()
    written = [json.loads(line) for f in sorted((tmp_path / "out").glob("*.jsonl"))
               for line in f.read_text(encoding="utf-8").splitlines()]
    by_id = {doc["id"]: doc for doc in written}
    assert sorted(by_id) == sorted(r["id"] for r in records)

    cli = CliRunner().invoke(app, ["clean", str(shards), "--quiet"])
    assert cli.exit_code == 0
    expected = {r["id"]: r["text"] for r in map(json.loads, cli.stdout.splitlines())}
    assert {i: doc["text"] for i, doc in by_id.items()} == expected
    assert any(doc["text"] != r["text"] for doc, r in zip(map(by_id.get, expected), records))

    first = Cleaner().run(records[0]["text"])
    assert by_id["0"]["metadata"]["cleaner"]["edits"] == [e.to_dict() for e in first.edits]


def test_step_pickles_without_lexicons_and_records_metadata():
    step = CleanerFormatter(disable={"style"})
    _ = step.cleaner.lexicons
    copy = pickle.loads(pickle.dumps(step))
    assert copy.cleaner._lexicons is None and copy.cleaner.config == step.cleaner.config
    doc, = copy.run(iter([Document(text=" date 2022-02-10 Kiev talks .", id="x")]))
    result = Cleaner(disable={"style"}).run(" date 2022-02-10 Kiev talks .")
    assert doc.text == result.text
    assert doc.metadata["cleaner"] == {"edits": [e.to_dict() for e in result.edits],
                                       "metadata": result.metadata, "language": result.language}
    assert copy.format("The Nato summit .") == Cleaner().clean("The Nato summit .")
