"""Plain text and Markdown files: the fallback ingester.

A file is a user's own document (kind "document", id ``user/<first 16 hex
of sha256 of the bytes>``) unless it is read as an opinion: with
``kind="opinion"``, or by default when it carries Supreme Court slip-opinion
running heads. As an opinion, running heads become a page map, the caption
gives title, court, date and docket, and with ``citation`` star pagination
(``*13``) gives that reporter's page map.
"""
from __future__ import annotations

import codecs
import hashlib
import re
from pathlib import Path
from typing import Callable, Iterator

from research.corpus.limits import check_file_size
from research.corpus.opinion_caption import read_caption
from research.corpus.opinion_meta import clean_case_name, jurisdiction_of, opinion_id, parse_cite
from research.corpus.opinion_slip import clean_slip_opinion, tidy_plain
from research.corpus.pagination import ReporterCite, build_page_maps, star_marker_finder, strip_markers
from research.errors import IngestError
from research.settings import Settings
from research.types import Document

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
_UTF16 = ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


def user_id(data: bytes) -> str:
    """Id of a user's file: the same bytes always get the same id."""
    return "user/" + hashlib.sha256(data).hexdigest()[:16]


def decode_text(path: Path, data: bytes, *, hint: str = "") -> str:
    """A text file's characters: UTF-8, or UTF-16 with a byte-order mark. A
    byte-order mark is kept as character 0, so offsets count every character
    of the file. A NUL anywhere (outside UTF-16) makes it binary, not text.
    ``hint`` is added to the message when the file is not text."""
    encoding = next((name for bom, name in _UTF16 if data.startswith(bom)), "utf-8")
    nul = data.find(b"\x00") if encoding == "utf-8" else -1
    if nul >= 0:
        raise IngestError(path, f"binary file, not text (a NUL byte at position {nul}){hint}")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        label, advice = ("UTF-8", "; save it as UTF-8") if encoding == "utf-8" else ("UTF-16", "")
        raise IngestError(path, f"not {label} text (byte 0x{data[exc.start]:02x} at position "
                                f"{exc.start}){advice}{hint}") from exc
    if "\x00" in text:
        raise IngestError(path, f"binary file, not text (a NUL character at position {text.index(chr(0))}){hint}")
    if not text.strip("\ufeff \t\r\n\f\v"):
        raise IngestError(path, "empty file: nothing to read")
    return text


def read_text_file(path: Path, max_text_mb: float = Settings.max_text_mb) -> tuple[bytes, str]:
    check_file_size(path, max_text_mb)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(path, f"cannot read file: {exc}") from exc
    return data, decode_text(path, data).removeprefix("\ufeff")


class PlainTextIngester:
    name = "plaintext"

    def __init__(self, kind: str | None = None, collection: str = "library",
                 source: Callable[[Path], str] | None = None, citation: str = "",
                 max_text_mb: float = Settings.max_text_mb):
        self.kind = kind
        self.collection = collection
        self.source = source or str
        self.citation = citation
        self.max_text_mb = max_text_mb

    def accepts(self, path: Path) -> bool:
        path = Path(path)
        return path.is_file() and path.suffix.lower() in TEXT_SUFFIXES

    def read(self, path: Path) -> Iterator[Document]:
        path = Path(path)
        data, text = read_text_file(path, self.max_text_mb)
        kind = self.kind or ("opinion" if clean_slip_opinion(text).page_map else "document")
        if kind == "opinion":
            yield self._opinion(path, data, text)
        else:
            yield self._document(path, data, text, kind)

    def _document(self, path: Path, data: bytes, text: str, kind: str) -> Document:
        heading = re.search(r"^#\s+(.+)$", text, re.M) if path.suffix.lower() in (".md", ".markdown") else None
        return Document(id=user_id(data), kind=kind, title=heading.group(1).strip() if heading else path.name,
                        text=tidy_plain(text), source=self.source(path), collection=self.collection,
                        extra={"file_name": path.name})

    def _opinion(self, path: Path, data: bytes, text: str) -> Document:
        slip = clean_slip_opinion(text)
        caption = read_caption(slip.text)
        cite = parse_cite(self.citation) if self.citation else None
        body, maps = slip.text, ((slip.page_map,) if slip.page_map else ())
        if cite:
            body, anchors = strip_markers(slip.text, star_marker_finder(str(cite), int(cite.page)))
            own = ReporterCite(str(cite), str(cite), cite.reporter, cite.volume, cite.page)
            maps = build_page_maps([own], anchors, len(body)) + maps
        jurisdiction = jurisdiction_of(caption.court)
        extra = {"docket_number": caption.docket, "file_name": path.name}
        if slip.volume:
            extra["slip_cite"] = f"{slip.volume} U.S. ___"
        return Document(
            id=opinion_id(cite) if cite else slip_id(jurisdiction, caption.docket, data),
            kind="opinion", title=clean_case_name(caption.title) or path.stem, text=body,
            citations=(str(cite),) if cite else (), court=caption.court, jurisdiction=jurisdiction,
            date=caption.date, source=self.source(path), collection=self.collection, page_maps=maps, extra=extra)


def slip_id(jurisdiction: str, docket: str, data: bytes) -> str:
    """``slip/us-11-345`` for a slip opinion known only by its docket number."""
    number = re.sub(r"^(?:.*\bNos?\.?|Docket|Case)\s*:?\s*", "", docket, flags=re.I)
    number = re.sub(r"[^a-z0-9]+", "-", number.lower()).strip("-")
    if not number:
        return user_id(data)
    prefix = re.sub(r"[^a-z0-9]+", "", jurisdiction.lower()) or "court"
    return f"slip/{prefix}-{number}"


INGESTER = PlainTextIngester()
