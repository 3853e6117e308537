"""Embedding throughput: naive sentence-transformers vs the ONNX encoder, same run.

Builds chunks of about --chars characters from real legal text (the project's
corpora/*.jsonl.gz if any, else the US Code markdown and the Fisher opinion in
/work/shared/data), then encodes them with both encoders in alternating
rounds (the machine is shared, so only same-run figures compare) and prints
chunks/s for each, the ratio, and the cosine of the ONNX vectors to torch's.

    python benchmarks/embedding_throughput.py --chunks 600 --rounds 2
"""
from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

import research  # noqa: F401  (sets the offline environment first)
from research.corpus.io import corpus_files, read_corpus
from research.embedding import load_encoder
from research.settings import PROJECT_ROOT

SHARED = Path("/work/shared/data")
SHARED_SOURCES = ("statutes/uscode_markdown_2023/title-*/chunck-*.md",
                  "opinions/opinion_fisher_v_texas_2013_slip.txt")


def legal_texts() -> list[str]:
    files = corpus_files(PROJECT_ROOT / "corpora")
    if files:
        return [doc.text for path in files for doc in read_corpus(path)]
    paths = [p for pattern in SHARED_SOURCES for p in sorted(SHARED.glob(pattern))]
    return [p.read_text(encoding="utf-8", errors="replace") for p in paths]


def windows(text: str, chars: int, per_text: int) -> list[str]:
    """Up to ``per_text`` consecutive pieces of ~``chars`` characters, cut at spaces."""
    text = re.sub(r"\s+", " ", text).strip()
    pieces, start = [], 0
    while start + chars <= len(text) and len(pieces) < per_text:
        end = text.rfind(" ", start, start + chars)
        end = end if end > start + chars * 3 // 4 else start + chars
        pieces.append(text[start:end])
        start = end + 1
    return pieces


def build_chunks(count: int, chars: int) -> list[str]:
    texts = legal_texts()
    pool = [piece for text in texts for piece in windows(text, chars, per_text=6)]
    step = max(1, len(pool) // count)  # spread the sample over all titles and opinions
    return pool[::step][:count]


def timed(encoder, chunks: list[str], batch_size: int) -> tuple[np.ndarray, float]:
    start = time.perf_counter()
    vectors = encoder.encode(chunks, batch_size=batch_size)
    return vectors, time.perf_counter() - start


def main() -> None:
    args = parse_args()
    chunks = build_chunks(args.chunks, args.chars)
    print(f"{len(chunks)} chunks, mean {statistics.mean(map(len, chunks)):.0f} characters")
    cache = Path(args.cache_dir or tempfile.mkdtemp(prefix="embedding-cache-"))
    start = time.perf_counter()
    fast = load_encoder(backend=args.backend, cache_dir=cache, threads=args.threads)
    print(f"{args.backend}: loaded in {time.perf_counter() - start:.1f} s "
          f"(export included when {cache} had no model)")
    naive = load_encoder(backend="torch", cache_dir=cache)
    tokens = [naive.count_tokens(c) for c in chunks]
    print(f"tokens per chunk: mean {statistics.mean(tokens):.0f}, max {max(tokens)}")
    warm = chunks[: min(16, len(chunks))]
    naive.encode(warm), fast.encode(warm)
    report(run_rounds(naive, fast, chunks, args), len(chunks))


def run_rounds(naive, fast, chunks, args) -> dict[str, list]:
    results: dict[str, list] = {"naive": [], "fast": [], "cos": []}
    for round_no in range(args.rounds):
        # Alternate who goes first so a burst of load on the shared cores hits both.
        pair = [("naive", naive, args.naive_batch_size), ("fast", fast, args.batch_size)]
        vectors = {}
        for key, encoder, batch in (pair if round_no % 2 == 0 else pair[::-1]):
            vectors[key], seconds = timed(encoder, chunks, batch)
            results[key].append(len(chunks) / seconds)
        results["cos"].append(np.sum(vectors["naive"] * vectors["fast"], axis=1))
        print(f"round {round_no + 1}: naive {results['naive'][-1]:.1f}/s, "
              f"fast {results['fast'][-1]:.1f}/s, ratio {results['fast'][-1] / results['naive'][-1]:.2f}")
    return results


def report(results: dict[str, list], count: int) -> None:
    ratios = [f / n for f, n in zip(results["fast"], results["naive"])]
    cos = results["cos"][-1]
    print(f"naive sentence-transformers: {statistics.median(results['naive']):.1f} chunks/s (median)")
    print(f"onnx encoder:                {statistics.median(results['fast']):.1f} chunks/s (median)")
    print(f"ratio per round: {', '.join(f'{r:.2f}' for r in ratios)}; median {statistics.median(ratios):.2f}")
    print(f"cosine to torch over {count} chunks: mean {cos.mean():.4f}, min {cos.min():.4f}")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chunks", type=int, default=600, help="how many chunks to encode")
    parser.add_argument("--chars", type=int, default=850, help="characters per chunk")
    parser.add_argument("--rounds", type=int, default=2, help="alternating timing rounds")
    parser.add_argument("--backend", default="onnx-int8", choices=["onnx-int8", "onnx-fp32"])
    parser.add_argument("--batch-size", type=int, default=64, help="ONNX encoder batch size")
    parser.add_argument("--naive-batch-size", type=int, default=32,
                        help="sentence-transformers batch size (32 is its default)")
    parser.add_argument("--threads", type=int, default=None, help="onnxruntime intra-op threads")
    parser.add_argument("--cache-dir", default="", help="ONNX cache (default: a fresh temp dir)")
    return parser.parse_args()


if __name__ == "__main__":
    main()
