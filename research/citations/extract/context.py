"""What surrounds a citation: parallel groups, the court/year parenthetical,
explanatory parentheticals, "Id. § 108" pins and case names before
unknown reporters. Stdlib only; works on normalised text and ``Cite`` records.

eyecite takes a citation's year from the first "(... 1990)" it can reach,
which may belong to a later parenthetical or to a citation quoted inside one
("Doe, 50 F.2d 10 (explaining ...) (quoting Smith, 100 F.3d 1 (1990))").
Here the year comes only from a date parenthetical that follows the
citation (or its parallel group) directly, at the top level.
"""
from __future__ import annotations

import datetime
import re
from typing import Callable

from research.citations.extract.names import case_name_before, split_parties
from research.citations.extract.records import CASE_LIKE, Cite

# A number followed by a reporter and a page starts the next parallel
# citation ("200 Colo. 11, 612 P.2d 1106"): it is never a pin.
_NOT_VOLUME = (r"(?!\d|[–-]\d|\s(?:[A-Z][A-Za-z.'&]*|\d(?:d|th|st|nd|rd)\b\.?)"
               r"(?:\s?(?:[A-Z][A-Za-z.'&]*|\d(?:d|th|st|nd|rd)\b\.?)){0,5}\s\d)")
_PIN = re.compile(
    r"(?:,?\s?(?:at\s)?(?:(?:nn?|notes?|fn?)\.?\s?|¶{1,2}\s?|§{1,2}\s?|\*{1,4}|pp?\.\s?)?"
    rf"(?:\d+(?:[-–]\d+)?{_NOT_VOLUME}|_{{2,}}(?:[-–]_{{2,}})?)(?:\s?(?:&|and)\s?nn?\.\s?\d+(?:[-–]\d+)?|\s?nn?\.\s?\d+(?:[-–]\d+)?)?)*"
)
# "(a)(1)" but not a year "(2006)": that is the edition's parenthetical
_LAW_PIN = re.compile(r"(?:\s?\((?!(?:1[6-9]|20)\d\d\))[A-Za-z0-9]{1,5}\))*(?:,?\s(?:et\s?seq\.|ff\.))?")
# "16 N.Y.3d 272, 945 N.E.2d 484" or "212 N.J. 1, 8, 50 A.3d 610"
_BETWEEN_PARALLEL = re.compile(
    r"(?:,\s?(?:at\s)?[*¶§]{0,2}\s?\d+(?:[-–]\d+)?(?:\s?nn?\.\s?\d+(?:[-–]\d+)?)?)*,\s?$")
# "167 N.J. at 115-16, 770 A.2d 214", "Baures, supra, 770 A.2d 214",
# "167 N.J. at 116-17 [770 A.2d 214]": a parallel citation after a short form
_AFTER_SHORT = re.compile(r"(?:[-–]\d+)?(?:,\s?|\s?\[)")
# "Id. at 435, 103 S.Ct. 1933", "Id., at 62, 51 N. E. 2d, at 624": the parallel of an id.
AFTER_ID = re.compile(r"(?:,?\s?(?:at\s)?(?:\d+|_{2,})(?:[-–](?:\d+|_{2,}))?)*,\s?")
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
_DATE = re.compile(
    rf"^(?P<court>[^()]*?)\s?(?:{_MONTH}\s(?:\d{{1,2}},?\s)?)?"
    r"(?P<year>1[6-9]\d\d|20\d\d)(?:[-/]\d{2,4})?(?P<history>,\s?[a-z][^()]*)?$"
)
_PROSE_WORD = re.compile(r"(?:^|\s)[a-z]{4,}(?=\s|$)")
_ID_SECTION = re.compile(r"\s?(§§?\s?[\w.:-]+(?:\([A-Za-z0-9]{1,5}\))*)")
_MAX_PARENS = 1500
_SHORT_KINDS = ("id", "supra", "short_case", "reference")
# kinds whose own parenthetical gives a year (and, for cases, a court)
_DATED = (*CASE_LIKE, "journal", "treaty", "secondary", "statute", "regulation", "rule")
# A real parallel group names one case in a handful of reporters; a run of
# comma-joined citations beyond that ("1 U.S. 1, 1 U.S. 1, ..." pasted 10,000
# times) is split, so work per group stays bounded.
MAX_PARALLEL = 6
_HIGHEST_YEAR = datetime.date.today().year + 1


def attach_id_sections(cites: list[Cite], text: str) -> list[Cite]:
    """"Id. § 108(a)": the section becomes the id.'s pin cite."""
    out: list[Cite] = []
    for cite in cites:
        prev = out[-1] if out else None
        if cite.kind == "section" and prev is not None and prev.kind == "id" and not prev.pin_cite:
            m = _ID_SECTION.match(text, prev.end)
            if m and m.start(1) <= cite.start < m.end(1):
                prev.pin_cite = m.group(1)
                prev.full_end = max(prev.full_end, m.end(1))
                continue
        out.append(cite)
    return out


def _pin_end(text: str, cite: Cite) -> int:
    if cite.kind in ("statute", "regulation", "rule"):
        return _LAW_PIN.match(text, cite.end).end()
    return _PIN.match(text, cite.end).end()


def citation_end(cite: Cite, text: str) -> int:
    """End of a citation's pin cite and the run of parentheticals after it
    (eyecite's span of a short form or id. already covers its pin cite)."""
    pin_end = _pin_end(text, cite)
    if cite.kind in _SHORT_KINDS:
        pin_end = max(pin_end, cite.full_end)
    return read_parentheticals(text, pin_end)[2]


