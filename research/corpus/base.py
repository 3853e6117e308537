"""The one interface every ingester implements, and safe XML parsing."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator, Protocol

from research.types import Document


class Ingester(Protocol):
    """Reads one format. ``accepts`` must be cheap (suffix, a peek at the head)."""

    name: str

    def accepts(self, path: Path) -> bool: ...

    def read(self, path: Path) -> Iterator[Document]:
        """Yield documents; raise ``research.errors.IngestError`` naming the file."""
        ...


def peek(path: Path, size: int = 4096) -> str:
    """The first bytes of a file as text, for format sniffing."""
    with open(path, "rb") as handle:
        return handle.read(size).decode("utf-8", errors="replace")
