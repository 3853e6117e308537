"""`make bench` runs benchmarks/run_all.py, which knows every benchmark script;
a fresh clone has an indexes/ folder whose README says what goes in it."""
from __future__ import annotations

import subprocess
import sys

from research.settings import PROJECT_ROOT

BENCHMARKS = PROJECT_ROOT / "benchmarks"


def test_run_all_lists_every_benchmark_script():
    listed = subprocess.run([sys.executable, str(BENCHMARKS / "run_all.py"), "--list"], capture_output=True,
                            text=True, timeout=60, check=True).stdout
    names = {line.split()[0] for line in listed.splitlines() if line.strip()}
    scripts = {path.stem for path in BENCHMARKS.glob("*.py") if path.stem != "run_all"}
    assert names == scripts
    assert "benchmarks/run_all.py" in (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")


def test_indexes_folder_is_in_a_fresh_clone_and_says_what_it_holds():
    readme = (PROJECT_ROOT / "indexes" / "README.md").read_text(encoding="utf-8")
    tracked = subprocess.run(["git", "ls-files", "indexes"], cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert tracked.returncode != 0 or tracked.stdout.split() == ["indexes/README.md"]  # in git: only the README
    assert all(word in readme for word in ("manifest.json", "vectors.faiss", "models/", "symlink"))
