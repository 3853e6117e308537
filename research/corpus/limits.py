"""What a user's file may expand to, checked before it is read, and where
the files of a folder may lead.

A Word file is a zip: a 3 MB file can hold a 1 GB ``document.xml`` (a
decompression bomb), so every member's uncompressed size is read from the
zip directory first. The text limit (``Settings.max_text_mb``, the
``--max-text-mb`` option) bounds the text of a text file, each XML part of a
Word file, the text extracted from a PDF and pasted text; a Word file's
parts together (images included) may hold ``PACKAGE_FACTOR`` times that.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

from research.errors import IngestError

MB = 1024 * 1024
PACKAGE_FACTOR = 5
_XML_PARTS = (".xml", ".rels")


def megabytes(size: int) -> str:
    return f"{size / MB:.1f}" if size >= 10 * MB else f"{size / MB:.2f}"


def over_limit(size: int, max_mb: float, what: str = "the text") -> str:
    """The problem when ``size`` bytes of ``what`` exceed the limit, else ""."""
    if size <= max_mb * MB:
        return ""
    return f"{what} is {megabytes(size)} MB; the text limit is {max_mb:g} MB (raise it with --max-text-mb)"


def check_size(path: Path, size: int, max_mb: float, what: str = "the text") -> None:
    problem = over_limit(size, max_mb, what)
    if problem:
        raise IngestError(path, problem)


def check_file_size(path: Path, max_mb: float) -> None:
    """A text file's size before it is read."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise IngestError(path, f"cannot read file: {exc.strerror or exc}") from exc
    check_size(path, size, max_mb)


def check_zip(path: Path, max_mb: float) -> None:
    """Every member's uncompressed size, from the zip directory, before anything is unpacked."""
    try:
        with zipfile.ZipFile(path) as package:
            members = package.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise IngestError(path, f"corrupt or unreadable Word file: {exc}") from exc
    for member in members:
        if member.filename.lower().endswith(_XML_PARTS):
            check_size(path, member.file_size, max_mb, f"{member.filename} uncompressed")
    total = sum(member.file_size for member in members)
    if total > max_mb * PACKAGE_FACTOR * MB:
        raise IngestError(path, f"the Word file uncompresses to {megabytes(total)} MB; the limit is {PACKAGE_FACTOR} "
                                f"times the text limit, {max_mb * PACKAGE_FACTOR:g} MB (raise it with --max-text-mb)")


def outside_link(path: Path, root: Path) -> str:
    """The problem when ``path`` (found inside the folder ``root``) is a
    symbolic link, or lies under one, that leads out of ``root``; else ""."""
    try:
        target = path.resolve()
        inside = target.is_relative_to(root.resolve())
    except (OSError, RuntimeError) as exc:  # a loop of links
        return f"symbolic link that cannot be resolved ({exc}): not followed"
    if inside:
        return ""
    return f"symbolic link to {target}, outside {root}: not followed"
