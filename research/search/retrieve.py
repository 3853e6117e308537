"""Hybrid retrieval: cited documents first, then documents ranked on all their evidence.

Dense (the chunk vectors, embedded with their context header, and one
heading vector per document) and BM25 (FTS5 over chunk text and header) find
candidate documents; documents are then ranked by a weighted sum of their
best chunk's cosine, their section heading's cosine (centred on the query's
reference) and their best normalised BM25 (``research.search.rank``), with
weights from the calibration file. Each document is returned once, at its
best passage.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

from research.errors import IndexMismatch
from research.search.querycite import QueryCitation, find_query_citations
from research.search.rank import (Calibration, by_document, centred_headings, doc_of, document_features, fuse,
                                  load_calibration, normalised_lexical, passage_scores)
from research.store import Store
from research.types import Chunk, Document, SearchFilters, SearchHit

if TYPE_CHECKING:
    from research.embedding import Encoder
    from research.search.index import DenseIndex

HEADING_CANDIDATES = 50  # documents whose header alone is closest to the query join the candidates
PASSAGES_PER_DOCUMENT = 3  # with per_document=False: a document's best passages, in order


@dataclass(frozen=True)
class Evidence:
    """What each method said about one query: chunk cosines (every chunk of every
    candidate document), normalised chunk BM25, and document heading cosines."""

    dense: Mapping[str, Mapping[str, float]]  # doc_id -> {chunk_id: cosine}
    lexical: Mapping[str, Mapping[str, float]]  # doc_id -> {chunk_id: BM25 / the query's best BM25}
    heading: Mapping[str, float]  # doc_id -> its header's cosine above the query's reference (rank.centred_headings)
    vector: Any = None  # the query's embedding (None in lexical mode)
    raw_heading: Mapping[str, float] = field(default_factory=dict)  # doc_id -> plain cosine of its header

    def passages(self, doc_id: str, dense_index: Any, calibration: Calibration) -> list[tuple[str, float]]:
        """The document's chunks, best first, every chunk's cosine computed exactly."""
        dense = self.dense.get(doc_id, {})
        if self.vector is not None and dense_index is not None:
            dense = dense_index.chunk_scores(self.vector, [doc_id]).get(doc_id, dense)
        return passage_scores(dense, self.lexical.get(doc_id, {}), calibration)


def passes(doc: Document, filters: SearchFilters | None) -> bool:
    if filters is None:
        return True
    checks = (
        filters.kind is None or doc.kind == filters.kind,
        filters.court is None or filters.court.lower() in doc.court.lower(),
        filters.jurisdiction is None or filters.jurisdiction.lower() == doc.jurisdiction.lower(),
        filters.date_from is None or (doc.date and doc.date >= filters.date_from),
        filters.date_to is None or (doc.date and doc.date[: len(filters.date_to)] <= filters.date_to),
        filters.collection is None or doc.collection == filters.collection,
    )
    return all(checks)


def pin_for(doc: Document, chunk: Chunk, *, citation: str = "") -> str:
    """The page a passage starts on (in the reporter of ``citation``, default the
    official one) or, for statutes, its subsection."""
    if chunk.label:
        return chunk.label
    page_map = doc.page_map_for(citation) if citation else None
    page_map = page_map or (doc.page_maps[0] if doc.page_maps and not citation else None)
    return (page_map.page_at(chunk.start) or "") if page_map else ""


def chunk_at(chunks: Sequence[Chunk], offset: int) -> Chunk | None:
    for chunk in chunks:
        if chunk.start <= offset < chunk.end:
            return chunk
    return chunks[0] if chunks else None


def chunk_for_pin(doc: Document, chunks: Sequence[Chunk], cite: QueryCitation, matched: str) -> Chunk | None:
    """The passage a pin cite points at: the pin page's start, or the subsection."""
    if cite.kind == "code" and cite.pin:
        labelled = [c for c in chunks if c.label.startswith(cite.pin) or cite.pin in c.text[:40]]
        return labelled[0] if labelled else chunk_at(chunks, 0)
    page_map = doc.page_map_for(matched) if cite.pin else None
    offset = page_map.offset_of(cite.pin) if page_map else None
    return chunk_at(chunks, offset if offset is not None else 0)


