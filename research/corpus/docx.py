"""Word files a user adds, via python-docx: paragraphs and tables in body
order, then footnotes (python-docx has no footnote API; the footnotes part is
read directly when the file has one)."""
from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Callable, Iterator

from research.corpus.base import parse_xml
from research.corpus.limits import check_size, check_zip
from research.corpus.opinion_slip import tidy_plain
from research.corpus.plaintext import user_id
from research.errors import IngestError
from research.settings import Settings
from research.types import Document

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class DocxIngester:
    name = "docx"

    def __init__(self, kind: str = "document", collection: str = "library",
                 source: Callable[[Path], str] | None = None, max_text_mb: float = Settings.max_text_mb):
        self.kind = kind
        self.collection = collection
        self.source = source or str
        self.max_text_mb = max_text_mb

    def accepts(self, path: Path) -> bool:
        path = Path(path)
        return path.is_file() and path.suffix.lower() == ".docx"

    def read(self, path: Path) -> Iterator[Document]:
        path = Path(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise IngestError(path, f"cannot read file: {exc}") from exc
        check_zip(path, self.max_text_mb)
        document = _open(path)
        blocks = list(_body_blocks(document)) + _footnotes(document, path)
        text = tidy_plain("\n\n".join(b for b in blocks if b.strip()))
        if not text:
            raise IngestError(path, "no text in the Word document")
        check_size(path, len(text.encode("utf-8")), self.max_text_mb, "the Word file's text")
        title = (document.core_properties.title or "").strip() or path.name
        yield Document(id=user_id(data), kind=self.kind, title=title, text=text, source=self.source(path),
                       collection=self.collection, extra={"file_name": path.name})


def _open(path: Path):
    import docx
    from docx.opc.exceptions import OpcError
    from lxml.etree import LxmlError

    try:
        return docx.Document(str(path))
    except (OpcError, zipfile.BadZipFile, KeyError, ValueError, OSError, LxmlError) as exc:
        raise IngestError(path, f"corrupt or unreadable Word file: {exc}") from exc


def _body_blocks(document) -> Iterator[str]:
    """Paragraph and table texts in the order they appear in the body."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in document.element.body.iterchildren():
        if child.tag == f"{_W}p":
            yield Paragraph(child, document).text
        elif child.tag == f"{_W}tbl":
            yield _table_text(Table(child, document))


def _table_text(table) -> str:
    rows = []
    for row in table.rows:
        cells = []
        for cell in row.cells:
            if not cells or cell.text != cells[-1]:  # merged cells repeat their text
                cells.append(cell.text.strip())
        rows.append(" | ".join(cells))
    return "\n".join(rows)


def _footnotes(document, path: Path) -> list[str]:
    part = next((rel.target_part for rel in document.part.rels.values()
                 if rel.reltype.endswith("/footnotes") and not rel.is_external), None)
    if part is None:
        return []
    notes = []
    for note in parse_xml(part.blob, path=path, what="footnotes part").iter(f"{_W}footnote"):
        if note.get(f"{_W}type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        text = "".join(t.text or "" for t in note.iter(f"{_W}t")).strip()
        if text:
            notes.append(f"[{note.get(f'{_W}id')}] {text}")
    return notes


INGESTER = DocxIngester()
