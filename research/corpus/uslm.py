"""Ingester for USLM XML: U.S. Code titles (USLM 1.0, OLRC release points) and
C.F.R. volumes (USLM 2.0, GPO). One Document per section.

Parsing goes through ``research.corpus.base.parse_xml`` (defusedxml), so a
file declaring entities (the "billion laughs" bomb) or fetching external
ones is refused, not expanded.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Mapping
from xml.etree.ElementTree import Element

from research.corpus.base import parse_xml, peek
from research.corpus.statute_text import (
    IdAllocator, citation, clean_section_number, doc_id, heading_title, normalize_space, status_of,
)
from research.corpus.statute_xml import inline_text, local_name, section_body
from research.errors import IngestError
from research.types import Document

USLM_NAMESPACES = ("http://xml.house.gov/schemas/uslm/1.0", "http://schemas.gpo.gov/xml/uslm")
# Where the shipped files come from, by the folder that holds them.
KNOWN_SOURCES: Mapping[str, str] = {
    "uscode_uslm_2013": "opengovfoundation/us-federal-code@b39fd6cf",
    "cfr_uslm_2018": "usgpo/uslm@10033899",
}
# Containers whose number is worth keeping in ``extra`` (the title is known).
_CONTAINERS = frozenset({"chapter", "subchapter", "part", "subpart", "division"})
_NOT_LAW = frozenset({"notes", "note", "toc", "quotedContent", "meta", "preface", "backMatter"})


@dataclass(frozen=True)
class Edition:
    code: str  # "usc" or "cfr"
    title_number: str
    date: str
    words: str


def _child_text(root: Element, name: str) -> str:
    for el in root.iter():
        if local_name(el.tag) == name:
            return normalize_space("".join(el.itertext()))
    return ""


def _month_year(iso_date: str) -> str:
    return _dt.date.fromisoformat(iso_date).strftime("%B %Y")


def _long_date(iso_date: str) -> str:
    day = _dt.date.fromisoformat(iso_date)
    return f"{day.strftime('%B')} {day.day}, {day.year}"


def _usc_edition(root: Element, path: Path) -> Edition:
    created = _child_text(root, "created")[:10]
    point = _child_text(root, "docPublicationName").rsplit("@", 1)[-1]
    words = f"U.S. Code, release point {point} ({_month_year(created)})" if created else "U.S. Code"
    title = (root.get("identifier") or "").rsplit("/t", 1)[-1] or _child_text(root, "docNumber")
    return Edition("usc", title, created, words)


def _cfr_edition(root: Element, path: Path) -> Edition:
    revised = _child_text(root, "docReleasePoint")[:10]
    if not re.fullmatch(r"\d{4}-\d\d-\d\d", revised):
        raise IngestError(path, "C.F.R. volume without a revision date (docReleasePoint)")
    named = re.search(r"CFR-(\d{4})-", path.name)
    year = named.group(1) if named else revised[:4]
    words = f"Code of Federal Regulations, {year} edition (revised as of {_long_date(revised)})"
    number = re.sub(r"\D", "", _child_text(root, "docNumber"))
    return Edition("cfr", number, revised, words)


def _edition(root: Element, path: Path) -> Edition:
    name = local_name(root.tag)
    if name == "uscDoc" or "/us/usc/" in (root.get("identifier") or ""):
        return _usc_edition(root, path)
    if name == "cfrDoc":
        return _cfr_edition(root, path)
    raise IngestError(path, f"USLM document of an unsupported kind <{name}>")


def _container_label(el: Element) -> tuple[str, str]:
    """('II', 'BUREAU OF ...') from <num>CHAPTER II—</num><heading>...</heading>."""
    num = heading = ""
    for child in el:
        if local_name(child.tag) == "num":
            num = child.get("value") or inline_text(child)
            num = re.sub(r"^(CHAPTER|SUBCHAPTER|PARTS?|SUBPART|SUBTITLE|TITLE|DIVISION)\s*", "",
                         normalize_space(num), flags=re.I).rstrip("—-– ")
        elif local_name(child.tag) == "heading":
            heading = inline_text(child)
    return num, heading


def _sections(el: Element, context: dict[str, str]) -> Iterator[tuple[Element, dict[str, str]]]:
    """Sections of the code body with their chapter/part, not those quoted in notes."""
    for child in el:
        name = local_name(child.tag)
        if name == "section":
            yield child, context
        elif name not in _NOT_LAW:
            inner = context
            if name in _CONTAINERS:
                num, heading = _container_label(child)
                inner = {**context, name: num, f"{name}_heading": heading}
            yield from _sections(child, inner)


class UslmIngester:
    """Reads a USLM ``.xml`` file (U.S. Code title or C.F.R. volume)."""

    name = "uslm"

    def __init__(self, known_sources: Mapping[str, str] = KNOWN_SOURCES) -> None:
        self.known_sources = dict(known_sources)

    def accepts(self, path: Path) -> bool:
        path = Path(path)
        if path.suffix.lower() != ".xml" or not path.is_file():
            return False
        head = peek(path)
        return any(ns in head for ns in USLM_NAMESPACES) and ("<uscDoc" in head or "<cfrDoc" in head)

    def read(self, path: Path) -> Iterator[Document]:
        path = Path(path)
        root = parse_xml(path, path=path)
        if not any(local_name(root.tag) and ns in root.tag for ns in USLM_NAMESPACES):
            raise IngestError(path, f"not a USLM document (root <{root.tag}>)")
        edition = _edition(root, path)
        ids = IdAllocator()
        count = 0
        for section, context in _sections(root, {}):
            document = self._document(section, context, edition, path, ids)
            if document is not None:
                count += 1
                yield document
        if count == 0:
            raise IngestError(path, "no sections found in this USLM document")

    def _source(self, path: Path) -> str:
        repo = self.known_sources.get(path.parent.name)
        return f"{repo}:{path.name}" if repo else str(path)

    def _document(self, section: Element, context: Mapping[str, str], edition: Edition,
                  path: Path, ids: IdAllocator) -> Document | None:
        parts = {local_name(c.tag): c for c in section if local_name(c.tag) in ("num", "heading")}
        if "num" not in parts:
            return None  # an unnumbered section is a quotation or a heading, not law
        num_text = inline_text(parts["num"])
        heading = inline_text(parts["heading"]) if "heading" in parts else ""
        number = clean_section_number(num_text)
        reserved = "reserved" if "reserved" in (section.get("role") or "") else ""
        status = status_of(heading, section.get("status") or reserved)
        lines = [normalize_space(f"{num_text} {heading}")] + section_body(section)
        return Document(
            id=ids.allocate(doc_id(edition.code, edition.title_number, number)),
            kind="statute" if edition.code == "usc" else "regulation",
            title=heading_title(heading),
            text="\n".join(lines),
            citations=(citation(edition.code, edition.title_number, number),),
            jurisdiction="us",
            date=edition.date,
            source=self._source(path),
            edition=edition.words,
            extra=self._extra(section, context, edition, number, status),
        )

    @staticmethod
    def _extra(section: Element, context: Mapping[str, str], edition: Edition,
               number: str, status: str) -> dict[str, str]:
        extra = {"title_number": edition.title_number, "section": number,
                 "chapter": context.get("chapter", ""), **context}
        if status:
            extra["status"] = status
        credit = [c for c in section if local_name(c.tag) == "sourceCredit"]
        if credit:
            extra["source_credit"] = inline_text(credit[0])
        return extra


INGESTER = UslmIngester()
