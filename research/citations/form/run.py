"""Run every form rule over the citations of one document.

    check_form(text, checked, style) -> tuple[CheckedCitation, ...]   # with form and corrected
    form_report(report, style) -> CheckReport                          # the same, on a whole report

Member rules (reporter, pins, statute form) run first, then the rules of a
whole case citation (court and date, case name, parallel order), which see
the members' edits, then short forms before their full citation, which
copy the corrected full citation. Form never changes a citation's status.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Sequence

from research.citations.form import tables
from research.citations.form.courts import YEAR_REACH, Due, Hint, check_date
from research.citations.form.edits import SortedEdits, apply, one_line
from research.citations.form.layout import date_paren, name_span, parens_after, pins_end, syllabus_spans
from research.citations.form.names import is_citation_sentence, name_issue
from research.citations.form.pins import full_pin_issue, id_pin_issue, short_end, short_pin_issue
from research.citations.form.reporters import parallel_issue, reporter_issue
from research.citations.form.shorts import FullCite, LaterFulls, short_first_issue
from research.citations.form.statutes import statute_issues
from research.types import DEFAULT_STYLE, FORM_STYLES, CheckedCitation, CheckReport, FormEdit, FormIssue, FoundCitation


def form_report(report: CheckReport, style: str = DEFAULT_STYLE) -> CheckReport:
    """``report`` with the form of every citation checked in ``style``."""
    return replace(report, citations=check_form(report.text, report.citations, style), style=style)


def check_form(text: str, checked: Sequence[CheckedCitation], style: str = DEFAULT_STYLE) -> tuple[CheckedCitation, ...]:
    if style not in FORM_STYLES:
        raise ValueError(f"unknown citation style {style!r}; use one of {', '.join(FORM_STYLES)}")
    original = checked  # the report keeps its kinds
    checked = [replace(item, found=_as_case(item.found)) for item in checked]
    found = [item.found for item in checked]
    issues: dict[int, list[FormIssue]] = defaultdict(list)
    for i, cite in enumerate(found):
        issues[i] += _member_issues(text, cite, style)
    spans = {i: _own_span(text, found[i], issues[i]) for i in range(len(found))}
    together: dict[int, tuple[int, ...]] = {i: (i,) for i in range(len(found))}
    hints = _hints(text, checked)
    first_cited = _first_cited(found)
    exempt, courts = (syllabus_spans(text), _court_words(text)) if style == "scotus" else ([], _COURT_IN_TEXT)
    fulls = []
    for members in _case_groups(found):
        full, span = _check_case(text, found, members, issues, style, hints, _Setting(first_cited, exempt, courts))
        fulls.append(full)
        for i in members:
            spans[i], together[i] = span, tuple(members)
    case_edits = SortedEdits(e for j, cite in enumerate(found) if cite.kind == "case"
                             for x in issues[j] for e in x.edits)
    later, newlines = LaterFulls(fulls), [m.start() for m in re.finditer("\n", text)]
    for i, cite in enumerate(found):
        issue = short_first_issue(text, cite, later, case_edits, lambda pos: bisect_left(newlines, pos) + 1)
        if issue is not None:
            issues[i].append(issue)
            spans[i] = _widen(spans[i], issue.edits)
    return tuple(_with_form(text, item, i, issues, spans, together) for i, item in enumerate(original))


def _as_case(cite: FoundCitation) -> FoundCitation:
    """An agency adjudication in a reporter reporters-db lists ("120 M.S.P.R.
    365", "26 I. & N. Dec. 123") is cited like a case (rule 14.3)."""
    return replace(cite, kind="case") if cite.kind == "agency" and tables.is_edition(cite.reporter) else cite


def _member_issues(text: str, cite: FoundCitation, style: str) -> list[FormIssue]:
    if cite.kind == "case":
        found = [reporter_issue(text, cite, style), full_pin_issue(text, cite, style)]
    elif cite.kind == "short_case":
        found = [reporter_issue(text, cite, style), short_pin_issue(text, cite, style)]
    elif cite.kind == "id":
        found = [id_pin_issue(text, cite, style)]
    elif cite.kind in ("statute", "regulation"):
        found = list(statute_issues(text, cite, style))
    else:
        found = []
    return [issue for issue in found if issue is not None]


def _own_span(text: str, cite: FoundCitation, issues: list[FormIssue]) -> tuple[int, int]:
    start = cite.full_start if cite.kind == "short_case" and cite.case_name else cite.start
    end = short_end(text, cite) if cite.kind in ("id", "short_case") else cite.end
    return _widen((min(start, cite.start), end), [e for x in issues for e in x.edits])


def _widen(span: tuple[int, int], edits) -> tuple[int, int]:
    starts, ends = [span[0]] + [e.start for e in edits], [span[1]] + [e.end for e in edits]
    return min(starts), max(ends)


def _case_groups(found: Sequence[FoundCitation]) -> list[list[int]]:
    groups: dict[int, list[int]] = {}
    for i, cite in enumerate(found):
        if cite.kind == "case":
            groups.setdefault(cite.group, []).append(i)
    return list(groups.values())


def _first_cited(found: Sequence[FoundCitation]) -> dict[tuple[str, str, str], int]:
    first: dict[tuple[str, str, str], int] = {}
    for cite in found:
        if cite.kind == "case":
            first.setdefault(_key(cite), cite.start)
    return first


@dataclass(frozen=True)
class _Setting:
    first_cited: dict       # (volume, reporter, page) -> offset of its first full citation
    exempt: list            # spans where years are not given (a Supreme Court syllabus)
    courts: re.Pattern      # words that name a court in the text before a citation


_CASE_NAME = re.compile(r"\sv\.?\s|^(?:In re|Ex parte|Matter of|In the Matter of|Estate of|Appeal of)\s|"
                        r"\sex rel\.\s")
_COURT_IN_TEXT = re.compile(r"Circuit|Court of Appeals?|District Court|Supreme Court of|Appellate Division|"
                            r"Court of Criminal Appeals|Bankruptcy Court")
# a court the opinion names by its initials: "the Texas Court of Criminal Appeals (CCA)"
_COURT_INITIALS = re.compile(r"(?:Court|Circuit)\b[^()\n]{0,40}\(\s*(?:the\s+)?[\"\u201c]?([A-Z]{2,6})[\"\u201d]?\s*\)")


def _court_words(text: str) -> re.Pattern:
    """_COURT_IN_TEXT, and the initials the text gives a court ("the CCA")."""
    initials = sorted({m.group(1) for m in _COURT_INITIALS.finditer(text)})
    return re.compile("|".join([_COURT_IN_TEXT.pattern] + [rf"\b{i}\b" for i in initials]))


def _due(text: str, found, members: list[int], named, style: str, setting: _Setting) -> Due:
    """Is a missing year or court a fault here? Not without a case name (a
    header, a textual "552 U.S. 576", rules printed in F.R.D.); not the year
    when the case was cited before (the Supreme Court's and many courts'
    repeat form "Rosales-Lopez, 451 U. S. 182", a Westlaw short form "Brown,
    2018 WL 4538412, at *2") or in a Supreme Court syllabus, which gives no
    years; not the court, in the Supreme Court's style, when the text just
    before names it ("the Federal Circuit denied ... In re TC Heartland LLC,
    821 F. 3d 1338 (2016)", "adopted by the CCA in Ex parte Briseno, 135 S. W.
    3d 1 (2004)")."""
    cites = [found[i] for i in members]
    first = cites[0]
    limit = _next_authority(text, found, members[-1], first)
    earlier = any(setting.first_cited.get(_key(c), c.start) < c.start for c in cites)
    in_syllabus = any(a <= first.start < b for a, b in setting.exempt)
    shaped = bool(_CASE_NAME.search(first.case_name))
    year = shaped and not earlier and not in_syllabus
    court = named is not None and shaped
    if court and style == "scotus":
        court = not setting.courts.search(text, max(0, named[0] - 300), named[0])
    return Due(year, court, limit)


def _next_authority(text: str, found, last: int, first: FoundCitation) -> int:
    """Where the next citation of another authority starts. Only what lies
    within YEAR_REACH of the pins matters (courts.check_date), so the scan
    stops there: linear in a run of thousands of adjacent citations."""
    horizon = pins_end(text, found[last].end) + YEAR_REACH
    for k in range(last + 1, len(found)):
        if _new_authority(found[k], first):
            return found[k].full_start
        if found[k].start >= horizon:
            break
    return len(text)


def _new_authority(cite: FoundCitation, first: FoundCitation) -> bool:
    """Does ``cite`` start a citation of another authority (not a parallel
    of ``first`` that the extractor did not join to it)?"""
    if cite.kind in ("id", "supra", "short_case", "statute", "regulation", "rule", "constitution"):
        return True
    return bool(cite.case_name) and cite.case_name != first.case_name


def _check_case(text: str, found, members: list[int], issues, style: str, hints,
                setting: _Setting) -> tuple[FullCite, tuple[int, int]]:
    """Court, date, name and order of one (maybe parallel) case citation."""
    cites = [found[i] for i in members]
    first = cites[0]
    named = name_span(text, first)
    hint = next((hints[_key(c)] for c in cites if _key(c) in hints), Hint())
    date = check_date(text, cites, style, hint, _due(text, found, members, named, style, setting))
    issues[members[0]] += date.issues
    start = named[0] if named else first.start
    after = parens_after(text, date.end)
    sentence_end = after[-1].end if after else date.end
    if style == "bluebook" and named and is_citation_sentence(text, start, sentence_end):
        issue = name_issue(text, named)
        if issue is not None:
            issues[members[0]].append(issue)
    inner = [e for i in members for x in issues[i] for e in x.edits]
    order = parallel_issue(text, cites, inner)
    if order is not None:
        issues[members[0]].append(order)
    paren = _date_span(text, cites[-1])
    span = _widen((start, date.end), [e for i in members for x in issues[i] for e in x.edits])
    return FullCite(tuple(cites), named, paren), span


def _date_span(text: str, last: FoundCitation) -> tuple[int, int] | None:
    parens = parens_after(text, pins_end(text, last.end))
    found = date_paren(text, parens[0]) if parens else None
    return (found.paren.start, found.paren.end) if found else None


def _key(cite: FoundCitation) -> tuple[str, str, str]:
    return cite.volume, cite.reporter, cite.page


def _hints(text: str, checked: Sequence[CheckedCitation]) -> dict[tuple[str, str, str], Hint]:
    """Year and court of each case, from its citations in the document that
    give them, else from what the check matched it to."""
    hints: dict[tuple[str, str, str], Hint] = {}
    groups: dict[int, list[FoundCitation]] = defaultdict(list)
    for item in checked:
        if item.found.kind == "case":
            groups[item.found.group].append(item.found)
    for cites in groups.values():
        parens = parens_after(text, pins_end(text, cites[-1].end))
        found = date_paren(text, parens[0]) if parens else None
        if found is None:
            continue
        court = tables.court_by_spelling(one_line(text[found.court[0]:found.court[1]]))
        for cite in cites:
            hints.setdefault(_key(cite), Hint(found.year, court.id if court else ""))
    for item in checked:
        auth = item.authority
        if item.found.kind == "case" and auth is not None and auth.year:
            court = tables.court_by_id(auth.court)
            known = hints.get(_key(item.found), Hint())
            hints[_key(item.found)] = Hint(known.year or auth.year, known.court or (court.id if court else ""))
    return hints


def _with_form(text: str, item: CheckedCitation, i: int, issues, spans, together) -> CheckedCitation:
    own = tuple(issues[i])
    if not own:
        return item
    edits: list[FormEdit] = [e for j in together[i] for x in issues[j] for e in x.edits]
    start, end = spans[i]
    corrected = one_line(apply(text, edits, start, end))
    return replace(item, form=own, corrected=None if corrected == one_line(text[start:end]) else corrected)
