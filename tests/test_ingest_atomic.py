"""`research ingest` writes documents and their chunks in one transaction:
a reader never sees a document that keyword search cannot find, and a kill
at any moment leaves none behind. Identical content found again (under
another name) is unchanged, not updated."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

from click.testing import CliRunner

from support.library import library_settings
from research.cli.main import cli

WORDS = ("lease", "renewal", "option", "tenant", "landlord", "covenant", "perpetuities", "vesting")
_UNCHUNKED = "SELECT COUNT(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM chunks c WHERE c.doc_id = d.id)"


def _brief(number: int) -> str:
    words = " ".join(WORDS[(number + i) % len(WORDS)] for i in range(400))
    return f"Memorandum {number}. Unique marker zq{number}x. {words}.\n\n" * 3


def _snapshot(db) -> tuple[int, int] | None:
    """(documents, documents without chunks) as another reader sees them."""
    if not db.exists():
        return None
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0], conn.execute(_UNCHUNKED).fetchone()[0]
    except sqlite3.OperationalError:
        return None  # schema not there yet


def test_a_reader_never_sees_documents_without_chunks_and_a_kill_leaves_none(tmp_path, model_cache):
    settings = library_settings(tmp_path, [], model_cache=model_cache)
    folder = tmp_path / "briefs"
    folder.mkdir()
    for number in range(500):
        (folder / f"brief-{number:04d}.txt").write_text(_brief(number), encoding="utf-8")
    command = [sys.executable, "-m", "research", "--home", str(settings.home), "--corpora",
               str(settings.corpora_dir), "ingest", str(folder)]
    ingest = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seen = []
    deadline = time.time() + 300
    while ingest.poll() is None and time.time() < deadline:
        snapshot = _snapshot(settings.db_path)
        if snapshot and snapshot[0]:
            seen.append(snapshot)
            os.kill(ingest.pid, signal.SIGKILL)  # as soon as any document is visible
            break
        time.sleep(0.005)
    ingest.wait()
    after = _snapshot(settings.db_path)
    assert all(unchunked == 0 for _, unchunked in seen), seen
    assert after is None or after[1] == 0, after
    if after and after[0]:
        base = ["--home", str(settings.home), "--corpora", str(settings.corpora_dir)]
        found = CliRunner().invoke(cli, base + ["search", "--lexical", "zq7x", "--json"])
        assert json.loads(found.stdout)["hits"][0]["title"] == "brief-0007.txt"


def test_the_same_content_under_another_name_is_unchanged(tmp_path, model_cache):
    settings = library_settings(tmp_path, [], model_cache=model_cache)
    first, copy = tmp_path / "memo.txt", tmp_path / "memo copy.txt"
    first.write_text(_brief(1), encoding="utf-8")
    copy.write_text(_brief(1), encoding="utf-8")
    base = ["--home", str(settings.home), "--corpora", str(settings.corpora_dir), "ingest"]
    outputs = [CliRunner().invoke(cli, base + [str(path)]).stdout for path in (first, copy, first)]
    assert outputs == ["1 added, 0 updated, 0 unchanged, 0 failed\n",
                       "0 added, 0 updated, 1 unchanged, 0 failed\n",
                       "0 added, 0 updated, 1 unchanged, 0 failed\n"]
    moved = CliRunner().invoke(cli, base + [str(copy), "--collection", "cases"]).stdout
    assert moved.startswith("0 added, 1 updated")  # a real change is still an update
