"""The citation directory: a table of known citations (volume, reporter,
page, case name, court, date) without text, in one SQLite file.

It lets the checker confirm that a case exists, and check its name and
year, when the library does not hold the case's text. Rows come from
loads: the small directory shipped in ``corpora/directory.csv.gz`` (loaded
on first use by ``open_directory``) and CourtListener's bulk files, both
read by ``research.citations.directory.bulk_import``. Each load is recorded
with a fingerprint of its input, so loading the same file again does nothing and
a changed file replaces the rows it brought before.
"""
from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

from research.rules import reporter_key
from research.store import connect, normalize_page
from research.types import DirectoryRow

FILE_NAME = "directory.sqlite3"
CITED_IN = "cited in "  # source of rows read by machine from the library's opinions (citations.build_directory)
SHIPPED_NAME = "directory.csv.gz"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    volume TEXT NOT NULL, reporter TEXT NOT NULL, reporter_key TEXT NOT NULL, page TEXT NOT NULL,
    last_page TEXT NOT NULL DEFAULT '', case_name TEXT NOT NULL DEFAULT '', court TEXT NOT NULL DEFAULT '',
    date TEXT NOT NULL DEFAULT '', source TEXT NOT NULL DEFAULT '', load TEXT NOT NULL DEFAULT '',
    UNIQUE (volume, reporter_key, page, case_name, load)
);
CREATE INDEX IF NOT EXISTS entries_citation ON entries (volume, reporter_key, page);
CREATE TABLE IF NOT EXISTS loads (name TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, rows INTEGER NOT NULL);
"""
_COLUMNS = "volume, reporter, page, case_name, court, date, last_page, source"


class Directory:
    """The citation directory at ``path`` (created unless ``readonly``)."""

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self._conn = connect(self.path, what="citation directory", readonly=readonly,
                             prepare=None if readonly else lambda conn: conn.executescript(_SCHEMA))

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> "Directory":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- reading ------------------------------------------------------------

    def lookup(self, volume: str, reporter: str, page: str) -> list[DirectoryRow]:
        """Known cases at exactly this citation (usually one)."""
        cursor = self._conn.execute(
            f"SELECT DISTINCT {_COLUMNS} FROM entries WHERE volume = ? AND reporter_key = ? AND page = ? "
            "ORDER BY case_name, source",
            (str(volume).strip(), reporter_key(reporter), normalize_page(str(page).strip())))
        return [_row(values) for values in cursor]

    def count(self) -> int:
        return self._conn.execute("SELECT COUNT(*) FROM entries").fetchone()[0]

    def loads(self) -> dict[str, tuple[str, int]]:
        """Load name -> (fingerprint, rows)."""
        return {name: (print_, rows) for name, print_, rows in self._conn.execute("SELECT * FROM loads")}

    # --- writing ------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield self._conn
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    def is_loaded(self, name: str, fingerprint: str) -> bool:
        found = self._conn.execute("SELECT fingerprint FROM loads WHERE name = ?", (name,)).fetchone()
        return bool(found) and found[0] == fingerprint

    def replace_load(self, name: str, fingerprint: str, rows: Iterable[DirectoryRow], *,
                     batch: int = 10_000) -> int:
        """Replace the rows of load ``name`` by ``rows``, in one transaction."""
        with self.transaction() as conn:
            conn.execute("DELETE FROM entries WHERE load = ?", (name,))
            total = insert_rows(conn, rows, name, batch=batch)
            conn.execute("INSERT OR REPLACE INTO loads VALUES (?, ?, ?)", (name, fingerprint, total))
        return total


def insert_rows(conn: sqlite3.Connection, rows: Iterable[DirectoryRow], load: str, *, batch: int = 10_000) -> int:
    """Insert rows in batches (duplicates within a load are skipped); returns the count inserted."""
    sql = ("INSERT OR IGNORE INTO entries (volume, reporter, reporter_key, page, last_page, case_name, "
           "court, date, source, load) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
    pending: list[tuple] = []
    total = 0
    for row in rows:
        pending.append((row.volume, row.reporter, reporter_key(row.reporter), normalize_page(row.page),
                        row.last_page, row.case_name, row.court, row.date, row.source, load))
        if len(pending) >= batch:
            total += _flush(conn, sql, pending)
    return total + _flush(conn, sql, pending)


def _flush(conn: sqlite3.Connection, sql: str, pending: list[tuple]) -> int:
    before = conn.total_changes
    conn.executemany(sql, pending)
    pending.clear()
    return conn.total_changes - before


def _row(values: tuple) -> DirectoryRow:
    volume, reporter, page, case_name, court, date, last_page, source = values
    return DirectoryRow(citation=f"{volume} {reporter} {page}", volume=volume, reporter=reporter, page=page,
                        case_name=case_name, court=court, date=date, last_page=last_page, source=source)
