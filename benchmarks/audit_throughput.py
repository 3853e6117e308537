"""Batch-audit throughput: briefs per minute and MB per second.

In one run, on the same generated briefs (real text and real library
citations, as in check_speed.py; 10-40 KB each):
  - eyecite called directly in one process (get_citations + resolve_citations,
    reading each file): the baseline;
  - ``research.audit.runner`` with 1 local worker (in this process), 2 local workers
    (a spawned process pool, start-up included), and Ray on 2 CPUs (Ray
    start-up timed apart). An audit does much more than eyecite: it also
    validates every citation against the library, builds the Table of
    Authorities and writes HTML, JSON and CSV reports per brief.

The ratios printed are audit throughput / eyecite throughput.

Usage: python benchmarks/audit_throughput.py [--home DIR] [--briefs 48] [--no-ray]
"""
from __future__ import annotations

import argparse
import logging
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from check_speed import _brief_paragraphs, _eyecite_direct, build_document, load_sources  # noqa: E402

from research import library  # noqa: E402
from research.audit.runner import audit  # noqa: E402
from research.settings import Settings  # noqa: E402


def write_briefs(folder: Path, count: int, settings: Settings, *, seed: int = 7) -> list[Path]:
    with library.open_library(settings) as store:
        sources, statutes, paragraphs = load_sources(store)
    paragraphs += _brief_paragraphs()
    rng, paths = random.Random(seed), []
    for i in range(count):
        path = folder / f"brief_{i:04d}.txt"
        path.write_text(build_document(rng.randint(10_000, 40_000), sources, statutes, paragraphs, seed=seed + i),
                        encoding="utf-8")
        paths.append(path)
    return paths


def eyecite_direct(paths: list[Path]) -> float:
    _eyecite_direct(paths[0].read_text(encoding="utf-8")[:5000])  # warm up: compile the regexes once
    start = time.perf_counter()
    for path in paths:
        _eyecite_direct(path.read_text(encoding="utf-8"))
    return time.perf_counter() - start


def timed_audit(folder: Path, out: Path, config, **options) -> float:
    start = time.perf_counter()
    outcome = audit([folder], out_dir=out, config=config, **options)
    seconds = time.perf_counter() - start
    assert len(outcome.checked) == len(outcome.records) and not outcome.failed
    return seconds


def start_ray(temp: Path) -> float:
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")  # loopback only
    import ray

    start = time.perf_counter()
    ray.init(num_cpus=2, include_dashboard=False, _temp_dir=str(temp), log_to_driver=False,
             configure_logging=False)
    return time.perf_counter() - start


def row(label: str, seconds: float, count: int, megabytes: float, baseline: float) -> str:
    return (f"{label:<44} {seconds:7.2f} s {count / seconds * 60:9.0f} briefs/min {megabytes / seconds:6.2f} MB/s"
            f"   ratio {baseline / seconds:5.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, default=None, help="library folder (default: the project's)")
    parser.add_argument("--briefs", type=int, default=48)
    parser.add_argument("--no-ray", action="store_true")
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # eyecite's overlap warnings, when called directly
    settings = Settings() if args.home is None else Settings(home=args.home)
    with tempfile.TemporaryDirectory(prefix="audbench", dir="/tmp") as tmp:
        root = Path(tmp)
        (root / "in").mkdir()
        paths = write_briefs(root / "in", args.briefs, settings)
        megabytes = sum(p.stat().st_size for p in paths) / 1e6
        config = library.audit_config(settings)
        print(f"{len(paths)} briefs, {megabytes:.2f} MB, {os.cpu_count()} cores on this machine")
        base = eyecite_direct(paths)
        print(row("eyecite direct, 1 process (baseline)", base, len(paths), megabytes, base))
        runs = [("audit, local, 1 worker", {"workers": 1}), ("audit, local, 2 workers (pool start-up incl.)",
                                                              {"workers": 2})]
        for i, (label, options) in enumerate(runs):
            seconds = timed_audit(root / "in", root / f"out{i}", config, **options)
            print(row(label, seconds, len(paths), megabytes, base))
        if not args.no_ray:
            print(f"(Ray start-up, 2 CPUs: {start_ray(root / 'ray'):.1f} s, not counted below)")
            seconds = timed_audit(root / "in", root / "outray", config, backend="ray")
            print(row("audit, Ray, 2 CPUs (first tasks start workers)", seconds, len(paths), megabytes, base))
            import ray

            ray.shutdown()


if __name__ == "__main__":
    main()
