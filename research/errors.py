"""Typed errors raised by the library; the CLI and UI turn them into messages."""
from __future__ import annotations


class ResearchError(Exception):
    """Base of every error this package raises on purpose."""


class IngestError(ResearchError):
    """A file could not be read as a document. The message names the file."""

    def __init__(self, path: object, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = str(path)
        self.problem = problem


class UnsupportedFormat(IngestError):
    """No ingester recognises the file."""


class IndexMissing(ResearchError):
    """No index has been built at the expected place."""


class IndexMismatch(ResearchError):
    """The index on disk was built from another model, settings or corpus."""


class ModelUnavailable(ResearchError):
    """The embedding model cannot be loaded from local files."""


class CheckError(ResearchError):
    """A document could not be checked for citations."""


class StoreError(ResearchError):
    """The library database cannot be opened or written."""


def failure_of(error: BaseException) -> str:
    """One line saying why a file failed: our own message, or the library's
    error named (pypdf, python-docx, lxml and sqlite raise their own on damaged files)."""
    if isinstance(error, IngestError):
        return error.problem
    if isinstance(error, ResearchError):
        return str(error)
    if isinstance(error, MemoryError):
        return "not enough memory to read it"
    detail = " ".join(str(error).split())[:300]
    return f"{type(error).__name__}: {detail}" if detail else type(error).__name__
