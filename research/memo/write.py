"""Research memos: a question in, a draft memo out, checked before anyone sees it.

    write_memo(question, *, searcher, store, k=5, further=5, filters=None, llm=None, ...) -> Memo
    memo.markdown / memo.html() / memo.save_docx(path) / memo.to_json()

The memo is assembled from retrieved passages only (research.memo.build);
the optional model (research.memo.llm) writes connective prose, which is
sanitised. The finished Markdown is run through the citation checker; any
citation not verified, or quotation not found on its pin page, drops the
passage or authority it belongs to and the memo is rebuilt. A memo that
still fails after ``max_rounds`` raises CheckError.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from research.citations.validate import check_text
from research.errors import CheckError
from research.memo.build import (DEFAULT_AUTHORITIES, DEFAULT_FLOOR, DEFAULT_FURTHER, MemoAuthority, in_memo_order,
                                 select_authorities, without_quotes)
from research.memo.quotes import Quote, relevance_scorer, word_overlap
from research.memo.render import Block, Draft, memo_blocks, to_html, to_markdown
from research.types import CheckReport, SearchFilters


@dataclass(frozen=True)
class Memo:
    question: str
    draft: Draft
    blocks: tuple[Block, ...]
    markdown: str
    check: CheckReport

    @property
    def authorities(self) -> tuple[MemoAuthority, ...]:
        return tuple(in_memo_order(self.draft.authorities))

    @property
    def quotes(self) -> list[tuple[MemoAuthority, Quote]]:
        return [(a, q) for a in self.authorities for q in a.quotes]

    @property
    def removed(self) -> tuple[str, ...]:
        return self.draft.removed

    def html(self) -> str:
        return to_html(self.blocks, title=f"Memo: {self.question}")

    def save_docx(self, path: Path | str) -> Path:
        from research.memo.docx import write_docx

        return write_docx(self.blocks, path)

    def to_json(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "memo_markdown": self.markdown,
            "authorities": [{"doc_id": a.doc_id, "citation": a.citation, "title": a.title, "further": a.further}
                            for a in self.authorities],
            "quotes": [{"doc_id": a.doc_id, "citation": q.cite if a.is_law else a.citation, "pin": q.pin or q.label, "start": q.start,
                        "end": q.end, "text": q.text} for a, q in self.quotes],
            "check": self.check.summary,
        }


def save(memo: Memo, path: Path | str) -> Path:
    """Write by suffix: .docx, .html/.htm, anything else Markdown."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return memo.save_docx(path)
    path.write_text(memo.html() if suffix in (".html", ".htm") else memo.markdown, encoding="utf-8")
    return path


def _scorer(searcher: Any):
    encoder = getattr(searcher, "encoder", None)
    return relevance_scorer(encoder) if encoder is not None else word_overlap


def write_memo(question: str, *, searcher: Any, store: Any, k: int = DEFAULT_AUTHORITIES,
               further: int = DEFAULT_FURTHER, filters: SearchFilters | None = None,
               llm: Any = None, directory: Any = None, floor: float | None = None, to: str = "Supervising attorney",
               author: str = "Research assistant (automated draft)", today: str | None = None,
               max_rounds: int = 8) -> Memo:
    """Retrieve, quote, (optionally) connect with generated prose, self-check, return."""
    question = " ".join(question.split())
    if not question:
        raise CheckError("The question is empty: nothing to research.")
    score = _scorer(searcher)
    floor = floor if floor is not None else (DEFAULT_FLOOR if score is not word_overlap else 0.5)
    # Documents in per-document order, then more passages of the same documents.
    wanted = k + further
    hits = searcher.search(question, k=wanted * 3, filters=filters)
    hits += searcher.search(question, k=wanted * 8, filters=filters, per_document=False)
    selection = select_authorities(question, hits, store=store, score=score, k=k, further=further, floor=floor)
    docs = {a.doc_id: store.get(a.doc_id) for a in selection.authorities}
    draft = Draft(question=question, date=today or _dt.date.today().isoformat(), to=to, author=author,
                  authorities=selection.authorities, docs=docs, uncitable=selection.uncitable)
    if llm is not None and draft.authorities:
        from research.memo.llm import generate_discussion

        prose, removed = generate_discussion(llm, draft, store=store, directory=directory)
        draft = replace(draft, discussion=tuple(prose), removed=tuple(removed))
    return self_checked(draft, store=store, directory=directory, max_rounds=max_rounds)


