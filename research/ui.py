"""The app: a search page for now. Presentation only; the logic is in ``library``.

Lexical search answers at once; the dense index is built (or checked) in a
background thread and the page shows its progress, then switches to hybrid.
"""
from __future__ import annotations

import html
import sys
import threading
from typing import Any

from research import library
from research.retrieve import Searcher
from research.settings import Settings
from research.types import SearchFilters, SearchHit

KIND_CHOICES = ["any", "statute", "regulation", "opinion", "document"]


class SearchService:
    """One SQLite connection per worker thread; the dense index is shared (read-only)."""

    def __init__(self, settings: Settings, background: library.BackgroundIndex) -> None:
        self.settings = settings
        self.background = background
        self._local = threading.local()

    def _store(self):
        if not hasattr(self._local, "store"):
            self._local.store = library.open_store(self.settings)
        return self._local.store

    def searcher(self) -> Searcher:
        ready = self.background.searcher
        if ready is None:
            return Searcher(self._store(), rrf_k=self.settings.rrf_k,
                        lexical_weight=self.settings.lexical_weight)
        return Searcher(self._store(), encoder=ready.encoder, dense=ready.dense, rrf_k=self.settings.rrf_k,
                        lexical_weight=self.settings.lexical_weight)

    def status(self) -> str:
        bg = self.background
        if bg.searcher is not None:
            return "Search: hybrid (meaning + keywords + citations). Index ready."
        progress = f" {bg.done}/{bg.total}" if bg.total else ""
        return f"Search: keywords and citations now; meaning-based search when the index is ready ({bg.status}{progress})."

    def search(self, query: str, k: int, kind: str) -> list[SearchHit]:
        filters = SearchFilters(kind=None if kind == "any" else kind)
        return self.searcher().search(query, k=int(k), filters=None if kind == "any" else filters)


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


def build_app(service: SearchService) -> Any:
    import gradio as gr

    with gr.Blocks(title="Legal research (offline)") as app:
        gr.Markdown("## Legal research: statutes and opinions\nEverything runs on this machine. "
                    "Results are research aids for attorney review, not legal advice.")
        status = gr.Markdown(service.status(), elem_id="index-status")
        with gr.Row():
            query = gr.Textbox(label="Question or citation", elem_id="search-query", scale=4,
                               placeholder="e.g. which court decides whether a dispute must go to arbitration")
            kind = gr.Dropdown(KIND_CHOICES, value="any", label="Kind", elem_id="search-kind", scale=1)
            k = gr.Slider(1, 30, value=10, step=1, label="Results", elem_id="search-k", scale=1)
        button = gr.Button("Search", variant="primary", elem_id="search-button")
        results = gr.HTML(elem_id="search-results")
        run = lambda q, n, kd: render_hits(service.search(q, n, kd))  # noqa: E731
        button.click(run, [query, k, kind], results)
        query.submit(run, [query, k, kind], results)
        gr.Timer(2.0).tick(service.status, None, status)
    return app


def _to_terminal(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def launch(settings: Settings, *, host: str = "127.0.0.1", port: int = 7860, block: bool = True) -> Any:
    with library.open_store(settings) as store:
        library.sync_corpora(store, settings.corpora_dir, max_tokens=settings.max_chunk_tokens,
                             overlap_tokens=settings.chunk_overlap_tokens)
    background = library.BackgroundIndex(settings, echo=_to_terminal)
    background.start()
    app = build_app(SearchService(settings, background))
    app.queue().launch(server_name=host, server_port=port, share=False, inbrowser=False,
                       prevent_thread_lock=not block, show_error=True)
    return app
