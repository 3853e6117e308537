"""Picks the ingester for each path and reads many paths, past broken files."""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from research.corpus.base import Ingester
from research.errors import IngestError, UnsupportedFormat
from research.types import Document, IngestFailure

# Most specific first: directory layouts, then sniffed formats, plain text last.
INGESTER_MODULES = (
    "research.corpus.uscode_markdown",
    "research.corpus.cap_static",
    "research.corpus.courtlistener",
    "research.corpus.uslm",
    "research.corpus.fastcase",
    "research.corpus.cap_v1",
    "research.corpus.pdf",
    "research.corpus.docx",
    "research.corpus.plaintext",
)

SKIPPED_NAMES = {"manifest.json", "data.yml", "INDEX_derived.csv"}


def default_ingesters() -> list[Ingester]:
    return [importlib.import_module(name).INGESTER for name in INGESTER_MODULES]


@dataclass(frozen=True)
class ReadResult:
    documents: tuple[Document, ...]
    failures: tuple[IngestFailure, ...]


def ingester_for(path: Path, ingesters: Sequence[Ingester]) -> Ingester | None:
    for ingester in ingesters:
        if ingester.accepts(path):
            return ingester
    return None


def _expand(path: Path, ingesters: Sequence[Ingester]) -> Iterator[tuple[Path, Ingester | None]]:
    """A directory is one unit when some ingester claims it, else its files are."""
    owner = ingester_for(path, ingesters)
    if owner is not None or path.is_file():
        yield path, owner
        return
    if not path.exists():
        yield path, None
        return
    for child in sorted(path.iterdir()):
        if child.name.startswith(".") or child.name in SKIPPED_NAMES:
            continue
        yield from _expand(child, ingesters)


def _read_one(path: Path, ingester: Ingester | None) -> list[Document]:
    if not path.exists():
        raise IngestError(path, "no such file or folder")
    if ingester is None:
        raise UnsupportedFormat(path, "not a format this tool reads (USLM XML, US Code markdown, "
                                "CAP JSON, Fastcase XML, CourtListener JSON, text, PDF, DOCX)")
    return list(ingester.read(path))


def read_paths(
    paths: Iterable[Path | str],
    *,
    ingesters: Sequence[Ingester] | None = None,
    on_file: Callable[[Path], None] | None = None,
) -> ReadResult:
    """Read every document under ``paths``; a broken file becomes a failure, not a stop."""
    ingesters = list(ingesters) if ingesters is not None else default_ingesters()
    documents: list[Document] = []
    failures: list[IngestFailure] = []
    for root in paths:
        for path, ingester in _expand(Path(root), ingesters):
            try:
                documents.extend(_read_one(path, ingester))
            except IngestError as error:
                failures.append(IngestFailure(str(path), error.problem))
            except (OSError, ValueError, UnicodeError) as error:
                failures.append(IngestFailure(str(path), f"could not be read: {error}"))
            if on_file is not None:
                on_file(path)
    return ReadResult(tuple(documents), tuple(failures))
