"""Citation parsing and lookups of the library store (no eyecite: a small regex).

A citation is split into volume, reporter and page; for codes the title,
the code and the section ("17 U.S.C. § 107" -> "17", "U.S.C.", "107").
Reporters are compared by ``research.rules.reporter_key`` (no case, spaces
or periods), so "N.J. Super.", "N.J.Super." and "nj super" are the same reporter.
"""
from __future__ import annotations

import re
import sqlite3
from typing import Iterable, NamedTuple

from research.rules import reporter_key
from research.types import CitationRow, Document

_CITATION = re.compile(
    r"""^\s*(?P<volume>\d+)\s+
    (?P<reporter>[A-Za-z][\w.'&\s]*?)\s*
    (?:(?:\u00a7\u00a7?|\bsecs?\b\.?|\bsections?\b)\s*|(?<=\s))
    (?P<page>(?!\d+(?:d|th|st|nd|rd)\b)\d[\w.\-\u2010-\u2014]*)""",
    re.VERBOSE | re.IGNORECASE,
)
_CODE_NAMES = {"usc": "U.S.C.", "cfr": "C.F.R."}

_ROW_SQL = """
SELECT c.doc_id, c.citation, c.volume, c.reporter, c.page, c.last_page,
       d.kind, d.title, d.court, d.date, c.position
FROM citations c JOIN documents d ON d.id = c.doc_id
"""


class ParsedCitation(NamedTuple):
    volume: str
    reporter: str
    page: str

    @property
    def key(self) -> str:
        return reporter_key(self.reporter)


def normalize_page(page: str) -> str:
    """Sections keep their letters and dots ("2000e-2", "646.155"); dashes unify."""
    return re.sub(r"[\u2010-\u2014]", "-", page).rstrip(".").lower()


def parse_citation(text: str) -> ParsedCitation | None:
    """Volume, reporter and first page of a citation, or None if it is not one."""
    found = _CITATION.match(text.replace("\u202f", " ").replace("\u00a0", " "))
    if not found:
        return None
    reporter = re.sub(r"\s+", " ", found.group("reporter")).strip()
    return ParsedCitation(found.group("volume"), reporter, normalize_page(found.group("page")))


def citation_rows(doc: Document) -> list[tuple]:
    """Rows of the citations table for a document, official citation first."""
    rows = []
    for position, citation in enumerate(doc.citations):
        parsed = parse_citation(citation) or ParsedCitation("", "", "")
        page_map = doc.page_map_for(citation)
        last_page = page_map.last_page if page_map else ""
        rows.append((doc.id, position, citation, parsed.volume, parsed.reporter,
                     parsed.key, parsed.page, last_page))
    return rows


def _rows(conn: sqlite3.Connection, where: str, params: Iterable, order: str = "d.id, c.position") -> list[CitationRow]:
    cursor = conn.execute(f"{_ROW_SQL} WHERE {where} ORDER BY {order}", tuple(params))
    return [CitationRow(*row) for row in cursor]


def find_citation(conn: sqlite3.Connection, citation: str) -> list[CitationRow]:
    parsed = parse_citation(citation)
    if parsed is None:
        wanted = re.sub(r"\s+", " ", citation).strip()
        return _rows(conn, "c.citation = ? COLLATE NOCASE", (wanted,)) if wanted else []
    return find_parts(conn, parsed.volume, parsed.reporter, parsed.page)


def find_parts(conn: sqlite3.Connection, volume: str, reporter: str, page: str) -> list[CitationRow]:
    params = (str(volume).strip(), reporter_key(reporter), normalize_page(str(page).strip()))
    return _rows(conn, "c.volume = ? AND c.reporter_key = ? AND c.page = ?", params)


def in_volume(conn: sqlite3.Connection, reporter: str, volume: str) -> list[CitationRow]:
    params = (str(volume).strip(), reporter_key(reporter))
    return _rows(conn, "c.volume = ? AND c.reporter_key = ?", params,
                 order="CAST(c.page AS INTEGER), c.page, d.id")


def covered_code_titles(conn: sqlite3.Connection) -> set[tuple[str, str]]:
    cursor = conn.execute(
        "SELECT c.volume, c.reporter_key, MIN(c.reporter) FROM citations c "
        "JOIN documents d ON d.id = c.doc_id "
        "WHERE d.kind IN ('statute', 'regulation') AND c.volume != '' "
        "GROUP BY c.volume, c.reporter_key"
    )
    return {(volume, _CODE_NAMES.get(key, reporter)) for volume, key, reporter in cursor}
