"""The one way this project opens a SQLite file: the library (``Store``),
the citation directory and the review log all connect through ``connect``.

Connections are in autocommit mode (``isolation_level=None``: transactions
are explicit ``BEGIN``/``COMMIT``) and may be used from any thread (the
app's handlers run on worker threads; callers serialise writes themselves).
A read-only connection never creates the file; a writable one creates it
and its folder.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Callable

from research.errors import StoreError

BUSY_SECONDS = 10.0  # how long to wait for another writer before giving up


def connect(path: Path | str, *, what: str, readonly: bool = False, hint: str = "",
            prepare: Callable[[sqlite3.Connection], None] | None = None) -> sqlite3.Connection:
    """A connection to the SQLite file at ``path``, after ``prepare(conn)``
    (schema, pragmas, version checks). StoreError names the file and ``what``
    it should be ("library database", "review log"...); ``hint`` follows the
    message when a read-only file does not exist."""
    path = Path(path)
    if readonly and not path.exists():
        raise StoreError(f"{path}: no {what} here{hint}")
    try:
        if not readonly:
            path.parent.mkdir(parents=True, exist_ok=True)
        target = f"{path.resolve().as_uri()}?mode={'ro' if readonly else 'rwc'}"
        conn = sqlite3.connect(target, uri=True, isolation_level=None, check_same_thread=False,
                               timeout=BUSY_SECONDS)
    except (sqlite3.Error, OSError) as exc:
        raise StoreError(f"{path}: cannot open the {what}: {exc}") from exc
    return _prepared(conn, path, what, prepare) if prepare else conn


def _prepared(conn: sqlite3.Connection, path: Path, what: str,
              prepare: Callable[[sqlite3.Connection], None]) -> sqlite3.Connection:
    try:
        prepare(conn)
    except BaseException as exc:
        conn.close()
        if isinstance(exc, sqlite3.DatabaseError):
            raise StoreError(f"{path}: not a usable {what}: {exc}") from exc
        raise
    return conn
