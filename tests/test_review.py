"""The review log: decisions per citation of a document, latest wins, CSV and DOCX exports."""
from __future__ import annotations

import csv
import io

import pytest

from research.review import ReviewLog, content_hash
from research.types import CheckedCitation, CheckReport, FoundCitation, ReviewDecision

TEXT = ("Bleecker St. Tenants Corp. v. Bleeker Jones LLC, 16 N.Y.3d 272, 275 (2011). "
        "Contra Smith v. Jones, 444 N.J. Super. 430, 431 (App. Div. 2015).")
CITES = ("16 N.Y.3d 272", "444 N.J. Super. 430")


def _report() -> CheckReport:
    items = []
    for index, (cite, status) in enumerate(zip(CITES, ("verified", "invalid"))):
        start = TEXT.index(cite)
        items.append(CheckedCitation(FoundCitation(cite, start, start + len(cite), "case", index=index), status))
    return CheckReport("brief.txt", TEXT, tuple(items))


@pytest.fixture()
def log(tmp_path):
    return ReviewLog(tmp_path / "reviews.sqlite3")


def test_round_trip_keeps_who_what_and_when(log):
    doc = content_hash(TEXT)
    saved = log.record(doc_hash=doc, citation_index=2, citation_text=CITES[1], decision="needs_fix",
                       note="page 430 is inside D.G. v. K.S.", reviewer="alice")
    assert isinstance(saved, ReviewDecision) and saved.at
    assert log.decisions(doc) == [saved]
    assert ReviewLog(log.path).decisions(doc) == [saved]  # a new app run sees it
    assert log.decisions(content_hash(TEXT + " ")) == []   # another document: nothing


@pytest.mark.parametrize("sequence, latest", [
    (["accept", "needs_fix"], "needs_fix"),
    (["needs_fix", "accept"], "accept"),
    (["accept", "note", "accept"], "accept"),
])
def test_latest_decision_wins_and_history_keeps_all(log, sequence, latest):
    doc = content_hash(TEXT)
    for decision in sequence:
        log.record(doc_hash=doc, citation_index=1, citation_text=CITES[0], decision=decision, reviewer="bob")
    assert [d.decision for d in log.decisions(doc)] == [latest]
    assert [d.decision for d in log.history(doc)] == sequence


def test_unknown_decision_is_refused(log):
    with pytest.raises(ValueError, match="unknown review decision"):
        log.record(doc_hash="x", citation_index=1, citation_text="x", decision="maybe")


def test_csv_export_reopens_with_formula_cells_neutralised(log):
    doc = content_hash(TEXT)
    log.record(doc_hash=doc, citation_index=1, citation_text=CITES[0], decision="accept", reviewer="alice")
    log.record(doc_hash=doc, citation_index=2, citation_text=CITES[1], decision="note", note="=HYPERLINK(1)")
    rows = list(csv.DictReader(io.StringIO(log.export_csv(doc))))
    assert [(r["citation_index"], r["decision"]) for r in rows] == [("1", "accept"), ("2", "note")]
    assert rows[0]["reviewer"] == "alice" and rows[1]["note"] == "'=HYPERLINK(1)"


def test_docx_export_reopens_with_every_citation_and_its_decision(log, tmp_path):
    from docx import Document

    report = _report()
    doc = content_hash(TEXT)
    log.record(doc_hash=doc, citation_index=2, citation_text=CITES[1], decision="needs_fix", note="wrong page",
               reviewer="carol")
    path = log.export_docx(doc, report, tmp_path / "review.docx")
    table = Document(str(path)).tables[0]
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert cells[1][:4] == ["1", CITES[0], "verified", ""]
    assert cells[2][:5] == ["2", CITES[1], "invalid", "Needs fix", "wrong page"]
    assert cells[2][5].startswith("carol, ")
