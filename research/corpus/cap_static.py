"""Caselaw Access Project static bulk layout (static.case.law).

A root holds ``ReportersMetadata.json``; each ``<reporter>/<volume>/`` holds
``CasesMetadata.json``, ``cases/<file>.json`` (metadata and casebody as JSON)
and ``html/<file>.html`` (the casebody with page labels
``<a class="page-label" data-label="5">*5</a>`` and footnote asides). The
HTML is preferred for the text because it carries the page labels.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterator, Mapping

from research.corpus.cap_v1 import cap_metadata
from research.corpus.opinion_markup import Renderer, parse_markup
from research.corpus.opinion_sniff import CAP_STATIC, json_kind, load_json
from research.corpus.pagination import ReporterCite, TextBuilder, build_page_maps
from research.errors import IngestError
from research.types import Document

_MARKERS = ("ReportersMetadata.json", "ReporterMetadata.json", "CasesMetadata.json")


class CapStaticIngester:
    name = "cap_static"

    def __init__(self, source: Callable[[Path], str] | None = None, collection: str = "library"):
        self.source = source or str
        self.collection = collection

    def accepts(self, path: Path) -> bool:
        path = Path(path)
        if path.is_dir():
            return any((path / marker).is_file() for marker in _MARKERS)
        return json_kind(path) == CAP_STATIC

    def read(self, path: Path) -> Iterator[Document]:
        path = Path(path)
        files = [path] if path.is_file() else sorted(path.rglob("cases/*.json"))
        if not files:
            raise IngestError(path, "CAP static folder without cases/*.json")
        for case_path in files:
            yield self._read_case(case_path)

    def _read_case(self, case_path: Path) -> Document:
        try:
            data = load_json(case_path)
            meta = cap_metadata(data)
        except (OSError, ValueError) as exc:
            raise IngestError(case_path, f"cannot read CAP static case: {exc}") from exc
        cites = meta.pop("cites")
        html_path = case_path.parent.parent / "html" / f"{case_path.stem}.html"
        builder = TextBuilder()
        if html_path.is_file():
            keys = {str(i): str(c) for i, c in enumerate(cites, start=1)}
            markup = html_path.read_text(encoding="utf-8")
            Renderer(builder, page_key=lambda i: keys.get(i, i), relocate_footnotes=True).render(
                parse_markup(markup))
        else:
            _write_casebody(builder, data.get("casebody") or {})
        text = builder.text()
        official = ReporterCite(str(cites[0]), str(cites[0]), cites[0].reporter, cites[0].volume,
                                str(data.get("first_page") or cites[0].page), str(data.get("last_page") or ""))
        extra = dict(meta.pop("extra"), cap_file=case_path.stem)
        return Document(text=text, source=self.source(case_path), collection=self.collection,
                        page_maps=build_page_maps([official], builder.anchors, len(text)), extra=extra, **meta)


def _write_casebody(builder: TextBuilder, body: Mapping[str, Any]) -> None:
    """Casebody JSON without HTML: head matter, then each opinion with its author."""
    for part in [body.get("head_matter") or ""] + [_opinion_text(o) for o in body.get("opinions") or []]:
        for paragraph in part.split("\n"):
            builder.block()
            builder.write(paragraph)


def _opinion_text(opinion: Mapping[str, Any]) -> str:
    author = opinion.get("author") or ""
    return f"{author}\n{opinion.get('text') or ''}" if author else opinion.get("text") or ""


INGESTER = CapStaticIngester()
