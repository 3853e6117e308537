"""Retrieval quality and latency on the shipped library, on questions not tuned on.

Reads ``benchmarks/data/statute_questions.jsonl`` (90 questions written
outside the project, copied from ``../shared/data/dev-questions``) and prints,
for the report half of the fixed split (``benchmarks/relevance/questions.py``; the
calibration was fitted on the other half), per style and per kind:
recall@1/5/10 and MRR (document level) of

- plain BM25 and plain dense (all-MiniLM-L6-v2), no fusion, no tuning;
- the shipped search in lexical-only mode (what the app serves while the
  dense index builds) and the shipped hybrid search;

then the latency of whole hybrid queries (encode, FAISS, FTS5, ranking,
store lookups). Needs the default index (``research index``). Prints
figures; not a test. ``--split tune`` shows the tuning half (not evidence).
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from relevance import questions as Q
from relevance.baselines import PlainBM25, PlainDense, stock_encoder
from relevance.options import add_library_options, settings_from

from research import library
from research.settings import Settings


def ranks(searcher, questions: list[Q.Question], k: int = 10) -> dict[str, int | None]:
    out = {}
    for q in questions:
        ids = [hit.doc_id for hit in searcher.search(q.question, k=k)]
        out[q.id] = next((i for i, d in enumerate(ids, 1) if d in q.gold), None)
    return out


def measures(found: list[int | None]) -> dict[str, float]:
    n = len(found) or 1
    at = lambda k: sum(1 for r in found if r is not None and r <= k) / n  # noqa: E731
    return {"r@1": at(1), "r@5": at(5), "r@10": at(10), "MRR": sum(1 / r for r in found if r) / n}


def print_table(questions: list[Q.Question], runs: dict[str, dict[str, int | None]]) -> None:
    for label, group in Q.groups(questions):
        print(f"{label} ({len(group)} questions)")
        for name, found in runs.items():
            m = measures([found[q.id] for q in group])
            print(f"  {name:<22} " + "  ".join(f"{key} {value:.3f}" for key, value in m.items()))


def latency(searcher, questions: list[Q.Question], repeats: int) -> tuple[float, float]:
    times = []
    for _ in range(repeats):
        for q in questions:
            started = time.perf_counter()
            searcher.search(q.question, k=10)
            times.append((time.perf_counter() - started) * 1000)
    return float(np.percentile(times, 50)), float(np.percentile(times, 95))


def searchers(settings: Settings, store) -> dict[str, object]:
    hybrid = library.open_searcher(settings, store)
    cache = library.vector_cache(settings)
    return {"plain BM25": PlainBM25(store), "plain dense": PlainDense(store, stock_encoder(settings, hybrid), cache),
            "shipped lexical-only": library.open_searcher(settings, store, dense=False),
            "shipped hybrid": hybrid}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=Path, default=Q.STATUTE_QUESTIONS)
    parser.add_argument("--split", default="report", choices=["report", "tune", "all"])
    parser.add_argument("--repeats", type=int, default=3)
    add_library_options(parser)
    parser.add_argument("--embedding-backend", default="onnx-int8", choices=["onnx-int8", "onnx-fp32", "torch"])
    args = parser.parse_args()
    settings = settings_from(args, embedding_backend=args.embedding_backend)
    questions = Q.load(args.questions)
    questions = questions if args.split == "all" else Q.split(questions)[args.split]
    with library.open_store(settings) as store:
        runs = searchers(settings, store)
        print(f"{len(questions)} questions ({args.split} half of {args.questions.name}); library "
              f"{store.count()} documents, {len(runs['shipped hybrid'].dense)} chunks")
        print_table(questions, {name: ranks(s, questions) for name, s in runs.items()})
        p50, p95 = latency(runs["shipped hybrid"], questions, args.repeats)
    print(f"shipped hybrid query latency, end to end: p50 {p50:.1f} ms, p95 {p95:.1f} ms")


if __name__ == "__main__":
    main()
