"""The review log: an attorney's decision on each citation of a checked document.

    log = ReviewLog(settings.home / "reviews.sqlite3")
    log.record(doc_hash=..., citation_index=3, citation_text="16 N.Y.3d 272",
               decision="accept"|"needs_fix"|"note", note="", reviewer="") -> ReviewDecision
    log.decisions(doc_hash) -> [ReviewDecision]   # the latest per citation
    log.export_csv(doc_hash) -> str
    log.export_docx(doc_hash, report, path) -> Path

Every decision is kept (who, when, which document by content hash, which
citation); the latest one per citation is the one shown. One connection per
call, so the log can be used from any thread of the app.
"""
from __future__ import annotations

import csv
import datetime as _dt
import hashlib
import io
import sqlite3
from contextlib import closing
from pathlib import Path

from research.rules import spreadsheet_safe
from research.store import connect
from research.types import CheckReport, ReviewDecision

DECISIONS = ("accept", "needs_fix", "note")
DECISION_LABELS = {"accept": "Accept", "needs_fix": "Needs fix", "note": "Note"}
CSV_FIELDS = ("doc_hash", "citation_index", "citation_text", "decision", "note", "reviewer", "at")
_SCHEMA = """CREATE TABLE IF NOT EXISTS decisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT, doc_hash TEXT NOT NULL, citation_index INTEGER NOT NULL,
    citation_text TEXT NOT NULL, decision TEXT NOT NULL, note TEXT NOT NULL DEFAULT '',
    reviewer TEXT NOT NULL DEFAULT '', at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS decisions_doc ON decisions (doc_hash, citation_index, id);"""


def content_hash(text: str) -> str:
    """Which document: the SHA-256 of its text as checked."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ReviewLog:
    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with closing(self._connect()) as conn, conn:
            conn.executescript(_SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        return connect(self.path, what="review log")

    def record(self, *, doc_hash: str, citation_index: int, citation_text: str, decision: str,
               note: str = "", reviewer: str = "") -> ReviewDecision:
        if decision not in DECISIONS:
            raise ValueError(f"unknown review decision {decision!r}; use one of {', '.join(DECISIONS)}")
        at = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="microseconds")
        item = ReviewDecision(doc_hash, int(citation_index), citation_text, decision, note, reviewer, at)
        with closing(self._connect()) as conn, conn:
            conn.execute("INSERT INTO decisions (doc_hash, citation_index, citation_text, decision, note, "
                         "reviewer, at) VALUES (?, ?, ?, ?, ?, ?, ?)", _row(item))
        return item

    def decisions(self, doc_hash: str) -> list[ReviewDecision]:
        """The latest decision per citation (by insertion order), ordered by citation."""
        sql = ("SELECT doc_hash, citation_index, citation_text, decision, note, reviewer, at FROM decisions "
               "WHERE id IN (SELECT MAX(id) FROM decisions WHERE doc_hash = ? GROUP BY citation_index) "
               "ORDER BY citation_index")
        with closing(self._connect()) as conn:
            return [ReviewDecision(*row) for row in conn.execute(sql, (doc_hash,))]

    def history(self, doc_hash: str) -> list[ReviewDecision]:
        sql = ("SELECT doc_hash, citation_index, citation_text, decision, note, reviewer, at FROM decisions "
               "WHERE doc_hash = ? ORDER BY id")
        with closing(self._connect()) as conn:
            return [ReviewDecision(*row) for row in conn.execute(sql, (doc_hash,))]

    def export_csv(self, doc_hash: str) -> str:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(CSV_FIELDS)
        writer.writerows([spreadsheet_safe(v) for v in _row(d)] for d in self.decisions(doc_hash))
        return out.getvalue()

    def export_docx(self, doc_hash: str, report: CheckReport, path: Path | str) -> Path:
        """A Word document: each citation with its status and the decision on it."""
        from docx import Document as WordDocument

        by_index = {d.citation_index: d for d in self.decisions(doc_hash)}
        word = WordDocument()
        word.add_heading(f"Citation review: {Path(report.file).name}", level=1)
        word.add_paragraph(f"Document SHA-256: {doc_hash}")
        table = word.add_table(rows=1, cols=6)
        table.style = "Table Grid"
        for cell, head in zip(table.rows[0].cells, ("#", "Citation", "Status", "Decision", "Note", "Reviewer, when")):
            cell.text = head
        for number, item in enumerate(report.citations, start=1):
            d = by_index.get(number)
            cells = table.add_row().cells
            values = (str(number), " ".join(item.found.text.split()), item.status,
                      DECISION_LABELS[d.decision] if d else "", d.note if d else "",
                      f"{d.reviewer}, {d.at[:19]}" if d else "")
            for cell, value in zip(cells, values):
                cell.text = value
        path = Path(path)
        word.save(str(path))
        return path


def _row(item: ReviewDecision) -> tuple:
    return (item.doc_hash, item.citation_index, item.citation_text, item.decision, item.note,
            item.reviewer, item.at)

