"""Hostile and unlucky inputs, written at test time (nothing large is
committed): AES-encrypted PDFs, Word files that unpack to far more than
they weigh, one huge XML text node, UTF-16 text, NUL bytes past the sniffed head."""
from __future__ import annotations

import zipfile
from pathlib import Path

from support.documents import write_pdf

NJ = "The court awarded custody to all three parties. D.G. v. K.S., 444 N.J. Super. 423, 429 (Ch. Div. 2015)."
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="word/document.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/></Relationships>')


def encrypted_pdf(path: Path, user_password: str) -> Path:
    """A PDF encrypted with AES-256 (pypdf needs the cryptography package to open it)."""
    from pypdf import PdfReader, PdfWriter

    plain = write_pdf(path.with_suffix(".plain"), [[NJ]])
    writer = PdfWriter(clone_from=PdfReader(str(plain)))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="AES-256")
    with path.open("wb") as handle:
        writer.write(handle)
    plain.unlink()
    return path


def docx_with_body(path: Path, body_xml_parts, *, lead: str = NJ) -> Path:
    """A minimal Word file whose document.xml is written piece by piece
    (``body_xml_parts`` yields XML strings), so its size may be huge while
    the file, deflated, stays small."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        package.writestr("[Content_Types].xml", _CONTENT_TYPES)
        package.writestr("_rels/.rels", _RELS)
        with package.open("word/document.xml", "w", force_zip64=True) as document:
            document.write(f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{_W}"><w:body>'
                           f"<w:p><w:r><w:t>{lead}</w:t></w:r></w:p>".encode())
            for part in body_xml_parts:
                document.write(part.encode())
            document.write(b"</w:body></w:document>")
    return path


def paragraphs(mb: float):
    """About ``mb`` MB of ordinary paragraphs."""
    paragraph = "<w:p><w:r><w:t>" + "The parties dispute the lease. " * 30 + "</w:t></w:r></w:p>"
    for _ in range(int(mb * 1024 * 1024 / len(paragraph)) + 1):
        yield paragraph


def one_text_node(mb: float):
    """One paragraph whose single text node holds about ``mb`` MB."""
    yield "<w:p><w:r><w:t>"
    block = "x" * (1024 * 1024)
    for _ in range(int(mb)):
        yield block
    yield "</w:t></w:r></w:p>"


def utf16_text(path: Path, text: str, *, big_endian: bool = False) -> Path:
    bom, codec = (b"\xfe\xff", "utf-16-be") if big_endian else (b"\xff\xfe", "utf-16-le")
    path.write_bytes(bom + text.encode(codec))
    return path


def nul_after_head(path: Path, text: str, offset: int = 9000) -> Path:
    """Text, padded past the first 8 KB, then a NUL byte and more text."""
    padding = ("Lorem ipsum dolor sit amet. " * (offset // 28 + 1))[:offset]
    path.write_bytes((text + "\n" + padding).encode("utf-8") + b"\x00" + b" more text\n")
    return path
