"""Cost of model-assisted cleaning: documents/s of the default pipeline on the
seeds (and the gold), without and with --neural, and with a language-model
arbiter (--lm): the word-frequency scorer and a tiny random BERT built here
(a real model costs more per token; the tiny one measures the plumbing).

usage: python benchmarks/neural.py [--repeat N] [--threads T] [--lm MODEL]

CPU only and one thread by default, so that the figures compare across
machines. The embedding cache is emptied before every document, so that each
one costs what a new document would.
"""
from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("CUDA_VISIBLE_DEVICES", "")  # CPU figures, even on a machine with a GPU

import torch  # noqa: E402
import transformers  # noqa: E402

from cleaner import Cleaner, Config  # noqa: E402
from cleaner.embedding import embedder  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def corpus(repeat: int) -> list[str]:
    paths = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "seeds" / "gold").glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths] * repeat


def tiny_bert(folder: Path) -> str:
    """A randomly initialised two-layer BERT with a word-level vocabulary."""
    words = sorted({w.lower() for d in corpus(1) for w in d.split() if w.isalpha()})
    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + words
    (folder / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    transformers.BertTokenizer(str(folder / "vocab.txt")).save_pretrained(folder)
    transformers.BertForMaskedLM(transformers.BertConfig(
        vocab_size=len(vocab), hidden_size=64, num_hidden_layers=2, num_attention_heads=2,
        intermediate_size=128, max_position_embeddings=256)).save_pretrained(folder)
    return str(folder)


def docs_per_second(config: Config, docs: list[str]) -> tuple[float, int]:
    cleaner = Cleaner(config)
    for d in dict.fromkeys(docs):  # warm up: lexicons, models, frequency caches
        cleaner.run(d)
    start, changed = time.perf_counter(), 0
    for d in docs:
        embedder(config.embedding_model)._cache.clear()
        result = cleaner.run(d)
        changed += sum(e.rule == "boilerplate.offtopic" or "language model" in e.message for e in result.edits)
    return len(docs) / (time.perf_counter() - start), changed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--lm", help="also measure this language model (a directory or hub name)")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    docs = corpus(args.repeat)
    with tempfile.TemporaryDirectory() as tmp:
        setups = [("default", Config()), ("--neural", Config(neural=True)),
                  ("--lm wordfreq", Config(lm="wordfreq")), ("--lm tiny-bert (random)", Config(lm=tiny_bert(Path(tmp))))]
        if args.lm:
            setups.append((f"--lm {args.lm}", Config(lm=args.lm)))
        print(f"{len(docs)} documents, CPU, {args.threads} thread(s), torch {torch.__version__}")
        print(f"{'setup':<28}{'docs/s':>10}{'model edits':>14}")
        for name, config in setups:
            rate, changed = docs_per_second(config, docs)
            print(f"{name:<28}{rate:>10.1f}{changed:>14}")


if __name__ == "__main__":
    main()
