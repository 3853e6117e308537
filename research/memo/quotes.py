"""Quotations for a memo: whole sentences cut from ``doc.text`` by offsets.

    sentence_spans(doc, start, end) -> [(start, end)]   # clean sentence spans only
    make_quote(doc, start, end, *, label="") -> Quote     # with its pin page(s) / subsection
    quotable_spans(doc, chunk) -> [(start, end, label)]  # every candidate quotation of a passage
    pick_quotes(doc, chunk, question, score, *, limit=2) -> [Quote]
    relevance_scorer(encoder) -> score(question, texts): cosine plus keyword overlap

A quote never starts or ends inside a word, never starts mid-sentence, and
carries the page label(s) of the cited reporter it sits on: a quote that
crosses a page break cites both pages ("431-32"). Statutes are cited to the
subsection label of the chunk the quote comes from ("17 U.S.C. § 107(1)").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Sequence

from research.store import STOPWORDS
from research.text import body_start, is_caption, is_heading
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
_WORD = re.compile(r"[a-z0-9]+")
# Weight of keyword overlap against cosine in ranking quotations; chosen on the tune half
# of benchmarks/data/statute_questions.jsonl (0.3 to 0.7 scored alike; 0 and 1.0 lower).
QUOTE_LEXICAL_WEIGHT = 0.3
_LAW_CITES_INSIDE = re.compile(r"U\.S\.C\.|C\.F\.R\.|\bv\.\s|\bof title \d+|\bPub\. L\.|\bStat\.")
# A statute line starting with one of these continues the lines above it ("shall be
# subject to taxation ...", flush text after a list): its subject is elsewhere, so it
# says nothing alone. A line starting with a noun ("words importing the plural ...") may.
_CONTINUATIONS = frozenset(("shall", "may", "must", "will", "is", "are", "was", "were", "be", "has", "have",
                            "and", "or", "nor", "but", "unless", "except", "if", "that", "which", "who",
                            "whom", "whose", "to", "of", "by", "for", "in", "with", "then", "than"))


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


def _quotable_law(doc: Document, a: int, b: int, *, whole: bool = False) -> bool:
    """A statute line may start in lower case ("words importing the singular ...") or
    with a quoted term (“Maritime transactions”, as herein defined, means ...). A
    ``whole`` subsection with its paragraphs may hold their labels; a sentence may not."""
    piece = doc.text[a:b]
    before = doc.text[a - 1] if a > 0 else "\n"
    ends = _clean_end(doc.text, b) or bool(_LIST_END.search(piece))
    first = piece.split(maxsplit=1)[0] if piece.strip() else ""
    return (before.isspace() and (piece[:1].isalnum() or piece[:1] in "(\u201c\"") and ends
            and first not in _CONTINUATIONS
            and len(piece) <= _MAX_LAW_CHARS and len(piece.split()) >= _MIN_WORDS
            and not _LAW_CITES_INSIDE.search(piece) and (whole or not _INLINE_SUBSECTION.search(piece)))


def _with_paragraphs(doc: Document, units, i: int, start: int, label: str) -> tuple[int, int] | None:
    """Subsection ``i`` from ``start`` through as many of its own paragraphs as fit
    ("... and is between— (1) citizens of different States; (2) ..."): the rule
    often begins in the lead-in and ends in the paragraphs."""
    end = None
    for _, child_end, child in units[i + 1:]:
        if not label or not child.startswith(label) or child == label or child_end - start > _MAX_LAW_CHARS:
            break
        end = child_end
    return (start, end) if end is not None else None


_LEADING_LABELS = re.compile(r"(?:\((?:\d{1,3}[a-zA-Z]?|[a-z]{1,2}|[A-Z]{1,2}|[ivxlc]{1,7}|[IVXLC]{1,7})\))+")


def _leading_label(text: str, start: int) -> str:
    """"(a)" for a first subsection that shares its unit with the section heading line."""
    found = _LEADING_LABELS.match(text, start)
    return found.group(0) if found else ""


def _lines(doc: Document, a: int, b: int) -> list[tuple[int, int]]:
    """The lines of a unit that runs on over several ("Whoever steals ...; or\nWhoever ...")."""
    spans, pos = [], a
    for line in doc.text[a:b].split("\n"):
        if line.strip():
            spans.append((pos, pos + len(line.rstrip())))
        pos += len(line) + 1
    return spans if len(spans) > 1 else []


def quotable_spans(doc: Document, chunk: Chunk) -> list[tuple[int, int, str]]:
    """(start, end, subsection label) of every quotable sentence of the passage."""
    if doc.kind in ("statute", "regulation"):
        return _law_candidates(doc, chunk)
    return [(a, b, "") for a, b in sentence_spans(doc, chunk.start, chunk.end)
            if not _CITES_INSIDE.search(doc.text[a:b]) and not is_caption(doc.text[a:b])]


def _law_candidates(doc: Document, chunk: Chunk) -> list[tuple[int, int, str]]:
    """Whole subsections (alone and with their paragraphs), their lines and their
    sentences, each cited to the subsection it sits in; a heading is never one of them."""
    from research.text import structural_units  # the same subsection labels the chunks carry

    units = structural_units(doc.text, statute=True)
    out = []
    for i, (ua, ub, label) in enumerate(units):
        if ub <= chunk.start or ua >= chunk.end:
            continue
        ua = body_start(doc.text, ua, ub)
        if ua >= ub:
            continue
        label = label or _leading_label(doc.text, ua)
        inner = [(ua, ub)] + _lines(doc, ua, ub) + text_sentence_spans(doc.text, max(ua, chunk.start), min(ub, chunk.end))
        out += [(a, b, label) for a, b in inner if _quotable_law(doc, a, b) and not is_heading(doc.text[a:b])]
        whole = _with_paragraphs(doc, units, i, ua, label)
        if whole and _quotable_law(doc, *whole, whole=True):
            out.append((*whole, label))
    return out


def pick_quotes(doc: Document, chunks: Sequence[Chunk], question: str, score: Scorer, *, limit: int = 2,
                floor: float = 0.0) -> list[Quote]:
    """The ``limit`` sentences of the passages closest to the question (at least
    ``floor``), in text order; the court's own words before a concurrence's or
    a dissent's when they are relevant enough."""
    spans = list(dict.fromkeys(span for chunk in chunks for span in quotable_spans(doc, chunk)))
    if not spans:
        return []
    scores = score(question, [doc.text[a:b] for a, b, _ in spans])
    quotes = [make_quote(doc, a, b, label=label, score=scores[i]) for i, (a, b, label) in enumerate(spans)
              if scores[i] >= floor]
    majority = [q for q in quotes if not q.opinion]
    ranked = sorted(majority or quotes, key=lambda q: (-q.score, q.end - q.start))  # a tie: the narrower rule
    kept: list[Quote] = []
    for q in ranked:
        apart = all(q.end <= k.start or q.start >= k.end for k in kept)
        if len(kept) < limit and apart and q.display not in {k.display for k in kept}:  # (b)(3) = (c)(3)
            kept.append(q)
    return sorted(kept, key=lambda q: q.start)


def word_overlap(question: str, texts: Sequence[str]) -> list[float]:
    """The share of the question's content words (stop words dropped, crudely stemmed
    to six letters) each text holds: the keyword half of quotation relevance."""
    words = _stems(question)
    if not words:
        return [0.0 for _ in texts]
    return [len(words & _stems(t)) / len(words) for t in texts]


def _stems(text: str) -> set[str]:
    return {w[:6] for w in _WORD.findall(text.lower()) if len(w) > 2 and w not in STOPWORDS}


def relevance_scorer(encoder, *, lexical_weight: float = QUOTE_LEXICAL_WEIGHT) -> Scorer:
    """Cosine to the question plus ``lexical_weight`` times the keyword overlap: the
    dense and keyword evidence search ranks on, at the scale of one sentence."""
    cosine = cosine_scorer(encoder)

    def score(question: str, texts: Sequence[str]) -> list[float]:
        return [c + lexical_weight * w for c, w in zip(cosine(question, texts), word_overlap(question, texts))]

    return score


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
