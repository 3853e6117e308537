"""Bluebook-style citations for memo authorities. Stdlib only.

    case_parts(doc, pin) -> (name, rest)     # "Bleecker ...", ", 16 N.Y.3d 272, 278 (2011)"
    statute_citation(doc, label) -> "17 U.S.C. § 107(1)"
    pin_label(pages) -> "431" or "431-32"
    court_level(doc) -> 0 (U.S. Supreme Court) .. 5 (unknown)

The case name is returned apart from the rest so each renderer can set it
in italics (DOCX and HTML runs, Markdown asterisks).
"""
from __future__ import annotations

import re

from research.jurisdictions import STATES, longest_first
from research.types import Document, PageMap

# Reporters that already name the court: the parenthetical then gives only the year.
_COURT_IMPLIED = ("U.S.", "S. Ct.", "L. Ed.", "N.Y.", "N.Y.2d", "N.Y.3d", "Mass.", "Colo.", "Cal.",
                  "Ohio St.", "Pa.", "Mont.", "T.C.", "B.T.A.")
_WORDS = (
    ("United States Court of Appeals for the ", ""), ("United States District Court for the ", ""),
    ("District of Columbia Circuit", "D.C. Cir."), ("First Circuit", "1st Cir."),
    ("Second Circuit", "2d Cir."), ("Third Circuit", "3d Cir."), ("Fourth Circuit", "4th Cir."),
    ("Fifth Circuit", "5th Cir."), ("Sixth Circuit", "6th Cir."), ("Seventh Circuit", "7th Cir."),
    ("Eighth Circuit", "8th Cir."), ("Ninth Circuit", "9th Cir."), ("Tenth Circuit", "10th Cir."),
    ("Eleventh Circuit", "11th Cir."), ("D.C. Circuit", "D.C. Cir."), ("Federal Circuit", "Fed. Cir."),
    ("Southern District of ", "S.D. "), ("Northern District of ", "N.D. "), ("Eastern District of ", "E.D. "),
    ("Western District of ", "W.D. "), ("Middle District of ", "M.D. "), ("Central District of ", "C.D. "),
    ("District of ", "D. "), ("Chancery Division", "Ch. Div."), ("Appellate Division", "App. Div."),
    ("Court of Appeals", "Ct. App."), ("Court of Appeal", "Ct. App."), ("Superior Court", "Super. Ct."),
    ("Supreme Court", "Sup. Ct."), ("Commonwealth Court", "Commw. Ct."), ("Appellate Court", "App. Ct."),
    ("Court of Criminal Appeals", "Crim. App."),
)


def court_abbreviation(doc: Document, citation: str) -> str:
    """The court part of the parenthetical ("2d Cir.", "N.J. Ch. Div."), "" when
    the reporter already names the court."""
    reporter = _reporter(citation)
    if reporter in _COURT_IMPLIED or not doc.court:
        return ""
    court = doc.court
    high = re.fullmatch(r"Supreme Court(?: of Appeals)? of (?:the State of )?([A-Z][A-Za-z ]+)", court)
    if high and high.group(1) in STATES and high.group(1) != "New York":
        return STATES[high.group(1)]  # a state's highest court: "(Mich. 2007)"
    # State names first, whole ("District of Columbia", "West Virginia"), then court words.
    for state, short in longest_first():
        court = court.replace(f"of the State of {state}", short).replace(f"of {state}", short)
        court = court.replace(state, short)
    for long, short in _WORDS:
        court = court.replace(long, short)
    court = re.sub(r",?\s*(?:First|Second|Third|Fourth) District,\s*Division \d+,?", "", court)
    court = " ".join(re.sub(r"\bthe\b", "", court).replace(",", "").split())
    return _state_first(court)


def _state_first(court: str) -> str:
    """"Ct. App. Mich." -> "Mich. Ct. App.": the state comes first in Bluebook."""
    for short in sorted(set(STATES.values()), key=len, reverse=True):
        if court.endswith(" " + short):
            return f"{short} {court[: -len(short)].strip()}"
    return court


def _reporter(citation: str) -> str:
    m = re.match(r"\d+\s+(.+?)\s+\d+$", citation.strip())
    return m.group(1) if m else ""


def cited_page_map(doc: Document) -> PageMap | None:
    """The page map of the reporter a memo cites: the official one when the
    library has its pages, else the first parallel reporter that has them
    (so a pin page is never paired with another reporter's volume)."""
    own = doc.page_map_for(doc.primary_citation) if doc.primary_citation else None
    if own is not None:
        return own
    usable = [pm for pm in doc.page_maps if "___" not in pm.citation and pm.reporter != "pdf"]
    return usable[0] if usable else None


def case_citation(doc: Document) -> str:
    """The citation a memo gives a case: the reporter whose pages it pin-cites."""
    page_map = cited_page_map(doc)
    return page_map.citation if page_map is not None else doc.primary_citation


def case_parts(doc: Document, pin: str, *, citation: str = "") -> tuple[str, str]:
    """(case name, everything after it) of a full case citation with a pin cite."""
    citation = citation or case_citation(doc)
    court = court_abbreviation(doc, citation)
    paren = " ".join(part for part in (court, doc.year) if part)
    at = f", {pin}" if pin else ""
    return doc.title, f", {citation}{at} ({paren})" if paren else f", {citation}{at}"


def statute_citation(doc: Document, label: str = "") -> str:
    """"17 U.S.C. § 107" plus the subsection label "(1)" -> "17 U.S.C. § 107(1)"."""
    label = label if label.startswith("(") else ""
    return f"{doc.primary_citation}{label}"


def pin_label(pages: tuple[str, ...]) -> str:
    """"431" for one page; "431-32" for a passage running onto the next page(s)."""
    if not pages:
        return ""
    first, last = pages[0], pages[-1]
    if first == last:
        return first
    keep = 0
    while keep < min(len(first), len(last)) - 1 and first[keep] == last[keep] and len(first) == len(last):
        keep += 1
    # Bluebook drops repeated leading digits but keeps at least two ("431-32").
    keep = min(keep, max(len(last) - 2, 0))
    return f"{first}-{last[keep:]}"


def court_level(doc: Document) -> int:
    """Rank for ordering cases: the highest courts first."""
    court = doc.court.lower()
    if "supreme court of the united states" in court:
        return 0
    if "court of appeals for the" in court:
        return 1
    if court.startswith("supreme court") and "new york" not in court or court == "court of appeals of new york":
        return 2
    if "appeal" in court or "appellate" in court or "commonwealth court" in court:
        return 3
    return 4 if court else 5
