"""The Library tab: what the library holds, a document with its page labels,
adding files, rebuilding the index.

    library_stats(store) -> (markdown, chart rows)
    find_documents(state, query) -> [(label, doc_id)]
    document_html(doc) -> str
    ingest_files(state, paths) -> str
    rebuild_index(state) -> iterator of status lines
"""
from __future__ import annotations

import html
from pathlib import Path
from types import SimpleNamespace
from typing import Iterator, Sequence

from research import library
from research.store import Store
from research.types import Document
from research.ui.common import PASSAGE_CSS, marked, page_map, shown_errors
from research.ui.state import AppState

MAX_DOCUMENT_CHARS = 60_000  # a browser shows the rest poorly; the CLI has it all


def document_html(doc: Document | None) -> str:
    if doc is None:
        return "<p>No such document.</p>"
    shown = min(len(doc.text), MAX_DOCUMENT_CHARS)
    meta = ", ".join(p for p in (doc.kind, doc.court, doc.date, doc.edition) if p)
    cut = f"<p><i>First {shown:,} of {len(doc.text):,} characters shown.</i></p>" if shown < len(doc.text) else ""
    return (f"<style>{PASSAGE_CSS}</style><p><b>{html.escape(doc.title)}</b> "
            f"{html.escape('; '.join(doc.citations))} <small>[{html.escape(doc.id)}] {html.escape(meta)}</small></p>"
            f"{cut}<div class='passage'>{marked(doc, 0, shown, 0, 0, page_map(doc))}</div>")


def _table(title: str, counts: dict[str, int], limit: int = 15, by_label: bool = False) -> str:
    order = (lambda kv: kv[0]) if by_label else (lambda kv: (-kv[1], kv[0]))
    rows = sorted(counts.items(), key=order, reverse=by_label)[:limit]
    more = f"\n\n({len(counts) - limit} more)" if len(counts) > limit else ""
    return (f"| {title} | documents |\n|---|---|\n"
            + "\n".join(f"| {k.replace('|', '/')} | {v:,} |" for k, v in rows) + more)


def library_stats(store: Store) -> tuple[str, list[tuple[str, int]]]:
    """Markdown tables (kind, court, year) and (year, count) rows for the chart."""
    stats = store.stats()
    text = (f"**{stats['documents']:,} documents, {stats['chunks']:,} passages.**\n\n"
            + "\n\n".join((_table("Kind", stats["by_kind"]), _table("Court", stats["by_court"]),
                           _table("Year", stats["by_year"], limit=10, by_label=True))))
    return text, sorted(stats["by_year"].items())


def find_documents(state: AppState, query: str, *, k: int = 15) -> list[tuple[str, str]]:
    """(label, doc_id): the document with that id, else the documents search finds."""
    query = query.strip()
    if not query:
        return []
    doc = state.db.store().get(query)
    if doc is not None:
        return [(_label(doc.id, doc.title, doc.primary_citation), doc.id)]
    seen: dict[str, str] = {}
    for hit in state.search.searcher().search(query, k=k):
        seen.setdefault(hit.doc_id, _label(hit.doc_id, hit.title, hit.citation))
    return [(label, doc_id) for doc_id, label in seen.items()]


def _label(doc_id: str, title: str, citation: str) -> str:
    return f"{citation or doc_id} — {title}"[:160]


def ingest_files(state: AppState, paths: Sequence[str | Path]) -> str:
    """Add the uploaded files to the library; broken files are listed."""
    from research.ui.auth import check_uploads

    if not paths:
        return "Choose one or more files to add."
    files = check_uploads(paths, state.max_upload_mb)
    report = library.ingest_paths(state.db.store(), files, state.settings)
    lines = [f"Added {report.added}, updated {report.updated}, unchanged {report.unchanged}. "
             "Keyword search has them now; rebuild the index for meaning-based search."]
    lines += [f"- could not read {Path(f.path).name}: {f.problem}" for f in report.failures]
    return "\n".join(lines)


def rebuild_index(state: AppState, *, poll: float = 1.0) -> Iterator[str]:
    """Start a background build (only what changed is embedded) and report until it ends."""
    background = library.BackgroundIndex(state.settings)
    state.search.background = background
    background.start()
    while not background.ready.wait(poll):
        yield f"Index: {background.status}"
    yield f"Index: {background.status}" + (f" ({background.error})" if background.error else "")


def build_tab(state: AppState) -> None:
    import gradio as gr

    def stats():
        import pandas as pd

        text, years = library_stats(state.db.store())
        return text, pd.DataFrame(years, columns=["year", "documents"])

    view = _layout(gr, *stats())

    def run_rebuild():
        yield from rebuild_index(state)

    view.query.submit(lambda q: gr.update(choices=find_documents(state, q), value=None), view.query, view.found)
    view.found.change(lambda d: document_html(state.db.store().get(d)) if d else "", view.found, view.document)
    view.ingest.click(shown_errors(lambda files: ingest_files(state, files or [])), view.upload,
                      view.progress).then(stats, None, [view.summary, view.plot])
    view.rebuild.click(run_rebuild, None, view.progress)


def _layout(gr, summary: str, chart) -> SimpleNamespace:
    """Find a document, add files, rebuild the index; what the library holds
    comes after the everyday actions, so they stay above the fold (stable element ids)."""
    view = SimpleNamespace()
    with gr.Row():
        view.query = gr.Textbox(label="Find a document (id, citation or words)", elem_id="library-search", scale=4)
        view.found = gr.Dropdown([], label="Documents", elem_id="library-results", scale=4)
    view.document = gr.HTML(elem_id="library-doc")
    with gr.Row():
        view.upload = gr.File(label="Add files (PDF, DOCX, text, XML, JSON)", file_count="multiple",
                              elem_id="library-upload")
        with gr.Column():
            view.ingest = gr.Button("Add to library", elem_id="library-ingest")
            view.rebuild = gr.Button("Rebuild search index", elem_id="library-rebuild")
    view.progress = gr.Markdown(elem_id="library-progress")
    with gr.Row():
        view.summary = gr.Markdown(summary, elem_id="library-stats")
        view.plot = gr.BarPlot(chart, x="year", y="documents", title="Documents by year", elem_id="library-chart")
    return view
