"""Text normalisation for citation extraction, with a map back to the original.

Extracted documents (PDF, DOCX, OCR) carry curly quotes, non-breaking and
narrow spaces, hard line breaks inside sentences, words hyphenated at line
ends and spelled-out section signs. Citation regexes expect one plain space
between "16", "N.Y.3d" and "272", so we rewrite the text and keep an
``OffsetMap`` so every span found can be reported in original offsets.
Standard library only.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass

# Same-length replacements: offsets do not move.
_SAME_LENGTH = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"',
    "\u00a0": " ", "\u202f": " ", "\u2007": " ", "\u2009": " ", "\u200a": " ",
    "\u2002": " ", "\u2003": " ", "\u2004": " ", "\u2005": " ", "\u2006": " ",
    "\u2008": " ", "\u3000": " ", "\u2028": "\n", "\u2029": "\n", "\u0085": "\n",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2212": "-",
    "\ufe63": "-", "\uff0d": "-",
})

# Codes whose section sign is often written out ("42 U.S.C. Sec. 1983") or
# mangled by OCR ("42 U.S.C. S 1983", "ß" from a wrong code page).
_CODE_WORD = (
    r"(?:\bU\.?\s?S\.?\s?C\.?(?:\s?[AS]\.?)?|\bC\.?\s?F\.?\s?R\.?|\bUSCA?|\bCFR"
    r"|\bCode(?:\sAnn\.)?|\bStat\.(?:\sAnn\.)?|\bLaws?|\bAnn\.)"
)
_EDITS = re.compile(
    r"(?P<hyph>(?<=[A-Za-z])-[ \t]*\n[ \t]*(?=[a-z]))"
    r"|(?P<numhyph>(?<=\d)-[ \t]*\n[ \t]*(?=\d))"
    r"|(?P<soft>\u00ad[ \t]*\n?[ \t]*|[\u200b\u200c\u200d\u2060\ufeff])"
    r"|(?P<ws>[ \t\r\f\v]*\n[ \t\r\f\v\n]*|[ \t\r\f\v]{2,}|[\t\r\f\v])"
    r"|(?P<code>" + _CODE_WORD + r",?[ \t])(?P<sec>(?:[Ss]ec(?:tion)?s?\.?|SS|S|ßß?|§\s§)(?=[ \t]?\d))"
    r"|(?P<sect>&sect;)"
)


# "300 F. Supp. 3d --- (N.D. Cal. 2024)": a page not yet known; eyecite reads
# underscores there, so dashes become underscores of the same length.
_BLANK_PAGE = re.compile(r"(?<=[.dh] )(?:-{2,}|—+)(?=[\s,;()]|$)")


@dataclass(frozen=True)
class Edit:
    """``orig[o0:o1]`` became ``norm[n0:n1]``."""

    n0: int
    n1: int
    o0: int
    o1: int


class OffsetMap:
    """Maps offsets in normalised text back to the original text."""

    def __init__(self, edits: list[Edit]):
        self._edits = edits
        self._starts = [e.n0 for e in edits]

    def _last_edit_at(self, pos: int) -> Edit | None:
        i = bisect_right(self._starts, pos) - 1
        return self._edits[i] if i >= 0 else None

    def start(self, pos: int) -> int:
        """Original offset of the character at normalised ``pos``."""
        edit = self._last_edit_at(pos)
        if edit is None:
            return pos
        if edit.n0 <= pos < edit.n1:
            return edit.o0
        return pos - edit.n1 + edit.o1

    def end(self, pos: int) -> int:
        """Original offset just after the character at normalised ``pos - 1``."""
        if pos <= 0:
            return 0
        edit = self._last_edit_at(pos - 1)
        if edit is not None and edit.n0 <= pos - 1 < edit.n1:
            return edit.o1
        return self.start(pos - 1) + 1

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.start(start), max(self.start(start), self.end(end))

    def normalized(self, pos: int) -> int:
        """Normalised offset of original offset ``pos`` (the start of the
        rewrite it falls in)."""
        i = bisect_right([e.o0 for e in self._edits], pos) - 1
        if i < 0:
            return pos
        edit = self._edits[i]
        return edit.n0 if pos < edit.o1 else pos - edit.o1 + edit.n1


@dataclass(frozen=True)
class Normalized:
    text: str
    offsets: OffsetMap


def _replacement(m: re.Match) -> tuple[int, int, str]:
    kind = m.lastgroup
    if kind == "hyph":
        return m.start(), m.end(), ""
    if kind == "numhyph":
        return m.start(), m.end(), "-"
    if kind == "soft":
        return m.start(), m.end(), ""
    if kind == "ws":
        run = m.group()
        return m.start(), m.end(), ("\n" if run.count("\n") >= 2 else " ")
    if kind == "sec":
        sec = m.group("sec")
        plural = sec.endswith(("s", "s.")) or sec in ("SS", "ßß") or "§" in sec
        return m.start("sec"), m.end("sec"), ("§§" if plural else "§")
    return m.start(), m.end(), "§"


# Court filings' running headers, from PDF text: "Case 2:11-cv-01234-ABC Document 56
# Filed 01/02/12 Page 3 of 20", "Case: 12-40605 Document: 00512089761 Page: 1 Date Filed:
# 12/19/2012", "USCA11 Case: 20-12345 Date Filed: 07/01/2013 Page: 1 of 5".
_PAGE_HEADER = re.compile(
    r"^[ \t]*(?:\S{1,12}[ \t])?Case:?[ \t]+\S*\d\S*[ \t].*?\b(?:Document|Doc\.|Filed|Date Filed)\b.*$",
    re.MULTILINE)
# Pleading paper: a line number (1-28) at the start of every line.
_MARGIN_NUMBER = re.compile(r"^([ \t]*)((?:[1-9]|[1-4]\d)(?=[ \t]|$))", re.MULTILINE)
_MARGIN_SHARE = 0.5       # of non-empty lines, for a text to count as pleading paper
_MIN_PLEADING_LINES = 10  # and of double-spaced text
_DOUBLE_SHARE = 0.5       # of non-empty lines followed by one blank line: double-spaced
_WRAPPED_WIDTH = 120      # nine lines in ten are shorter in hard-wrapped text (not one paragraph a line)
_SHORT_LINE = re.compile(r"^[ \t]*(\S[^\n]{0,28}\d[^\n]{0,28}?)[ \t]*$", re.MULTILINE)
_PROSE = re.compile(r"[a-z]{3}|§|\bv\.|\bId\b|\bat\b")
_HEADER_REPEATS = 3
_BLANK_LINE = re.compile(r"\n[ \t]*\n(?=([ \t]*)\S)")


def _blank(m: re.Match) -> str:
    return "".join(ch if ch == "\n" else " " for ch in m.group())


def _running_headers(text: str) -> str:
    """A short line with a number that recurs on three or more pages (a
    docket number such as "J-A22036-21" printed on every page) becomes spaces."""
    counts = Counter(m.group(1) for m in _SHORT_LINE.finditer(text))
    repeated = {line for line, n in counts.items() if n >= _HEADER_REPEATS and not _PROSE.search(line)}
    if not repeated:
        return text
    return _SHORT_LINE.sub(lambda m: _blank(m) if m.group(1) in repeated else m.group(), text)


def _pleading_paper(lines: list[str]) -> bool:
    """Do most lines start with a line number, counting up (1, 2, 3 ... 28, 1, 2 ...)?"""
    numbers = [int(m.group(2)) for m in map(_MARGIN_NUMBER.match, lines) if m]
    counting = sum(b in (a + 1, 1) for a, b in zip(numbers, numbers[1:]))
    return len(lines) >= _MIN_PLEADING_LINES and counting >= _MARGIN_SHARE * len(lines)


def layout(text: str) -> str:
    """Same-length rewrite of page layout that is not text: running headers
    of court filings and margin line numbers become spaces, and in
    double-spaced, hard-wrapped text a blank line between two lines of one
    paragraph becomes a plain line break (an indented next line still starts
    a paragraph)."""
    if "Case" in text:
        text = _PAGE_HEADER.sub(_blank, text)
    text = _running_headers(text)
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines:
        return text
    if _pleading_paper(lines):
        text = _MARGIN_NUMBER.sub(lambda m: m.group(1) + " " * len(m.group(2)), text)
        lines = [line for line in text.split("\n") if line.strip()]
    widths = sorted(len(line.strip()) for line in lines)
    doubled = len(_BLANK_LINE.findall(text))
    if (len(lines) >= _MIN_PLEADING_LINES and doubled >= _DOUBLE_SHARE * len(lines)
            and widths[len(widths) * 9 // 10] < _WRAPPED_WIDTH):
        indent = min(len(line) - len(line.lstrip()) for line in lines)
        text = _BLANK_LINE.sub(lambda m: m.group() if len(m.group(1)) > indent + 3 else
                               "\n" + " " * (len(m.group()) - 1), text)
    return text


_PARAGRAPH = re.compile(r"^[ \t]*\S[^\n]*(?:\n[ \t]*\S[^\n]*)*", re.MULTILINE)
_BLOCK_INDENT = 4     # spaces beyond the body's indentation
_BLOCK_WORDS = 8


def block_quotes(text: str) -> list[tuple[int, int]]:
    """Spans of block quotations in ``text`` (its own offsets): paragraphs of
    at least two lines, every line indented four spaces or more beyond the
    indentation of most of the document's text."""
    indents: Counter = Counter()
    for line in text.split("\n"):
        indents[len(line) - len(line.lstrip(" "))] += len(line.strip())  # the indentation of most text
    if not +indents:
        return []
    body = indents.most_common(1)[0][0]
    blocks = []
    for m in _PARAGRAPH.finditer(text):
        lines = m.group().split("\n")
        if (len(lines) >= 2 and len(m.group().split()) >= _BLOCK_WORDS
                and all(len(line) - len(line.lstrip(" ")) >= body + _BLOCK_INDENT for line in lines)):
            lead = len(m.group()) - len(m.group().lstrip())
            blocks.append((m.start() + lead, m.end()))
    return blocks


def normalize(text: str) -> Normalized:
    """Rewrite ``text`` for citation matching; keep a map to original offsets."""
    text1 = layout(text.translate(_SAME_LENGTH))
    if "--" in text1 or "—" in text1:
        text1 = _BLANK_PAGE.sub(lambda m: "_" * len(m.group()), text1)
    parts: list[str] = []
    edits: list[Edit] = []
    last = 0
    shift = 0  # len(norm) - len(orig) so far
    for m in _EDITS.finditer(text1):
        o0, o1, new = _replacement(m)
        if text1[o0:o1] == new:
            continue
        parts.append(text1[last:o0])
        parts.append(new)
        edits.append(Edit(o0 + shift, o0 + shift + len(new), o0, o1))
        shift += len(new) - (o1 - o0)
        last = o1
    parts.append(text1[last:])
    return Normalized("".join(parts), OffsetMap(edits))
