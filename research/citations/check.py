"""Check every citation in a user's file (text, PDF, Word) against the
library and the citation directory.

    read_input(path) -> InputText
    check_file(path, *, store, directory=None, style="bluebook") -> CheckReport   # substance and form
    check_files(paths, *, store, directory=None, style="bluebook") -> Iterator[CheckReport | IngestFailure]
    open_library(settings) -> Store;  open_directory(settings) -> Directory | None

Offsets in a report are offsets into the text as extracted: for a text file
its bytes decoded as UTF-8, nothing rewritten (CRLF stays two characters, a
byte-order mark is character 0), so ``content[start:end]`` is the citation as
written; for PDF and Word files the text pypdf and python-docx give
(research.corpus.pdf / research.corpus.docx), PDF pages joined by a blank line.
Nothing heavy is imported here: no torch, faiss or embedding model.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from research.errors import IngestError, ResearchError
from research.settings import Settings
from research.types import DEFAULT_STYLE, CheckReport, IngestFailure

PageOf = Callable[[int], "int | None"]
CHECKABLE = ".txt, .md and other UTF-8 text, .pdf, .docx"
_SNIFF = 8192  # bytes read to tell text from binary


@dataclass(frozen=True)
class InputText:
    """The text of a file as checked, and (PDF only) the page of an offset."""

    text: str
    page_of: PageOf | None = None


def read_input(path: Path | str) -> InputText:
    """Text of a brief or memo; IngestError names the file and the problem."""
    path = Path(path)
    if not path.exists():
        raise IngestError(path, "no such file")
    if path.is_dir():
        raise IngestError(path, "is a folder; give the files in it")
    head = _head(path)
    suffix = path.suffix.lower()
    if suffix == ".pdf" or head.startswith(b"%PDF"):
        return _read_pdf(path)
    if suffix == ".docx":
        return _read_docx(path)
    if suffix == ".doc" or head.startswith(b"\xd0\xcf\x11\xe0"):
        raise IngestError(path, "old Word .doc format: save it as .docx or PDF")
    return InputText(_read_text(path))


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(_SNIFF)
    except OSError as exc:
        raise IngestError(path, f"cannot read file: {exc.strerror or exc}") from exc


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(path, f"cannot read file: {exc.strerror or exc}") from exc
    if b"\x00" in data[:_SNIFF]:
        raise IngestError(path, f"binary file, not text (checkable: {CHECKABLE})")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise IngestError(path, f"not UTF-8 text (byte 0x{data[exc.start]:02x} at position "
                                f"{exc.start}); save it as UTF-8 (checkable: {CHECKABLE})") from exc
    if not text.strip():
        raise IngestError(path, "empty file: nothing to check")
    return text


def _read_pdf(path: Path) -> InputText:
    from research.corpus.pdf import INGESTER

    document = next(iter(INGESTER.read(path)))
    page_map = document.page_map_for("pdf")
    if page_map is None:
        return InputText(document.text)

    def page_of(offset: int) -> int | None:
        label = page_map.page_at(offset)
        return int(label) if label and label.isdigit() else None

    return InputText(document.text, page_of)


def _read_docx(path: Path) -> InputText:
    from research.corpus.docx import INGESTER

    return InputText(next(iter(INGESTER.read(path))).text)


def check_file(path: Path | str, *, store: Any, directory: Any = None, style: str = DEFAULT_STYLE) -> CheckReport:
    """Extract and validate every citation of one file, and check its form
    in ``style`` (research.types.FORM_STYLES)."""
    source = read_input(path)
    from research.citations.form import form_report
    from research.citations.validate.pipeline import check_text

    report = check_text(source.text, store=store, directory=directory, file=str(path), page_of=source.page_of)
    return form_report(report, style)


def check_files(paths: Iterable[Path | str], *, store: Any, directory: Any = None,
                style: str = DEFAULT_STYLE) -> Iterator[CheckReport | IngestFailure]:
    """A report per file; a file that cannot be read or checked gives an
    IngestFailure naming it, and the others are still checked."""
    for path in paths:
        try:
            yield check_file(path, store=store, directory=directory, style=style)
        except IngestError as error:
            yield IngestFailure(str(path), error.problem)
        except (ResearchError, OSError) as error:
            yield IngestFailure(str(path), str(error))


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def open_library(settings: Settings, *, notify: Callable[[str], None] = _stderr):
    """The library store, read-only. A library that does not exist yet (or
    holds nothing) is first filled once from the shipped corpora."""
    from research import library

    if not settings.db_path.exists() or _is_empty(settings):
        notify(f"No library at {settings.db_path} yet: loading the shipped corpora from "
               f"{settings.corpora_dir} once (this takes a minute or two)...")
        with library.open_store(settings) as store:
            report = library.sync_corpora(store, settings.corpora_dir)
        notify(f"Library ready: {report.added} documents loaded.")
    return library.open_store(settings, readonly=True)


def _is_empty(settings: Settings) -> bool:
    from research import library

    try:
        with library.open_store(settings, readonly=True) as store:
            return store.count() == 0
    except ResearchError:
        return True  # no schema yet: the writable open below creates it


def open_directory(settings: Settings):
    """The citation directory at ``home/directory.sqlite3`` (the shipped
    directory in the corpora folder is loaded into it on first use)."""
    from research.citations.directory.table import open_directory as open_

    return open_(settings)
