"""Fill the citation directory: the shipped CSV (on opening), and CourtListener's bulk files.

CourtListener publishes its database tables as CSV (PostgreSQL ``COPY ...
WITH (FORMAT csv, ESCAPE '\\', HEADER)``), often bz2-compressed. Columns read,
by header name (all others are ignored):

* ``citations-*.csv``: ``volume``, ``reporter``, ``page``, ``cluster_id``
* ``opinion-clusters-*.csv``: ``id``, ``case_name`` (else ``case_name_full``,
  else ``case_name_short``), ``date_filed``, ``docket_id``
* ``dockets-*.csv`` (optional, for the court): ``id``, ``court_id``
* ``courts-*.csv`` (optional, for court names): ``id``, ``short_name`` (else ``full_name``)

The files are streamed into a staging SQLite file next to the directory,
joined there (citation -> cluster -> docket -> court), and the joined rows
streamed into the directory; nothing is held in memory whole.
"""
from __future__ import annotations

import bz2
import csv
import gzip
import hashlib
import io
import sqlite3
import sys
from contextlib import closing
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from research.citations.directory.table import FILE_NAME, SHIPPED_NAME, Directory
from research.errors import IngestError
from research.settings import Settings
from research.store import connect
from research.types import DirectoryRow

SHIPPED_COLUMNS = ("volume", "reporter", "page", "last_page", "case_name", "court", "date", "source")
Progress = Callable[[str, int], None]
_BATCH = 20_000
_STAGES = {"cit": "citations", "clu": "opinion clusters", "dock": "dockets", "court": "courts"}


def open_text(path: Path) -> io.TextIOBase:
    """A text stream of a .csv, .csv.gz or .csv.bz2 file."""
    path = Path(path)
    try:
        if path.suffix == ".bz2":
            return bz2.open(path, "rt", encoding="utf-8", newline="")
        if path.suffix == ".gz":
            return gzip.open(path, "rt", encoding="utf-8", newline="")
        return open(path, encoding="utf-8", newline="")
    except OSError as exc:
        raise IngestError(path, f"cannot open: {exc}") from exc


def read_rows(path: Path, wanted: Sequence[str], *, postgres: bool = True,
              fallbacks: dict[str, Sequence[str]] | None = None) -> Iterator[dict[str, str]]:
    """Dicts of the ``wanted`` columns of a CSV file with a header, streamed.

    ``postgres`` reads PostgreSQL's escaping (\\" inside quoted values);
    ``fallbacks`` name columns to use when a wanted one is empty or absent.
    """
    fallbacks = fallbacks or {}
    csv.field_size_limit(sys.maxsize if sys.maxsize < 2**63 else 2**62)  # clusters hold long text fields
    options = {"escapechar": "\\", "doublequote": False} if postgres else {}
    with open_text(path) as stream:
        reader = csv.reader(stream, **options)
        header = next(reader, None) or []
        where = {name: i for i, name in enumerate(header)}
        missing = [name for name in wanted if name not in where and not any(
            alt in where for alt in fallbacks.get(name, ()))]
        if missing:
            raise IngestError(path, f"missing column(s) {', '.join(missing)}; the header has {', '.join(header)}")
        try:
            for values in reader:
                yield {name: _value(values, where, name, fallbacks.get(name, ())) for name in wanted}
        except csv.Error as exc:
            raise IngestError(path, f"unreadable CSV at line {reader.line_num}: {exc}") from exc


def _value(values: list[str], where: dict[str, int], name: str, alternatives: Sequence[str]) -> str:
    for column in (name, *alternatives):
        i = where.get(column)
        if i is not None and i < len(values) and values[i].strip():
            return values[i].strip()
    return ""


# --- the shipped directory ---------------------------------------------------

def open_directory(settings: Settings, *, shipped: Path | None = None) -> Directory:
    """``settings.home / "directory.sqlite3"``, with the shipped directory
    (``settings.corpora_dir / "directory.csv.gz"``) loaded the first time
    and whenever the shipped file changes."""
    directory = Directory(settings.home / FILE_NAME)
    source = shipped if shipped is not None else settings.corpora_dir / SHIPPED_NAME
    if source.exists():
        load_shipped(directory, source)
    return directory


def load_shipped(directory: Directory, path: Path) -> int:
    """Load the shipped directory CSV unless this exact file is loaded already.
    Returns the number of rows loaded (0 when nothing changed)."""
    fingerprint = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    name = f"shipped:{Path(path).name}"
    if directory.is_loaded(name, fingerprint):
        return 0
    rows = (DirectoryRow(citation="", **row) for row in read_rows(path, SHIPPED_COLUMNS, postgres=False))
    return directory.replace_load(name, fingerprint, rows)


