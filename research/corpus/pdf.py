"""PDF files a user adds (briefs, memos, opinions saved as PDF), via pypdf.

Each page's text starts at a recorded offset: the document gets one PageMap
with reporter "pdf" whose labels are PDF page numbers, so a span of the text
can be cited to the page of the file it came from.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable, Iterator

from research.corpus.base import peek
from research.corpus.limits import check_size
from research.corpus.opinion_slip import tidy_plain
from research.corpus.plaintext import user_id
from research.errors import IngestError
from research.settings import Settings
from research.types import Document, PageBreak, PageMap

PAGE_SEPARATOR = "\n\n"


class PdfIngester:
    name = "pdf"

    def __init__(self, kind: str = "document", collection: str = "library",
                 source: Callable[[Path], str] | None = None, max_text_mb: float = Settings.max_text_mb):
        self.kind = kind
        self.collection = collection
        self.source = source or str
        self.max_text_mb = max_text_mb

    def accepts(self, path: Path) -> bool:
        path = Path(path)
        return path.is_file() and (path.suffix.lower() == ".pdf" or peek(path, 8).startswith("%PDF"))

    def read(self, path: Path) -> Iterator[Document]:
        path = Path(path)
        data = _read_bytes(path)
        reader = _open(path)
        pages = _page_texts(path, reader, self.max_text_mb)
        text, breaks = _join_pages(pages)
        if not text:
            raise IngestError(path, "no extractable text (a scanned PDF needs OCR first)")
        page_map = PageMap(path.name, "pdf", "", breaks[0].label, breaks[-1].label, breaks)
        title = _metadata_title(reader) or path.name
        yield Document(id=user_id(data), kind=self.kind, title=title, text=text, source=self.source(path),
                       collection=self.collection, page_maps=(page_map,),
                       extra={"file_name": path.name, "pdf_pages": len(pages)})


def _read_bytes(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(path, f"cannot read file: {exc}") from exc
    if not data:
        raise IngestError(path, "empty file")
    return data


def _open(path: Path):
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings repeat our error
    try:
        reader = PdfReader(str(path), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise IngestError(path, "encrypted PDF (a password is needed)")
        if len(reader.pages) == 0:
            raise IngestError(path, "PDF without pages")
    except IngestError:
        raise
    except DependencyError as exc:  # AES without the cryptography package
        raise IngestError(path, f"encrypted PDF that cannot be opened here: {exc}") from exc
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, NotImplementedError) as exc:
        raise IngestError(path, f"corrupt or unreadable PDF: {exc}") from exc
    return reader


def _page_texts(path: Path, reader, max_text_mb: float) -> list[str]:
    """Each page's text; extraction stops as soon as the text is over the limit."""
    from pypdf.errors import PyPdfError

    pages, size = [], 0
    try:
        for page in reader.pages:
            pages.append(tidy_plain(page.extract_text() or ""))
            size += len(pages[-1].encode("utf-8"))
            check_size(path, size, max_text_mb, "the PDF's text")
    except (PyPdfError, ValueError, KeyError, TypeError, NotImplementedError) as exc:
        raise IngestError(path, f"corrupt or unreadable PDF page: {exc}") from exc
    return pages


def _join_pages(pages: list[str]) -> tuple[str, tuple[PageBreak, ...]]:
    """Text of all pages and where each page with text begins."""
    parts, breaks, length = [], [], 0
    for number, page in enumerate(pages, start=1):
        if not page.strip():
            continue
        if parts:
            parts.append(PAGE_SEPARATOR)
            length += len(PAGE_SEPARATOR)
        breaks.append(PageBreak(str(number), length))
        parts.append(page)
        length += len(page)
    return "".join(parts), tuple(breaks)


def _metadata_title(reader) -> str:
    try:
        title = (reader.metadata or {}).get("/Title")
    except Exception:  # broken metadata must not cost the document
        return ""
    return str(title).strip() if title else ""


INGESTER = PdfIngester()
