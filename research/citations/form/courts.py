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
from research.citations.form.layout import DateParen, balanced_end, date_paren, parens_after, pins_end
from research.citations.form.reporters import fix_ordinals
from research.types import FormEdit, FormIssue, FoundCitation


@dataclass(frozen=True)
class Hint:
    """Year and court of a case known from elsewhere (another citation of
    it in the document, the library, the citation directory)."""

    year: str = ""
    court: str = ""  # courts-db id


@dataclass(frozen=True)
class Due:
    """What a citation must show where it stands: a year (not for a bare
    "552 U.S. 576" in a header, or a case cited in full before); a court,
    when its reporters need one (not for a citation without a case name);
    ``limit``: where the next citation of another authority starts (any
    offset YEAR_REACH or more past the pins when there is none nearer)."""

    year: bool
    court: bool
    limit: int


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


def check_date(text: str, members: Sequence[FoundCitation], style: str, hint: Hint, due: Due) -> DateCheck:
    """Form of the parenthetical after the last member of a case citation."""
    last = members[-1]
    end = pins_end(text, last.end)
    parens = parens_after(text, end)
    found = date_paren(text, parens[0]) if parens else None
    if found is not None:
        return DateCheck(tuple(_court_issues(text, members, style, hint, found, due)), found.paren.end)
    if not due.year or _year_given(text, members, end, due.limit):
        return DateCheck((), end)
    court_only = parens and tables.court_by_spelling(one_line(text[parens[0].start + 1:parens[0].end - 1]))
    issue = _missing_year(text, members, style, hint, end, parens[0] if court_only else None)
    return DateCheck((issue,) if issue else (), parens[0].end if court_only else end)


# a clause ends at ";" (unless a parallel citation follows, Michigan's "233 Mich.App. 143; 594
# N.W.2d 74 (1998)") or at a sentence end
_CLAUSE_END = re.compile(r";(?!\s*\d+\s+[A-Z])|(?:(?<=[a-z]{3})|(?<=\d)|(?<=\)))[.?!][\"'\u201d\u2019]?\s+[A-Z\u201c\"]")
# subsequent history: its parenthetical may give the year for both (rule 10.5)
HISTORY = re.compile(r",\s*(?:aff'd|rev'd|aff\u2019d|rev\u2019d|affd\.|revd\.|cert\.|vacated|overruled|abrogated|"
                     r"modified|superseded|reh'g|appeal|petition|judgment|remanded|disc\.|lv\.|leave|review)")
_YEAR = re.compile(r"\b(?:1[6-9]|20)\d\d\b")
YEAR_REACH = 250  # characters after a citation's pins where a year may still stand for it


def _year_given(text: str, members: Sequence[FoundCitation], end: int, limit: int) -> bool:
    """A year is there though not where the rule puts it: in the citation
    itself ("2004 WI 58", "2016-Ohio-1028", "2005 WL 3116504"), before it
    (California: "People v. Smith (2011) 51 Cal.4th 1"), in the subsequent
    history's parenthetical, or anywhere further on in the same clause
    before the next case (after pins or parallels the extractor did not
    read: "612. P.2d 1110 (1980)"); or a parenthetical is left open (a page
    break inside it in text taken from a PDF)."""
    first = members[0]
    if _YEAR.fullmatch(first.volume) or any(tables.is_neutral(m.reporter) for m in members):
        return True
    if _year_before(text, members) or HISTORY.match(text, end):
        return True
    reach = min(limit, end + YEAR_REACH)
    clause = _CLAUSE_END.search(text, end, reach)
    stop = clause.start() if clause else reach
    opened = re.match(r"\s*[(\[]", text[end:stop]) and not parens_after(text, end)
    return bool(opened) or bool(_YEAR.search(_without_explanations(text, end, stop)))


def _without_explanations(text: str, start: int, stop: int) -> str:
    """text[start:stop] without explanatory parentheticals ("(citing Sands v.
    Lewis, 886 F.2d 1166 (9th Cir. 1989))", "(applying ... § 1915(e))"),
    whose years and numbers are not this citation's."""
    parts, pos = [], start
    for m in re.finditer(r"\(\s*[a-z\"'\u201c\u2018]", text[:stop]):
        if m.start() < pos:
            continue
        close = balanced_end(text, m.start()) or stop
        parts.append(text[pos:m.start()])
        pos = close
    parts.append(text[pos:stop])
    return "".join(parts)


