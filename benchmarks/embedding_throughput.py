"""Embedding throughput: naive sentence-transformers vs the ONNX encoder, same run.

Builds chunks of about --chars characters from real legal text (the project's
corpora/*.jsonl.gz if any, else the US Code markdown and the Fisher opinion in
shared/data), then encodes them with every encoder in the same run, taking
turns slice by slice (the 2 cores are shared, so only same-run figures
compare), and prints chunks/s and chunks per CPU-second for each, the ratio to
naive sentence-transformers, and the cosine of the ONNX vectors to torch's.

    python benchmarks/embedding_throughput.py --chunks 600 --rounds 3
    python benchmarks/embedding_throughput.py --backend onnx-int8,onnx-fp32
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

# shared/ sits beside the work tree (and beside CI's clone).
SHARED = PROJECT_ROOT.parent / "shared" / "data"
SHARED_SOURCES = ("statutes/uscode_markdown_2023/title-*/chunck-*.md",
                  "opinions/opinion_fisher_v_texas_2013_slip.txt")


def legal_texts(shared: Path) -> list[str]:
    files = corpus_files(PROJECT_ROOT / "corpora")
    if files:
        return [doc.text for path in files for doc in read_corpus(path)]
    paths = [p for pattern in SHARED_SOURCES for p in sorted(shared.glob(pattern))]
    if not paths:
        raise SystemExit(f"no legal text: corpora/ is empty and {shared} holds no sources")
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


def build_chunks(count: int, chars: int, shared: Path = SHARED) -> list[str]:
    texts = legal_texts(shared)
    pool = [piece for text in texts for piece in windows(text, chars, per_text=6)]
    step = max(1, len(pool) // count)  # spread the sample over all titles and opinions
    return pool[::step][:count]


def timed(encoder, chunks: list[str], batch_size: int) -> tuple[np.ndarray, float, float]:
    """Vectors, wall seconds and CPU seconds of this process (all its threads)."""
    wall, cpu = time.perf_counter(), time.process_time()
    vectors = encoder.encode(chunks, batch_size=batch_size)
    return vectors, time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    args = parse_args()
    chunks = build_chunks(args.chunks, args.chars, Path(args.data))
    print(f"{len(chunks)} chunks, mean {statistics.mean(map(len, chunks)):.0f} characters")
    if args.cache_dir:
        benchmark(chunks, Path(args.cache_dir), args)
    else:
        with tempfile.TemporaryDirectory(prefix="embedding-cache-") as cache:
            benchmark(chunks, Path(cache), args)


def benchmark(chunks: list[str], cache: Path, args: argparse.Namespace) -> None:
    encoders = {"torch": (load_encoder(backend="torch", cache_dir=cache), args.naive_batch_size)}
    for backend in args.backend.split(","):
        start = time.perf_counter()
        encoders[backend] = (load_encoder(backend=backend, cache_dir=cache, threads=args.threads),
                             args.batch_size)
        print(f"{backend}: loaded in {time.perf_counter() - start:.1f} s (includes the export "
              f"when the cache held no model)")
    tokens = [encoders["torch"][0].count_tokens(c) for c in chunks]
    print(f"tokens per chunk: mean {statistics.mean(tokens):.0f}, max {max(tokens)} "
          f"(the model reads at most {encoders['torch'][0].max_tokens})")
    for encoder, _ in encoders.values():
        encoder.encode(chunks[:16])  # warm-up: first runs allocate
    report(run_rounds(encoders, chunks, args.rounds, args.slice), len(chunks))


def run_rounds(encoders: dict, chunks: list[str], rounds: int, slice_size: int) -> dict:
    names = list(encoders)
    results = {name: {"rate": [], "cpu_rate": [], "vectors": None} for name in names}
    for round_no in range(rounds):
        for name, (wall, cpu, vectors) in one_round(encoders, chunks, round_no, slice_size).items():
            results[name]["rate"].append(len(chunks) / wall)
            results[name]["cpu_rate"].append(len(chunks) / max(cpu, 1e-9))
            results[name]["vectors"] = vectors
        print(f"round {round_no + 1}: " + ", ".join(
            f"{name} {results[name]['rate'][-1]:.1f}/s" for name in names))
    return results


def one_round(encoders: dict, chunks: list[str], round_no: int, slice_size: int) -> dict:
    """All chunks through every encoder, slice by slice in rotating order, so a
    burst of load from other jobs hits all encoders alike."""
    names = list(encoders)
    totals = {name: [0.0, 0.0, []] for name in names}
    for k, start in enumerate(range(0, len(chunks), slice_size)):
        shift = (round_no + k) % len(names)
        for name in names[shift:] + names[:shift]:
            encoder, batch_size = encoders[name]
            vectors, wall, cpu = timed(encoder, chunks[start:start + slice_size], batch_size)
            totals[name][0] += wall
            totals[name][1] += cpu
            totals[name][2].append(vectors)
    return {name: (wall, cpu, np.vstack(parts)) for name, (wall, cpu, parts) in totals.items()}


def report(results: dict[str, dict[str, list]], count: int) -> None:
    naive = results["torch"]
    for name, result in results.items():
        ratios = [fast / slow for fast, slow in zip(result["rate"], naive["rate"])]
        cos = np.sum(result["vectors"] * naive["vectors"], axis=1)
        print(f"{name:>10}: {statistics.median(result['rate']):6.1f} chunks/s (median of rounds), "
              f"{statistics.median(result['cpu_rate']):6.1f} chunks per CPU-second; "
              f"ratio to naive per round {', '.join(f'{r:.2f}' for r in ratios)} "
              f"(median {statistics.median(ratios):.2f}); "
              f"cosine to torch over {count}: mean {cos.mean():.4f}, min {cos.min():.4f}")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chunks", type=int, default=600, help="how many chunks to encode")
    parser.add_argument("--chars", type=int, default=850, help="characters per chunk")
    parser.add_argument("--rounds", type=int, default=2, help="alternating timing rounds")
    parser.add_argument("--slice", type=int, default=100,
                        help="chunks per interleaved slice (the encoders take turns)")
    parser.add_argument("--backend", default="onnx-int8",
                        help="fast backends to compare with torch, comma-separated "
                             "(onnx-int8, onnx-fp32)")
    parser.add_argument("--batch-size", type=int, default=64, help="ONNX encoder batch size")
    parser.add_argument("--naive-batch-size", type=int, default=32,
                        help="sentence-transformers batch size (32 is its default)")
    parser.add_argument("--threads", type=int, default=None, help="onnxruntime intra-op threads")
    parser.add_argument("--data", default=str(SHARED), help="shared data folder (when corpora/ is empty)")
    parser.add_argument("--cache-dir", default="", help="ONNX cache (default: a fresh temp dir)")
    return parser.parse_args()


if __name__ == "__main__":
    main()
