"""A library changed since the index was built: `status` says the index is
stale, and `search` answers by keywords and citations with a notice instead
of failing."""
from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from research.cli.main import cli


@pytest.fixture()
def changed(small_library, tmp_path):
    """A copy of the built small library, with one document added after the index was built."""
    settings = small_library.with_changes(home=tmp_path / "home")
    shutil.copytree(small_library.home, settings.home, symlinks=True, ignore=shutil.ignore_patterns("app-tmp"))
    memo = tmp_path / "memo.txt"
    memo.write_text("Our memo on the arbitration clause in the warehouse lease.\n", encoding="utf-8")
    assert run(settings, "ingest", memo).exit_code == 0
    return settings


def run(settings, *args):
    base = ["--home", str(settings.home), "--corpora", str(settings.corpora_dir),
            "--model-cache", str(settings.models_dir)]
    return CliRunner().invoke(cli, base + [*map(str, args)], catch_exceptions=False)


def test_status_says_the_index_is_stale_and_why(small_library, changed):
    assert "stale" not in run(small_library, "status").stdout
    text = run(changed, "status").stdout
    assert ("  stale: the library has changed since it was built; search is by keywords and citations only "
            "until you run: research index") in text
    info = json.loads(run(changed, "status", "--json").stdout)
    assert info["index_stale"] == "the library has changed since it was built"


def test_search_on_a_stale_index_falls_back_to_keywords_with_a_notice(changed):
    result = run(changed, "search", "arbitration clause warehouse lease", "--json")
    assert result.exit_code == 0
    assert result.stderr.startswith("Notice: The index at ")
    assert "the library has changed since it was built" in result.stderr
    assert "keyword and citation search only" in result.stderr
    assert json.loads(result.stdout)["hits"][0]["title"] == "memo.txt"
