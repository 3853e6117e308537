"""Choose a memo's authorities and quotations from search hits.

    select_authorities(question, hits, *, store, score, k=5, further=0, floor=0.33) -> Selection

Nothing here writes prose: an authority is a retrieved document with the
sentences of its best passage that are closest to the question, each a span
of its text. Hits whose best sentence is less similar to the question than
``floor`` are left out rather than padding the memo; documents the checker
could not verify (slip opinions without a reporter citation) are named in a
note, never quoted or cited. After the ``k`` principal authorities come up to
``further`` lower-ranked ones, each with its single most relevant sentence:
the answering section is often just below the top five, and an attorney
would rather skim one more sentence than never see it.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Sequence

from research.memo.bluebook import case_citation, court_level
from research.memo.quotes import Quote, Scorer, pick_quotes
from research.types import Document, SearchHit

DEFAULT_FLOOR = 0.33  # relevance of the best sentence; off-topic questions score under 0.3
DEFAULT_AUTHORITIES = 5  # principal authorities, discussed with up to two quotations each
DEFAULT_FURTHER = 5  # lower-ranked authorities listed after them, one quotation each
LAW_KINDS = ("statute", "regulation")
# A section's rule may sit in any subsection: its quotations are looked for in all its
# passages (up to this many), an opinion's only in the passages search returned.
LAW_PASSAGES = 12


@dataclass(frozen=True)
class MemoAuthority:
    doc_id: str
    kind: str
    title: str
    citation: str
    court: str
    date: str
    edition: str
    level: int
    rank: int
    reason: str
    quotes: tuple[Quote, ...]
    further: bool = False  # listed under "Further authorities", after the principal ones

    @property
    def score(self) -> float:
        return max((q.score for q in self.quotes), default=0.0)

    @property
    def is_law(self) -> bool:
        return self.kind in LAW_KINDS


@dataclass(frozen=True)
class Selection:
    authorities: tuple[MemoAuthority, ...]
    uncitable: tuple[str, ...] = ()  # "Title (court, year)" of relevant slip opinions


def citable(doc: Document) -> bool:
    """A citation the checker can look up: not empty, not a slip opinion's "___"."""
    citation = doc.primary_citation if doc.kind in LAW_KINDS else case_citation(doc)
    return bool(citation) and "___" not in citation


def reason_for(hit: SearchHit, question: str, score: float) -> str:
    how = {"citation": "the question cites it", "lexical": "keyword match",
           "dense": "similar in meaning"}
    ways = " and ".join(how[m] for m in hit.matched_by if m in how) or "search"
    return (f"Retrieved at rank {hit.rank} for the question ({ways}); its closest sentence has "
            f"similarity {score:.2f} to the question.")


def _authority(doc: Document, hit: SearchHit, quotes: Sequence[Quote], question: str) -> MemoAuthority:
    best = max(q.score for q in quotes)
    return MemoAuthority(doc_id=doc.id, kind=doc.kind, title=doc.title, citation=doc.primary_citation if doc.kind in LAW_KINDS else case_citation(doc),
                         court=doc.court, date=doc.date, edition=doc.edition, level=court_level(doc),
                         rank=hit.rank, reason=reason_for(hit, question, best), quotes=tuple(quotes))


def by_document(hits: Sequence[SearchHit], *, per_document: int = 3) -> list[tuple[SearchHit, list[str]]]:
    """Passage hits grouped by document, in order of each document's best
    passage: (its best hit, re-ranked by document, and up to ``per_document`` chunk ids)."""
    groups: dict[str, tuple[SearchHit, list[str]]] = {}
    for hit in hits:
        if hit.doc_id not in groups:
            groups[hit.doc_id] = (replace(hit, rank=len(groups) + 1), [])
        if len(groups[hit.doc_id][1]) < per_document and hit.chunk_id:
            groups[hit.doc_id][1].append(hit.chunk_id)
    return list(groups.values())


