"""The Library tab, and the passage view the other tabs share.

    passage_html(doc, start, end, *, citation="") -> str   # a span in context, page labels marked
    library_stats(store) -> (markdown, chart rows)
    find_documents(service, query) -> [(label, doc_id)]
    document_html(doc) -> str
    ingest_files(service, paths) -> str
    rebuild_index(service) -> iterator of status lines
"""
from __future__ import annotations

import html
from pathlib import Path
from typing import Any, Iterator, Sequence

from research import library
from research.types import Document, PageMap

CONTEXT_CHARS = 700
MAX_DOCUMENT_CHARS = 60_000  # a browser shows the rest poorly; the CLI has it all
PASSAGE_CSS = (".passage{white-space:pre-wrap;font:14px/1.6 ui-monospace,Menlo,Consolas,monospace;"
               "border:1px solid #ccc;padding:.8em;background:#fcfcfc;max-height:32em;overflow:auto}"
               ".passage mark{background:#fff1a8;border-bottom:2px solid #8a5a00}"
               ".passage .pg{font:bold 12px system-ui,sans-serif;color:#1d4f91;background:#e8f0fb;"
               "padding:0 .2em;border-radius:2px}")


def page_map(doc: Document, citation: str = "") -> PageMap | None:
    """The page map of ``citation`` (its reporter), else the document's first."""
    found = doc.page_map_for(citation) if citation else None
    return found or (doc.page_maps[0] if doc.page_maps else None)


def page_label(doc: Document, offset: int, citation: str = "") -> str:
    pages = page_map(doc, citation)
    label = pages.page_at(offset) if pages else None
    return f"page {label} of {pages.citation}" if label and pages else ""


def _marked(doc: Document, a: int, b: int, start: int, end: int, pages: PageMap | None) -> str:
    """doc.text[a:b] escaped, [start, end) in <mark>, a [*page] label at each page break."""
    events = [(start, 1, "<mark>"), (end, 0, "</mark>")] if end > start else []
    if pages:
        events += [(br.offset, 2, f"<span class='pg'>[*{html.escape(br.label)}]</span>")
                   for br in pages.breaks if a <= br.offset < b]
    parts, pos = [], a
    for offset, _, tag in sorted(e for e in events if a <= e[0] <= b):
        parts += [html.escape(doc.text[pos:offset]), tag]
        pos = offset
    parts.append(html.escape(doc.text[pos:b]))
    return "".join(parts)


def passage_html(doc: Document, start: int, end: int, *, citation: str = "", context: int = CONTEXT_CHARS) -> str:
    """The span [start, end) of ``doc`` highlighted, with ``context`` characters around it."""
    a, b = max(0, start - context), min(len(doc.text), end + context)
    pages = page_map(doc, citation)
    where = page_label(doc, start, citation)
    head = (f"<p><b>{html.escape(doc.title)}</b> {html.escape(doc.primary_citation)} "
            f"<small>[{html.escape(doc.id)}] characters {start}-{end}"
            f"{' · ' + html.escape(where) if where else ''}</small></p>")
    return (f"<style>{PASSAGE_CSS}</style>{head}<div class='passage'>{'…' if a else ''}"
            f"{_marked(doc, a, b, start, end, pages)}{'…' if b < len(doc.text) else ''}</div>")


def document_html(doc: Document | None) -> str:
    if doc is None:
        return "<p>No such document.</p>"
    shown = min(len(doc.text), MAX_DOCUMENT_CHARS)
    meta = ", ".join(p for p in (doc.kind, doc.court, doc.date, doc.edition) if p)
    cut = f"<p><i>First {shown:,} of {len(doc.text):,} characters shown.</i></p>" if shown < len(doc.text) else ""
    return (f"<style>{PASSAGE_CSS}</style><p><b>{html.escape(doc.title)}</b> "
            f"{html.escape('; '.join(doc.citations))} <small>[{html.escape(doc.id)}] {html.escape(meta)}</small></p>"
            f"{cut}<div class='passage'>{_marked(doc, 0, shown, 0, 0, page_map(doc))}</div>")


def _table(title: str, counts: dict[str, int], limit: int = 15, by_label: bool = False) -> str:
    order = (lambda kv: kv[0]) if by_label else (lambda kv: (-kv[1], kv[0]))
    rows = sorted(counts.items(), key=order, reverse=by_label)[:limit]
    more = f"\n\n({len(counts) - limit} more)" if len(counts) > limit else ""
    return (f"| {title} | documents |\n|---|---|\n"
            + "\n".join(f"| {k.replace('|', '/')} | {v:,} |" for k, v in rows) + more)


