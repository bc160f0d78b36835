"""Throughput and memory of the default pipeline, beside peer tools, in one run.

usage: python benchmarks/throughput.py [--repeat N]

Prints documents/s and MB/s for ftfy.fix_text (the encoding peer), the core
pipeline (the mechanical categories: encoding, spacing, quotes, acronym,
boilerplate, metadata) and the whole default pipeline, plus peak memory.
"""
from __future__ import annotations

import argparse
import time
import tracemalloc
from pathlib import Path

import ftfy

from cleaner import Cleaner, Config

ROOT = Path(__file__).resolve().parent.parent
LEXICAL = frozenset({"glue", "names", "mistranslation", "style", "syntax", "untranslated"})


def corpus(repeat: int) -> list[str]:
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    gold = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds" / "gold").glob("*.txt"))]
    return (seeds + gold) * repeat


def measure(name: str, fn, docs: list[str]) -> tuple[str, float, float]:
    for d in dict.fromkeys(docs):  # warm up: lexicons, compiled patterns, frequency caches
        fn(d)
    start = time.perf_counter()
    for d in docs:
        fn(d)
    elapsed = time.perf_counter() - start
    size = sum(len(d.encode("utf-8")) for d in docs)
    return name, len(docs) / elapsed, size / elapsed / 1e6


def peak_memory(fn, text: str) -> float:
    fn(text[:100])
    tracemalloc.start()
    fn(text)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="copies of the seed corpus")
    args = parser.parse_args()
    docs = corpus(args.repeat)
    full = Cleaner()
    core = Cleaner(Config(disable=LEXICAL))
    rows = [
        measure("ftfy.fix_text (peer)", ftfy.fix_text, docs),
        measure("cleaner core stages (issue 2)", core.clean, docs),
        measure("cleaner default pipeline", full.clean, docs),
    ]
    big = "\n\n".join(docs[:10] * 20)
    print(f"corpus: {len(docs)} documents, {sum(map(len, docs)) / 1e6:.2f} M characters")
    print(f"{'tool':34} {'docs/s':>9} {'MB/s':>7}")
    for name, per_s, mb_s in rows:
        print(f"{name:34} {per_s:9.1f} {mb_s:7.3f}")
    print(f"peak memory, one {len(big) / 1e6:.1f} M-character document: "
          f"core {peak_memory(core.clean, big):.1f} MB, full {peak_memory(full.clean, big):.1f} MB")


if __name__ == "__main__":
    main()