def _passages(store, doc: Document, chunk_ids: Sequence[str]) -> list:
    found = store.get_chunks(chunk_ids)
    if doc.kind not in LAW_KINDS:
        return found
    return (found + [c for c in store.chunks(doc.id) if c.id not in set(chunk_ids)])[:LAW_PASSAGES]


def select_authorities(question: str, hits: Sequence[SearchHit], *, store, score: Scorer,
                       k: int = DEFAULT_AUTHORITIES, further: int = 0, floor: float = DEFAULT_FLOOR,
                       quotes_per_authority: int = 2) -> Selection:
    """Up to ``k`` principal authorities with quotes at least ``floor`` similar to
    the question, then up to ``further`` more with one quote each."""
    chosen: list[MemoAuthority] = []
    uncitable: list[str] = []
    for hit, chunk_ids in by_document(hits):
        if len(chosen) >= k + further:
            break  # full: later hits' passages need not be read
        doc = store.get(hit.doc_id)
        chunks = _passages(store, doc, chunk_ids) if doc is not None else []
        if doc is None or not chunks:
            continue
        lower = len(chosen) >= k
        quotes = pick_quotes(doc, chunks, question, score, limit=1 if lower else quotes_per_authority, floor=floor)
        if quotes and not citable(doc):
            uncitable.append(f"{doc.title} ({doc.court or 'court unknown'}, {doc.year or 'undated'})")
        elif quotes:
            chosen.append(replace(_authority(doc, hit, quotes, question), further=lower))
    return Selection(tuple(chosen), tuple(uncitable))


def ordered(authorities: Sequence[MemoAuthority]) -> tuple[list[MemoAuthority], list[MemoAuthority]]:
    """(statutes and regulations by retrieval rank, so the one that answers leads;
    cases by court level then newest first), of the principal authorities."""
    authorities = [a for a in authorities if not a.further]
    law = sorted((a for a in authorities if a.is_law), key=lambda a: a.rank)
    cases = [a for a in authorities if not a.is_law]
    cases.sort(key=lambda a: a.date, reverse=True)
    cases.sort(key=lambda a: a.level)
    return law, cases


def further_authorities(authorities: Sequence[MemoAuthority]) -> list[MemoAuthority]:
    """The lower-ranked authorities, in retrieval order."""
    return sorted((a for a in authorities if a.further), key=lambda a: a.rank)


def in_memo_order(authorities: Sequence[MemoAuthority]) -> list[MemoAuthority]:
    """Every authority as the memo prints them: law, cases, then the further ones."""
    law, cases = ordered(authorities)
    return law + cases + further_authorities(authorities)


def without_quotes(authorities: Sequence[MemoAuthority], doc_id: str,
                   indexes: set[int | None]) -> tuple[MemoAuthority, ...]:
    """Drop the quotes at ``indexes`` of one authority (None in ``indexes``: the
    whole authority); an authority left without quotes is dropped too."""
    out = []
    for a in authorities:
        if a.doc_id != doc_id:
            out.append(a)
        elif None not in indexes:
            kept = tuple(q for i, q in enumerate(a.quotes) if i not in indexes)
            if kept:
                out.append(replace(a, quotes=kept))
    return tuple(out)


def short_answer_quotes(authorities: Sequence[MemoAuthority], *, limit: int = 2) -> list[tuple[MemoAuthority, int]]:
    """The answering sentence of the top-ranked authority, then the most relevant
    of the others: (authority, quote index); the court's own words, not a
    concurrence's or a dissent's."""
    pairs = [(a, i) for a in authorities for i in range(len(a.quotes))
             if not a.quotes[i].opinion and not a.further]
    top = min((a.rank for a, _ in pairs), default=0)
    pairs.sort(key=lambda pair: (pair[0].rank != top, -pair[0].quotes[pair[1]].score))
    out, seen = [], set()
    for a, i in pairs:
        if a.doc_id not in seen:
            out.append((a, i))
            seen.add(a.doc_id)
        if len(out) >= limit:
            break
    return out
