"""The library's values: documents and their page maps, chunks, search
hits, ingest reports, index manifests and citation rows. Standard library only.
"""
from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Any, Mapping

KINDS = ("statute", "regulation", "opinion", "document")


@dataclass(frozen=True)
class PageBreak:
    """Page ``label`` of a reporter begins at character ``offset`` of the text."""

    label: str
    offset: int


@dataclass(frozen=True)
class PageMap:
    """Page breaks of one reporter for one opinion.

    ``citation`` is the full citation this map belongs to (``945 N.E.2d 484``);
    ``breaks`` are sorted by offset and the first break is the first page.
    """

    citation: str
    reporter: str
    volume: str
    first_page: str
    last_page: str
    breaks: tuple[PageBreak, ...]

    def page_at(self, offset: int) -> str | None:
        """Label of the page on which character ``offset`` sits."""
        current = None
        for brk in self.breaks:
            if brk.offset > offset:
                break
            current = brk.label
        return current

    def pages_between(self, start: int, end: int) -> tuple[str, ...]:
        """Labels of every page touched by the span [start, end)."""
        first = self.page_at(start)
        labels = [first] if first is not None else []
        labels += [b.label for b in self.breaks if start < b.offset < end and b.label not in labels]
        return tuple(labels)

    def offset_of(self, label: str) -> int | None:
        for brk in self.breaks:
            if brk.label == label:
                return brk.offset
        return None


@dataclass(frozen=True)
class Document:
    """One statute section, regulation section, opinion or user document.

    ``citations`` are canonical strings, official first then parallel
    (``16 N.Y.3d 272``, ``17 U.S.C. § 107``). ``edition`` says which edition
    of a code the text comes from, since shipped statute text may be old.
    ``extra`` keeps source-specific data (CourtListener id, docket number).
    """

    id: str
    kind: str
    title: str
    text: str
    citations: tuple[str, ...] = ()
    court: str = ""
    jurisdiction: str = ""
    date: str = ""  # ISO yyyy-mm-dd, or yyyy, or ""
    source: str = ""
    collection: str = "library"
    edition: str = ""
    page_maps: tuple[PageMap, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def primary_citation(self) -> str:
        return self.citations[0] if self.citations else ""

    @property
    def year(self) -> str:
        return self.date[:4]

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def page_map_for(self, citation_or_reporter: str) -> PageMap | None:
        for page_map in self.page_maps:
            if citation_or_reporter in (page_map.citation, page_map.reporter):
                return page_map
        return None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Document":
        maps = tuple(
            PageMap(**{**pm, "breaks": tuple(PageBreak(**b) for b in pm["breaks"])})
            for pm in data.get("page_maps", ())
        )
        fields = {f.name for f in dataclasses.fields(cls)}
        values = {k: v for k, v in data.items() if k in fields}
        values["citations"] = tuple(values.get("citations", ()))
        values["page_maps"] = maps
        values["extra"] = dict(values.get("extra") or {})
        return cls(**values)


@dataclass(frozen=True)
class Chunk:
    """A span of a document: ``doc.text[start:end] == text`` always holds.

    ``pages`` are the page labels (of the document's first page map) that the
    span touches; ``label`` is the statute subsection path where known.
    """

    doc_id: str
    ordinal: int
    start: int
    end: int
    text: str
    pages: tuple[str, ...] = ()
    label: str = ""

    @property
    def id(self) -> str:
        return f"{self.doc_id}#{self.ordinal}"

    @property
    def content_key(self) -> str:
        """Identity of what gets embedded: unchanged text is never re-embedded."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class SearchFilters:
    kind: str | None = None
    court: str | None = None
    jurisdiction: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    collection: str | None = None


@dataclass(frozen=True)
class SearchHit:
    rank: int
    doc_id: str
    kind: str
    title: str
    citation: str
    pin: str
    score: float
    start: int
    end: int
    text: str
    chunk_id: str = ""
    matched_by: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["matched_by"] = list(self.matched_by)
        return data


@dataclass(frozen=True)
class IngestFailure:
    path: str
    problem: str


@dataclass(frozen=True)
class IngestReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    failures: tuple[IngestFailure, ...] = ()


@dataclass(frozen=True)
class IndexManifest:
    """What an index was built from; a mismatch refuses loading."""

    name: str
    model: str
    model_hash: str
    backend: str
    dimension: int
    chunking: Mapping[str, Any]
    corpus_hash: str
    documents: int
    chunks: int
    index_type: str
    built_at: str
    build_seconds: float
    format_version: int = 1

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "IndexManifest":
        fields = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in fields})


@dataclass(frozen=True)
class CitationRow:
    """One citation of a library document, as the store indexes it.

    ``position`` 0 is the official citation, then parallels in order. For
    statutes ``volume`` is the title, ``reporter`` the code and ``page`` the
    section ("17", "U.S.C.", "107"). ``last_page`` is "" when unknown.
    """

    doc_id: str
    citation: str
    volume: str
    reporter: str
    page: str
    last_page: str
    kind: str
    title: str
    court: str
    date: str
    position: int
