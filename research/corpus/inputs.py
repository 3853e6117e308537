"""Reading a user's brief or memo (text, PDF, Word) as the text to check.

    read_input(path, *, max_text_mb=20) -> InputText

Offsets into ``InputText.text`` are offsets into the text as extracted: for
a text file its bytes decoded as UTF-8 (or UTF-16, with a byte-order mark), nothing rewritten (CRLF stays two
characters, a byte-order mark is character 0), so ``content[start:end]`` is
a span as written; for PDF and Word files the text pypdf and python-docx
give (research.corpus.pdf / research.corpus.docx), PDF pages joined by a
blank line.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from research.errors import IngestError
from research.settings import Settings

PageOf = Callable[[int], "int | None"]
CHECKABLE = ".txt, .md and other UTF-8 text (or UTF-16 with a byte-order mark), .pdf, .docx"
_SNIFF = 8192  # bytes read to tell PDF and old Word files from text


@dataclass(frozen=True)
class InputText:
    """The text of a file as checked, and (PDF only) the page of an offset."""

    text: str
    page_of: PageOf | None = None


def read_input(path: Path | str, *, max_text_mb: float = Settings.max_text_mb) -> InputText:
    """Text of a brief or memo; IngestError names the file and the problem
    (over ``max_text_mb`` of text included, checked before unpacking)."""
    path = Path(path)
    if not path.exists():
        raise IngestError(path, "no such file")
    if path.is_dir():
        raise IngestError(path, "is a folder; give the files in it")
    head = _head(path)
    suffix = path.suffix.lower()
    if suffix == ".pdf" or head.startswith(b"%PDF"):
        return _read_pdf(path, max_text_mb)
    if suffix == ".docx":
        return _read_docx(path, max_text_mb)
    if suffix == ".doc" or head.startswith(b"\xd0\xcf\x11\xe0"):
        raise IngestError(path, "old Word .doc format: save it as .docx or PDF")
    return InputText(_read_text(path, max_text_mb))


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(_SNIFF)
    except OSError as exc:
        raise IngestError(path, f"cannot read file: {exc.strerror or exc}") from exc


def _read_text(path: Path, max_text_mb: float) -> str:
    from research.corpus.limits import check_file_size
    from research.corpus.plaintext import decode_text

    check_file_size(path, max_text_mb)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(path, f"cannot read file: {exc.strerror or exc}") from exc
    return decode_text(path, data, hint=f" (checkable: {CHECKABLE})")


def _read_pdf(path: Path, max_text_mb: float) -> InputText:
    from research.corpus.pdf import PdfIngester

    document = next(iter(PdfIngester(max_text_mb=max_text_mb).read(path)))
    page_map = document.page_map_for("pdf")
    if page_map is None:
        return InputText(document.text)

    def page_of(offset: int) -> int | None:
        label = page_map.page_at(offset)
        return int(label) if label and label.isdigit() else None

    return InputText(document.text, page_of)


def _read_docx(path: Path, max_text_mb: float) -> InputText:
    from research.corpus.docx import DocxIngester

    return InputText(next(iter(DocxIngester(max_text_mb=max_text_mb).read(path))).text)