def self_checked(draft: Draft, *, store: Any, directory: Any = None, max_rounds: int = 8) -> Memo:
    """Check the Markdown; drop what fails and rebuild until every citation is verified."""
    for _ in range(max_rounds):
        markdown, regions = to_markdown(memo_blocks(draft, checked_part=True))
        report = check_text(markdown, store=store, directory=directory, file="memo.md")
        failures = failed_regions(report, regions, draft)
        if not failures:
            return _finished(draft, report)
        draft = _drop(draft, failures)
    raise CheckError(f"The memo for {draft.question!r} still has unverified citations after "
                     f"{max_rounds} rounds of self-check; no memo was produced.")


def failed_regions(report: CheckReport, regions, draft: Draft) -> list[tuple[tuple, str]]:
    """(block key, why) for each citation not verified and each quotation the
    checker did not verify on its pin page."""
    out = []
    for item in report.citations:
        if item.status != "verified":
            why = "; ".join(item.messages) or item.status
            out.append((_key_at(regions, item.found.start, item.found.text), f"{item.found.text}: {why}"))
    verified = {_folded(i.found.quote) for i in report.citations if i.status == "verified" and i.found.quote}
    for a in draft.authorities:
        for n, q in enumerate(a.quotes):
            if _folded(q.text) not in verified:
                out.append(((a.doc_id, n), f"{q.cite}: the checker did not verify the quotation on its pin page"))
    return out


def _folded(text: str) -> str:
    return "".join(ch.lower() for ch in text if ch.isalnum())


def _key_at(regions, offset: int, text: str):
    for start, end, key in regions:
        if start <= offset < end:
            return key
    raise CheckError(f"The memo's self-check found {text!r}, which does not belong to any quoted passage "
                     f"or authority; no memo was produced.")


def _drop(draft: Draft, failures: list[tuple[tuple, str]]) -> Draft:
    """Remove every failing quote (all at once: indexes shift) or authority."""
    by_doc: dict[str, set] = {}
    for (doc_id, index), _ in failures:
        by_doc.setdefault(doc_id, set()).add(index)
    authorities = draft.authorities
    for doc_id, indexes in by_doc.items():
        if doc_id not in ("llm", "toa"):  # a failing ToA entry fails in its heading too
            authorities = without_quotes(authorities, doc_id, indexes)
    dropped = by_doc.get("llm", set())
    discussion = tuple(p for i, p in enumerate(draft.discussion) if i not in dropped)
    removed = draft.removed + tuple(f"Left out after the self-check: {why}" for _, why in failures)
    return replace(draft, authorities=authorities, discussion=discussion, removed=tuple(dict.fromkeys(removed)))


def footer_text(report: CheckReport, draft: Draft) -> str:
    s = report.summary
    quotes = sum(len(a.quotes) for a in draft.authorities)
    return (f"Citation self-check (research check): {len(report.citations)} citations: {s['verified']} verified, "
            f"{s['warning']} warning, {s['unverified']} unverified, {s['invalid']} invalid; "
            f"{quotes} quotations, each found verbatim on its pin page"
            + (" (the list of removed content is not part of the checked text)." if draft.removed else "."))


def _finished(draft: Draft, report: CheckReport) -> Memo:
    draft = replace(draft, footer=footer_text(report, draft))
    blocks = memo_blocks(draft)
    markdown, _ = to_markdown(blocks)
    return Memo(question=draft.question, draft=draft, blocks=tuple(blocks), markdown=markdown, check=report)
