"""The Research tab: a question in, the self-checked memo out, every quotation
one click from its source passage.

    research(state, question, *, kind, court, date_from, date_to) -> Memo
    memo_view(memo) -> str                   # the memo, quotations highlighted and numbered
    quote_choices(memo) -> [(label, n)]
    quote_source(state, memo, n) -> str    # the passage in context, page labels marked
    save_downloads(state, memo) -> (docx path, md path)
"""
from __future__ import annotations

import html
import re
import time
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from research.types import KINDS, SearchFilters, SearchHit
from research.ui.common import passage_html, shown_errors
from research.ui.state import AppState

if TYPE_CHECKING:
    from research.memo import Memo

KIND_CHOICES = ["any", *KINDS]
MEMO_CSS = ("#research-memo .memo blockquote{margin:.6em 1.5em;padding:.3em .6em;border-left:4px solid #8a5a00}"
            "#research-memo .memo mark{background:#fff1a8}"
            "#research-memo .memo .qn{font:bold 11px system-ui,sans-serif;color:#fff;background:#8a5a00;"
            "padding:1px 4px;border-radius:2px;margin-right:.3em}")
_BODY = re.compile(r"<body>(.*)</body>", re.S)


def filters_of(kind: str, court: str, date_from: str, date_to: str) -> SearchFilters | None:
    filters = SearchFilters(kind=None if kind in ("", "any", None) else kind, court=(court or "").strip() or None,
                            date_from=(date_from or "").strip() or None, date_to=(date_to or "").strip() or None)
    return None if filters == SearchFilters() else filters


def research(state: AppState, question: str, *, kind: str = "any", court: str = "", date_from: str = "",
             date_to: str = "", k: int = 5) -> "Memo":
    """The memo write_memo gives (CheckError when the question is empty)."""
    from research.memo import write_memo

    searcher = state.search.searcher()
    return write_memo(question, searcher=searcher, store=searcher.store, k=k,
                      filters=filters_of(kind, court, date_from, date_to))


def memo_view(memo: "Memo") -> str:
    """Memo.html()'s body with each quotation marked "Q1", "Q2"... as in the list below it."""
    body = _BODY.search(memo.html())
    text = body.group(1) if body else memo.html()
    for n, (_, quote) in enumerate(memo.quotes, start=1):
        shown = html.escape(quote.display, quote=False)
        if shown in text:
            text = text.replace(shown, f"<mark title='Quotation Q{n}: select it below to see the source'>"
                                       f"<span class='qn'>Q{n}</span>{shown}</mark>", 1)
    return f"<style>{MEMO_CSS}</style><div class='memo'>{text}</div>"


def quote_choices(memo: "Memo") -> list[tuple[str, int]]:
    choices = []
    for n, (authority, quote) in enumerate(memo.quotes, start=1):
        words = quote.display if len(quote.display) <= 90 else quote.display[:87] + "..."
        cite = quote.cite if authority.is_law else f"{authority.citation}, {quote.pin}" if quote.pin else authority.citation
        choices.append((f"Q{n} · {cite} · “{words}”", n))
    return choices


def quote_source(state: AppState, memo: "Memo", number: int | None) -> str:
    """The source passage of quotation ``number`` (1-based), highlighted in context."""
    if memo is None or not number or not 1 <= int(number) <= len(memo.quotes):
        return "<p>Select a quotation to see it in its source.</p>"
    authority, quote = memo.quotes[int(number) - 1]
    doc = state.db.store().get(quote.doc_id)
    if doc is None:
        return f"<p>{html.escape(quote.doc_id)} is no longer in the library.</p>"
    pin = f"<p>Cited as <b>{html.escape(quote.cite)}</b>" + (f", page {html.escape(quote.pin)}" if quote.pin else "") + "</p>"
    return pin + passage_html(doc, quote.start, quote.end, citation=authority.citation)


def save_downloads(state: AppState, memo: "Memo") -> tuple[Path, Path]:
    """The memo as DOCX and Markdown in the app's temporary folder."""
    from research.memo import save

    stem = re.sub(r"[^a-z0-9]+", "-", memo.question.lower()).strip("-")[:50] or "memo"
    folder = state.tmp / f"memo-{time.time_ns()}"
    folder.mkdir(parents=True)
    return save(memo, folder / f"{stem}.docx"), save(memo, folder / f"{stem}.md")


