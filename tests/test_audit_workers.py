"""A worker of `research audit` killed with kill -9 (what the kernel's
out-of-memory killer does) while the audit runs: the pool is restarted, the
briefs it had in flight are checked again, one whose process dies again is
recorded as failed with the reason, and every other brief is checked."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from support.library import build_library

pytestmark = pytest.mark.slow  # kills audit worker processes

MEMO = Path(__file__).parent / "assets" / "briefs" / "cli_memo_excerpt.txt"
BRIEFS = 10


def descendants(pid: int) -> list[int]:
    found, stack = [], [pid]
    while stack:
        for task in Path(f"/proc/{stack.pop()}/task").glob("*"):
            try:
                children = [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                continue
            found += children
            stack += children
    return found


def workers(pid: int) -> set[int]:
    """The audit's worker processes (multiprocessing "spawn" children, not its resource tracker)."""
    alive = set()
    for child in descendants(pid):
        try:
            if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes():
                alive.add(child)
        except OSError:
            pass
    return alive


@pytest.mark.slow
def test_a_killed_worker_costs_at_most_its_brief(tmp_path, small_docs):
    settings = build_library(tmp_path / "lib", small_docs)
    folder = tmp_path / "briefs"
    folder.mkdir()
    for number in range(BRIEFS):
        (folder / f"brief-{number:02d}.txt").write_text(MEMO.read_text(encoding="utf-8") * 150, encoding="utf-8")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "research", "--home", str(settings.home), "--corpora", str(settings.corpora_dir),
               "audit", str(folder), "--out", str(out), "--workers", "2"]
    audit = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    killed = _kill_a_worker_then_its_retry(audit)
    stdout, stderr = audit.communicate(timeout=600)
    assert len(killed) == 2, (killed, stderr[-2000:])
    assert audit.returncode == 3, stderr[-2000:]  # invalid citations (the memo has one) and a failed brief
    assert "Traceback" not in stderr and f"Audited {BRIEFS} briefs" in stdout
    records = [json.loads(p.read_text()) for p in (out / "briefs").glob("*.audit.json")]
    failed = [r for r in records if not r["ok"]]
    assert len(records) == BRIEFS and len(failed) == 1
    assert failed[0]["error"].startswith("the process checking it died twice (killed by SIGKILL)")
    assert "Could not read:" in stdout and failed[0]["file"] in stdout


def _kill_a_worker_then_its_retry(audit: subprocess.Popen) -> list[int]:
    """kill -9 a pool worker once both are busy; then the first process
    started after it (a brief being checked again alone), at once."""
    killed: list[int] = []
    deadline = time.time() + 300
    first_seen: dict[int, float] = {}
    while audit.poll() is None and time.time() < deadline and len(killed) < 2:
        now = time.time()
        for pid in workers(audit.pid):
            first_seen.setdefault(pid, now)
        if not killed:
            busy = [pid for pid, since in first_seen.items() if now - since > 3]
            if len(busy) >= 2:
                os.kill(busy[0], signal.SIGKILL)
                killed.append(busy[0])
                seen_before = set(first_seen)
        else:
            fresh = [pid for pid in first_seen if pid not in seen_before]
            if fresh:
                os.kill(fresh[0], signal.SIGKILL)
                killed.append(fresh[0])
        time.sleep(0.02)
    return killed
