"""Throughput, per-stage cost, scaling, parallel speed-up and memory of cleaner,
beside its peers, in one run.

usage: python benchmarks/throughput.py [--mb 20] [--unseen-mb 1] [--scale-mb 1] [--memory-mb 1024]
                                       [--skip-scaling] [--skip-jobs] [--skip-memory]

1. Throughput (MB/s of UTF-8 input, one process, after a warm-up on every
   distinct document) on two corpora of --mb MB each, as lists of documents:
   artifact-dense (seeds/*.txt repeated) and clean (seeds/gold/*.txt repeated);
   on --mb / 4 MB of clean records: the gold documents without their final
   newline, as the texts of JSONL records come (cleaner adds one);
   and on --unseen-mb MB of "unseen words": the seeds with every capitalised
   word and a third of the others replaced by rarer English words, each
   document drawn anew and the warm-up done on others, so that the per-word
   caches meet new words as they do over real text.
   Tools: cleaner's default pipeline; ftfy.fix_text(uncurl_quotes=False);
   sacremoses' MosesPunctNormalizer().normalize; clean-text's clean() with case,
   punctuation and non-ASCII kept and nothing replaced (only its Unicode fixing
   and whitespace normalisation, paragraph breaks kept). Ratios are to ftfy.
2. Per-stage cost: the share of cleaner's time spent in each stage (language
   detection and the edit log are the rest), on the two --mb corpora.
3. Scaling: cleaner on 1x, 4x and 16x --scale-mb MB; time per MB should stay flat.
4. `cleaner clean --jobs 1` and `--jobs 2` on the artifact-dense corpus as JSONL:
   wall time and speed-up.
5. Memory: peak RSS (/usr/bin/time -v) of `cleaner clean big.jsonl -o /dev/null
   --quiet`, with --jobs 1 and 2, on a --memory-mb MB JSONL file (written to a
   temporary folder, deleted after), and on a file of unseen words 8 times
   --unseen-mb (new words fill every per-word cache to its bound, as a long run
   over real text does). --memory-io-only disables
   every category, to measure the streaming path alone on a big file quickly.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Callable

import ftfy
from cleantext import clean as clean_text
from sacremoses import MosesPunctNormalizer
from wordfreq import top_n_list

from cleaner import Cleaner
from cleaner.rules import CATEGORIES

ROOT = Path(__file__).resolve().parent.parent
CLEANER = [sys.executable, "-m", "cleaner"]
MB = 1e6


def read_docs(folder: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]


def corpus(docs: list[str], mb: float) -> list[str]:
    """``docs`` repeated until they hold ``mb`` MB of UTF-8."""
    size = sum(len(d.encode("utf-8")) for d in docs)
    return docs * max(1, round(mb * MB / size))


def size_mb(docs: list[str]) -> float:
    return sum(len(d.encode("utf-8")) for d in docs) / MB


def seconds(fn: Callable[[str], object], docs: list[str],
            during: contextlib.AbstractContextManager | None = None,
            warm_up: list[str] | None = None) -> float:
    """Time to run ``fn`` over ``docs`` (inside ``during``), after a warm-up
    (lexicons, compiled patterns, frequency tables) on ``warm_up``, by default
    each distinct document of ``docs``."""
    for doc in dict.fromkeys(docs) if warm_up is None else warm_up:
        fn(doc)
    with during or contextlib.nullcontext():
        start = time.perf_counter()
        for doc in docs:
            fn(doc)
        return time.perf_counter() - start


class StageTimer:
    """Time spent in each stage of every Cleaner while active (wraps Cleaner._run_stage)."""

    def __init__(self):
        self.spent: dict[str, float] = defaultdict(float)
        self._original = Cleaner._run_stage

    def __enter__(self):
        original, spent = self._original, self.spent

        def timed(cleaner, stage, log, ctx, *neutral_only):
            start = time.perf_counter()
            proposed = original(cleaner, stage, log, ctx, *neutral_only)
            spent[stage.name] += time.perf_counter() - start
            return proposed

        Cleaner._run_stage = timed
        return self

    def __exit__(self, *exc):
        Cleaner._run_stage = self._original


def throughput(mb: float, unseen_mb: float) -> dict:
    cleaner = Cleaner()
    moses = MosesPunctNormalizer()
    tools = {
        "cleaner (default pipeline)": cleaner.clean,
        "ftfy.fix_text": lambda t: ftfy.fix_text(t, uncurl_quotes=False),
        "sacremoses MosesPunctNormalizer": moses.normalize,
        "clean-text clean()": lambda t: clean_text(t, fix_unicode=True, to_ascii=False, lower=False,
                                                   no_punct=False, normalize_whitespace=True,
                                                   keep_two_line_breaks=True),
    }
    seeds = read_docs(ROOT / "seeds")
    gold = read_docs(ROOT / "seeds" / "gold")
    corpora = {"artifact-dense": corpus(seeds, mb), "clean": corpus(gold, mb),
               "clean records": corpus([doc.rstrip("\n") for doc in gold], mb / 4)}
    if unseen_mb:
        corpora["unseen words"] = unseen(seeds, documents(seeds, unseen_mb))
    speeds: dict[str, dict[str, float]] = {}
    timer = StageTimer()
    cleaner_time = 0.0
    for name, docs in corpora.items():
        print(f"corpus {name}: {len(docs)} documents, {size_mb(docs):.1f} MB", flush=True)
        # unseen words: warmed up on other documents, so that every word is new when timed
        warm_up = unseen(seeds, 20, seed=1) if name == "unseen words" else None
        for tool, fn in tools.items():
            is_cleaner = tool.startswith("cleaner") and name in ("artifact-dense", "clean")
            elapsed = seconds(fn, docs, timer if is_cleaner else None, warm_up)
            if is_cleaner:
                cleaner_time += elapsed
            speeds.setdefault(tool, {})[name] = size_mb(docs) / elapsed
            print(f"  {tool:34} {speeds[tool][name]:8.3f} MB/s", flush=True)
    return {"corpora": {n: size_mb(d) for n, d in corpora.items()}, "speeds": speeds,
            "stages": dict(timer.spent), "cleaner_seconds": cleaner_time}


def scaling(base_mb: float) -> list[tuple[float, float]]:
    """(MB, seconds per MB) of the default pipeline at 1x, 4x and 16x the base size."""
    cleaner = Cleaner()
    docs = read_docs(ROOT / "seeds") + read_docs(ROOT / "seeds" / "gold")
    rows = []
    for factor in (1, 4, 16):
        sample = corpus(docs, base_mb * factor)
        elapsed = seconds(cleaner.clean, sample)
        rows.append((size_mb(sample), elapsed / size_mb(sample)))
        print(f"  scaling {factor:2}x: {rows[-1][0]:.1f} MB, {rows[-1][1]:.2f} s/MB", flush=True)
    return rows


def write_jsonl(path: Path, docs: list[str], mb: float) -> float:
    """A JSONL file of about ``mb`` MB: records {"id", "text"} cycling through ``docs``."""
    written, n = 0, 0
    with path.open("w", encoding="utf-8") as f:
        while written < mb * MB:
            line = json.dumps({"id": n, "text": docs[n % len(docs)]}, ensure_ascii=False) + "\n"
            written += f.write(line)
            n += 1
    return path.stat().st_size / MB


def run_cli(*args: str, timed: bool = False) -> dict:
    """Wall and CPU seconds of a `cleaner` command (its workers included), and with
    ``timed`` its peak RSS in MB (/usr/bin/time -v: the largest process, the main
    one or a worker)."""
    command = (["/usr/bin/time", "-v"] if timed else []) + CLEANER + list(args)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{proc.stderr}")
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
    return {"seconds": elapsed,
            "cpu_seconds": after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime,
            "peak_mb": int(peak.group(1)) / 1024 if peak else None}


def busy(n: int) -> int:
    total = 0
    for i in range(n):
        total += i % 7
    return total


def parallel_ceiling(n: int = 20_000_000) -> float:
    """What 2 processes get over 1 on this machine right now, for plain CPU-bound
    Python: the bound for any --jobs 2 speed-up (less than 2 on a shared machine)."""
    with ProcessPoolExecutor(2) as pool:
        list(pool.map(busy, [1000, 1000]))  # workers started
        start = time.perf_counter()
        list(pool.map(busy, [n]))
        one = time.perf_counter() - start
        start = time.perf_counter()
        list(pool.map(busy, [n, n]))
        two = time.perf_counter() - start
    return 2 * one / two


def fill_table_cache() -> None:
    """Run cleaner once, so that no timed run builds the tables it keeps between runs (cleaner.cache)."""
    run_cli("clean", str(ROOT / "seeds"), "-o", os.devnull, "--quiet")


def jobs_speedup(mb: float, folder: Path) -> dict:
    data = folder / "corpus.jsonl"
    real_mb = write_jsonl(data, read_docs(ROOT / "seeds"), mb)
    fill_table_cache()
    ceiling = parallel_ceiling()
    runs = {jobs: run_cli("clean", str(data), "-o", os.devnull, "--quiet", "--jobs", str(jobs))
            for jobs in (1, 2)}
    ceiling = (ceiling + parallel_ceiling()) / 2
    data.unlink()
    print(f"  --jobs on {real_mb:.1f} MB: 1 job {runs[1]['seconds']:.1f} s, 2 jobs {runs[2]['seconds']:.1f} s, "
          f"speed-up {runs[1]['seconds'] / runs[2]['seconds']:.2f}x (machine ceiling {ceiling:.2f}x)", flush=True)
    return {"mb": real_mb, "runs": runs, "ceiling": ceiling, "load": os.getloadavg()[0]}


def documents(docs: list[str], mb: float) -> int:
    """How many documents the size of ``docs``' average make ``mb`` MB."""
    return max(1, round(mb * len(docs) / size_mb(docs)))