def render_hits(hits: list[SearchHit]) -> str:
    if not hits:
        return "<p>No results.</p>"
    rows = []
    for hit in hits:
        cite = hit.citation or hit.doc_id
        pin = (f"{hit.pin}" if hit.pin.startswith("(") else f", {hit.pin}") if hit.pin else ""
        rows.append(
            f"<div class='hit' id='hit-{hit.rank}'><div><b>{hit.rank}. {html.escape(cite + pin)}</b> "
            f"<i>{html.escape(hit.title)}</i> <span class='kind'>[{hit.kind}]</span> "
            f"<small>score {hit.score:.4f} · {', '.join(hit.matched_by)} · chars {hit.start}-{hit.end}</small></div>"
            f"<blockquote>{html.escape(hit.text)}</blockquote></div>")
    return "\n".join(rows)


def build_tab(state: AppState) -> None:
    import gradio as gr

    view = _layout(gr)
    with gr.Accordion("Search passages", open=False):
        _search_box(gr, state)

    def answer(q, kd, ct, a, b):
        memo = research(state, q, kind=kd, court=ct, date_from=a, date_to=b)
        word, md = save_downloads(state, memo)
        return memo, memo_view(memo), gr.update(choices=quote_choices(memo), value=None), "", str(word), str(md)

    outputs = [view.memo, view.memo_html, view.quotes, view.source, view.docx, view.markdown]
    view.run.click(shown_errors(answer), [view.question, view.kind, view.court, view.date_from, view.date_to],
                   outputs)
    view.quotes.change(lambda m, n: quote_source(state, m, n), [view.memo, view.quotes], view.source)


def _layout(gr: Any) -> SimpleNamespace:
    """The question, its filters, the memo and its quotations (stable element ids)."""
    view = SimpleNamespace(memo=gr.State(None))
    with gr.Row():
        view.question = gr.Textbox(label="Research question", elem_id="research-question", scale=5, lines=2,
                                   placeholder="e.g. on what grounds can a court vacate an arbitration award")
        view.run = gr.Button("Write memo", variant="primary", elem_id="research-run", scale=1)
    with gr.Accordion("Filters: kind, court, dates", open=False, elem_id="research-filters"), gr.Row():
        view.kind = gr.Dropdown(KIND_CHOICES, value="any", label="Kind", elem_id="research-kind")
        view.court = gr.Textbox(label="Court contains", elem_id="research-court")
        view.date_from = gr.Textbox(label="From (YYYY)", elem_id="research-from")
        view.date_to = gr.Textbox(label="To (YYYY)", elem_id="research-to")
    with gr.Row():
        with gr.Column(scale=3):
            view.memo_html = gr.HTML("<p>The memo appears here. Every quotation is checked on its pin page.</p>",
                                     elem_id="research-memo")
        with gr.Column(scale=2):
            view.source = gr.HTML(elem_id="research-source")
            view.quotes = gr.Radio([], label="Quotations: select one to see its source", elem_id="research-quotes")
            view.docx = gr.File(label="Memo (Word)", height=70, elem_id="research-download-docx")
            view.markdown = gr.File(label="Memo (Markdown)", height=70, elem_id="research-download-md")
    return view


def _search_box(gr: Any, state: AppState) -> None:
    """The plain search of the first version (ids search-*), kept for quick look-ups."""
    with gr.Row():
        query = gr.Textbox(label="Question or citation", elem_id="search-query", scale=4)
        kind = gr.Dropdown(KIND_CHOICES, value="any", label="Kind", elem_id="search-kind", scale=1)
        k = gr.Slider(1, 30, value=10, step=1, label="Results", elem_id="search-k", scale=1)
    button = gr.Button("Search", elem_id="search-button")
    results = gr.HTML(elem_id="search-results")
    run = lambda q, n, kd: render_hits(state.search.hits(q, n, kd))  # noqa: E731
    button.click(run, [query, k, kind], results)
    query.submit(run, [query, k, kind], results)
