"""Plain-text slip opinions: tidy text, running heads out, slip pages mapped.

A US Supreme Court slip opinion prints a running head on every page
(``Cite as: 570 U. S. ____ (2013)    3`` / ``Opinion of the Court``). Left in
the text, heads split sentences; taken out, they give a "slip op." page map.
Each part (syllabus, opinion, each separate opinion) restarts at page 1, so
pages outside the opinion of the court carry their part: ``3 (THOMAS, J.,
dissenting)``, the way a slip opinion is pin-cited.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from research.types import PageBreak, PageMap

_FIRST = re.compile(r"^\s*\(Slip Opinion\)\s+OCTOBER TERM,\s+(\d{4})\s+(\d+)\s*$")
_ODD = re.compile(r"^\s*Cite as:\s+(\d+)\s+U\.\s?S\.\s*_*\s*\((\d{4})\)\s+(\d+)\s*$")
_EVEN = re.compile(r"^\s*(\d{1,3})\s{3,}(\S.{3,120}?)\s*$")
_PART = re.compile(r"^(?![IVXL]+\.?$)(Syllabus|Per Curiam|Opinion\b.*|Statement\b.*|[A-Z][A-Z'’-]{2,}|.*\bJ\.,.*)$")
_MAIN_PARTS = {"Opinion of the Court", "Per Curiam", "Opinion", ""}


def tidy_plain(text: str) -> str:
    """Unix newlines, no trailing spaces, at most one blank line in a row."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n").replace("\u00a0", " ")
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


@dataclass
class SlipText:
    text: str
    page_map: PageMap | None
    volume: str = ""
    year: str = ""


def clean_slip_opinion(text: str, case_name: str = "") -> SlipText:
    """Remove running heads of a Supreme Court slip opinion and map its pages.

    Text before the first running head (a PDF-comparison report, a file
    path) is dropped. Text without running heads comes back tidied only.
    """
    lines = tidy_plain(text).split("\n")
    start = next((i for i, line in enumerate(lines[:400]) if _first_or_odd(line)), None)
    if start is None:
        return SlipText(tidy_plain(text), None)
    writer = _SlipWriter()
    i = start
    while i < len(lines):
        head = _head(lines[i], case_name)
        if head is None:
            writer.line(lines[i])
            i += 1
            continue
        i, part = _skip_part_label(lines, i + 1)
        writer.page(head[0], part)
        writer.volume, writer.year = writer.volume or head[1], writer.year or head[2]
    return writer.result()


def _first_or_odd(line: str):
    return _FIRST.match(line) or _ODD.match(line)


def _head(line: str, case_name: str) -> tuple[int, str, str] | None:
    """(page, volume, year) of a running head line, else None."""
    match = _FIRST.match(line)
    if match:
        return int(match.group(2)), "", match.group(1)
    match = _ODD.match(line)
    if match:
        return int(match.group(3)), match.group(1), match.group(2)
    match = _EVEN.match(line)
    if match and _looks_like_caption(match.group(2), case_name):
        return int(match.group(1)), "", ""
    return None


def _looks_like_caption(text: str, case_name: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", text)
    upper = sum(c.isupper() for c in letters)
    named = " v. " in text or text.startswith("IN RE") or (case_name and case_name.upper()[:12] in text)
    return bool(letters) and upper / len(letters) > 0.8 and bool(named)


def _skip_part_label(lines: list[str], i: int) -> tuple[int, str]:
    while i < len(lines) and not lines[i].strip():
        i += 1
    part = ""
    for _ in range(2):  # the case name of an even-page head may wrap onto a second line
        line = lines[i].strip() if i < len(lines) else ""
        if len(line) <= 60 and _PART.match(line):
            part = re.sub(r"\s+", " ", line)
            i += 1
            break
        if not (line and line.upper() == line and re.search(r"[A-Z]{3}", line)):
            break
        i += 1
        while i < len(lines) and not lines[i].strip():
            i += 1
    while i < len(lines) and not lines[i].strip():
        i += 1
    return i, part


class _SlipWriter:
    """Collects page lines; a page mark points at the first line of its page."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.marks: list[tuple[int, str]] = []
        self.part = ""
        self.pending: tuple[str, bool] | None = None
        self.volume = self.year = ""

    def page(self, number: int, part: str) -> None:
        if number == 1 or part and part != self.part:
            self.part = part or self.part
        label = str(number) if self.part in _MAIN_PARTS else f"{number} ({self.part})"
        self.pending = (label, number == 1)

    def line(self, text: str) -> None:
        if self.pending:
            if not text.strip():
                return  # blank lines right after a head belong to the head
            label, new_part = self.pending
            self.pending = None
            # Within a part the sentence runs on across the page break.
            while self.lines and not self.lines[-1].strip():
                self.lines.pop()
            if new_part and self.lines:
                self.lines.append("")
            self.marks.append((len(self.lines), label))
        self.lines.append(text)

    def result(self) -> SlipText:
        offsets, position = [], 0
        for line in self.lines:
            offsets.append(position)
            position += len(line) + 1
        text = "\n".join(self.lines).rstrip()
        lead = len(text) - len(text.lstrip())
        text, offsets = text[lead:], [max(0, o - lead) for o in offsets]
        # A page starts at its first visible character (the map's first page at 0).
        breaks = tuple(PageBreak(label, offsets[i] + len(self.lines[i]) - len(self.lines[i].lstrip()))
                       for i, label in self.marks if i < len(offsets) and offsets[i] < len(text))
        if breaks:
            breaks = (PageBreak(breaks[0].label, 0),) + breaks[1:]
        if not breaks:
            return SlipText(text, None, self.volume, self.year)
        cite = f"{self.volume} U.S. ___ (slip op.)" if self.volume else "slip op."
        page_map = PageMap(cite, "slip op.", self.volume, breaks[0].label, breaks[-1].label, breaks)
        return SlipText(text, page_map, self.volume, self.year)
