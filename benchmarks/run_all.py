"""Run the benchmarks that finish in reasonable time and print their figures
(``make bench``). Each script runs in its own process, one after the other
(the machine's 2 cores are shared: only same-run figures compare); a script
whose data is missing is skipped with the reason, and a table at the end
says what ran, how long it took and what was skipped or failed.

    python benchmarks/run_all.py              # the quick set (sizes below)
    python benchmarks/run_all.py --only check_speed,search_quality
    python benchmarks/run_all.py --list

Sizes are reduced from the scripts' defaults so the whole set takes about
15 minutes on an idle machine; run a script by hand for the README's
full-size figures (faiss_scale.py at one million vectors takes most of an
hour). search_quality, memo_quality and relevance_ceiling need the library's dense index
(``make index``); extraction_* need ../shared.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared" / "data"

# (script, arguments, what it needs beyond the project itself)
BENCHMARKS = (
    ("extraction_accuracy", [], "shared"),
    ("extraction_speed", ["--size", "300000"], "shared"),
    ("check_speed", ["--size", "300000", "--briefs", "6"], ""),
    ("real_text_flags", ["--half", "report", "--no-eyecite"], ""),
    ("planted_errors", ["--per-class", "10"], ""),
    ("quadratic", ["--doublings", "3"], ""),
    ("audit_throughput", ["--briefs", "12", "--no-ray"], ""),
    ("form_precision", ["--sample", "20"], ""),
    ("form_recall", ["--per-code", "40"], ""),
    ("embedding_throughput", ["--chunks", "300", "--rounds", "1"], ""),
    ("faiss_scale", ["--n", "100000", "--queries", "100"], ""),
    ("search_quality", ["--repeats", "1"], "index"),
    ("memo_quality", [], "index"),
    ("relevance_ceiling", ["--split", "report"], "index"),
)


def missing(need: str) -> str:
    """Why a benchmark cannot run here, or "" when it can."""
    if need == "shared" and not SHARED.is_dir():
        return f"no shared data at {SHARED}"
    if need == "index":
        from research.search.index import read_manifest
        from research.settings import Settings

        if read_manifest(Settings().index_dir) is None:
            return "no dense index yet: run make index"
    return ""


def run(name: str, args: list[str]) -> tuple[int, float]:
    print(f"\n=== {name} {' '.join(args)}", flush=True)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, str(HERE / f"{name}.py"), *args], cwd=ROOT)
    return done.returncode, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default="", help="comma-separated names (default: all)")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    options = parser.parse_args()
    chosen = [b for b in BENCHMARKS if not options.only or b[0] in options.only.split(",")]
    if options.list:
        for name, args, need in BENCHMARKS:
            print(f"{name:<22} {' '.join(args):<34} {('needs ' + need) if need else ''}")
        return 0
    outcomes = [(name, *_outcome(name, args, need)) for name, args, need in chosen]
    print("\n=== summary")
    for name, result, seconds in outcomes:
        print(f"{name:<22} {result:<44} {seconds:7.1f} s")
    return 1 if any(result.startswith("failed") for _, result, _ in outcomes) else 0


def _outcome(name: str, args: list[str], need: str) -> tuple[str, float]:
    reason = missing(need)
    if reason:
        print(f"\n=== {name}: skipped ({reason})", flush=True)
        return f"skipped: {reason}", 0.0
    code, seconds = run(name, args)
    return ("ran" if code == 0 else f"failed (exit code {code})"), seconds


if __name__ == "__main__":
    sys.exit(main())
