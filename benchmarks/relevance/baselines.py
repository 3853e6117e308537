"""The plain baselines every relevance figure is printed beside (no fusion, no tuning).

- ``PlainBM25``: FTS5 BM25 (Porter stemming, stop words dropped, terms OR-ed)
  over each chunk's own words only; a document ranks by its best chunk.
- ``PlainDense``: all-MiniLM-L6-v2 cosine over each chunk's own words (no
  header); a document ranks by its best chunk. Vectors come from the shared
  vector cache, so only the first run embeds the library.

Both answer ``search(query, k=..., filters=None, per_document=True)`` with
``SearchHit`` values, like ``research.search.Searcher``, so the memo
benchmark can write memos from them too.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from research import library
from research.embedding.cache import cached_encode
from research.search.retrieve import pin_for
from research.types import SearchHit

CANDIDATES = 200


def _hits(store, ranked: list[tuple[str, float]], k: int, per_document: bool, how: str) -> list[SearchHit]:
    hits, seen = [], set()
    for chunk_id, score in ranked:
        doc_id = chunk_id.rsplit("#", 1)[0]
        if per_document and doc_id in seen:
            continue
        chunk, doc = store.get_chunk(chunk_id), store.get(doc_id)
        if chunk is None or doc is None:
            continue
        seen.add(doc_id)
        hits.append(SearchHit(rank=len(hits) + 1, doc_id=doc_id, kind=doc.kind, title=doc.title,
                              citation=doc.primary_citation, pin=pin_for(doc, chunk), score=round(score, 6),
                              start=chunk.start, end=chunk.end, text=chunk.text, chunk_id=chunk_id,
                              matched_by=(how,)))
        if len(hits) >= k:
            break
    return hits


@dataclass
class PlainBM25:
    store: Any
    encoder: Any = None  # memos then quote by word overlap, as lexical-only search does

    def search(self, query: str, *, k: int = 10, filters=None, per_document: bool = True) -> list[SearchHit]:
        ranked = self.store.lexical_search(query, k=CANDIDATES, filters=filters, heading_weight=0.0)
        return _hits(self.store, ranked, k, per_document, "lexical")


@dataclass
class PlainDense:
    store: Any
    encoder: Any
    cache: Any
    chunk_ids: list[str] = field(default_factory=list)
    matrix: np.ndarray | None = None

    def __post_init__(self) -> None:
        chunks = list(self.store.chunks())
        self.chunk_ids = [c.id for c in chunks]
        self.matrix, _ = cached_encode(self.encoder, [c.text for c in chunks], self.cache)

    def search(self, query: str, *, k: int = 10, filters=None, per_document: bool = True) -> list[SearchHit]:
        scores = self.matrix @ self.encoder.encode_query(query)
        top = np.argsort(-scores)[:CANDIDATES * 5]
        return _hits(self.store, [(self.chunk_ids[i], float(scores[i])) for i in top], k, per_document, "dense")


def stock_encoder(settings, searcher):
    """all-MiniLM-L6-v2 as shipped, whatever model the searcher uses."""
    return searcher.encoder if not settings.model_path else library.load_encoder(settings.with_changes(model_path=""))
