"""Quotations for a memo: whole sentences cut from ``doc.text`` by offsets.

    sentence_spans(doc, start, end) -> [(start, end)]   # clean sentence spans only
    make_quote(doc, start, end, *, label="") -> Quote     # with its pin page(s) / subsection
    pick_quotes(doc, chunk, question, score, *, limit=2) -> [Quote]

A quote never starts or ends inside a word, never starts mid-sentence, and
carries the page label(s) of the cited reporter it sits on: a quote that
crosses a page break cites both pages ("431-32"). Statutes are cited to the
subsection label of the chunk the quote comes from ("17 U.S.C. § 107(1)").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Sequence

from research.text import sentence_spans as text_sentence_spans  # the library's own splitter
from research.memo.bluebook import cited_page_map, pin_label, statute_citation
from research.types import Chunk, Document

Scorer = Callable[[str, Sequence[str]], list[float]]

_MIN_WORDS = 6
_MAX_CHARS = 700
_MAX_LAW_CHARS = 1200  # statutes run long sentences; a whole subsection is one rule
_END = ".?!;:"
_CLOSERS = "\"'\u201d\u2019)]"
# A sentence holding a citation of its own would be checked as one: leave it out.
_CITES_INSIDE = re.compile(r"\b\d+\s+[A-Z][\w.]*(?:\s[\w.]+){0,3}\s+\d+\b|\bv\.\s|\bId\.|\bsupra\b|U\.S\.C\.|"
                           r"C\.F\.R\.|\bat\s+\d+|\u00a7")
_LIST_END = re.compile(r"[;,]\s+(?:or|and)$")  # "(3) where ...; or": a whole list item
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")  # "S.H." fooled the splitter: never quote across paragraphs
_LAW_CITES_INSIDE = re.compile(r"U\.S\.C\.|C\.F\.R\.|\bv\.\s|\bof title \d+|\bPub\. L\.|\bStat\.")


@dataclass(frozen=True)
class Quote:
    """``text == document.text[start:end]``; ``pin`` is the page ("278",
    "431-32") or "" for statutes; ``cite`` the citation without the case name
    ("16 N.Y.3d 272, 278" or "17 U.S.C. § 107(1)")."""

    doc_id: str
    start: int
    end: int
    text: str
    pin: str
    cite: str
    label: str = ""
    score: float = 0.0
    opinion: str = ""  # "Read, J., concurring" for a separate opinion's words

    @property
    def display(self) -> str:
        """One line, inner double quotes made single (Bluebook), words unchanged."""
        flat = " ".join(self.text.split())
        return flat.replace("\u201c", "\u2018").replace("\u201d", "\u2019").replace('"', "'")


def _clean_start(text: str, start: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    first = text[start] if start < len(text) else ""
    return (before.isspace() or before in "(\u201c\"[") and (first.isupper() or first.isdigit() or first in "(\u201c\"[")


def _clean_end(text: str, end: int) -> bool:
    tail = text[:end].rstrip(_CLOSERS)
    after = text[end] if end < len(text) else " "
    return bool(tail) and tail[-1] in _END and not after.isalnum()


def sentence_spans(doc: Document, start: int, end: int) -> list[tuple[int, int]]:
    """Whole sentences inside [start, end), fragments at either edge dropped."""
    spans = []
    for a, b in text_sentence_spans(doc.text, start, end):
        piece = doc.text[a:b]
        if (_clean_start(doc.text, a) and _clean_end(doc.text, b) and len(piece) <= _MAX_CHARS
                and len(piece.split()) >= _MIN_WORDS and not _PARAGRAPH_BREAK.search(piece)):
            spans.append((a, b))
    return spans


# "READ, J. (concurring).", "JUSTICE BREYER, dissenting from denial of certiorari.", "W. FLETCHER, dissenting:"
_SEPARATE = re.compile(r"(?m)^[ \t]*(?:Chief\s+)?(?:JUSTICE\s+|Justice\s+|Judge\s+)?((?:[A-Z]\.\s)?[A-Z][A-Za-z'\-]+)"
                       r"(?:,\s*(?:C\.\s*)?J\.)?,?\s*\(?(dissenting|concurring)\b[^\n]{0,80}$")


def separate_opinion_at(doc: Document, offset: int) -> str:
    """"Read, J., concurring" when ``offset`` lies in a concurrence or dissent, else ""."""
    last = None
    for m in _SEPARATE.finditer(doc.text, 0, offset):
        last = m
    if last is None:
        return ""
    name = " ".join(part.capitalize() if part.isupper() and len(part) > 2 else part for part in last.group(1).split())
    return f"{name}, J., {last.group(2)}"


def make_quote(doc: Document, start: int, end: int, *, label: str = "", score: float = 0.0) -> Quote:
    """A quote of doc.text[start:end] with its pin cite in the official reporter."""
    if doc.kind in ("statute", "regulation"):
        return Quote(doc.id, start, end, doc.text[start:end], "", statute_citation(doc, label), label, score)
    page_map = cited_page_map(doc)
    citation = page_map.citation if page_map is not None else doc.primary_citation
    pin = pin_label(page_map.pages_between(start, end)) if page_map else ""
    cite = f"{citation}, {pin}" if pin else citation
    return Quote(doc.id, start, end, doc.text[start:end], pin, cite, label, score, separate_opinion_at(doc, start))


_INLINE_SUBSECTION = re.compile(r"[.;:,]\s+(?:or\s+|and\s+)?\(\w{1,4}\)\s")


def _quotable_law(doc: Document, a: int, b: int) -> bool:
    """A statute line may start in lower case ("words importing the singular ...")."""
    piece = doc.text[a:b]
    before = doc.text[a - 1] if a > 0 else "\n"
    ends = _clean_end(doc.text, b) or bool(_LIST_END.search(piece))
    return (before.isspace() and (piece[:1].isalnum() or piece[:1] == "(") and ends
            and len(piece) <= _MAX_LAW_CHARS and len(piece.split()) >= _MIN_WORDS
            and not _LAW_CITES_INSIDE.search(piece) and not _INLINE_SUBSECTION.search(piece))


def _after_heading(doc: Document, start: int, end: int) -> int:
    """A unit opening with the section heading ("§ 101. Inventions patentable")
    is quoted from the line after it."""
    if doc.text[start] != "\u00a7":
        return start
    newline = doc.text.find("\n", start, end)
    if newline < 0:
        return end
    return newline + 1 + len(doc.text[newline + 1:end]) - len(doc.text[newline + 1:end].lstrip())


def _candidates(doc: Document, chunk: Chunk) -> list[tuple[int, int, str]]:
    """(start, end, subsection label) of every quotable sentence of the passage."""
    if doc.kind in ("statute", "regulation"):
        return _law_candidates(doc, chunk)
    return [(a, b, "") for a, b in sentence_spans(doc, chunk.start, chunk.end)
            if not _CITES_INSIDE.search(doc.text[a:b])]


def _law_candidates(doc: Document, chunk: Chunk) -> list[tuple[int, int, str]]:
    """Whole subsections and their sentences, each inside one subsection so the
    label cited is the one the words sit in."""
    from research.text import structural_units  # the same subsection labels the chunks carry

    out = []
    for ua, ub, label in structural_units(doc.text, statute=True):
        if ub <= chunk.start or ua >= chunk.end:
            continue
        ua = _after_heading(doc, ua, ub)
        spans = [(ua, ub)] + text_sentence_spans(doc.text, max(ua, chunk.start), min(ub, chunk.end)) if ua < ub else []
        out += [(a, b, label) for a, b in spans if _quotable_law(doc, a, b)]
    return out


def pick_quotes(doc: Document, chunks: Sequence[Chunk], question: str, score: Scorer, *, limit: int = 2,
                floor: float = 0.0) -> list[Quote]:
    """The ``limit`` sentences of the passages closest to the question (at least
    ``floor``), in text order; the court's own words before a concurrence's or
    a dissent's when they are relevant enough."""
    spans = list(dict.fromkeys(span for chunk in chunks for span in _candidates(doc, chunk)))
    if not spans:
        return []
    scores = score(question, [doc.text[a:b] for a, b, _ in spans])
    quotes = [make_quote(doc, a, b, label=label, score=scores[i]) for i, (a, b, label) in enumerate(spans)
              if scores[i] >= floor]
    majority = [q for q in quotes if not q.opinion]
    ranked = sorted(majority or quotes, key=lambda q: -q.score)
    kept: list[Quote] = []
    for q in ranked:
        if len(kept) < limit and all(q.end <= k.start or q.start >= k.end for k in kept):
            kept.append(q)
    return sorted(kept, key=lambda q: q.start)


def word_overlap(question: str, texts: Sequence[str]) -> list[float]:
    """Without an encoder: the share of the question's content words each text holds."""
    words = {w for w in re.findall(r"[a-z]{4,}", question.lower())}
    if not words:
        return [0.0 for _ in texts]
    return [len(words & set(re.findall(r"[a-z]{4,}", t.lower()))) / len(words) for t in texts]


def cosine_scorer(encoder) -> Scorer:
    """Cosine similarity of each text to the question, with the search encoder."""
    import numpy as np

    def score(question: str, texts: Sequence[str]) -> list[float]:
        if not texts:
            return []
        q = np.asarray(encoder.encode_query(question), dtype="float32").reshape(-1)
        m = np.asarray(encoder.encode(list(texts)), dtype="float32")
        q /= np.linalg.norm(q) or 1.0
        m /= np.maximum(np.linalg.norm(m, axis=1, keepdims=True), 1e-9)
        return [float(x) for x in m @ q]

    return score