@dataclass
class Searcher:
    """Answers queries over a store, with a dense index when one is loaded.

    ``encoder`` and ``dense`` may be None: search is then lexical only, which is
    what the app serves while the dense index is still being built.
    """

    store: Store
    encoder: "Encoder | None" = None
    dense: "DenseIndex | None" = None
    calibration: Calibration = field(default_factory=load_calibration)

    def __post_init__(self) -> None:
        manifest = getattr(self.dense, "manifest", None)
        reason = self.calibration.mismatch(manifest) if manifest is not None else None
        if reason:
            raise IndexMismatch(f"The search calibration {self.calibration.source or '(given)'} does not fit the "
                                f"index at {getattr(self.dense, 'folder', '?')}: {reason}. Refit it with "
                                f"benchmarks/relevance/calibrate.py, or rebuild the index with its model.")

    @property
    def mode(self) -> str:
        return "hybrid" if self.dense is not None and self.encoder is not None else "lexical"

    def cited(self, query: str, filters: SearchFilters | None) -> dict[str, tuple[str, str]]:
        """Chunk ids of documents the query cites, at the pin-cited passage, with
        the citation as matched (a parallel one, maybe) and the pin."""
        found: dict[str, tuple[str, str]] = {}
        for cite in find_query_citations(query):
            for row in self.store.find_citation(cite.citation):
                doc = self.store.get(row.doc_id)
                if doc is None or not passes(doc, filters):
                    continue
                chunk = chunk_for_pin(doc, list(self.store.chunks(doc.id)), cite, row.citation)
                if chunk is not None and chunk.id not in found:
                    pin = cite.pin or pin_for(doc, chunk, citation=row.citation)
                    found[chunk.id] = (row.citation, pin)
        return found

    def evidence(self, query: str, filters: SearchFilters | None = None) -> Evidence:
        """Every method's scores for the query (the dense ones empty in lexical mode).

        A document FAISS found has its best chunk among the hits, so its
        dense score is exact; documents found only by keywords or by their
        heading get every chunk scored from the stored vectors.
        """
        fetch = self.calibration.candidates
        lexical = by_document(normalised_lexical(dict(self.store.lexical_search(
            query, k=fetch, filters=filters, heading_weight=self.calibration.heading_weight,
            max_share=self.calibration.max_share))))
        if self.mode != "hybrid":
            return Evidence(dense={}, lexical=lexical, heading={})
        vector = self.encoder.encode_query(query)
        found = by_document(dict(self.dense.search(vector, k=fetch if filters is None else fetch * 10)))
        raw = self.dense.heading_scores(vector)
        near = sorted(raw, key=lambda d: -raw[d])[:HEADING_CANDIDATES]
        heading = centred_headings(raw, self.dense.kinds, self.calibration.heading_percentile)
        candidates = self._allowed([*found, *near, *lexical], filters)
        dense = {d: found[d] for d in candidates if d in found}
        dense.update(self.dense.chunk_scores(vector, [d for d in candidates if d not in found]))
        return Evidence(dense=dense, lexical=lexical, heading={d: heading.get(d, 0.0) for d in candidates},
                        vector=vector, raw_heading=raw)

    def _allowed(self, doc_ids: Iterable[str], filters: SearchFilters | None) -> list[str]:
        """Unique document ids in order, those the filters exclude left out."""
        unique = list(dict.fromkeys(doc_ids))
        if filters is None:
            return unique
        docs = (self.store.get(doc_id) for doc_id in unique)
        return [doc.id for doc in docs if doc is not None and passes(doc, filters)]

    def rank(self, query: str, filters: SearchFilters | None = None) -> tuple[list[tuple[str, float]], Evidence]:
        """Documents best first with their fused scores, and the evidence behind them."""
        evidence = self.evidence(query, filters)
        features = document_features(dense=evidence.dense, lexical=evidence.lexical, heading=evidence.heading)
        return fuse(features, self.calibration.for_query(query)), evidence

    def search(self, query: str, *, k: int = 10, filters: SearchFilters | None = None,
               per_document: bool = True) -> list[SearchHit]:
        """The ``k`` best documents at their best passage; with ``per_document``
        False, up to three passages of each document, best document first."""
        query = query.strip()
        if not query:
            return []
        ranked, evidence = self.rank(query, filters)
        calibration = self.calibration.for_query(query)
        cited = self.cited(query, filters)
        hits = [hit for hit in (self._hit(cid, 0, cited, evidence) for cid in cited) if hit is not None][:k]
        # A cited document outranks anything merely similar to the query.
        top = 1.0 + (ranked[0][1] if ranked else 0.0)
        hits = [replace(hit, rank=i, score=round(top, 6)) for i, hit in enumerate(hits, 1)]
        done = {hit.doc_id for hit in hits}
        for doc_id, score in ranked:
            if len(hits) >= k:
                break
            if doc_id in done:
                continue
            passages = evidence.passages(doc_id, self.dense, calibration)
            for chunk_id, _ in passages[:1 if per_document else PASSAGES_PER_DOCUMENT]:
                hit = self._hit(chunk_id, len(hits) + 1, cited, evidence, score=score)
                if hit is not None and len(hits) < k:
                    hits.append(hit)
        return hits

    def _hit(self, chunk_id: str, rank: int, cited: dict[str, tuple[str, str]], evidence: Evidence,
             score: float = 0.0) -> SearchHit | None:
        chunk = self.store.get_chunk(chunk_id)
        doc = self.store.get(chunk.doc_id) if chunk else None
        if chunk is None or doc is None:
            return None
        matched = ("citation",) if chunk_id in cited else ()
        if doc.id in evidence.lexical:
            matched += ("lexical",)
        if evidence.dense:
            matched += ("dense",)
        citation, pin = cited.get(chunk_id) or (doc.primary_citation, pin_for(doc, chunk))
        return SearchHit(rank=rank, doc_id=doc.id, kind=doc.kind, title=doc.title,
                         citation=citation, pin=pin, score=round(score, 6),
                         start=chunk.start, end=chunk.end, text=chunk.text, chunk_id=chunk.id,
                         matched_by=matched)
