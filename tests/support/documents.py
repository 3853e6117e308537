"""PDF and Word files written by the tests (no PDF library is installed, so
PDF bytes are written by hand), and the error an ingester gives on a file."""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _pdf_string(line: str) -> bytes:
    """A PDF literal string in WinAnsi encoding (Helvetica has § and curly quotes)."""
    data = line.encode("cp1252")
    out = bytearray(b"(")
    for byte in data:
        if byte in b"()\\":
            out += b"\\" + bytes([byte])
        elif byte < 32 or byte > 126:
            out += b"\\%03o" % byte
        else:
            out.append(byte)
    return bytes(out + b")")


def _content(lines: list[str]) -> bytes:
    ops = [b"BT /F1 11 Tf 14 TL 72 720 Td"]
    ops += [_pdf_string(line) + b" Tj T*" for line in lines]
    return b"\n".join(ops + [b"ET"])


def _pdf_objects(pages: list[list[str]]) -> list[bytes]:
    n = len(pages)
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(n))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode()]
    font = 3 + 2 * n
    for i, lines in enumerate(pages):
        stream = _content(lines)
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {4 + 2 * i} 0 R "
                       f"/Resources << /Font << /F1 {font} 0 R >> >> >>".encode())
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    return objects


def write_pdf(path: Path, pages: list[list[str]]) -> Path:
    """A minimal valid PDF: one text stream per page, one line per string."""
    objects = _pdf_objects(pages)
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))
    return path


def write_docx(path: Path, *, paragraphs: Sequence[str], table: Sequence[Sequence[str]] = (),
               footnotes: Sequence[str] = ()) -> Path:
    """A Word file: paragraphs, then (optionally) a table and a footnotes part."""
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(grid.rows, table):
            for cell, value in zip(row.cells, values):
                cell.text = value
    if footnotes:
        _add_footnotes(document, footnotes)
    document.save(str(path))
    return path


def _add_footnotes(document, notes: Sequence[str]) -> None:
    from xml.sax.saxutils import escape

    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    body = "".join(f'<w:footnote w:id="{i}"><w:p><w:r><w:t xml:space="preserve">{escape(note)}</w:t></w:r></w:p>'
                   f"</w:footnote>" for i, note in enumerate(notes, start=1))
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{_W_NS}">'
           f'<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
           f"{body}</w:footnotes>").encode("utf-8")
    content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
    part = Part(PackURI("/word/footnotes.xml"), content_type, xml, document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)


def ingest_error(ingester, path: Path, content: str):
    """The IngestError ``ingester`` raises reading ``content`` written to ``path``."""
    import pytest

    from research.errors import IngestError

    path.write_text(content, encoding="utf-8")
    with pytest.raises(IngestError) as caught:
        list(ingester.read(path))
    return caught.value
