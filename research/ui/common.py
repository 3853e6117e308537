"""What the tabs share: the passage view (a span of a document in context,
page labels marked) and the library's typed errors shown as messages.

    passage_html(doc, start, end, *, citation="") -> str
    marked(doc, a, b, start, end, pages) -> str     # doc.text[a:b], [start, end) highlighted
    page_map(doc, citation="") -> PageMap | None
    shown_errors(handler) -> handler                # ResearchError -> gr.Error
"""
from __future__ import annotations

import html

from research.types import Document, PageMap

CONTEXT_CHARS = 700
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


def marked(doc: Document, a: int, b: int, start: int, end: int, pages: PageMap | None) -> str:
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
            f"{marked(doc, a, b, start, end, pages)}{'…' if b < len(doc.text) else ''}</div>")


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
