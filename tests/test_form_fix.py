"""The corrected document (research check --fix-form, the app's "Fix form"),
the form columns of every report, and the form rules' data tables.

The brief below puts real citations in the forms a new user writes them
(the issue's example); --fix-form must change nothing outside a citation:
the two files are diffed and every changed run of characters must lie in
one citation's span.
"""
from __future__ import annotations

import csv
import difflib
import io
import json
from pathlib import Path

import pytest

from research.citations.form import fix_document, form_report, tables
from research.citations.form.layout import date_paren, parens_after, pins_end
from research.citations.report import render
from research.citations.validate import check_text

BRIEF = ("MEMORANDUM\r\n\r\nSee Hall Street Assocs., L.L.C. v. Mattel, Inc., 552 US 576, 582 (2008). The award\r\n"
         "may be vacated only on the grounds of 9 USC 10(a)(2); 9 U.S.C.A. \u00a7 10.\r\n"
         "See also Kyocera Corp. v. Prudential-Bache, 341 F.3d 987 (9th Cir 2003) (en banc); Wallace v.\r\n"
         "Buttar, 378 F.3d 182, 189 (2nd Cir. 2004). \u201cThe rule is settled.\u201d  Bleecker St. Tenants Corp. v. "
         "Bleeker Jones LLC, 945 N.E.2d 484, 16 N.Y.3d 272 (N.Y. 2011).\r\nNothing else changes: 2nd, 3rd, US.\r\n")


def _extent(text: str, found) -> tuple[int, int]:
    """A citation's whole span: case name (or citation) to its court-and-date parenthetical."""
    start = min(found.full_start, found.start)
    end = pins_end(text, found.end)
    parens = parens_after(text, end)
    date = date_paren(text, parens[0]) if parens else None
    return start, date.paren.end if date else end


def test_fixed_document_changes_only_characters_inside_citations():
    report = form_report(check_text(BRIEF, store=None))
    fixed, changes = fix_document(report)
    assert changes and fixed != BRIEF
    spans = [_extent(BRIEF, item.found) for item in report.citations]
    matcher = difflib.SequenceMatcher(None, BRIEF, fixed, autojunk=False)
    for op, i1, i2, _, _ in matcher.get_opcodes():
        if op != "equal":
            assert any(a <= i1 and i2 <= b for a, b in spans), f"changed outside a citation: {BRIEF[i1 - 20:i2 + 20]!r}"
    assert fixed.count("\r\n") == BRIEF.count("\r\n") and fixed.endswith("2nd, 3rd, US.\r\n")
    assert "552 U.S. 576" in fixed and "9 U.S.C. \u00a7 10(a)(2); 9 U.S.C. \u00a7 10." in fixed
    assert "(9th Cir. 2003) (en banc)" in fixed and "(2d Cir. 2004)" in fixed
    assert "16 N.Y.3d 272, 945 N.E.2d 484 (2011)" in fixed


def test_every_change_is_listed_with_its_line_and_code():
    report = form_report(check_text(BRIEF, store=None))
    _, changes = fix_document(report)
    described = [change.describe() for change in changes]
    assert "#1 line 3: \u201cUS\u201d \u2192 \u201cU.S.\u201d (reporter_abbreviation)" in described
    assert any("line 4" in d and "section_symbol" in d for d in described)
    assert all(BRIEF[c.start:c.end] == c.before for c in changes)


def test_check_fix_form_writes_the_copy_and_lists_the_changes(tmp_path, settings):
    from test_check_cli import run

    brief = tmp_path / "brief.txt"
    brief.write_bytes(BRIEF.encode("utf-8"))
    out = tmp_path / "fixed" / "brief.txt"
    result = run(settings, brief, "--fix-form", out, "--format", "json")
    data = json.loads(result.stdout)
    assert data["style"] == "bluebook" and result.exit_code == 0
    fixed = out.read_bytes().decode("utf-8")
    assert fixed == fix_document(form_report(check_text(BRIEF, store=None)))[0]
    assert "form corrections written to" in result.stderr and "(reporter_abbreviation)" in result.stderr
    again = run(settings, brief, "--fix-form", brief)
    assert again.exit_code == 2 and "would overwrite" in again.stderr