def write_shipped(path: Path, rows: Iterable[DirectoryRow]) -> int:
    """Write rows in the shipped format (gzip CSV, fixed mtime so builds are reproducible)."""
    count = 0
    with open(path, "wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) as packed:
        with io.TextIOWrapper(packed, encoding="utf-8", newline="") as text:
            writer = csv.writer(text, lineterminator="\n")
            writer.writerow(SHIPPED_COLUMNS)
            for row in rows:
                writer.writerow([getattr(row, column) for column in SHIPPED_COLUMNS])
                count += 1
    return count


# --- CourtListener bulk files ------------------------------------------------

def import_courtlistener(directory: Directory, citations: Path, clusters: Path, *,
                         dockets: Path | None = None, courts: Path | None = None,
                         progress: Progress | None = None) -> int:
    """Import CourtListener citations joined with their opinion clusters (and,
    if given, dockets and courts for the court). Re-importing the same files
    does nothing; returns the number of directory rows written."""
    files = [Path(p) for p in (citations, clusters, dockets, courts) if p is not None]
    fingerprint = "|".join(f"{p.name}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in files)
    name = "courtlistener"  # bulk files are snapshots: a new import replaces the last one
    if directory.is_loaded(name, fingerprint):
        return 0
    staging = directory.path.with_name(directory.path.name + ".import")
    staging.unlink(missing_ok=True)
    try:
        with closing(connect(staging, what="staging database for the import")) as conn:
            _stage(conn, Path(citations), Path(clusters), dockets, courts, progress or _quiet)
            return directory.replace_load(name, fingerprint, _joined(conn))
    finally:
        staging.unlink(missing_ok=True)


def _quiet(stage: str, rows: int) -> None:
    return None


def _stage(conn: sqlite3.Connection, citations: Path, clusters: Path, dockets: Path | None,
           courts: Path | None, progress: Progress) -> None:
    conn.executescript("""
        PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
        CREATE TABLE cit (cluster_id INTEGER, volume TEXT, reporter TEXT, page TEXT);
        CREATE TABLE clu (id INTEGER PRIMARY KEY, case_name TEXT, date_filed TEXT, docket_id INTEGER);
        CREATE TABLE dock (id INTEGER PRIMARY KEY, court_id TEXT);
        CREATE TABLE court (id TEXT PRIMARY KEY, name TEXT);
    """)
    _copy(conn, "cit", read_rows(citations, ("cluster_id", "volume", "reporter", "page")), progress)
    names = {"case_name": ("case_name_full", "case_name_short")}
    _copy(conn, "clu", read_rows(clusters, ("id", "case_name", "date_filed", "docket_id"), fallbacks=names),
          progress)
    if dockets is not None:
        _copy(conn, "dock", read_rows(Path(dockets), ("id", "court_id")), progress)
    if courts is not None:
        court_names = {"name": ("short_name", "full_name")}
        _copy(conn, "court", read_rows(Path(courts), ("id", "name"), fallbacks=court_names), progress)


def _copy(conn: sqlite3.Connection, table: str, rows: Iterator[dict[str, str]], progress: Progress) -> None:
    batch: list[tuple] = []
    total = 0
    conn.execute("BEGIN")
    for row in rows:
        batch.append(tuple(row.values()))
        if len(batch) >= _BATCH:
            total += _insert(conn, table, batch)
            progress(_STAGES[table], total)
    total += _insert(conn, table, batch)
    conn.execute("COMMIT")
    progress(_STAGES[table], total)


def _insert(conn: sqlite3.Connection, table: str, batch: list[tuple]) -> int:
    if not batch:
        return 0
    marks = ", ".join("?" * len(batch[0]))
    conn.executemany(f"INSERT OR IGNORE INTO {table} VALUES ({marks})", batch)
    count = len(batch)
    batch.clear()
    return count


def _joined(conn: sqlite3.Connection) -> Iterator[DirectoryRow]:
    cursor = conn.execute("""
        SELECT cit.volume, cit.reporter, cit.page, clu.case_name,
               COALESCE(court.name, dock.court_id, ''), COALESCE(clu.date_filed, '')
        FROM cit JOIN clu ON clu.id = cit.cluster_id
        LEFT JOIN dock ON dock.id = clu.docket_id
        LEFT JOIN court ON court.id = dock.court_id
    """)
    for volume, reporter, page, case_name, court, date in cursor:
        if volume and reporter and page:
            yield DirectoryRow(citation=f"{volume} {reporter} {page}", volume=str(volume), reporter=reporter,
                               page=str(page), case_name=case_name or "", court=court or "", date=date,
                               source="courtlistener")
