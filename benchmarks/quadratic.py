"""Many adjacent citations: is `research check` linear in their number?

"1 U.S. 1, " repeated 10,000, 20,000, ... 160,000 times is one long run of
comma-joined citations, the shape that once put every citation into one
parallel group (time and memory quadratic: 200,000 repetitions were killed
at 23.8 GB). Each size is checked by a fresh `research check FILE --format
json` process; the script prints its wall time and CPU time (user + system,
which other work on a shared machine disturbs far less), the ratio of each to
the size before (goal <= 2.2 per doubling, judged on CPU time) and the
process's peak memory.

Usage: python benchmarks/quadratic.py [--home DIR] [--start 10000] [--doublings 4] [--unit "1 U.S. 1, "]
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from research.settings import Settings

GOAL_RATIO = 2.2


def run_check(home: Path, brief: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak resident memory (MB) of one `research check`."""
    command = [sys.executable, "-m", "research", "--home", str(home), "check", str(brief),
               "--format", "json", "--out", os.devnull]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    error = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    if process.returncode not in (0, 1):
        raise SystemExit(f"research check failed ({process.returncode}): {error[-2000:]}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024  # Linux reports kilobytes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, default=None, help="library folder (default: the project's)")
    parser.add_argument("--start", type=int, default=10_000, help="repeats of the unit in the smallest input")
    parser.add_argument("--doublings", type=int, default=4)
    parser.add_argument("--unit", default="1 U.S. 1, ", help="the text repeated")
    args = parser.parse_args()
    home = (Settings() if args.home is None else Settings(home=args.home)).home
    run_check(home, Path(__file__).resolve().parent.parent / "tests" / "assets" / "briefs" / "cli_memo_excerpt.txt")
    print(f"{'repeats':>10} {'input MB':>9} {'wall s':>8} {'ratio':>6} {'CPU s':>8} {'ratio':>6} {'peak MB':>8}")
    previous: tuple[float, float] | None = None
    worst = 0.0
    with tempfile.TemporaryDirectory() as folder:
        for step in range(args.doublings + 1):
            count = args.start * 2 ** step
            brief = Path(folder) / f"adjacent-{count}.txt"
            brief.write_text(args.unit * count, encoding="utf-8")
            wall, cpu, peak = run_check(home, brief)
            ratios = (wall / previous[0], cpu / previous[1]) if previous else (float("nan"),) * 2
            worst = max(worst, ratios[1]) if previous else worst
            print(f"{count:>10,} {brief.stat().st_size / 1e6:>9.2f} {wall:>8.2f} {ratios[0]:>6.2f} {cpu:>8.2f} "
                  f"{ratios[1]:>6.2f} {peak:>8.0f}", flush=True)
            previous = (wall, cpu)
            brief.unlink()
    verdict = "meets" if worst <= GOAL_RATIO else "misses"
    print(f"worst CPU-time ratio per doubling {worst:.2f}: {verdict} the goal of {GOAL_RATIO}")


if __name__ == "__main__":
    main()