def unseen(docs: list[str], count: int, seed: int = 0) -> list[str]:
    """``count`` documents shaped like ``docs`` whose words are mostly new: every
    capitalised word and a third of the others (4 letters or more) replaced by a
    word drawn from ranks 5,000-200,000 of wordfreq's English list, capitals kept.
    A long run over real text meets new words all the time; these fill every
    per-word cache of the pipeline up to its bound."""
    rng = random.Random(seed)
    vocabulary = [w for w in top_n_list("en", 200_000)[5_000:] if w.isalpha()]

    def replace(m: re.Match) -> str:
        word = m.group()
        if not word[0].isupper() and rng.random() > 1 / 3:
            return word
        new = rng.choice(vocabulary)
        return new.upper() if word.isupper() else new.capitalize() if word[0].isupper() else new

    return [re.sub(r"[^\W\d_]{4,}", replace, docs[i % len(docs)]) for i in range(count)]


def memory(mb: float, unseen_mb: float, folder: Path, io_only: bool) -> dict:
    """Peak RSS of `cleaner clean` on a big JSONL file (the corpora's documents
    repeated: streaming), and on a smaller one of unseen words (caches full)."""
    seeds = read_docs(ROOT / "seeds")
    files = {"repeated documents": (seeds + read_docs(ROOT / "seeds" / "gold"), mb)}
    if unseen_mb and not io_only:
        files["unseen words"] = (unseen(seeds, documents(seeds, unseen_mb)), unseen_mb)
    extra = [arg for c in CATEGORIES for arg in ("--disable", c)] + ["--language", "en"] if io_only else []
    fill_table_cache()
    results = {}
    for name, (docs, size) in files.items():
        data = folder / "big.jsonl"
        real_mb = write_jsonl(data, docs, size)
        rows = {}
        for jobs in (1, 2):
            rows[jobs] = run_cli("clean", str(data), "-o", os.devnull, "--quiet", "--jobs", str(jobs),
                                 *extra, timed=True)
            print(f"  memory, {name}, {real_mb:.0f} MB JSONL, --jobs {jobs}: peak RSS "
                  f"{rows[jobs]['peak_mb']:.0f} MB, {rows[jobs]['seconds']:.0f} s", flush=True)
        data.unlink()
        results[name] = {"mb": real_mb, "runs": rows}
    return {"io_only": io_only, "files": results}


