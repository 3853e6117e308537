"""Relevance lab: every variant scored in memory from cached vectors (scratch tool)."""
from __future__ import annotations

import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import questions as Q  # noqa: E402

from research import library  # noqa: E402
from research.embedding.cache import VectorCache, cached_encode  # noqa: E402
from research.settings import Settings  # noqa: E402
from research.store import schema  # noqa: E402
from research.text.context import context_header, embedded_text  # noqa: E402


@dataclass
class Lab:
    settings: Settings

    def __post_init__(self):
        self.store = library.open_store(self.settings, readonly=True)
        self.docs = {d.id: d for d in self.store.iter_documents()}
        self.chunks = list(self.store.chunks())
        self.doc_ids = sorted(self.docs)
        self.doc_index = {d: i for i, d in enumerate(self.doc_ids)}
        self.chunk_doc = np.array([self.doc_index[c.doc_id] for c in self.chunks])
        self.headers = {d.id: context_header(d) for d in self.docs.values()}
        self.encoder = library.load_encoder(self.settings)
        self.cache = library.vector_cache(self.settings)
        self._vectors = {}
        self._fts = None

    def texts(self, variant: str) -> list[str]:
        if variant == "raw":
            return [c.text for c in self.chunks]
        if variant == "header":
            return [embedded_text(self.headers[c.doc_id], c.text) for c in self.chunks]
        if variant == "heading":  # one per document
            return [self.headers[d] for d in self.doc_ids]
        raise KeyError(variant)

    def vectors(self, variant: str) -> np.ndarray:
        if variant not in self._vectors:
            texts = self.texts(variant)
            done = [0]

            def tick(n):
                done[0] += n
                if done[0] % 640 < n:
                    print(f"  embedding {variant}: {done[0]}", file=sys.stderr)
            self._vectors[variant], _ = cached_encode(self.encoder, texts, self.cache, progress=tick)
        return self._vectors[variant]

    def query_vectors(self, texts: list[str]) -> np.ndarray:
        return cached_encode(self.encoder, texts, self.cache)[0]

    # --- lexical ---------------------------------------------------------
    def fts(self) -> sqlite3.Connection:
        if self._fts is None:
            path = self.settings.home / "build" / "lab_fts.sqlite3"
            path.parent.mkdir(exist_ok=True)
            fresh = not path.exists()
            conn = sqlite3.connect(str(path))
            if fresh:
                conn.executescript(
                    "CREATE VIRTUAL TABLE plain USING fts5(text, heading, tokenize='porter unicode61');"
                    "CREATE VIRTUAL TABLE ctx USING fts5(text, heading, tokenize='porter unicode61');"
                    "CREATE VIRTUAL TABLE sec USING fts5(text, heading, tokenize='porter unicode61');")
                for i, c in enumerate(self.chunks):
                    d = self.docs[c.doc_id]
                    cites = " ".join(d.citations)
                    conn.execute("INSERT INTO plain(rowid, text, heading) VALUES (?,?,?)",
                                 (i, c.text, f"{d.title} {cites}"))
                    conn.execute("INSERT INTO ctx(rowid, text, heading) VALUES (?,?,?)",
                                 (i, c.text, f"{self.headers[d.id]} {cites}"))
                for j, did in enumerate(self.doc_ids):
                    d = self.docs[did]
                    conn.execute("INSERT INTO sec(rowid, text, heading) VALUES (?,?,?)",
                                 (j, d.text, f"{self.headers[did]} {' '.join(d.citations)}"))
                conn.commit()
            self._fts = conn
        return self._fts

    def lexical(self, query: str, *, table: str = "plain", k: int = 200, weights=(1.0, 0.5),
                expression=None) -> list[tuple[int, float]]:
        expr = (expression or schema.match_expression)(query)
        if not expr:
            return []
        rows = self.fts().execute(
            f"SELECT rowid, bm25({table}, {weights[0]}, {weights[1]}) s FROM {table} WHERE {table} MATCH ? "
            f"ORDER BY s LIMIT ?", (expr, k)).fetchall()
        return [(r, -s) for r, s in rows]


def doc_scores_from_chunks(chunk_doc: np.ndarray, scores: dict[int, float], *, beta: float = 0.0,
                           extra: int = 2) -> dict[int, float]:
    """Per document: best chunk + beta * mean of the next ``extra`` best."""
    per: dict[int, list[float]] = {}
    for ci, s in scores.items():
        per.setdefault(int(chunk_doc[ci]), []).append(s)
    out = {}
    for d, ss in per.items():
        ss.sort(reverse=True)
        rest = ss[1:1 + extra]
        out[d] = ss[0] + (beta * sum(rest) / extra if rest and beta else 0.0)
    return out


def rank_of(ranked: list[int], gold: set[int]) -> int | None:
    for i, d in enumerate(ranked, 1):
        if d in gold:
            return i
    return None


def metrics(ranks: list[int | None]) -> dict[str, float]:
    n = len(ranks) or 1
    return {"r1": sum(r is not None and r <= 1 for r in ranks) / n,
            "r5": sum(r is not None and r <= 5 for r in ranks) / n,
            "r10": sum(r is not None and r <= 10 for r in ranks) / n,
            "mrr": sum(1 / r for r in ranks if r) / n}


def table(name: str, qs: list[Q.Question], ranks: dict[str, int | None]) -> str:
    parts = []
    for label, group in Q.groups(qs):
        m = metrics([ranks[q.id] for q in group])
        parts.append(f"{label[:5]} {m['r10']:.2f}")
    m = metrics([ranks[q.id] for q in qs])
    return f"{name:<34} " + " ".join(parts) + f" | r1 {m['r1']:.2f} r5 {m['r5']:.2f} mrr {m['mrr']:.3f}"