def group_parallel(cites: list[Cite], text: str) -> None:
    """Number groups; consecutive full case citations joined only by a comma
    (and the first one's pin cite) cite one authority in several reporters.
    A case citation right after a short form or supra is that short form's
    parallel ("Baures, supra, 167 N.J. at 118, 770 A.2d 214"), not a new
    full citation: it becomes a short form too."""
    group, size = -1, 0
    prev: Cite | None = None
    for cite in cites:
        if prev is not None and size < MAX_PARALLEL and _parallel(prev, cite, text):
            size += 1
            cite.group = group
            cite.full_start = prev.full_start
            cite.case_name = prev.case_name
            cite.plaintiff, cite.defendant = prev.plaintiff, prev.defendant
            if prev.kind in ("short_case", "supra"):
                _short_parallel(cite, prev, text)
        else:
            group, size = group + 1, 1
            cite.group = group
        prev = cite


def _parallel(prev: Cite, cite: Cite, text: str) -> bool:
    if cite.kind not in CASE_LIKE:
        return False
    if prev.kind in CASE_LIKE:
        return bool(_BETWEEN_PARALLEL.match(text, prev.end, cite.start))
    # an unknown reporter stays a full citation, to be reported as unknown
    if cite.kind == "case" and prev.kind == "id":
        return bool(AFTER_ID.fullmatch(text, prev.end, cite.start))
    return (cite.kind == "case" and prev.kind in ("short_case", "supra")
            and bool(_AFTER_SHORT.fullmatch(text, prev.end, cite.start)))


def _short_parallel(cite: Cite, leader: Cite, text: str) -> None:
    """Make ``cite`` a short form resolving like ``leader`` (research.citations.extract.resolve).
    Its page may be a pin: "Johnson, supra, 330 Conn. 538-39"."""
    cite.kind = "short_case"
    cite.extras["parallel_of"] = leader
    more = re.match(r"[-–]\d+", text[cite.end:cite.end + 12])
    cite.extras["page_cited"] = cite.page + (more.group() if more else "")


def _balanced_end(text: str, start: int) -> int | None:
    """Index after the bracket closing the one at ``start``, on one line."""
    depth = 0
    limit = min(len(text), start + _MAX_PARENS)
    for i in range(start, limit):
        ch = text[i]
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
            if depth == 0:
                return i + 1
        elif ch == "\n":
            return None
    return None


def _date_of(content: str) -> re.Match | None:
    m = _DATE.match(content.strip())
    if not m or int(m.group("year")) > _HIGHEST_YEAR:
        return None
    if _PROSE_WORD.search(m.group("court")):  # "(amended 1992)", "(enacted in 1976)"
        return None
    return m


def read_parentheticals(text: str, pos: int) -> tuple[re.Match | None, str, int]:
    """Date parenthetical, first explanatory parenthetical, and end offset of
    the run of parentheticals starting at ``pos`` (spaces allowed between)."""
    date, explanatory, end = None, "", pos
    i = pos
    while True:
        j = i
        while j < len(text) and text[j] == " ":
            j += 1
        if j >= len(text) or text[j] not in "([":
            break
        close = _balanced_end(text, j)
        if close is None:
            break
        content = text[j + 1:close - 1]
        found = _date_of(content)
        if found and date is None:
            date = found
        elif not found and not explanatory:
            explanatory = content.strip()
        end = i = close
    return date, explanatory, end


def _apply_date(cite: Cite, date: re.Match | None, court_by_paren: Callable) -> None:
    if date is None:
        # California style "Smith v. Jones (2011) 51 Cal.4th 1": eyecite's
        # year is right only when it sits between the name and the citation.
        year = cite.eyecite_year
        cite.year = year if year and f"({year})" in cite.extras.get("before", "") else ""
        return
    cite.year = date.group("year")
    court = date.group("court").strip(" ,")
    if cite.kind in (*CASE_LIKE, "journal"):
        cite.court = court
        if court:
            cite.court_id = court_by_paren(court) or ""


def read_groups(cites: list[Cite], text: str, court_by_paren: Callable) -> None:
    """Year, court and parenthetical of every full citation, per group."""
    by_group: dict[int, list[Cite]] = {}
    for cite in cites:
        if cite.kind in _DATED:
            by_group.setdefault(cite.group, []).append(cite)
    for members in by_group.values():
        last = members[-1]
        date, explanatory, end = read_parentheticals(text, _pin_end(text, last))
        for cite in members:
            if not cite.pin_cite and cite.kind in CASE_LIKE:
                cite.pin_cite = text[cite.end:_pin_end(text, cite)].strip(" ,")
            cite.extras["before"] = text[cite.full_start:cite.start]
            _apply_date(cite, date, court_by_paren)
            cite.parenthetical = explanatory
            cite.full_end = max(cite.end, end, _pin_end(text, cite))  # eyecite's span may run on


def reference_spans(cites: list[Cite], text: str) -> None:
    """The span of an id., supra or short form covers its parentheticals too
    ("Leocal, 543 U. S., at 12 (concluding that ... "just nine months earlier" ...)"),
    so what is quoted inside them is theirs."""
    for cite in cites:
        if cite.kind in _SHORT_KINDS:
            cite.full_end = max(cite.full_end, citation_end(cite, text))


def name_unknown_reporters(cites: list[Cite], text: str) -> None:
    """Case names before the volume-reporter-page shapes eyecite did not find."""
    for cite in cites:
        if cite.kind not in CASE_LIKE or cite.case_name or cite.obj is not None:
            continue
        name = case_name_before(text, cite.start)
        if name:
            cite.case_name = name
            cite.full_start = text.rfind(name, 0, cite.start)
            cite.plaintiff, cite.defendant = split_parties(name)