def report(results: dict) -> None:
    t = results["throughput"]
    names = list(t["corpora"])
    print("\n## Throughput (MB/s, one process)\n")
    print("| tool | " + " | ".join(f"{n} ({t['corpora'][n]:.3g} MB)" for n in names) + " | ratio to ftfy |")
    print("|---|" + "---:|" * (len(names) + 1))
    ftfy_speed = t["speeds"]["ftfy.fix_text"]
    for tool, speed in t["speeds"].items():
        ratios = " / ".join(f"{speed[n] / ftfy_speed[n]:.2f}×" for n in names)
        print(f"| {tool} | " + " | ".join(f"{speed[n]:.3f}" for n in names) + f" | {ratios} |")
    total = t["cleaner_seconds"]
    print("\n## Where cleaner's time goes (both corpora)\n")
    print("| stage | share |")
    print("|---|---:|")
    for stage, spent in sorted(t["stages"].items(), key=lambda kv: -kv[1]):
        print(f"| {stage} | {spent / total:.1%} |")
    print(f"| (language detection, edit log, passes) | {1 - sum(t['stages'].values()) / total:.1%} |")
    if "scaling" in results:
        print("\n## Scaling\n")
        print("| input | seconds per MB |")
        print("|---:|---:|")
        for mb, per_mb in results["scaling"]:
            print(f"| {mb:.1f} MB | {per_mb:.2f} |")
    if "jobs" in results:
        j = results["jobs"]
        one, two = j["runs"][1], j["runs"][2]
        print(f"\n## `cleaner clean --jobs` on {j['mb']:.1f} MB of JSONL ({os.cpu_count()} cores, "
              f"load average {j['load']:.1f})\n")
        print("| | wall s | CPU s |\n|---|---:|---:|")
        for jobs, run in j["runs"].items():
            print(f"| --jobs {jobs} | {run['seconds']:.1f} | {run['cpu_seconds']:.1f} |")
        print(f"\nspeed-up {one['seconds'] / two['seconds']:.2f}× (CPU time of 2 jobs against 1: "
              f"{two['cpu_seconds'] / one['cpu_seconds']:.2f}; 2 processes of plain Python get "
              f"{j['ceiling']:.2f}× over 1 on this machine meanwhile)")
    if "memory" in results:
        m = results["memory"]
        what = "streaming path only (every category disabled)" if m["io_only"] else "default pipeline"
        print(f"\n## Peak memory, `cleaner clean FILE.jsonl` ({what})\n")
        print("| JSONL file | --jobs | peak RSS (largest process) | wall s | MB/s |\n|---|---:|---:|---:|---:|")
        for name, f in m["files"].items():
            for jobs, row in f["runs"].items():
                print(f"| {name}, {f['mb']:.0f} MB | {jobs} | {row['peak_mb']:.0f} MB | {row['seconds']:.0f} | "
                      f"{f['mb'] / row['seconds']:.2f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=20, help="size of each corpus (default 20 MB)")
    parser.add_argument("--scale-mb", type=float, default=1, help="scaling base size (1x, 4x, 16x)")
    parser.add_argument("--memory-mb", type=float, default=1024, help="size of the JSONL file for memory")
    parser.add_argument("--unseen-mb", type=float, default=1,
                        help="size of the corpus of unseen words (0: none); 8 times that for memory")
    parser.add_argument("--memory-io-only", action="store_true", help="memory: disable every category")
    parser.add_argument("--skip-scaling", action="store_true")
    parser.add_argument("--skip-jobs", action="store_true")
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    results = {"throughput": throughput(args.mb, args.unseen_mb)}
    if not args.skip_scaling:
        results["scaling"] = scaling(args.scale_mb)
    with tempfile.TemporaryDirectory(prefix="cleaner-bench-") as tmp:
        if not args.skip_jobs:
            results["jobs"] = jobs_speedup(args.mb, Path(tmp))
        if not args.skip_memory:
            results["memory"] = memory(args.memory_mb, 8 * args.unseen_mb, Path(tmp), args.memory_io_only)
    report(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
