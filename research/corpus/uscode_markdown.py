"""Ingester for the codexstanford Markdown U.S. Code (``title-NN/chunck-N.md``).

Each chunk file repeats its ``# Title``, ``### CHAPTER`` and ``#### § N.``
lines; a long section runs over consecutive chunks, which may also repeat the
heading of the subsection they continue. Chunks are read in the order of N
(``chunck-10`` after ``chunck-9``), runs of chunks with the same section line
are joined, and repeated context headings are dropped. One Document per section.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Mapping

from research.corpus.statute_text import (
    IdAllocator, citation, doc_id, fix_detached_punctuation, heading_title, normalize_space,
    status_of,
)
from research.errors import IngestError
from research.types import Document

KNOWN_SOURCES: Mapping[str, str] = {
    "uscode_markdown_2023": "codexstanford/markdonw-chunck-of-the-usa-code@66d0b20a",
}
_CHUNK_NAME = re.compile(r"^chunck-(\d+)\.md$")
_TITLE_LINE = re.compile(r"^# Title (\w+)\s*[—–-]\s*(.*)$")
_CHAPTER_LINE = re.compile(r"^### CHAPTER (\w+)\s*[—–-]\s*(.*)$")
_SECTION_LINE = re.compile(r"^\[?§§? ?(?P<num>[^ ]+(?: to [^ ]+)?)\. (?P<heading>.*?)\]?$")
# Headings of the parts above a section that leak into the chunk before them.
_STRUCTURE_LINE = re.compile(r"^(PART|SUBPART|SUBCHAPTER|CHAPTER|SUBTITLE|DIVISION) \S+ ?—")
_LABEL = re.compile(r"\(\w{1,8}\)")
# "(1) Crime of violence ." : a paragraph heading on a line of its own.
_LABEL_HEADING = re.compile(r"^\(\w{1,8}\) .{1,200} \.$")


@dataclass
class _Chunk:
    path: Path
    title_number: str = ""
    chapter: str = ""
    chapter_heading: str = ""
    section_line: str = ""
    body: list[str] = field(default_factory=list)


def _chunk_number(path: Path) -> int:
    match = _CHUNK_NAME.match(path.name)
    return int(match.group(1)) if match else -1


def chunk_files(folder: Path) -> list[Path]:
    """``chunck-N.md`` files of one title folder, in the order of N."""
    return sorted((p for p in folder.iterdir() if _CHUNK_NAME.match(p.name)), key=_chunk_number)


def _title_folders(path: Path) -> list[Path]:
    if any(_CHUNK_NAME.match(p.name) for p in path.iterdir()):
        return [path]
    folders = [p for p in path.iterdir() if p.is_dir() and re.fullmatch(r"title-\d+\w*", p.name)]
    return sorted(folders, key=lambda p: (len(p.name), p.name))


def _read_chunk(path: Path) -> _Chunk:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise IngestError(path, f"cannot read chunk: {exc}") from exc
    chunk = _Chunk(path)
    for raw in lines:
        line = normalize_space(raw)
        if (match := _TITLE_LINE.match(line)):
            chunk.title_number = match.group(1)
        elif (match := _CHAPTER_LINE.match(line)):
            chunk.chapter, chunk.chapter_heading = match.group(1), match.group(2)
        elif line.startswith("#### "):
            chunk.section_line = line[5:]
        elif line and not line.startswith(("# ", "## ", "### ")):
            chunk.body.append(line)
    return chunk


def _runs(chunks: list[_Chunk]) -> Iterator[list[_Chunk]]:
    """Consecutive chunks of one section; a chunk with no section ends a run."""
    run: list[_Chunk] = []
    for chunk in chunks:
        if run and chunk.section_line != run[0].section_line:
            yield run
            run = []
        if chunk.section_line:
            run.append(chunk)
    if run:
        yield run


def _joined_body(run: list[_Chunk]) -> list[str]:
    """Body lines of a run, without the context headings a chunk repeats."""
    lines: list[str] = []
    seen_headings: set[str] = set()
    for position, chunk in enumerate(run):
        body = list(chunk.body)
        while position and body and body[0].startswith("#") and body[0] in seen_headings:
            body.pop(0)
        seen_headings.update(line for line in body if line.startswith("#"))
        lines += [line for line in body if not _STRUCTURE_LINE.match(line)]
    return [line.lstrip("#").strip() for line in lines]


def _paragraphs(lines: list[str]) -> list[str]:
    """'(1) Crime of violence .' + 'The term ...' -> '(1) Crime of violence. The term ...'.

    The space before the final period marks a paragraph heading in this
    Markdown; it is joined to the text it introduces, so that the label
    starts the paragraph as in the printed Code.
    """
    merged: list[str] = []
    heading_open = False
    for line in lines:
        if merged and _LABEL.fullmatch(merged[-1]):
            merged[-1] += line  # "(E)" + "(i) The ..." -> "(E)(i) The ...", as printed
            continue
        if heading_open and not _LABEL.match(line):
            merged[-1] = f"{merged[-1]} {line}"
            heading_open = False
            continue
        merged.append(line)
        heading_open = bool(_LABEL_HEADING.match(line))
    return [fix_detached_punctuation(line) for line in merged]


def _parse_section_line(chunk: _Chunk) -> tuple[str, str, str]:
    """(number, heading, heading line) from '§ 1932. 1 Judicial Panel ...'."""
    match = _SECTION_LINE.match(chunk.section_line)
    if not match:
        raise IngestError(chunk.path, f"unrecognised section line {chunk.section_line!r}")
    # A leading "1 " before the heading is a footnote mark ("so in original").
    heading = re.sub(r"^\d+ (?=[A-Z])", "", match.group("heading"))
    line = fix_detached_punctuation(chunk.section_line.replace(match.group("heading"), heading, 1))
    return match.group("num"), fix_detached_punctuation(heading), line


class UscodeMarkdownIngester:
    """Reads the Markdown U.S. Code: the root folder (INDEX_derived.csv and
    ``title-NN`` folders) or one ``title-NN`` folder of chunk files."""

    name = "uscode_markdown"

    def __init__(self, *, date: str = "2023-04-01",
                 edition: str = "U.S. Code as of April 2023 (codexstanford markdown)",
                 known_sources: Mapping[str, str] = KNOWN_SOURCES) -> None:
        self.date = date
        self.edition = edition
        self.known_sources = dict(known_sources)

    def accepts(self, path: Path) -> bool:
        path = Path(path)
        if not path.is_dir():
            return False
        if (path / "INDEX_derived.csv").is_file():
            return True
        return any(path.glob("chunck-*.md")) or any(path.glob("title-*/chunck-*.md"))

    def read(self, path: Path) -> Iterator[Document]:
        path = Path(path)
        if not path.is_dir():
            raise IngestError(path, "not a folder of Markdown U.S. Code chunks")
        folders = _title_folders(path)
        if not folders:
            raise IngestError(path, "no title-NN folders or chunck-N.md files")
        ids = IdAllocator()
        for folder in folders:
            chunks = [_read_chunk(file) for file in chunk_files(folder)]
            for run in _runs(chunks):
                yield self._document(run, folder, ids)

    def _source(self, run: list[_Chunk], folder: Path) -> str:
        names = ",".join(chunk.path.name for chunk in run)
        root = folder.parent.name
        repo = self.known_sources.get(root)
        return f"{repo}:{folder.name}/{names}" if repo else f"{folder}/{names}"

    def _document(self, run: list[_Chunk], folder: Path, ids: IdAllocator) -> Document:
        first = run[0]
        title = first.title_number or re.sub(r"\D", "", folder.name).lstrip("0")
        number, heading, heading_line = _parse_section_line(first)
        status = status_of(heading)
        extra = {"title_number": title, "section": number, "chapter": first.chapter,
                 "chapter_heading": first.chapter_heading}
        if status:
            extra["status"] = status
        return Document(
            id=ids.allocate(doc_id("usc", title, number)),
            kind="statute",
            title=heading_title(heading),
            text="\n".join([heading_line] + _paragraphs(_joined_body(run))),
            citations=(citation("usc", title, number),),
            jurisdiction="us",
            date=self.date,
            source=self._source(run, folder),
            edition=self.edition,
            extra=extra,
        )


INGESTER = UscodeMarkdownIngester()
