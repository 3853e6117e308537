"""Retrieval quality and latency on the shipped library.

Prints recall@10 and MRR (document level) of lexical-only, dense-only and
hybrid search on the development questions in ``dev_questions.jsonl``, and the
latency of a whole hybrid query (encode, FAISS, FTS5, fusion). Needs the default
index (``research index``). Prints figures; not a test.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import time
from pathlib import Path

import numpy as np

from research import library
from research.settings import Settings

HERE = Path(__file__).resolve().parent


def load_questions(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def score(searcher, questions: list[dict], k: int = 10) -> tuple[float, float, float]:
    recall = mrr = top1 = 0.0
    for item in questions:
        ranked = [hit.doc_id for hit in searcher.search(item["question"], k=k)]
        ranks = [ranked.index(g) + 1 for g in item["gold"] if g in ranked]
        recall += 1.0 if ranks else 0.0
        mrr += 1.0 / min(ranks) if ranks else 0.0
        top1 += 1.0 if ranks and min(ranks) == 1 else 0.0
    n = len(questions)
    return recall / n, mrr / n, top1 / n


def latency(searcher, questions: list[dict], repeats: int) -> tuple[float, float]:
    times = []
    for _ in range(repeats):
        for item in questions:
            started = time.perf_counter()
            searcher.search(item["question"], k=10)
            times.append((time.perf_counter() - started) * 1000)
    return float(np.percentile(times, 50)), float(np.percentile(times, 95))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--questions", type=Path, default=HERE / "dev_questions.jsonl")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--home", type=Path, default=None, help="library folder (default: the project's)")
    parser.add_argument("--embedding-backend", default="onnx-int8", choices=["onnx-int8", "onnx-fp32", "torch"])
    args = parser.parse_args()
    settings = Settings(embedding_backend=args.embedding_backend)
    settings = settings.with_changes(home=args.home) if args.home else settings
    questions = load_questions(args.questions)
    with library.open_store(settings) as store:
        hybrid = library.open_searcher(settings, store)
        print(f"{len(questions)} questions; library {store.count()} documents, {len(hybrid.dense)} chunks; "
              f"embeddings: {settings.embedding_backend}")
        subsets = [("all", questions)] + [(kind, [q for q in questions if q.get("type") == kind])
                                          for kind in sorted({q.get("type", "") for q in questions})]
        for label, subset in subsets:
            print(f"{label} ({len(subset)} questions)")
            for name, methods in (("lexical", ("lexical",)), ("dense", ("dense",)), ("hybrid", ("lexical", "dense"))):
                variant = dataclasses.replace(hybrid, methods=methods)
                recall, mrr, top1 = score(variant, subset)
                print(f"  {name:<8} recall@10 {recall:.3f}  MRR {mrr:.3f}  top-1 {top1:.3f}")
        p50, p95 = latency(hybrid, questions, args.repeats)
        print(f"hybrid query latency (encode + FAISS + FTS5 + fusion): p50 {p50:.1f} ms, p95 {p95:.1f} ms")


if __name__ == "__main__":
    main()
