"""The one interface every ingester implements, and safe XML parsing.

Every XML file the project reads itself (USLM statutes, Fastcase opinions,
the footnotes part of a Word file) goes through ``parse_xml``: defusedxml
refuses a document that declares entities (the "billion laughs" bomb) or
fetches external ones (XXE), instead of expanding them. (python-docx parses
a Word file's body with lxml, entities unresolved; CAP and CourtListener
markup is HTML, read by html.parser, which expands no entities.)
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator, Protocol
from xml.etree.ElementTree import Element, ParseError

from research.errors import IngestError
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


def parse_xml(source: Path | bytes, *, path: Path | str, what: str = "XML") -> Element:
    """The root element of the XML file ``source`` (or of these bytes, read
    from ``path``). A DTD may be present; entity declarations and external
    references are refused. IngestError names ``path`` and the problem."""
    import defusedxml.ElementTree as SafeET
    from defusedxml import DefusedXmlException

    options = {"forbid_dtd": False, "forbid_entities": True, "forbid_external": True}
    try:
        if isinstance(source, bytes):
            return SafeET.fromstring(source, **options)
        return SafeET.parse(str(source), **options).getroot()
    except DefusedXmlException as exc:
        raise IngestError(path, f"refused unsafe XML ({type(exc).__name__}: {exc})") from exc
    except ParseError as exc:
        raise IngestError(path, f"malformed {what}: {exc}") from exc
    except OSError as exc:
        raise IngestError(path, f"cannot read file: {exc}") from exc