def test_a_copy_that_cannot_be_written_fails_its_file_only(tmp_path, settings):
    from test_check_cli import run

    briefs = [tmp_path / "a.txt", tmp_path / "b.txt"]
    for brief in briefs:
        brief.write_bytes(BRIEF.encode("utf-8"))
    out = tmp_path / "fixed"
    (out / "a.txt").mkdir(parents=True)  # a folder where a's copy should go
    result = run(settings, *briefs, "--fix-form", out, "--format", "csv")
    assert result.exit_code == 2 and f"Error: {briefs[0]}: " in result.stderr
    assert "cannot write the corrected copy" in result.stderr
    assert (out / "b.txt").read_bytes().decode("utf-8") == fix_document(form_report(check_text(BRIEF, store=None)))[0]
    assert result.stdout.count("\n") > 2  # the report of both files is still written


def test_scotus_style_is_named_and_checked(tmp_path, settings):
    from test_check_cli import run

    brief = tmp_path / "brief.txt"
    brief.write_text("See Yeager v. United States, 557 U.S. 110, 120 (2009). Id. at 122.\n", encoding="utf-8")
    result = run(settings, brief, "--style", "scotus", "--format", "text")
    assert "Form (U.S. Supreme Court style)" in result.stdout
    assert "557 U. S. 110" in result.stdout and "Id., at 122" in result.stdout


@pytest.fixture(scope="module")
def settings(lexical_library):
    return lexical_library


def test_json_contract():
    report = form_report(check_text(BRIEF, store=None))
    data = json.loads(render([report], "json"))
    assert data["style"] == "bluebook"
    for item in data["citations"]:
        assert all(set(f) == {"code", "message", "suggestion"} for f in item["form"])
        assert (item["corrected"] is None) == (not item["form"]) or item["corrected"] is None
    first = data["citations"][0]
    assert first["form"][0]["code"] == "reporter_abbreviation" and first["form"][0]["suggestion"] == "552 U.S. 576"
    assert first["corrected"] == "Hall Street Assocs., L.L.C. v. Mattel, Inc., 552 U.S. 576, 582 (2008)"


def test_every_report_shows_form_in_its_own_column():
    report = form_report(check_text(BRIEF, store=None))
    rows = list(csv.DictReader(io.StringIO(render([report], "csv"), newline="")))
    assert rows[0]["form"] == "reporter_abbreviation" and rows[0]["corrected"].endswith("576, 582 (2008)")
    assert {row["style"] for row in rows} == {"bluebook"}
    md = render([report], "md")
    assert "| Form | Corrected |" in md and "Form (Bluebook (21st ed.))" in md
    html = render([report], "html")
    assert "<th>Form</th><th>Corrected</th>" in html and "Hall Street Assocs., L.L.C. v. Mattel, Inc., 552 U.S." in html
    text = render([report], "text")
    assert "    corrected: Hall Street Assocs., L.L.C. v. Mattel, Inc., 552 U.S. 576, 582 (2008)" in text
    assert "[[552 US 576 | #1 UNVERIFIED: not_in_library | form: reporter_abbreviation]]" in text


@pytest.mark.parametrize("name, columns", [
    ("courts", {"id", "bluebook", "scotus", "variants"}),
    ("reporters", {"reporter", "court", "order", "scotus", "bluebook"}),
    ("codes", {"key", "bluebook", "scotus", "note"}),
    ("case_names", {"word", "abbreviation", "not_before"}),
    ("ordinals", {"written", "correct"}),
])
def test_each_table_names_its_source_and_loads(name, columns):
    path = tables.DATA / f"{name}.tsv"
    header = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    assert any("Source" in line for line in header), f"{path.name} does not say where it comes from"
    rows = tables.read_table(name)
    assert rows and set(rows[0]) == columns


def test_tables_agree_with_reporters_db_and_each_other():
    ids = [row["id"] for row in tables.read_table("courts")]
    assert len(ids) == len(set(ids))
    for row in tables.read_table("reporters"):
        assert tables.is_edition(row["reporter"]), row["reporter"]
        assert row["court"] in ("", "-") or tables.court_by_id(row["court"]) is not None, row
    assert tables.court_by_spelling("9th Cir") == tables.court_by_id("ca9")
    assert tables.court_by_spelling("C.A.9").form("scotus") == "CA9"
