"""Page maps: where each printed page of a reporter begins in a document's text.

Sources mark page starts in three ways: tags (CAP ``<page-number label="13">``),
bracket markers inside the text (Fastcase ``[945 N.E.2d 485 , 920 N.Y.S.2d
292]``) and star pagination in plain text (``*13``). All three end up as
anchors in a ``TextBuilder``: the marker is dropped from the text and the
anchor resolves to the offset of the next visible character, so
``text[offset:]`` starts with the first words printed on that page.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

from research.rules import reporter_key
from research.types import PageBreak, PageMap

_SEP_RANK = {"": 0, " ": 1, "\n": 2, "\n\n": 3}
_SENTENCE_END = set(".:;!?\"”’)]")
_DASHES = set("-–—")


@dataclass(frozen=True)
class Anchor:
    """Page ``label`` of the reporter known as ``key`` begins at ``offset``."""

    key: str
    label: str
    offset: int


class TextBuilder:
    """Accumulates readable text with collapsed whitespace and page anchors.

    ``block`` asks for a separator before the next visible text (the strongest
    request wins); ``anchor`` pins a page start to the next visible character.
    """

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self._last = ""
        self._sep = ""
        self._pending: list[tuple[str, str]] = []
        self._anchor_paragraph = False  # a paragraph so far holding only anchors
        self._orphan = False  # ... that has ended: the marker sat alone in it
        self.anchors: list[Anchor] = []

    def __len__(self) -> int:
        return self._length

    @property
    def at_paragraph_start(self) -> bool:
        return self._length == 0 or "\n" in self._sep

    def block(self, sep: str = "\n\n") -> None:
        if self._anchor_paragraph and "\n" in sep:
            self._orphan = True
        if _SEP_RANK[sep] > _SEP_RANK[self._sep]:
            self._sep = sep

    def anchor(self, key: str, label: str) -> None:
        if self.at_paragraph_start and self._length:
            self._anchor_paragraph = True
        self._pending.append((key, label))

    def write(self, text: str) -> None:
        """Add running text; runs of whitespace become one space."""
        if not text:
            return
        if text[0].isspace():
            self.block(" ")
        words = text.split()
        if words:
            self._emit(" ".join(words))
        if text[-1].isspace():
            self.block(" ")

    def write_raw(self, text: str) -> None:
        """Add preformatted text as is (``<pre>``): only the start is trimmed."""
        stripped = text.lstrip()
        if not stripped:
            if self._length and not self._sep:
                self._append(text)
            return
        if self._length and self._sep:
            self._append(self._sep)
            self._sep = ""
        lead = text[: len(text) - len(stripped)]
        if lead and self._length:
            self._append(lead)
        self._emit(stripped)

    def _emit(self, chunk: str) -> None:
        if self._length and self._sep:
            self._append(self._separator(chunk))
        for key, label in self._pending:
            self.anchors.append(Anchor(key, label, self._length))
        self._pending.clear()
        self._sep = ""
        self._anchor_paragraph = self._orphan = False
        self._append(chunk)

    def _separator(self, chunk: str) -> str:
        # A marker alone in its paragraph often splits a sentence in two
        # ("for a 10–" / "[945 N.E.2d 485]" / "year period"): rejoin it.
        if self._orphan and "\n" in self._sep and chunk[:1].islower():
            if self._last in _DASHES:
                return ""
            if self._last not in _SENTENCE_END:
                return " "
        return self._sep

    def _append(self, text: str) -> None:
        if not text:
            return
        self._parts.append(text)
        self._length += len(text)
        self._last = text[-1]

    def text(self) -> str:
        # Anchors always sit on a visible character, so trimming is safe.
        return "".join(self._parts).rstrip()


# --- bracket markers and star pagination -------------------------------------

_BRACKET = re.compile(r"\[([^\[\]\n]{5,160})\]")
_CITE_PART = re.compile(r"^\s*(\d+)\s+(.+?)\s+(\d+)\s*$")
_STAR = re.compile(r"(?<![\w*])\*(\d{1,5})\b(?!\s*\))")
# A star preceded by these is a pin cite into another opinion ("at *3").
_STAR_PIN = re.compile(r"(?:\bat|\b(?:WL|LEXIS)\s+\d+\s*,?(?:\s*at)?|\bn\.)\s*$")


Marker = tuple[int, int, tuple[tuple[str, str], ...]]


def bracket_marker_finder(known: Iterable[tuple[str, str, str]]) -> Callable[[str], list[Marker]]:
    """Finds ``[vol reporter page, ...]`` markers whose parts all name ``known``.

    ``known`` holds (key, volume, reporter) for the case's own citations, so a
    bracketed ``[2009]`` or ``[his]`` or another case's cite is left alone.
    """
    table = {(volume, reporter_key(reporter)): key for key, volume, reporter in known}

    def find(text: str) -> list[Marker]:
        found = []
        for match in _BRACKET.finditer(text):
            pages = _marker_pages(match.group(1), table)
            if pages:
                found.append((match.start(), match.end(), pages))
        return found

    return find


def _marker_pages(inner: str, table: dict) -> tuple[tuple[str, str], ...]:
    pages = []
    for part in inner.split(","):
        cite = _CITE_PART.match(part)
        key = cite and table.get((cite.group(1), reporter_key(cite.group(2))))
        if not key:
            return ()
        pages.append((key, cite.group(3)))
    return tuple(pages)


def star_marker_finder(key: str, first_page: int | None = None) -> Callable[[str], list[Marker]]:
    """Finds star pagination (``*13``) for one reporter, skipping pin cites
    such as ``2009 WL 885941, at *6`` that point into other opinions."""

    def find(text: str) -> list[Marker]:
        found = []
        for match in _STAR.finditer(text):
            if _STAR_PIN.search(text[max(0, match.start() - 24): match.start()]):
                continue
            page = int(match.group(1))
            if first_page is not None and page <= first_page:
                continue
            found.append((match.start(), match.end(), ((key, match.group(1)),)))
        labels = [int(pages[0][1]) for _, _, pages in found]
        keep = set(_increasing_run(labels))
        return [marker for i, marker in enumerate(found) if i in keep]

    return find


def write_with_markers(builder: TextBuilder, text: str,
                       finder: Callable[[str], list[Marker]] | None) -> None:
    """Write running text into ``builder``, turning markers into anchors."""
    position = 0
    for start, end, pages in finder(text) if finder else ():
        builder.write(text[position:start])
        for key, label in pages:
            builder.anchor(key, label)
        position = end
    builder.write(text[position:])


def strip_markers(text: str, finder: Callable[[str], list[Marker]]) -> tuple[str, list[Anchor]]:
    """Plain text without its markers (line structure kept) and the anchors.

    The space before a marker goes with it (``word *13 next`` -> ``word
    next``); the anchor points at the next visible character.
    """
    parts: list[str] = []
    length, position, last = 0, 0, "\n"
    pending: list[tuple[str, str, int]] = []
    for start, end, pages in finder(text):
        left = text[position:start]
        if left.endswith((" ", "\t")) and text[end:end + 1] in (" ", "\t", "\n", ""):
            left = left.rstrip(" \t")
        parts.append(left)
        length += len(left)
        last = left[-1] if left else last
        position = end
        if last == "\n":  # a marker opening a line takes its following space
            while text[position:position + 1] in (" ", "\t"):
                position += 1
        pending += [(key, label, length) for key, label in pages]
    parts.append(text[position:])
    clean = "".join(parts)
    anchors = [Anchor(key, label, _next_visible(clean, offset)) for key, label, offset in pending]
    return clean, [a for a in anchors if a.offset < len(clean)]


def _next_visible(text: str, offset: int) -> int:
    while offset < len(text) and text[offset].isspace():
        offset += 1
    return offset


# --- building page maps -------------------------------------------------------

@dataclass(frozen=True)
class ReporterCite:
    """One citation of a case, as used to build its page map."""

    key: str
    citation: str
    reporter: str
    volume: str
    first_page: str
    last_page: str = ""


def build_page_maps(cites: Sequence[ReporterCite], anchors: Sequence[Anchor],
                    text_length: int, require_breaks: bool = True) -> tuple[PageMap, ...]:
    """One PageMap per citation, in citation order.

    The first page starts at offset 0. Breaks whose page numbers run backwards
    (a marker misplaced by the publisher, a page tag inside an end footnote)
    are dropped so that pages ascend with offsets. With ``require_breaks``
    a citation without any break gets no map unless it is a one-page case:
    claiming that a long text sits on one page would be false.
    """
    maps = []
    for cite in cites:
        own = [a for a in anchors if a.key == cite.key and a.offset < text_length]
        breaks = _clean_breaks(cite.first_page, own)
        single = cite.last_page and cite.last_page == cite.first_page
        if require_breaks and len(breaks) == 1 and not single:
            continue
        last = cite.last_page or breaks[-1].label
        maps.append(PageMap(cite.citation, cite.reporter, cite.volume, cite.first_page, last, breaks))
    return tuple(maps)


def _clean_breaks(first_page: str, anchors: Sequence[Anchor]) -> tuple[PageBreak, ...]:
    seen = {first_page}
    candidates = []
    for anchor in sorted(anchors, key=lambda a: a.offset):
        if anchor.label not in seen and anchor.offset > 0:
            seen.add(anchor.label)
            candidates.append(anchor)
    numeric = first_page.isdigit() and all(a.label.isdigit() for a in candidates)
    if numeric:
        candidates = [a for a in candidates if int(a.label) > int(first_page)]
        labels = [int(first_page)] + [int(a.label) for a in candidates]
        keep = set(_increasing_run(labels))
        candidates = [a for i, a in enumerate(candidates, start=1) if i in keep]
    return (PageBreak(first_page, 0),) + tuple(PageBreak(a.label, a.offset) for a in candidates)


def _increasing_run(values: Sequence[int]) -> list[int]:
    """Indexes of a longest strictly increasing subsequence (patience sort).

    The first value is always kept when it is the smallest, so a map's first
    page survives; among equal-length runs the later, smaller values win.
    """
    tails: list[int] = []
    tail_index: list[int] = []
    parent = [-1] * len(values)
    for i, value in enumerate(values):
        pos = bisect.bisect_left(tails, value)
        parent[i] = tail_index[pos - 1] if pos else -1
        if pos == len(tails):
            tails.append(value)
            tail_index.append(i)
        else:
            tails[pos] = value
            tail_index[pos] = i
    run, i = [], tail_index[-1] if tail_index else -1
    while i >= 0:
        run.append(i)
        i = parent[i]
    return run[::-1]
