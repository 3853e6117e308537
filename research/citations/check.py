"""Check every citation in a user's file (text, PDF, Word) against the
library and the citation directory, and check each citation's form.

    check_file(path, *, store, directory=None, max_text_mb=20, style="bluebook") -> CheckReport
    check_files(paths, *, store, directory=None, max_text_mb=20, style="bluebook")
        -> Iterator[CheckReport | IngestFailure]

The file is read by ``research.corpus.read_input`` (offsets in a report are
offsets into the text as extracted; over ``max_text_mb`` of text is refused
before unpacking); opening the library and the directory is the facade's
(``research.library.open_library`` / ``open_directory``). Form is checked in
``style`` (research.types.FORM_STYLES) beside substance.
Nothing heavy is imported here: no torch, faiss or embedding model.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

from research.corpus import read_input
from research.errors import failure_of
from research.settings import Settings
from research.types import DEFAULT_STYLE, CheckReport, IngestFailure

if TYPE_CHECKING:
    from research.citations.directory import Directory
    from research.store import Store


def check_file(path: Path | str, *, store: "Store | None", directory: "Directory | None" = None,
               max_text_mb: float = Settings.max_text_mb, style: str = DEFAULT_STYLE) -> CheckReport:
    """Extract and validate every citation of one file, and check its form in ``style``."""
    source = read_input(path, max_text_mb=max_text_mb)
    from research.citations.form import form_report
    from research.citations.validate import check_text

    report = check_text(source.text, store=store, directory=directory, file=str(path), page_of=source.page_of)
    return form_report(report, style)


def check_files(paths: Iterable[Path | str], *, store: "Store | None", directory: "Directory | None" = None,
                max_text_mb: float = Settings.max_text_mb,
                style: str = DEFAULT_STYLE) -> Iterator[CheckReport | IngestFailure]:
    """A report per file; a file that cannot be read or checked, for whatever
    reason, gives an IngestFailure naming it, and the others are still checked."""
    for path in paths:
        try:
            yield check_file(path, store=store, directory=directory, max_text_mb=max_text_mb, style=style)
        except Exception as error:  # noqa: BLE001 - one odd file must not stop the batch
            yield IngestFailure(str(path), failure_of(error))
