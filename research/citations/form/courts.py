"""The court-and-date parenthetical of a full case citation: the court as
Table T1 (or the Supreme Court) abbreviates it, left out when the reporter
shows it, named when the reporter does not; ordinals; the year.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from research.citations.form import tables
from research.citations.form.edits import apply, one_line
from research.citations.form.layout import DateParen, date_paren, parens_after, pins_end
from research.citations.form.reporters import fix_ordinals
from research.types import FormEdit, FormIssue, FoundCitation


_YEAR = re.compile(r"\b(?:1[6-9]|20)\d\d\b")


@dataclass(frozen=True)
class Hint:
    """Year and court of a case known from elsewhere (another citation of
    it in the document, the library, the citation directory)."""

    year: str = ""
    court: str = ""  # courts-db id


@dataclass(frozen=True)
class DateCheck:
    issues: tuple[FormIssue, ...]
    end: int            # end of the citation: after the date parenthetical, else after the pins


def _implied(members: Sequence[FoundCitation]) -> tuple[set[str], bool]:
    """Courts the reporters show, and whether the parenthetical must name one
    (every reporter listed as covering many courts)."""
    infos = [tables.reporter_info(m.reporter) for m in members]
    implied = {i.court for i in infos if i is not None and i.court not in ("-", "")}
    needed = not implied and all(i is not None and i.court == "-" for i in infos)
    return implied, needed


def _year_before(text: str, members: Sequence[FoundCitation]) -> bool:
    """California style "People v. Smith (2011) 51 Cal.4th 1": the year
    between the name and the citation."""
    first = members[0]
    return bool(first.year) and f"({first.year})" in text[first.full_start:first.start]


def check_date(text: str, members: Sequence[FoundCitation], style: str, hint: Hint,
               named: bool) -> DateCheck:
    """Form of the parenthetical after the last member of a case citation;
    ``named``: the citation has a case name (a bare "552 U.S. 576" in a
    header or a textual reference is not held to the year rule)."""
    last = members[-1]
    end = pins_end(text, last.end)
    parens = parens_after(text, end)
    found = date_paren(text, parens[0]) if parens else None
    if found is None:
        year_inside = parens and _YEAR.search(text, parens[0].start, parens[0].end)
        if not named or year_inside or _year_before(text, members):
            return DateCheck((), parens[0].end if parens else end)
        issue = _missing_year(text, members, style, hint, end, parens[0] if parens else None)
        return DateCheck((issue,) if issue else (), parens[0].end if parens else end)
    return DateCheck(tuple(_court_issues(text, members, style, hint, found)), found.paren.end)


def _court_issues(text: str, members: Sequence[FoundCitation], style: str, hint: Hint,
                  found: DateParen) -> list[FormIssue]:
    (c0, c1), date_start = found.court, found.date[0]
    written = one_line(text[c0:c1])
    implied, needed = _implied(members)
    codes: list[tuple[str, str]] = []
    final = written
    if written:
        final = fix_ordinals(written)
        if final != written:
            codes.append(("ordinal", f"Ordinal in the court: \u201c{final}\u201d, not \u201c{written}\u201d "
                                     "(\u201c2d\u201d, \u201c3d\u201d, rule 6.2(b))."))
        court = tables.court_by_spelling(final)
        if court is not None and court.id in implied:
            codes.append(("court_parenthetical", f"The reporter ({members[0].reporter}) shows the court: "
                                                 f"leave \u201c{written}\u201d out of the parenthetical (rule 10.4)."))
            final = ""
        elif court is not None and court.form(style) and court.form(style) != final:
            codes.append(("court_parenthetical", f"The court is abbreviated \u201c{court.form(style)}\u201d, not "
                                                 f"\u201c{written}\u201d ({_source(style)})."))
            final = court.form(style)
        elif not codes and text[c1:date_start].strip() and not re.fullmatch(r"\s+", text[c1:date_start]):
            codes.append(("court_parenthetical", "One space, nothing else, between the court and the date."))
        elif not codes and c1 == date_start and court is not None:
            codes.append(("court_parenthetical", "One space between the court and the date."))
    elif needed:
        known = tables.court_by_id(hint.court) if hint.court else None
        final = known.form(style) if known is not None else ""
        rep = members[-1].reporter
        codes.append(("court_parenthetical", f"Name the court in the parenthetical: {rep} reports the decisions "
                                             f"of many courts (rule 10.4)."
                      + (f" Elsewhere this case is cited to the {final}." if final else "")))
        if not final:
            return [FormIssue(code, message, None, ()) for code, message in codes]
    if not codes:
        return []
    edit = FormEdit(c0, date_start, f"{final} " if final else "")
    suggestion = one_line(apply(text, (edit,), found.paren.start, found.paren.end))
    return [FormIssue(code, message, suggestion, (edit,)) for code, message in codes]


def _source(style: str) -> str:
    return "the Supreme Court's style" if style == "scotus" else "Bluebook T1"


def _missing_year(text: str, members: Sequence[FoundCitation], style: str, hint: Hint, end: int,
                  paren) -> FormIssue | None:
    """No date parenthetical. A parenthetical naming only a court gets the
    year added; otherwise "(court year)" goes after the pins."""
    message = "No year of decision: a full case citation ends with the year in parentheses (rule 10.5)"
    _, needed = _implied(members)
    if paren is not None:
        inner = one_line(text[paren.start + 1:paren.end - 1])
        if tables.court_by_spelling(inner) is None:
            paren = None  # an explanatory parenthetical: the date goes before it
    if not hint.year:
        return FormIssue("missing_year", message + (", after the court" if needed else "") + ".", None, ())
    if paren is not None:
        edit = FormEdit(paren.end - 1, paren.end - 1, f" {hint.year}")
        return FormIssue("missing_year", f"{message}: {hint.year}.",
                         one_line(apply(text, (edit,), paren.start, paren.end)), (edit,))
    court = tables.court_by_id(hint.court) if hint.court and needed else None
    if needed and (court is None or not court.form(style)):
        return FormIssue("missing_year", f"{message}, after the court; the case was decided in {hint.year}.",
                         None, ())
    inside = f"{court.form(style)} {hint.year}" if court is not None else hint.year
    edit = FormEdit(end, end, f" ({inside})")
    return FormIssue("missing_year", f"{message}: ({inside}).", f"({inside})", (edit,))
