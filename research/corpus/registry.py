"""Picks the ingester for each path and reads many paths, past broken files."""
from __future__ import annotations

import copy
import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from research.corpus.base import Ingester
from research.corpus.limits import outside_link
from research.errors import IngestError, UnsupportedFormat, failure_of
from research.settings import Settings
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


def default_ingesters(max_text_mb: float = Settings.max_text_mb) -> list[Ingester]:
    """One of each; those reading a user's files (text, PDF, Word) hold the text limit."""
    ingesters = []
    for name in INGESTER_MODULES:
        ingester = importlib.import_module(name).INGESTER
        if hasattr(ingester, "max_text_mb"):
            ingester = copy.copy(ingester)
            ingester.max_text_mb = max_text_mb
        ingesters.append(ingester)
    return ingesters


@dataclass(frozen=True)
class ReadResult:
    documents: tuple[Document, ...]
    failures: tuple[IngestFailure, ...]


def ingester_for(path: Path, ingesters: Sequence[Ingester]) -> Ingester | None:
    for ingester in ingesters:
        if ingester.accepts(path):
            return ingester
    return None


def _expand(path: Path, ingesters: Sequence[Ingester], root: Path | None = None,
            seen: set[Path] | None = None) -> Iterator[tuple[Path, Ingester | None, str]]:
    """(path, ingester, problem): a directory is one unit when some ingester
    claims it, else its files are. Inside a folder given (``root``), links
    that lead out of it are reported, not followed (nor any folder twice)."""
    problem = outside_link(path, root) if root is not None else ""
    if problem:
        yield path, None, problem
        return
    owner = ingester_for(path, ingesters)
    if owner is not None or path.is_file():
        yield path, owner, ""
        return
    if not path.exists():
        yield path, None, "no such file or folder"
        return
    seen = set() if seen is None else seen
    if path.resolve() in seen:
        return
    seen.add(path.resolve())
    for child in sorted(path.iterdir()):
        if child.name.startswith(".") or child.name in SKIPPED_NAMES:
            continue
        yield from _expand(child, ingesters, root or path, seen)


def _read_one(path: Path, ingester: Ingester | None) -> list[Document]:
    if ingester is None:
        raise UnsupportedFormat(path, "not a format this tool reads (USLM XML, US Code markdown, "
                                "CAP JSON, Fastcase XML, CourtListener JSON, text, PDF, DOCX)")
    return list(ingester.read(path))


def read_paths(
    paths: Iterable[Path | str],
    *,
    ingesters: Sequence[Ingester] | None = None,
    on_file: Callable[[Path], None] | None = None,
    max_text_mb: float = Settings.max_text_mb,
) -> ReadResult:
    """Read every document under ``paths``; a broken file, whatever the
    reason, becomes a one-line failure, not a stop."""
    ingesters = list(ingesters) if ingesters is not None else default_ingesters(max_text_mb)
    documents: list[Document] = []
    failures: list[IngestFailure] = []
    for root in paths:
        for path, ingester, problem in _expand(Path(root), ingesters):
            try:
                if problem:
                    raise IngestError(path, problem)
                documents.extend(_read_one(path, ingester))
            except Exception as error:  # noqa: BLE001 - one odd file must not stop the batch
                failures.append(IngestFailure(str(path), failure_of(error)))
            if on_file is not None:
                on_file(path)
    return ReadResult(tuple(documents), tuple(failures))
