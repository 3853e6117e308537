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
_PAGE = r"(?:\*{0,2}\s?\d+(?!\d)|_{3,})"  # "___": a page not yet known (slip opinions)
_PIN_ITEM = (rf"(?:at\s+)?(?:pp?\.\s*|¶¶?\s*)?{_PAGE}(?:\s*[-–]\s*{_PAGE})?"
             r"(?:,?\s*(?:&\s*)?nn?\.?\s*\d+(?:\s*[-–]\s*\d+)?)?")
# "___ N. E. 3d ___": a parallel citation not yet known; "2016-Ohio-1028": a public-domain one
_PLACEHOLDER = r"_{3,}\s+[A-Z][\w.' ]{0,20}?\s+_{3,}|\d{4}-[A-Z][A-Za-z]*-\d+"
# pins after a full citation: ", 582", ", 582-83", ", at *3", ", 120, n. 4", ", ¶ 45"; a
# number followed by a reporter and a page is the next parallel citation.
_PINS = re.compile(rf"(?:,\s*(?:{_PLACEHOLDER}|{_PIN_ITEM}(?!\s*[A-Z][\w.'\u2018\u2019 ]{{0,24}}?\s+\d)))*")
_MAX_PAREN = 600
# a parenthetical may follow after a line break (double-spaced court text: "\n\n")
_BEFORE_PAREN = re.compile(r"\s{0,16}(?=[(\[])")


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
    volume, page = found.volume, found.page
    if not volume or not page or not cite.startswith(volume) or not cite.endswith(page):
        return None
    middle = cite[len(volume):len(cite) - len(page)]
    reporter = middle.strip()
    if not reporter or not middle[:1].isspace():
        return None
    start = found.start + len(volume) + (len(middle) - len(middle.lstrip()))
    return start, start + len(reporter)


_SHORT = re.compile(r"\s+(.+?)(,?\s+at\s+)(?=\S)", re.S)


def short_reporter_span(text: str, found: FoundCitation) -> tuple[Span, Span] | None:
    """For "557 U. S., at 124": the reporter's span and the span between it
    and the pin (", at "), or None."""
    cite = text[found.start:found.end]
    if not found.volume or not cite.startswith(found.volume):
        return None
    m = _SHORT.match(cite, len(found.volume))
    if m is None:
        return None
    return ((found.start + m.start(1), found.start + m.end(1)),
            (found.start + m.start(2), found.start + m.end(2)))


def pins_end(text: str, pos: int) -> int:
    """End of the pin cites that follow ``pos`` (``pos`` itself if none)."""
    return _PINS.match(text, pos).end()


def pin_items(text: str, start: int, end: int) -> list[re.Match]:
    """Each pin cite in [start, end) of a full citation."""
    return list(re.compile(rf",\s*(?P<pin>{_PIN_ITEM})").finditer(text, start, end))


_BRACKET = re.compile(r"[()\[\]]")


def balanced_end(text: str, start: int) -> int | None:
    """Index after the bracket closing the one at ``start``; line breaks
    allowed (double-spaced court text breaks lines inside parentheticals)."""
    depth = 0
    for m in _BRACKET.finditer(text, start, min(len(text), start + _MAX_PAREN)):
        depth += 1 if m.group() in "([" else -1
        if depth == 0:
            return m.end()
    return None


def parens_after(text: str, pos: int) -> list[Paren]:
    """The run of parentheticals starting at ``pos`` (spaces between); New
    York's official style puts the court and date in brackets ("[2d Dept 2014]")."""
    out = []
    while True:
        m = _BEFORE_PAREN.match(text, pos)
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
    if not name or found.full_start >= found.start or "__" in name:  # "___ Mich. ___": not a name
        return None
    region = text[found.full_start:found.start]
    stripped = region.rstrip(" ,\n\t")
    if " ".join(stripped.split()) != " ".join(name.split()):
        return None
    return found.full_start, found.full_start + len(stripped)


_SYLLABUS_START = re.compile(r"NOTE: Where it is feasible, a syllabus|^\s*Syllabus\s*$", re.M)
_SYLLABUS_END = re.compile(r"NOTICE: This opinion is subject to formal revision|delivered the opinion of the Court|"
                           r"PER CURIAM")


def syllabus_spans(text: str) -> list[Span]:
    """The syllabus of a Supreme Court slip opinion (the Reporter's headnote,
    which cites cases without years), up to the opinion itself."""
    spans, pos = [], 0
    while (start := _SYLLABUS_START.search(text, pos)) is not None:
        end = _SYLLABUS_END.search(text, start.end())
        if end is None:
            break
        spans.append((start.start(), end.start()))
        pos = end.end()
    return spans
