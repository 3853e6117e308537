"""Where the parts of a citation sit in the text as written: the reporter as
written, pin cites, the court-and-date parenthetical, the case name.

The extractor gives each citation's span and its parts as read (reporter
edition, pin, year); the form rules need the spans of the parts as written
in the original text, which are found here. Stdlib only.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from research.types import FoundCitation

Span = tuple[int, int]

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
# the date at the end of a court-and-date parenthetical: "2003", "Jan. 5, 2010"
_DATE = re.compile(rf"(?:{_MONTH}\s+(?:\d{{1,2}},?\s+)?)?(?P<year>1[6-9]\d\d|20\d\d)\s*$")
_PIN_ITEM = (r"(?:at\s+)?(?:pp?\.\s*)?\*{0,2}\d+(?!\d)(?:\s*[-–]\s*\*{0,2}\d+(?!\d))?"
             r"(?:,?\s*(?:&\s*)?nn?\.\s*\d+(?:\s*[-–]\s*\d+)?)?")
# pins after a full citation: ", 582", ", 582-83", ", at *3", ", 120, n. 4"; a
# number followed by a reporter and a page is the next parallel citation.
_PINS = re.compile(rf"(?:,\s*{_PIN_ITEM}(?!\s*[A-Z][\w.' ]{{0,24}}?\s\d))*")
_MAX_PAREN = 600


@dataclass(frozen=True)
class Paren:
    """One parenthetical: ``span`` with the brackets, ``inner`` without."""

    start: int
    end: int

    @property
    def inner(self) -> Span:
        return self.start + 1, self.end - 1


@dataclass(frozen=True)
class DateParen:
    """The court-and-date parenthetical of a case citation."""

    paren: Paren
    court: Span          # the court as written (may be empty: start == end)
    year: str
    date: Span           # "Jan. 5, 2010" or "2003"


def reporter_span(text: str, found: FoundCitation) -> Span | None:
    """Span of the reporter as written between volume and page of a full
    case citation ("US" in "552 US 576"), None when the text is not
    volume, reporter, page."""
    cite = text[found.start:found.end]
    m = re.fullmatch(rf"({re.escape(found.volume)})(\s+)(.+?)(\s*)({re.escape(found.page)})", cite, re.S)
    if not found.volume or not found.page or m is None:
        return None
    return found.start + m.start(3), found.start + m.end(3)


def short_reporter_span(text: str, found: FoundCitation) -> tuple[Span, Span] | None:
    """For "557 U. S., at 124": the reporter's span and the span between it
    and the pin (", at "), or None."""
    cite = text[found.start:found.end]
    m = re.match(rf"{re.escape(found.volume)}\s+(.+?)(,?\s+at\s+)(?=\S)", cite, re.S)
    if not found.volume or m is None:
        return None
    return ((found.start + m.start(1), found.start + m.end(1)),
            (found.start + m.start(2), found.start + m.end(2)))


def pins_end(text: str, pos: int) -> int:
    """End of the pin cites that follow ``pos`` (``pos`` itself if none)."""
    return _PINS.match(text, pos).end()


def pin_items(text: str, start: int, end: int) -> list[re.Match]:
    """Each pin cite in [start, end) of a full citation."""
    return list(re.compile(rf",\s*(?P<pin>{_PIN_ITEM})").finditer(text, start, end))


def balanced_end(text: str, start: int) -> int | None:
    """Index after the bracket closing the one at ``start``."""
    depth = 0
    for i in range(start, min(len(text), start + _MAX_PAREN)):
        ch = text[i]
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
            if depth == 0:
                return i + 1
        elif ch == "\n" and text[i + 1:i + 2] == "\n":
            return None  # a paragraph break: not one parenthetical
    return None


def parens_after(text: str, pos: int) -> list[Paren]:
    """The run of parentheticals starting at ``pos`` (spaces between)."""
    out = []
    while True:
        m = re.compile(r"[ \t]*\n?[ \t]*(?=\()").match(text, pos)
        if m is None:
            return out
        close = balanced_end(text, m.end())
        if close is None:
            return out
        out.append(Paren(m.end(), close))
        pos = close


def date_paren(text: str, paren: Paren) -> DateParen | None:
    """``paren`` read as court and date, or None when it holds no date."""
    i0, i1 = paren.inner
    inner = text[i0:i1]
    m = _DATE.search(inner)
    if m is None:
        return None
    court = inner[:m.start()].rstrip()
    if re.search(r"(?:^|\s)[a-z]{4,}(?=\s|$)", court):  # "(amended 1992)", "(enacted in 1976)"
        return None
    lead = len(inner) - len(inner.lstrip())
    return DateParen(paren, (i0 + lead, i0 + max(lead, len(court))), m.group("year"),
                     (i0 + m.start(), i0 + m.end()))


def name_span(text: str, found: FoundCitation) -> Span | None:
    """Span of the case name written before a full citation, when the text
    there is the extractor's name (whitespace aside)."""
    name = found.case_name
    if not name or found.full_start >= found.start:
        return None
    region = text[found.full_start:found.start]
    stripped = region.rstrip(" ,\n\t")
    if " ".join(stripped.split()) != " ".join(name.split()):
        return None
    return found.full_start, found.full_start + len(stripped)