def library_stats(store: Any) -> tuple[str, list[tuple[str, int]]]:
    """Markdown tables (kind, court, year) and (year, count) rows for the chart."""
    stats = store.stats()
    text = (f"**{stats['documents']:,} documents, {stats['chunks']:,} passages.**\n\n"
            + "\n\n".join((_table("Kind", stats["by_kind"]), _table("Court", stats["by_court"]),
                           _table("Year", stats["by_year"], limit=10, by_label=True))))
    return text, sorted(stats["by_year"].items())


def find_documents(service: Any, query: str, *, k: int = 15) -> list[tuple[str, str]]:
    """(label, doc_id): the document with that id, else the documents search finds."""
    query = query.strip()
    if not query:
        return []
    doc = service.store().get(query)
    if doc is not None:
        return [(_label(doc.id, doc.title, doc.primary_citation), doc.id)]
    seen: dict[str, str] = {}
    for hit in service.searcher().search(query, k=k):
        seen.setdefault(hit.doc_id, _label(hit.doc_id, hit.title, hit.citation))
    return [(label, doc_id) for doc_id, label in seen.items()]


def _label(doc_id: str, title: str, citation: str) -> str:
    return f"{citation or doc_id} — {title}"[:160]


def ingest_files(service: Any, paths: Sequence[str | Path]) -> str:
    """Add the uploaded files to the library; broken files are listed."""
    from research.ui.auth import check_uploads

    if not paths:
        return "Choose one or more files to add."
    files = check_uploads(paths, service.max_upload_mb)
    settings = service.settings
    report = library.ingest_paths(service.store(), files, max_tokens=settings.max_chunk_tokens,
                                  overlap_tokens=settings.chunk_overlap_tokens, max_text_mb=settings.max_text_mb)
    lines = [f"Added {report.added}, updated {report.updated}, unchanged {report.unchanged}. "
             "Keyword search has them now; rebuild the index for meaning-based search."]
    lines += [f"- could not read {Path(f.path).name}: {f.problem}" for f in report.failures]
    return "\n".join(lines)


def rebuild_index(service: Any, *, poll: float = 1.0) -> Iterator[str]:
    """Start a background build (only what changed is embedded) and report until it ends."""
    background = library.BackgroundIndex(service.settings)
    service.background = background
    background.start()
    while not background.ready.wait(poll):
        yield f"Index: {background.status}"
    yield f"Index: {background.status}" + (f" ({background.error})" if background.error else "")


def shown_errors(handler):
    """The handler, with the library's typed errors shown to the user as a message."""
    import functools

    import gradio as gr

    from research.errors import ResearchError

    @functools.wraps(handler)
    def wrapped(*args, **kwargs):
        try:
            return handler(*args, **kwargs)
        except (ResearchError, OSError, ValueError) as error:
            raise gr.Error(str(error)) from error

    return wrapped


def build_tab(service: Any) -> None:
    import gradio as gr
    import pandas as pd

    def stats():
        text, years = library_stats(service.store())
        return text, pd.DataFrame(years, columns=["year", "documents"])

    with gr.Row():
        query = gr.Textbox(label="Find a document (id, citation or words)", elem_id="library-search", scale=4)
        found = gr.Dropdown([], label="Documents", elem_id="library-results", scale=4)
    view = gr.HTML(elem_id="library-doc")
    query.submit(lambda q: gr.update(choices=find_documents(service, q), value=None), query, found)
    found.change(lambda d: document_html(service.store().get(d)) if d else "", found, view)
    with gr.Row():
        upload = gr.File(label="Add files (PDF, DOCX, text, XML, JSON)", file_count="multiple",
                         elem_id="library-upload")
        with gr.Column():
            ingest = gr.Button("Add to library", elem_id="library-ingest")
            rebuild = gr.Button("Rebuild search index", elem_id="library-rebuild")
    progress = gr.Markdown(elem_id="library-progress")
    # What the library holds comes after the everyday actions, so they stay above the fold.
    text, chart = stats()
    with gr.Row():
        summary = gr.Markdown(text, elem_id="library-stats")
        plot = gr.BarPlot(chart, x="year", y="documents", title="Documents by year", elem_id="library-chart")
    ingest.click(shown_errors(lambda files: ingest_files(service, files or [])), upload, progress).then(stats, None, [summary, plot])

    def run_rebuild():
        yield from rebuild_index(service)

    rebuild.click(run_rebuild, None, progress)
