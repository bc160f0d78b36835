"""The command line, checked against the library it wraps."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import cleaner
from cleaner import Cleaner, Config
from cleaner.cli import app
from cleaner.rules import all_rules

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
DIRTY = "Joe Biden spoke with Nbc .\n"
EDIT_KEYS = {"source", "record", "start", "end", "before", "after", "rule", "category",
             "confidence", "applied", "message"}

runner = CliRunner(env={"NO_COLOR": None, "FORCE_COLOR": None, "TTY_COMPATIBLE": None})


def cleaned(text: str, **options) -> str:
    return Cleaner(Config(**options)).run(text).text


def invoke(*args, input=None, env=None):
    return runner.invoke(app, [str(a) for a in args], input=input, env=env)


def run_module(*args, input: bytes = b"", cwd=ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(Path(cleaner.__file__).resolve().parents[1])}
    return subprocess.run([sys.executable, "-m", "cleaner", *map(str, args)], input=input,
                          capture_output=True, cwd=cwd, env=env, timeout=60)


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


# through a real process ------------------------------------------------------------

def test_module_stdin_to_stdout():
    proc = run_module("clean", input=DIRTY.encode())
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode() == cleaned(DIRTY)
    assert "1 file, 1 record" in proc.stderr.decode()


def test_module_seeds_to_out_dir(tmp_path):
    out = tmp_path / "out"
    proc = run_module("clean", *[p.relative_to(ROOT) for p in SEEDS], "--out-dir", out, "--quiet")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == b"" and proc.stdout == b""
    assert sorted(p.name for p in out.iterdir()) == [p.name for p in SEEDS]
    for seed in SEEDS:
        assert (out / seed.name).read_text(encoding="utf-8") == cleaned(seed.read_text(encoding="utf-8"))


def test_module_version():
    proc = run_module("--version")
    assert proc.returncode == 0 and proc.stdout.decode().strip() == f"cleaner {cleaner.__version__}"


# clean: inputs and outputs ---------------------------------------------------------

def test_stdin_dash_and_summary():
    result = invoke("clean", "-", input=DIRTY)
    assert result.exit_code == 0
    assert result.stdout == cleaned(DIRTY)
    applied = len(Cleaner().run(DIRTY).applied)
    assert f"{applied} edits applied" in result.stderr


def test_quiet_prints_nothing_on_stderr():
    result = invoke("clean", "--quiet", input=DIRTY)
    assert result.exit_code == 0 and result.stderr == ""


def test_empty_input_gives_empty_output(tmp_path):
    assert invoke("clean", "-q", input="").stdout == ""
    empty = write(tmp_path / "empty.txt", "")
    result = invoke("clean", empty, "-o", tmp_path / "out.txt")
    assert result.exit_code == 0
    assert (tmp_path / "out.txt").read_bytes() == b""


def test_output_file_concatenates_inputs(tmp_path):
    a = write(tmp_path / "a.txt", DIRTY)
    b = write(tmp_path / "b.txt", "The Nato summit .")
    out = tmp_path / "out.txt"
    result = invoke("clean", a, b, "-o", out)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert out.read_text(encoding="utf-8") == cleaned(DIRTY) + cleaned("The Nato summit .")
    assert a.read_text(encoding="utf-8") == DIRTY  # inputs untouched
    assert leftovers(tmp_path) == []


def test_out_dir_keeps_folder_structure(tmp_path):
    src = tmp_path / "src"
    write(src / "top.txt", DIRTY)
    write(src / "sub" / "deep.txt", DIRTY)
    write(src / "sub" / "notes.md", DIRTY)  # neither .txt nor .jsonl: skipped
    result = invoke("clean", src, "--out-dir", tmp_path / "out")
    assert result.exit_code == 0, result.output
    produced = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.*"))
    assert produced == ["sub/deep.txt", "top.txt"]
    assert (tmp_path / "out" / "sub" / "deep.txt").read_text(encoding="utf-8") == cleaned(DIRTY)


def test_in_place(tmp_path):
    doc = write(tmp_path / "doc.txt", DIRTY)
    os.chmod(doc, 0o640)
    result = invoke("clean", doc, "--in-place")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert doc.read_text(encoding="utf-8") == cleaned(DIRTY)
    assert doc.stat().st_mode & 0o777 == 0o640
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("args", [["--in-place", "-o", "x.txt"], ["--in-place", "--out-dir", "d"],
                                  ["-o", "x.txt", "--out-dir", "d"]])
def test_destinations_exclude_one_another(tmp_path, args):
    doc = write(tmp_path / "doc.txt", DIRTY)
    result = invoke("clean", doc, *args)
    assert result.exit_code == 2
    assert doc.read_text(encoding="utf-8") == DIRTY


def test_in_place_needs_files():
    assert invoke("clean", "--in-place", input=DIRTY).exit_code == 2


def test_output_that_is_an_input_is_refused(tmp_path):
    doc = write(tmp_path / "doc.txt", DIRTY)
    result = invoke("clean", doc, "-o", doc)
    assert result.exit_code == 2
    assert doc.read_text(encoding="utf-8") == DIRTY


def test_missing_input_fails_but_others_are_cleaned(tmp_path):
    doc = write(tmp_path / "doc.txt", DIRTY)
    result = invoke("clean", tmp_path / "nope.txt", doc)
    assert result.exit_code == 1
    assert "nope.txt" in result.stderr
    assert result.stdout == cleaned(DIRTY)


# atomic writes ---------------------------------------------------------------------

def test_failed_write_leaves_old_file_and_no_temporary(tmp_path, monkeypatch):
    doc = write(tmp_path / "doc.txt", DIRTY)
    out = write(tmp_path / "out.txt", "old")

    def fail(src, dst):
        raise OSError("disk on fire")

    monkeypatch.setattr("cleaner.cli.os.replace", fail)
    result = invoke("clean", doc, "-o", out)
    assert result.exit_code == 1
    assert "disk on fire" in result.stderr
    assert out.read_text() == "old"
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(not Path(os.devnull).exists() or os.name != "posix", reason="needs /dev/null")
def test_output_to_a_device_is_written_directly(tmp_path):
    doc = write(tmp_path / "doc.txt", DIRTY)
    result = invoke("clean", doc, "-o", os.devnull, "--edits", os.devnull)
    assert result.exit_code == 0
    assert Path(os.devnull).is_char_device()


def test_in_place_writes_through_a_link(tmp_path):
    real = write(tmp_path / "real.txt", DIRTY)
    (tmp_path / "link.txt").symlink_to(real)
    assert invoke("clean", tmp_path / "link.txt", "--in-place").exit_code == 0
    assert (tmp_path / "link.txt").is_symlink()
    assert real.read_text(encoding="utf-8") == cleaned(DIRTY)


# JSONL -----------------------------------------------------------------------------

def jsonl(*records) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records)


def test_jsonl_cleans_field_and_keeps_the_rest(tmp_path):
    data = write(tmp_path / "data.jsonl", jsonl({"id": 1, "text": DIRTY, "meta": {"k": [1, 2.5]}},
                                               {"id": 2, "text": "already clean\n"}))
    result = invoke("clean", data)
    assert result.exit_code == 0
    first, second = [json.loads(line) for line in result.stdout.splitlines()]
    assert first == {"id": 1, "text": cleaned(DIRTY), "meta": {"k": [1, 2.5]}}
    assert second == {"id": 2, "text": cleaned("already clean\n")}


def test_jsonl_other_field_and_edits_field(tmp_path):
    data = write(tmp_path / "data.txt", jsonl({"body": DIRTY, "text": 7}))
    result = invoke("clean", data, "--format", "jsonl", "--field", "body", "--edits-field", "edits")
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["body"] == cleaned(DIRTY) and record["text"] == 7
    expected = [e.to_dict() for e in Cleaner().run(DIRTY).edits]
    assert record["edits"] == expected and expected


def test_jsonl_bad_lines_are_reported_and_passed_through(tmp_path):
    bad = '{"text": "broken'
    data = write(tmp_path / "data.jsonl", jsonl({"text": DIRTY}, bad, {"title": "no text"}, {"text": DIRTY}))
    result = invoke("clean", data)
    assert result.exit_code == 1
    assert f"{data}:2: invalid JSON" in result.stderr
    assert f"{data}:3:" in result.stderr and "'text'" in result.stderr
    lines = result.stdout.splitlines()
    assert lines[1] == bad and json.loads(lines[2]) == {"title": "no text"}
    assert json.loads(lines[0])["text"] == json.loads(lines[3])["text"] == cleaned(DIRTY)


def test_jsonl_files_concatenate_into_one_output(tmp_path):
    a = write(tmp_path / "a.jsonl", json.dumps({"text": DIRTY}))  # no final newline
    b = write(tmp_path / "b.jsonl", jsonl({"text": DIRTY}))
    out = tmp_path / "all.jsonl"
    assert invoke("clean", a, b, "-o", out).exit_code == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records == [{"text": cleaned(DIRTY)}] * 2


# edit log --------------------------------------------------------------------------

def test_edit_log(tmp_path):
    doc = write(tmp_path / "doc.txt", DIRTY)
    data = write(tmp_path / "data.jsonl", jsonl({"text": "fine"}, {"text": DIRTY}))
    log = tmp_path / "edits.jsonl"
    result = invoke("clean", doc, data, "--edits", log, "-o", tmp_path / "out.txt")
    assert result.exit_code == 0
    entries = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert {frozenset(e) for e in entries} == {frozenset(EDIT_KEYS)}
    expected = [(str(doc), None, e) for e in Cleaner().run(DIRTY).edits] + \
        [(str(data), n, e) for n, text in ((1, "fine"), (2, DIRTY)) for e in Cleaner().run(text).edits]
    assert [(e["source"], e["record"], e["rule"], e["start"], e["applied"]) for e in entries] == \
        [(source, record, e.rule, e.start, e.applied) for source, record, e in expected]


def test_edit_log_source_for_stdin(tmp_path):
    log = tmp_path / "edits.jsonl"
    invoke("clean", "--edits", log, input=DIRTY)
    assert {json.loads(line)["source"] for line in log.read_text().splitlines()} == {"-"}


# bad input -------------------------------------------------------------------------

def test_invalid_utf8_names_file_and_offset(tmp_path):
    bad = write(tmp_path / "bad.txt", b"caf\xc3\xa9 ok\nthen \xff here")
    good = write(tmp_path / "good.txt", DIRTY)
    result = invoke("clean", bad, good, "--out-dir", tmp_path / "out")
    assert result.exit_code == 1
    assert str(bad) in result.stderr and "byte offset 14" in result.stderr
    assert not (tmp_path / "out" / "bad.txt").exists()
    assert (tmp_path / "out" / "good.txt").read_text(encoding="utf-8") == cleaned(DIRTY)


def test_errors_replace_goes_on(tmp_path):
    bad = write(tmp_path / "bad.txt", b"then \xff here")
    result = invoke("clean", bad, "--errors", "replace")
    assert result.exit_code == 0
    assert result.stdout == cleaned("then \ufffd here")


def test_encoding_option(tmp_path):
    doc = write(tmp_path / "latin.txt", "café Nbc .".encode("latin-1"))
    result = invoke("clean", doc, "--encoding", "latin-1")
    assert result.exit_code == 0
    assert result.stdout == cleaned("café Nbc .")
    assert invoke("clean", doc, "--encoding", "no-such-codec").exit_code == 2


def test_binary_input_is_refused(tmp_path):
    binary = write(tmp_path / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    good = write(tmp_path / "good.txt", DIRTY)
    result = invoke("clean", binary, good)
    assert result.exit_code == 1
    assert str(binary) in result.stderr and "binary" in result.stderr
    assert result.stdout == cleaned(DIRTY)


# configuration ---------------------------------------------------------------------

@pytest.mark.parametrize("option", ["--disable", "--enable"])
def test_unknown_rule_name_is_a_usage_error(option):
    result = invoke("clean", option, "no.such_rule", input=DIRTY)
    assert result.exit_code == 2
    assert "no.such_rule" in result.stderr


def test_disable_category():
    result = invoke("clean", "--disable", "acronym", input=DIRTY)
    assert result.exit_code == 0
    assert result.stdout == cleaned(DIRTY, disable={"acronym"})


def test_min_confidence_turns_edits_into_suggestions():
    result = invoke("clean", "--min-confidence", "1", input=DIRTY)
    assert result.stdout == cleaned(DIRTY, threshold=1.0)
    assert "0 edits applied" in result.stderr
    assert invoke("clean", "--min-confidence", "2", input=DIRTY).exit_code == 2


def test_invalid_lexicon_is_a_usage_error(tmp_path):
    lexicon = write(tmp_path / "mine.toml", "[no_such_section]\nwords = ['x']\n")
    result = invoke("clean", "--lexicon", lexicon, input=DIRTY)
    assert result.exit_code == 2
    assert "no_such_section" in result.stderr


# diff ------------------------------------------------------------------------------

def test_diff_marks_edits_with_rule_ids(tmp_path):
    doc = write(tmp_path / "doc.txt", DIRTY)
    result = invoke("diff", doc)
    assert result.exit_code == 0
    assert str(doc) in result.stdout.splitlines()[0]
    for edit in Cleaner().run(DIRTY).applied:
        assert f"[-{edit.before}-]{{+{edit.after}+}}[{edit.rule}]" in result.stdout


def test_diff_shows_suggestions(tmp_path):
    doc = write(tmp_path / "doc.txt", DIRTY)
    result = invoke("diff", doc, "--min-confidence", "1")
    edit = Cleaner(Config(threshold=1.0)).run(DIRTY).suggestions[0]
    assert f"{{{edit.before} → {edit.after} ?{edit.rule}}}" in result.stdout


def test_diff_colours(tmp_path):
    doc = write(tmp_path / "doc.txt", DIRTY)
    rule = Cleaner().run(DIRTY).applied[0].rule
    coloured = invoke("diff", doc, env={"FORCE_COLOR": "1"}).stdout
    assert "\x1b[" in coloured and f"[{rule}]" in coloured and "{+" not in coloured
    for args, env in ((["--no-color"], {"FORCE_COLOR": "1"}), ([], {"FORCE_COLOR": "1", "NO_COLOR": "1"})):
        plain = invoke("diff", doc, *args, env=env).stdout
        assert "\x1b[" not in plain and "{+" in plain


def test_diff_unified(tmp_path):
    doc = write(tmp_path / "doc.txt", "A first line.\nJoe Biden spoke with Nbc .")
    result = invoke("diff", "--format", "unified", doc)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f"--- a/{doc}" and lines[1] == f"+++ b/{doc}"
    assert "-Joe Biden spoke with Nbc ." in lines
    assert "+" + cleaned(doc.read_text()).splitlines()[1] in lines
    assert "\\ No newline at end of file" in lines


def test_diff_jsonl_and_failures(tmp_path):
    data = write(tmp_path / "data.jsonl", jsonl({"text": "fine"}, {"text": DIRTY}))
    result = invoke("diff", data, tmp_path / "missing.txt")
    assert result.exit_code == 1
    assert "line 2:" in result.stdout and "missing.txt" in result.stderr


# rules, lexicons -------------------------------------------------------------------

def test_rules_table_lists_every_rule():
    result = invoke("rules")
    assert result.exit_code == 0
    for r in all_rules():
        assert r.id in result.stdout


def test_rules_json():
    listed = json.loads(invoke("rules", "--json").stdout)
    assert [r["id"] for r in listed] == [r.id for r in all_rules()]
    assert {"id", "category", "enabled", "description"} <= set(listed[0])


def test_lexicon_check(tmp_path):
    good = sorted((ROOT / "lexicons").glob("*.toml"))
    bad = write(tmp_path / "bad.toml", "[no_such_section]\nwords = ['x']\n")
    result = invoke("lexicon", "check", *good)
    assert result.exit_code == 0
    assert result.stdout.count("OK") == len(good)
    result = invoke("lexicon", "check", good[0], bad)
    assert result.exit_code == 1
    assert "OK" in result.stdout and str(bad) in result.stderr and "no_such_section" in result.stderr



# --jobs, streaming, progress -------------------------------------------------------

def test_jobs_give_the_same_output_log_and_errors_in_order(tmp_path, monkeypatch):
    monkeypatch.setattr("cleaner.cli.CHUNK_CHARS", 40)  # many JSONL chunks
    docs = [write(tmp_path / f"{n}.txt", f"Text {n}: {DIRTY}") for n in range(3)]
    records = [{"id": n, "text": f"{n}. The Nato summit ."} for n in range(12)]
    data = write(tmp_path / "data.jsonl", jsonl(*records[:5], '{"text": "broken', *records[5:]))
    runs = {}
    for jobs in (1, 2):
        out, log = tmp_path / f"out{jobs}.txt", tmp_path / f"edits{jobs}.jsonl"
        result = invoke("clean", docs[0], data, *docs[1:], "--jobs", jobs, "-o", out, "--edits", log)
        assert result.exit_code == 1
        assert f"{data}:6: invalid JSON" in result.stderr
        runs[jobs] = out.read_text(encoding="utf-8"), log.read_text(encoding="utf-8"), result.stderr
    assert runs[1] == runs[2]
    expected = cleaned(f"Text 0: {DIRTY}") + "".join(
        json.dumps({**r, "text": cleaned(r["text"])}, ensure_ascii=False) + "\n" for r in records[:5]) + \
        '{"text": "broken\n' + "".join(
        json.dumps({**r, "text": cleaned(r["text"])}, ensure_ascii=False) + "\n" for r in records[5:]) + \
        cleaned(f"Text 1: {DIRTY}") + cleaned(f"Text 2: {DIRTY}")
    assert runs[2][0] == expected


@pytest.mark.parametrize("jobs", [1, 2])
def test_input_failing_midstream_is_undone_in_output_and_log(tmp_path, monkeypatch, jobs):
    monkeypatch.setattr("cleaner.cli.CHUNK_CHARS", 10)
    monkeypatch.setattr("cleaner.batch.BLOCK", 16)  # the bad byte is read after the first chunks went out
    good = write(tmp_path / "good.jsonl", jsonl({"text": DIRTY}))
    bad = write(tmp_path / "bad.jsonl", jsonl(*[{"text": DIRTY}] * 4).encode() + b'{"text": "\xff"}\n')
    out, log = tmp_path / "out.jsonl", tmp_path / "edits.jsonl"
    result = invoke("clean", good, bad, "--jobs", jobs, "-o", out, "--edits", log)
    assert result.exit_code == 1
    assert f"{bad}: invalid utf-8 at byte offset {len(jsonl(*[{'text': DIRTY}] * 4)) + 10} (line 5)" \
        in result.stderr
    assert out.read_text(encoding="utf-8") == jsonl({"text": cleaned(DIRTY)})
    assert {json.loads(line)["source"] for line in log.read_text().splitlines()} == {str(good)}
    assert "1 file, 1 record" in result.stderr


def test_jsonl_line_ends_are_kept(tmp_path, monkeypatch):
    monkeypatch.setattr("cleaner.batch.BLOCK", 3)  # \r and \n in different blocks
    data = write(tmp_path / "data.jsonl", b'{"text": "a"}\r\n\n{"text": "b"}\r')
    result = invoke("clean", data)
    a, b = (json.dumps({"text": cleaned(text)}) for text in "ab")
    assert result.stdout_bytes.decode() == f"{a}\r\n\n{b}\r\n"  # only \n ends a line; the last gets one


def test_utf16_jsonl_streams(tmp_path):
    data = write(tmp_path / "data.jsonl", jsonl({"text": DIRTY}, {"text": "é"}).encode("utf-16"))
    result = invoke("clean", data, "--encoding", "utf-16")
    assert result.exit_code == 0, result.stderr
    assert [json.loads(line)["text"] for line in result.stdout.splitlines()] == [cleaned(DIRTY), cleaned("é")]


def test_jobs_over_stdin_jsonl():
    records = [{"text": f"{n} Nbc ."} for n in range(5)]
    result = invoke("clean", "--format", "jsonl", "--jobs", "2", input=jsonl(*records))
    assert result.exit_code == 0
    assert [json.loads(line)["text"] for line in result.stdout.splitlines()] == \
        [cleaned(r["text"]) for r in records]


def test_clean_collects_garbage_less_often(monkeypatch):
    called = []
    monkeypatch.setattr("cleaner.cli.collect_less_often", lambda: called.append(True))
    assert invoke("clean", input="Nbc .").exit_code == 0
    assert called == [True]


def test_progress_bar_only_on_a_terminal(monkeypatch):
    from io import StringIO

    from rich.console import Console

    from cleaner.cli import Chunk, Cleaned, Job, Reporter, Source

    job = Job(Cleaner())
    source = Source("data.jsonl")
    chunks = [job.run(Chunk(0, source, lines=[(1, json.dumps({"text": DIRTY}), "\n")], size=2_000_000))]
    for quiet, terminal, shown in ((False, True, True), (True, True, False), (False, False, False)):
        reporter = Reporter(quiet)
        reporter.console = Console(file=StringIO(), force_terminal=terminal, width=120)
        assert list(reporter.track(iter(chunks), 2_000_000)) == chunks
        screen = reporter.console.file.getvalue()
        assert ("1 documents" in screen and "2.0/2.0 MB" in screen) is shown
    assert isinstance(chunks[0].cleaned, Cleaned)
