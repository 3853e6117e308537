"""The library: one SQLite database of documents, citations, chunks and an FTS5 index.

Writes happen in transactions (WAL journal, so readers are never blocked);
re-adding an unchanged document writes nothing, a changed one loses its
chunks so the index rebuilds them.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from research.errors import StoreError
from research.store import citations as cites
from research.store import schema
from research.store.sqlite import connect
from research.types import KINDS, Chunk, CitationRow, Document, IngestFailure, IngestReport, SearchFilters


class Store:
    """The library database at ``path`` (created with its schema unless ``readonly``)."""

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self._depth = 0
        self._lock = threading.RLock()  # one writer at a time across UI threads
        self._conn = connect(self.path, what="library database", readonly=readonly,
                             hint=" (add documents first)", prepare=self._prepare)

    def _prepare(self, conn: sqlite3.Connection) -> None:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version not in (0, schema.SCHEMA_VERSION):
            raise StoreError(f"{self.path}: library schema version {version}, expected "
                                f"{schema.SCHEMA_VERSION}; rebuild the library")
        if self.readonly:
            if version == 0:
                raise StoreError(f"{self.path}: not a library database (no schema)")
            return
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")  # WAL keeps this crash-safe
        if version == 0:
            conn.executescript(f"BEGIN; {schema.SCHEMA} PRAGMA user_version = {schema.SCHEMA_VERSION}; COMMIT;")

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group writes into one transaction (nested calls join the outer one)."""
        with self._lock:
            if self._depth == 0:
                self._conn.execute("BEGIN IMMEDIATE")
            self._depth += 1
            try:
                yield
            except BaseException:
                self._depth -= 1
                if self._depth == 0:
                    self._conn.execute("ROLLBACK")
                raise
            self._depth -= 1
            if self._depth == 0:
                self._conn.execute("COMMIT")

    # --- documents ----------------------------------------------------------

    def add_documents(self, docs: Iterable[Document], *, collection: str | None = None) -> IngestReport:
        """Insert new documents, update changed ones, skip identical ones. A
        document SQLite refuses (too big a string) is a failure; the rest go in."""
        counts = {"added": 0, "updated": 0, "unchanged": 0}
        failures: list[IngestFailure] = []
        with self.transaction():
            known = dict(self._conn.execute("SELECT id, fingerprint FROM documents"))
            for doc in docs:
                doc = doc if collection is None else replace(doc, collection=collection)
                problem = _invalid(doc)
                try:
                    if not problem:
                        with self._savepoint():
                            counts[self._put(doc, known)] += 1
                except (sqlite3.DataError, sqlite3.IntegrityError) as exc:
                    problem = f"cannot be stored: {exc}"
                if problem:
                    failures.append(IngestFailure(doc.source or doc.id or "?", problem))
        return IngestReport(**counts, failures=tuple(failures))

    @contextmanager
    def _savepoint(self) -> Iterator[None]:
        """Inside a transaction: undo only this block's writes if it fails."""
        self._conn.execute("SAVEPOINT document")
        try:
            yield
        except BaseException:
            self._conn.execute("ROLLBACK TO document")
            self._conn.execute("RELEASE document")
            raise
        self._conn.execute("RELEASE document")

    def _put(self, doc: Document, known: dict[str, str]) -> str:
        print_ = schema.fingerprint(doc)
        previous = known.get(doc.id)
        if previous == print_ or (previous is not None and self._same_content(doc)):
            return "unchanged"
        if previous is not None:
            self._drop_chunks(doc.id)
        columns = ", ".join(schema.DOCUMENT_COLUMNS + ("content_hash", "fingerprint"))
        marks = ", ".join("?" * (len(schema.DOCUMENT_COLUMNS) + 2))
        self._conn.execute(f"INSERT OR REPLACE INTO documents ({columns}) VALUES ({marks})",
                           schema.document_values(doc, print_))
        self._conn.execute("DELETE FROM citations WHERE doc_id = ?", (doc.id,))
        self._conn.executemany("INSERT INTO citations VALUES (?, ?, ?, ?, ?, ?, ?, ?)", cites.citation_rows(doc))
        known[doc.id] = print_
        return "added" if previous is None else "updated"

    def _same_content(self, doc: Document) -> bool:
        stored = self.get(doc.id)
        return stored is not None and schema.content_fingerprint(stored) == schema.content_fingerprint(doc)

    def get(self, doc_id: str) -> Document | None:
        row = self._conn.execute(
            f"SELECT {', '.join(schema.DOCUMENT_COLUMNS)} FROM documents WHERE id = ?", (doc_id,)
        ).fetchone()
        return schema.document_from_row(row) if row else None

    def iter_documents(self, *, kind: str | None = None, collection: str | None = None) -> Iterator[Document]:
        where, params = _where({"kind": kind, "collection": collection})
        cursor = self._conn.execute(
            f"SELECT {', '.join(schema.DOCUMENT_COLUMNS)} FROM documents {where} ORDER BY id", params)
        for row in cursor:
            yield schema.document_from_row(row)

    def count(self, *, kind: str | None = None) -> int:
        where, params = _where({"kind": kind})
        return self._conn.execute(f"SELECT COUNT(*) FROM documents {where}", params).fetchone()[0]

    def stats(self) -> dict:
        def grouped(expr: str) -> dict[str, int]:
            sql = f"SELECT {expr} AS g, COUNT(*) FROM documents WHERE {expr} != '' GROUP BY g ORDER BY g"
            return dict(self._conn.execute(sql))
        return {
            "documents": self.count(),
            "by_kind": grouped("kind"),
            "by_court": grouped("court"),
            "by_year": grouped("substr(date, 1, 4)"),
            "by_collection": grouped("collection"),
            "chunks": self._conn.execute("SELECT COUNT(*) FROM chunks").fetchone()[0],
        }

    def corpus_hash(self) -> str:
        digest = hashlib.sha256()
        for doc_id, print_ in self._conn.execute("SELECT id, fingerprint FROM documents ORDER BY id"):
            digest.update(f"{doc_id}\t{print_}\n".encode("utf-8"))
        return digest.hexdigest()

    def delete_document(self, doc_id: str) -> None:
        with self.transaction():
            self._drop_chunks(doc_id)
            self._conn.execute("DELETE FROM citations WHERE doc_id = ?", (doc_id,))
            self._conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))

    # --- chunks -------------------------------------------------------------

    def set_chunks(self, doc_id: str, chunks: Sequence[Chunk]) -> None:
        """Replace the document's chunks and their full-text rows."""
        row = self._conn.execute("SELECT title, citations FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise StoreError(f"{self.path}: no document {doc_id!r} to attach chunks to")
        strays = [c.id for c in chunks if c.doc_id != doc_id]
        if strays:
            raise StoreError(f"{self.path}: chunks {strays[:3]} do not belong to {doc_id!r}")
        heading = " ".join([row[0], *json.loads(row[1])])
        with self.transaction():
            self._drop_chunks(doc_id)
            for chunk in chunks:
                self._insert_chunk(chunk, heading)

    def _insert_chunk(self, chunk: Chunk, heading: str) -> None:
        cursor = self._conn.execute(
            "INSERT INTO chunks (doc_id, ordinal, start_offset, end_offset, pages, label, content_key) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (chunk.doc_id, chunk.ordinal, chunk.start, chunk.end, json.dumps(list(chunk.pages)),
             chunk.label, chunk.content_key))
        self._conn.execute("INSERT INTO chunk_fts (rowid, text, heading) VALUES (?, ?, ?)",
                           (cursor.lastrowid, chunk.text, heading))

    def _drop_chunks(self, doc_id: str) -> None:
        self._conn.execute("DELETE FROM chunk_fts WHERE rowid IN (SELECT id FROM chunks WHERE doc_id = ?)",
                           (doc_id,))
        self._conn.execute("DELETE FROM chunks WHERE doc_id = ?", (doc_id,))

    def chunks(self, doc_id: str | None = None) -> Iterator[Chunk]:
        where, params = _where({"c.doc_id": doc_id})
        for row in self._conn.execute(f"{schema.CHUNK_SELECT} {where} ORDER BY c.doc_id, c.ordinal", params):
            yield schema.chunk_from_row(row)

    def get_chunk(self, chunk_id: str) -> Chunk | None:
        doc_id, _, ordinal = chunk_id.rpartition("#")
        if not doc_id or not ordinal.isdigit():
            return None
        row = self._conn.execute(f"{schema.CHUNK_SELECT} WHERE c.doc_id = ? AND c.ordinal = ?",
                                 (doc_id, int(ordinal))).fetchone()
        return schema.chunk_from_row(row) if row else None

    def get_chunks(self, chunk_ids: Sequence[str]) -> list[Chunk]:
        """The chunks that exist, in the order asked."""
        found = (self.get_chunk(chunk_id) for chunk_id in chunk_ids)
        return [chunk for chunk in found if chunk is not None]

    # --- search -------------------------------------------------------------

    def lexical_search(self, query: str, *, k: int = 50,
                       filters: SearchFilters | None = None) -> list[tuple[str, float]]:
        """BM25 over chunk text and document headings; score is higher-is-better."""
        expression = schema.match_expression(query)
        if not expression or k <= 0:
            return []
        conditions, params = schema.filter_clause(filters)
        join = "JOIN documents d ON d.id = c.doc_id" if conditions else ""
        sql = (f"SELECT c.doc_id, c.ordinal, bm25(chunk_fts, 1.0, {schema.HEADING_WEIGHT}) AS s "
               f"FROM chunk_fts JOIN chunks c ON c.id = chunk_fts.rowid {join} "
               f"WHERE chunk_fts MATCH ? {'AND ' + conditions if conditions else ''} ORDER BY s LIMIT ?")
        rows = self._conn.execute(sql, [expression, *params, int(k)])
        return [(f"{doc_id}#{ordinal}", -score) for doc_id, ordinal, score in rows]

    # --- citations ----------------------------------------------------------

    def find_citation(self, citation: str) -> list[CitationRow]:
        return cites.find_citation(self._conn, citation)

    def citations_in_volume(self, reporter: str, volume: str) -> list[CitationRow]:
        return cites.in_volume(self._conn, reporter, volume)

    def find_statute(self, title: str, code: str, section: str) -> list[CitationRow]:
        return cites.find_parts(self._conn, title, code, section)

    def covered_code_titles(self) -> set[tuple[str, str]]:
        return cites.covered_code_titles(self._conn)


def _invalid(doc: Document) -> str:
    if not doc.id or not doc.id.strip():
        return "document has no id"
    if doc.kind not in KINDS:
        return f"document {doc.id!r} has unknown kind {doc.kind!r} (expected one of {', '.join(KINDS)})"
    return ""


def _where(conditions: dict[str, str | None]) -> tuple[str, list[str]]:
    """A WHERE clause of equality tests for the conditions that are set."""
    used = {column: value for column, value in conditions.items() if value is not None}
    if not used:
        return "", []
    return "WHERE " + " AND ".join(f"{column} = ?" for column in used), list(used.values())
