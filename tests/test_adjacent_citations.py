"""Many adjacent citations stay linear: "1 U.S. 1, " pasted thousands of
times once formed one parallel group of every citation (time and memory
quadratic; 4,000 repetitions took 17 s, 200,000 were killed at 23.8 GB).
benchmarks/quadratic.py prints the time ratio per doubling up to 160,000."""
from __future__ import annotations

import json
import threading
import time
from collections import Counter

import pytest
from click.testing import CliRunner

from support.apphttp import call, free_port, wait_for_page
from support.library import build_library
from research.citations.extract.context import MAX_PARALLEL
from research.citations.extract.pipeline import extract_citations
from research.cli.main import cli


@pytest.fixture(scope="module")
def settings(tmp_path_factory, small_docs):
    return build_library(tmp_path_factory.mktemp("adjacent"), small_docs)


@pytest.mark.parametrize("text, groups", [
    # one case in three reporters is one group, however it is cited
    ("Roe v. Wade, 410 U.S. 113, 93 S. Ct. 705, 35 L. Ed. 2d 147 (1973).", [3]),
    ("Bleecker St. Tenants Corp. v. Bleeker Jones LLC, 16 N.Y.3d 272, 275, 945 N.E.2d 484 (2011).", [2]),
    # a run of comma-joined citations is cut into bounded groups
    ("1 U.S. 1, " * 20, [MAX_PARALLEL, MAX_PARALLEL, MAX_PARALLEL, 20 - 3 * MAX_PARALLEL]),
])
def test_parallel_groups_are_real_groups_and_bounded(text, groups):
    sizes = Counter(c.group for c in extract_citations(text) if c.kind == "case")
    assert [sizes[g] for g in sorted(sizes)] == groups


@pytest.mark.timeout(90)
def test_check_of_eight_thousand_adjacent_citations_finishes(settings, tmp_path):
    brief = tmp_path / "adjacent.txt"
    brief.write_text("1 U.S. 1, " * 8000, encoding="utf-8")
    base = ["--home", str(settings.home), "--corpora", str(settings.corpora_dir)]
    result = CliRunner().invoke(cli, base + ["check", str(brief), "--format", "json"], catch_exceptions=False)
    report = json.loads(result.stdout)
    assert len(report["citations"]) == 8000
    assert result.exit_code in (0, 1)


@pytest.mark.slow
def test_a_huge_paste_does_not_hold_up_another_users_one_line_check(settings, tmp_path, monkeypatch):
    """Two browser sessions over HTTP: the one-line check answers while the big one still runs."""
    from research.ui.app import launch

    monkeypatch.setenv("GRADIO_TEMP_DIR", str(tmp_path / "gradio"))
    port = free_port()
    app = launch(settings, port=port, block=False)
    base = f"http://127.0.0.1:{port}"
    finished: dict[str, float] = {}

    def check(name: str, text: str) -> None:
        kind, _ = call(base, "run_check", [text, None, "bluebook"], timeout=600)
        finished[name] = time.perf_counter() if kind == "complete" else -1

    try:
        wait_for_page(base + "/", timeout=60)
        started = time.perf_counter()
        big = threading.Thread(target=check, args=("big", "1 U.S. 1, " * 20000))
        big.start()
        time.sleep(1.0)  # the big paste is being checked
        check("small", "See 16 N.Y.3d 272 (2011).")
        big.join(timeout=600)
    finally:
        app.close()
    assert finished["small"] > 0 and finished["big"] > 0
    # the big check took its time; the small one did not wait for it to end
    assert finished["small"] - started < (finished["big"] - started) / 2, finished


@pytest.mark.parametrize("unit, kind", [
    ("Smith v. Jones, 1 U.S. 1 (1990). Smith, supra, at 2. ", "supra"),
    ("Smith v. Jones, 1 U.S. 1 (1990). 1 U.S. at 3. ", "short_case"),
    ("Smith v. Jones, 1 U.S. 1 (1990). Jones at 3. ", "reference"),
])
def test_short_forms_resolve_in_linear_time(unit, kind, monkeypatch):
    """Each short form or supra is matched against the distinct full citations
    before it, not against every one: n repetitions scan O(n) candidates, not n²."""
    import eyecite.resolve

    scanned = [0]
    for name in ("_resolve_shortcase_citation", "_resolve_supra_citation", "_resolve_reference_citation"):
        def counting(form, fulls, _original=getattr(eyecite.resolve, name)):
            scanned[0] += len(fulls)
            return _original(form, fulls)

        monkeypatch.setattr(eyecite.resolve, name, counting)
    found = extract_citations(unit * 1000)
    shorts = [c for c in found if c.kind == kind]
    assert len(shorts) == 1000 and all(found[c.antecedent].citation == "1 U.S. 1" for c in shorts)
    assert scanned[0] <= 10 * len(shorts)
