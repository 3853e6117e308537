"""Hybrid retrieval: cited documents first, then dense and BM25 fused by reciprocal rank."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable, Sequence

from research.search.querycite import QueryCitation, find_query_citations
from research.store import Store
from research.types import Chunk, Document, SearchFilters, SearchHit

if TYPE_CHECKING:
    from research.embedding import Encoder
    from research.search.index import DenseIndex

CANDIDATES = 100


def reciprocal_rank_fusion(rankings: Sequence[Sequence[str]], *, k: int = 60,
                           weights: Sequence[float] | None = None) -> list[tuple[str, float]]:
    """Fuse ranked id lists: score(id) = sum over lists of weight / (k + rank)."""
    scores: dict[str, float] = {}
    for ranking, weight in zip(rankings, weights or [1.0] * len(rankings)):
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + weight / (k + rank)
    return sorted(scores.items(), key=lambda pair: (-pair[1], pair[0]))


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
    rrf_k: int = 10
    # BM25 mostly breaks ties between passages of similar meaning; citations in
    # the query are matched exactly before fusion. Both values were chosen on
    # benchmarks/dev_questions.jsonl (see the README's benchmark table).
    lexical_weight: float = 0.2
    methods: tuple[str, ...] = ("lexical", "dense")  # benchmarks switch one off

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

    def dense_ranking(self, query: str, filters: SearchFilters | None) -> list[str]:
        if self.mode != "hybrid":
            return []
        fetch = CANDIDATES if filters is None else CANDIDATES * 10
        hits = self.dense.search(self.encoder.encode_query(query), k=fetch)
        return self._filtered([cid for cid, _ in hits], filters)[:CANDIDATES]

    def _filtered(self, chunk_ids: Iterable[str], filters: SearchFilters | None) -> list[str]:
        if filters is None:
            return list(chunk_ids)
        allowed: dict[str, bool] = {}  # many candidates share a document: load each once
        keep = []
        for chunk_id in chunk_ids:
            doc_id = chunk_id.rsplit("#", 1)[0]
            if doc_id not in allowed:
                doc = self.store.get(doc_id)
                allowed[doc_id] = doc is not None and passes(doc, filters)
            if allowed[doc_id]:
                keep.append(chunk_id)
        return keep

    def search(self, query: str, *, k: int = 10, filters: SearchFilters | None = None,
               per_document: bool = True) -> list[SearchHit]:
        query = query.strip()
        if not query:
            return []
        lexical = [cid for cid, _ in self.store.lexical_search(query, k=CANDIDATES, filters=filters)
                   ] if "lexical" in self.methods else []
        dense = self.dense_ranking(query, filters) if "dense" in self.methods else []
        fused = reciprocal_rank_fusion([lexical, dense], k=self.rrf_k, weights=(self.lexical_weight, 1.0))
        sources = {"lexical": set(lexical), "dense": set(dense)}
        cited = self.cited(query, filters)
        # A cited document outranks anything merely similar to the query.
        top = 1.0 + (fused[0][1] if fused else 0.0)
        ranked = [(cid, top) for cid in cited] + [pair for pair in fused if pair[0] not in cited]
        return self._hits(ranked, k=k, per_document=per_document, cited=cited, sources=sources)

    def _hits(self, ranked: list[tuple[str, float]], *, k: int, per_document: bool,
              cited: dict[str, tuple[str, str]], sources: dict[str, set[str]]) -> list[SearchHit]:
        hits: list[SearchHit] = []
        seen_docs: set[str] = set()
        for chunk_id, score in ranked:
            doc_id = chunk_id.rsplit("#", 1)[0]
            if per_document and doc_id in seen_docs:
                continue
            hit = self._hit(chunk_id, score, len(hits) + 1, cited, sources)
            if hit is not None:
                hits.append(hit)
                seen_docs.add(doc_id)
            if len(hits) >= k:
                break
        return hits

    def _hit(self, chunk_id: str, score: float, rank: int, cited: dict[str, tuple[str, str]],
             sources: dict[str, set[str]]) -> SearchHit | None:
        chunk = self.store.get_chunk(chunk_id)
        doc = self.store.get(chunk.doc_id) if chunk else None
        if chunk is None or doc is None:
            return None
        matched = ("citation",) if chunk_id in cited else ()
        matched += tuple(name for name, ids in sources.items() if chunk_id in ids)
        citation, pin = cited.get(chunk_id) or (doc.primary_citation, pin_for(doc, chunk))
        return SearchHit(rank=rank, doc_id=doc.id, kind=doc.kind, title=doc.title,
                         citation=citation, pin=pin, score=round(score, 6),
                         start=chunk.start, end=chunk.end, text=chunk.text, chunk_id=chunk.id,
                         matched_by=matched)
