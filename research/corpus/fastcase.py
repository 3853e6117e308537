"""Fastcase XML opinions (the format of CAP's Fastcase import).

``CaseHtml`` is escaped HTML, sometimes mixed with literal tags (which an XML
parser would read as child elements and silently cut the text short), so the
HTML fields are taken from the raw file and unescaped once. Inline markers
``[945 N.E.2d 485 , 920 N.Y.S.2d 292]`` give one page map per reporter.
"""
from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Callable, Iterator

from research.corpus.base import parse_xml, peek
from research.corpus.opinion_markup import markup_to_text
from research.corpus.opinion_meta import (Cite, canonical_reporter, clean_case_name, iso_date,
                                          jurisdiction_of, opinion_id, order_cites)
from research.corpus.pagination import ReporterCite, TextBuilder, bracket_marker_finder, build_page_maps
from research.errors import IngestError
from research.types import Document

# Fastcase's New York files put the decision date in DocketNumbers ("Feb. 24", "2011.").
_DOCKET_DAY = re.compile(r"^[A-Z][a-z]{2,8}\.? \d{1,2}\.?$")
_DOCKET_YEAR = re.compile(r"^\d{4}\.?$")


class FastcaseIngester:
    name = "fastcase"

    def __init__(self, source: Callable[[Path], str] | None = None, collection: str = "library"):
        self.source = source or str
        self.collection = collection

    def accepts(self, path: Path) -> bool:
        path = Path(path)
        if path.suffix.lower() != ".xml" or not path.is_file():
            return False
        head = peek(path, 2048)
        return "<Case>" in head and ("<ShortName>" in head or "<CaseHtml>" in head)

    def read(self, path: Path) -> Iterator[Document]:
        path = Path(path)
        try:
            raw = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise IngestError(path, f"cannot read Fastcase XML: {exc}") from exc
        root = parse_xml(raw.encode("utf-8"), path=path, what="Fastcase XML")
        if root.tag != "Case":
            raise IngestError(path, f"not a Fastcase case (root element <{root.tag}>)")
        yield self._document(path, raw, root)

    def _document(self, path: Path, raw: str, root) -> Document:
        cites = order_cites(_citations(root))
        date, dockets, raw_date = _date_and_dockets(root)
        court = _court(root)
        text, maps = _text_and_maps(raw, cites)
        extra = {"docket_number": "; ".join(dockets), "fastcase_file": path.name}
        if raw_date and iso_date(raw_date) != date:
            extra["fastcase_decision_date"] = raw_date
        return Document(
            id=opinion_id(cites[0]) if cites else f"fastcase/{path.stem.lower()}",
            kind="opinion",
            title=clean_case_name(root.findtext("ShortName") or path.stem),
            text=text,
            citations=tuple(str(c) for c in cites),
            court=court,
            jurisdiction=jurisdiction_of(court),
            date=date,
            source=self.source(path),
            collection=self.collection,
            page_maps=maps,
            extra=extra,
        )


def _citations(root) -> list[Cite]:
    cites = []
    for node in root.findall("Citations/Citation"):
        volume, reporter, page = (
            (node.findtext(tag) or "").strip() for tag in ("Volume", "Reporter", "Page"))
        if volume and reporter and page:
            cites.append(Cite(volume, canonical_reporter(reporter), page, reporter))
    return cites


def _court(root) -> str:
    name = html.unescape(root.findtext("Jurisdiction/CourtName") or "").strip().rstrip(".")
    return re.sub(r",(?=\S)", ", ", name)


def _date_and_dockets(root) -> tuple[str, list[str], str]:
    dockets = [d.text.strip() for d in root.findall("DocketNumbers/DocketNumber") if d.text and d.text.strip()]
    raw_date = (root.findtext("DecisionDate") or "").strip()
    if len(dockets) == 2 and _DOCKET_DAY.match(dockets[0]) and _DOCKET_YEAR.match(dockets[1]):
        real = iso_date(f"{dockets[0].rstrip('.')}, {dockets[1].rstrip('.')}")
        if real:
            return real, [], raw_date
    return iso_date(raw_date), dockets, raw_date


def raw_field(raw: str, tag: str) -> str:
    """Inner markup of ``<tag>``, XML-unescaped once (HTML entities stay for the renderer)."""
    match = re.search(rf"<{tag}>(.*?)</{tag}>", raw, re.S)
    if not match:
        return ""
    inner = match.group(1)
    # A converter bug turned "$" into a tag.
    inner = inner.replace("&lt;gtdollargt&gt;", "$").replace("<gtdollargt>", "$")
    inner = html.unescape(inner)
    return re.sub(r"<(https?://[^<>\s]+)>", r"\1", inner)


def _text_and_maps(raw: str, cites: list[Cite]):
    keyed = [(str(c), c.volume, r) for c in cites for r in {c.reporter, c.raw_reporter}]
    finder = bracket_marker_finder(keyed)
    builder = TextBuilder()
    # The header holds the cites, parties, court and date as printed at the top
    # of the first page, and sometimes counsel and markers for the next pages.
    markup_to_text(raw_field(raw, "HeaderHtml"), builder, finder=finder)
    builder.block()
    markup_to_text(raw_field(raw, "CaseHtml"), builder, finder=finder)
    text = builder.text()
    reporters = [ReporterCite(str(c), str(c), c.reporter, c.volume, c.page) for c in cites]
    return text, build_page_maps(reporters, builder.anchors, len(text))


INGESTER = FastcaseIngester()