# Alteration brackets a quoting court adds ("([Pa.] 1971)", "(2[d] Cir. 2004)"): the
# parenthetical is judged on what it says, and a bracketed court keeps its brackets.
_ALTERATION = re.compile(r"[\[\]]")


def _court_issues(text: str, members: Sequence[FoundCitation], style: str, hint: Hint,
                  found: DateParen, due: Due) -> list[FormIssue]:
    (c0, _), date_start = found.court, found.date[0]
    span = text[c0:date_start]
    plain = _ALTERATION.sub("", span)
    raw = plain.rstrip().rstrip(",").rstrip()
    written, gap = one_line(raw), plain[len(raw):]
    if written:
        codes, final = _written_court(written, members, style)
        final = _bracketed(span, written, final)
    elif due.court and _implied(members)[1]:
        codes, final = _missing_court(members, style, hint)
        if not final:
            return [FormIssue(code, message, None, ()) for code, message in codes]
    else:
        return []
    sep = ", " if style == "scotus" and re.match(r"[A-Z]", text[date_start:found.date[1]]) else " "
    spacing_fixed = any(code == "court_parenthetical" for code, _ in codes)
    if final and not spacing_fixed and (one_line(gap) != sep.strip() or not gap):
        codes.append(("court_parenthetical", "A comma and a space between the court and a full date, in the "
                                             "Supreme Court's style." if sep == ", " else
                      "One space, and nothing else, between the court and the date."))
    if not codes:
        return []
    edit = FormEdit(c0, date_start, f"{final}{sep}" if final else "")
    suggestion = one_line(apply(text, (edit,), found.paren.start, found.paren.end))
    return [FormIssue(code, message, suggestion, (edit,)) for code, message in codes]


def _bracketed(span: str, written: str, final: str) -> str:
    """The court as it should read, with the alteration brackets of ``span``
    kept when the court is right or wholly bracketed ("[2nd Cir.]" -> "[2d Cir.]")."""
    raw = one_line(span.rstrip().rstrip(",").rstrip())
    if raw == written or not final:
        return final
    if final == written:
        return raw
    return f"[{final}]" if re.fullmatch(r"\[[^\[\]]*\]", raw) else final


def _written_court(written: str, members: Sequence[FoundCitation], style: str) -> tuple[list, str]:
    """Codes and messages for a court as written, and the court as it should read."""
    codes: list[tuple[str, str]] = []
    final = fix_ordinals(written)
    if final != written:
        codes.append(("ordinal", f"Ordinal in the court: \u201c{final}\u201d, not \u201c{written}\u201d "
                                 "(\u201c2d\u201d, \u201c3d\u201d, rule 6.2(b))."))
    court = tables.court_by_spelling(final)
    shows = [m.reporter for m in members if court is not None and _implied([m])[0] == {court.id}]
    if shows:
        codes.append(("court_parenthetical", f"The reporter ({shows[0]}) shows the court: "
                                             f"leave \u201c{written}\u201d out of the parenthetical (rule 10.4)."))
        return codes, ""
    if court is not None and court.form(style) and court.form(style) != final:
        codes.append(("court_parenthetical", f"The court is abbreviated \u201c{court.form(style)}\u201d, not "
                                             f"\u201c{written}\u201d ({_source(style)})."))
        final = court.form(style)
    return codes, final


def _missing_court(members: Sequence[FoundCitation], style: str, hint: Hint) -> tuple[list, str]:
    known = tables.court_by_id(hint.court) if hint.court else None
    final = known.form(style) if known is not None else ""
    message = (f"Name the court in the parenthetical: {members[-1].reporter} reports the decisions of many "
               f"courts (rule 10.4)." + (f" Elsewhere this case is cited to the {final}." if final else ""))
    return [("court_parenthetical", message)], final


def _source(style: str) -> str:
    return "the Supreme Court's style" if style == "scotus" else "Bluebook T1"


def _missing_year(text: str, members: Sequence[FoundCitation], style: str, hint: Hint, end: int,
                  paren) -> FormIssue | None:
    """No date parenthetical. ``paren``, a parenthetical naming only a court,
    gets the year added; otherwise "(court year)" goes after the pins (before
    any explanatory parenthetical)."""
    message = "No year of decision: a full case citation ends with the year in parentheses (rule 10.5)"
    _, needed = _implied(members)
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
