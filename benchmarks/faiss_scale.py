"""FAISS at scale: latency and recall@10 of the approximate index against exact search.

Synthetic vectors stand in for one million chunks: clusters in a 48-dimensional
latent space, projected to 384 dimensions with a little noise and normalised,
since sentence embeddings have a low intrinsic dimension (uniform random
vectors on the sphere would make every neighbour almost equally far, which no
real corpus does). Prints figures; not a test.

    python benchmarks/faiss_scale.py --n 1000000 --queries 200
"""
from __future__ import annotations

import argparse
import time

import numpy as np


LATENT = 48


def synthetic(n: int, dim: int, clusters: int, seed: int) -> np.ndarray:
    shared = np.random.default_rng(0)  # the same latent space for corpus and queries
    centres = shared.standard_normal((clusters, LATENT)).astype("float32")
    projection = shared.standard_normal((LATENT, dim)).astype("float32") / np.sqrt(LATENT)
    rng = np.random.default_rng(seed)
    out = np.empty((n, dim), dtype="float32")
    step = 100_000
    for lo in range(0, n, step):
        hi = min(n, lo + step)
        labels = rng.integers(0, clusters, hi - lo)
        latent = centres[labels] + 0.6 * rng.standard_normal((hi - lo, LATENT)).astype("float32")
        out[lo:hi] = latent @ projection + 0.05 * rng.standard_normal((hi - lo, dim)).astype("float32")
    out /= np.linalg.norm(out, axis=1, keepdims=True)
    return out


def timed_search(index, queries: np.ndarray, k: int) -> tuple[np.ndarray, list[float]]:
    latencies, rows = [], []
    for query in queries:
        started = time.perf_counter()
        _, ids = index.search(query[None, :], k)
        latencies.append((time.perf_counter() - started) * 1000)
        rows.append(ids[0])
    return np.array(rows), latencies


def recall_at(exact: np.ndarray, approx: np.ndarray) -> float:
    hits = sum(len(set(e) & set(a)) for e, a in zip(exact, approx))
    return hits / exact.size


def main() -> None:
    import faiss

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--dim", type=int, default=384)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--m", type=int, default=32, help="HNSW neighbours (the index uses 32)")
    parser.add_argument("--ef-construction", type=int, default=80)
    args = parser.parse_args()
    vectors = synthetic(args.n, args.dim, clusters=2000, seed=0)
    queries = synthetic(args.queries, args.dim, clusters=2000, seed=1)
    exact = faiss.IndexFlatIP(args.dim)
    exact.add(vectors)
    truth, flat_ms = timed_search(exact, queries, 10)
    print(f"vectors: {args.n:,} x {args.dim}; queries: {args.queries}; threads: {faiss.omp_get_max_threads()}")
    print(f"exact (IndexFlatIP): p50 {np.percentile(flat_ms, 50):.1f} ms, p95 {np.percentile(flat_ms, 95):.1f} ms")
    started = time.perf_counter()
    hnsw = faiss.IndexHNSWFlat(args.dim, args.m, faiss.METRIC_INNER_PRODUCT)
    hnsw.hnsw.efConstruction = args.ef_construction
    hnsw.add(vectors)
    print(f"HNSW{args.m} build: {time.perf_counter() - started:.0f} s")
    for ef in (64, 128, 256):
        hnsw.hnsw.efSearch = ef
        found, ms = timed_search(hnsw, queries, 10)
        print(f"HNSW{args.m} efSearch={ef}: recall@10 {recall_at(truth, found):.3f}, "
              f"p50 {np.percentile(ms, 50):.2f} ms, p95 {np.percentile(ms, 95):.2f} ms")


if __name__ == "__main__":
    main()
