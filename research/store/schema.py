"""Schema, row conversions and FTS5 query building of the library store."""
from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from typing import Any

from research.types import Chunk, Document, SearchFilters

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    text TEXT NOT NULL,
    citations TEXT NOT NULL,
    court TEXT NOT NULL,
    jurisdiction TEXT NOT NULL,
    date TEXT NOT NULL,
    source TEXT NOT NULL,
    collection TEXT NOT NULL,
    edition TEXT NOT NULL,
    page_maps TEXT NOT NULL,
    extra TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    fingerprint TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_kind ON documents(kind);
CREATE INDEX IF NOT EXISTS documents_collection ON documents(collection);
CREATE TABLE IF NOT EXISTS citations (
    doc_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    citation TEXT NOT NULL,
    volume TEXT NOT NULL,
    reporter TEXT NOT NULL,
    reporter_key TEXT NOT NULL,
    page TEXT NOT NULL,
    last_page TEXT NOT NULL,
    PRIMARY KEY (doc_id, position)
);
CREATE INDEX IF NOT EXISTS citations_lookup ON citations(reporter_key, volume, page);
CREATE TABLE IF NOT EXISTS chunks (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    start_offset INTEGER NOT NULL,
    end_offset INTEGER NOT NULL,
    pages TEXT NOT NULL,
    label TEXT NOT NULL,
    content_key TEXT NOT NULL,
    UNIQUE (doc_id, ordinal)
);
-- The chunk text lives only here; "heading" (title and citations) lets a
-- case name or a citation find every chunk of its document.
CREATE VIRTUAL TABLE IF NOT EXISTS chunk_fts USING fts5(
    text, heading, tokenize = 'porter unicode61'
);
"""

DOCUMENT_COLUMNS = ("id", "kind", "title", "text", "citations", "court", "jurisdiction", "date",
                    "source", "collection", "edition", "page_maps", "extra")
CHUNK_SELECT = ("SELECT c.doc_id, c.ordinal, c.start_offset, c.end_offset, f.text, c.pages, c.label "
                "FROM chunks c JOIN chunk_fts f ON f.rowid = c.id")
HEADING_WEIGHT = 0.5  # a title match counts, but less than the passage itself

# Words too common to rank by; dropping them also keeps OR queries fast.
STOPWORDS = frozenset(
    "a about above after again all also am an and any are as at be because been before being "
    "between both but by can could did do does doing down during each few for from further had "
    "has have having he her here hers him his how i if in into is it its itself just me more most "
    "my no nor not of off on once only or other our out over own same she so some such than that "
    "the their them then there these they this those through to too under until up very was we "
    "were what when where which while who whom why will with would you your".split()
)
_QUERY_TOKEN = re.compile(r"[^\W_]+")
MAX_QUERY_TERMS = 48


def fingerprint(doc: Document) -> str:
    """Identity of everything stored about a document (text and metadata)."""
    blob = json.dumps(doc.to_dict(), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def content_fingerprint(doc: Document) -> str:
    """The fingerprint without where the file was found (its path and name,
    and a title that is only the file name): the same content found under
    another name is the same document."""
    name = doc.extra.get("file_name")
    extra = {key: value for key, value in doc.extra.items() if key != "file_name"}
    title = "" if name and doc.title == name else doc.title
    return fingerprint(dataclasses.replace(doc, source="", extra=extra, title=title))


def document_values(doc: Document, print_: str) -> tuple:
    maps = [dataclasses.asdict(page_map) for page_map in doc.page_maps]
    return (doc.id, doc.kind, doc.title, doc.text, json.dumps(list(doc.citations)), doc.court,
            doc.jurisdiction, doc.date, doc.source, doc.collection, doc.edition,
            json.dumps(maps), json.dumps(dict(doc.extra), default=str), doc.content_hash, print_)


def document_from_row(row: tuple) -> Document:
    data: dict[str, Any] = dict(zip(DOCUMENT_COLUMNS, row))
    for name in ("citations", "page_maps", "extra"):
        data[name] = json.loads(data[name])
    return Document.from_dict(data)


def chunk_from_row(row: tuple) -> Chunk:
    doc_id, ordinal, start, end, text, pages, label = row
    return Chunk(doc_id=doc_id, ordinal=ordinal, start=start, end=end, text=text,
                 pages=tuple(json.loads(pages)), label=label)


def match_expression(query: str) -> str:
    """An FTS5 query from any user text: quoted terms OR-ed, plus adjacent pairs as phrases.

    Every term is quoted, so FTS syntax ("NEAR(", "*", "AND", ":") is plain text;
    pairs of neighbouring words rank passages holding the phrase higher.
    """
    tokens = [t.lower() for t in _QUERY_TOKEN.findall(query)]
    content = [t for t in tokens if t not in STOPWORDS] or tokens
    terms = list(dict.fromkeys(content))[:MAX_QUERY_TERMS]
    pairs = [f"{a} {b}" for a, b in zip(tokens, tokens[1:]) if a not in STOPWORDS and b not in STOPWORDS]
    phrases = terms + list(dict.fromkeys(pairs))[:MAX_QUERY_TERMS // 2]
    return " OR ".join(f'"{phrase}"' for phrase in phrases)


def filter_clause(filters: SearchFilters | None) -> tuple[str, list[str]]:
    """SQL conditions on documents ``d`` for the search filters, with parameters."""
    if filters is None:
        return "", []
    parts: list[str] = []
    params: list[str] = []
    checks = (
        (filters.kind, "d.kind = ?", lambda v: v),
        (filters.court, "d.court LIKE ? ESCAPE '\\'", lambda v: f"%{_escape_like(v)}%"),
        (filters.jurisdiction, "lower(d.jurisdiction) = lower(?)", lambda v: v),
        (filters.collection, "d.collection = ?", lambda v: v),
        # ISO prefix comparison: "2010" as date_to admits "2010-12-31".
        (filters.date_from, "d.date != '' AND substr(d.date, 1, length(?)) >= ?", lambda v: v),
        (filters.date_to, "d.date != '' AND substr(d.date, 1, length(?)) <= ?", lambda v: v),
    )
    for value, sql, convert in checks:
        if value and value.strip():
            parts.append(sql)
            params += [convert(value.strip())] * sql.count("?")
    return " AND ".join(parts), params


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
