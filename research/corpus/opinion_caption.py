"""Best-effort metadata from the caption of a plain-text opinion.

CourtListener texts and slip opinions come without names or courts in their
metadata. The first lines of an opinion (the caption) usually say who the
parties are, which court decided, when and under which docket number; these
heuristics read that, and return "" where they are unsure rather than guess.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from research.corpus.opinion_meta import clean_case_name, iso_date

HEADER_LINES = 80
_DATE = r"(?:[A-Z][a-z]{2,8}\.? \d{1,2}, ?\d{4}|\d{1,2}/\d{1,2}/\d{4})"
_DATED = re.compile(rf"\b(?:Decided|DECIDED|Filed|FILED|Opinion [Ff]iled|Date [Ff]iled|Dated|Entered"
                    rf"|ENTERED)\s*:?\s*({_DATE})")
_DOCKET = re.compile(r"\b((?:Case |Civ\. |Civil Action |Appeal |Docket |Record |Index )?(?:No|NO)s?\.?\s*:?"
                     r"\s*[A-Z]{0,4}[\d][\w.:/–-]*(?:\s*\([A-Z]{2,5}\))?)")
_V_LINE = re.compile(r"^(?:v|V|vs|VS|Vs|versus|VERSUS|-vs?-|against|- against -|-against-)\.?$")
_ONE_LINE = re.compile(r"^([A-Z][^.]{1,70}?(?:\.[^.]{0,20})?)\s+(?:v\.|vs\.|v)\s+([A-Z].{1,80})$")
_ROLE = re.compile(r"^(?:and\s+)?(?:(?:Cross|Third|Counter|Intervening|Real Party)[- ]?)*(?:Plaintiffs?|Defendants?"
                   r"|Appellants?|Appellees?|Petitioners?|Respondents?|Movants?|Intervenors?|Claimants?"
                   r"|Debtors?|Relators?|Garnishees?|Party|Parties|Creditors?)\b.*$", re.I)
_COURTS = [
    (re.compile(r"SUPREME COURT OF THE UNITED STATES", re.I), lambda m: "Supreme Court of the United States"),
    (re.compile(r"UNITED STATES COURT OF APPEALS\s+(?:FOR THE\s+)?(\w+(?: OF COLUMBIA)?)\s+CIRCUIT", re.I),
     lambda m: f"United States Court of Appeals for the {_circuit(m.group(1))} Circuit"),
    (re.compile(r"UNITED STATES (DISTRICT|BANKRUPTCY) COURT\s+(?:FOR THE\s+)?((?:\w+\s+)?DISTRICT OF\s+[A-Z][A-Za-z]+"
                r"(?: [A-Z][A-Za-z]+)?)", re.I),
     lambda m: f"United States {m.group(1).title()} Court for the {_title(m.group(2))}"),
    (re.compile(r"^\s*(?:IN THE\s+)?((?:SUPREME|COMMONWEALTH|SUPERIOR) COURT OF (?:THE STATE OF |THE COMMONWEALTH OF )?"
                r"[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?|COURT OF (?:CRIMINAL |CIVIL )?APPEALS? OF (?:THE STATE OF )?"
                r"[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?)\s*$", re.I | re.M),
     lambda m: _title(m.group(1))),
]


@dataclass(frozen=True)
class Caption:
    title: str = ""
    court: str = ""
    date: str = ""
    docket: str = ""


def read_caption(text: str) -> Caption:
    raw = text.split("\n")[:HEADER_LINES]
    header = "\n".join(raw)
    return Caption(_parties(_left_column(raw)), _court(header), _date(header), _docket(header))


def _left_column(lines: list[str]) -> list[str]:
    """Left column of a two-column caption, without line numbers or ``)``/``:``/``§`` rules."""
    out = []
    for line in lines:
        line = re.sub(r"^\s*\d{1,2}(?:\s{2,}|$)", "", line)  # pleading-paper line numbers
        line = re.split(r"\s{3,}|\s[):§]\s|\s[):§]$|^[):§]\s", line.strip())[0].strip(" )§:")
        out.append(line.strip())
    return out


_JUNK = re.compile(r"(?<![A-Za-z])(?:Nos?\.|FILED|MEMORANDUM|ORDER|COA|Civ\.|Civil Action|Doc\.|Case|"
                   r"Recommendation|ENTERED|Docket|Appeal|Before|Clerk|Counsel|Honorable|Judge|Et Al|"
                   r"TO FILE|Plaintiff|Defendant|himself|herself|See|Admiralty|Super\. Ct)(?![a-z])|\*|l{5,}|^[(]",
                   re.I)
_SMALL = {"of", "the", "and", "for", "in", "on", "at", "to", "a", "an", "by", "ex", "rel.", "re", "de", "la",
          "del", "von", "van", "d/b/a", "v.", "et", "al.", "da", "du", "le"}
_ONE_LINE_CAPS, _ONE_LINE_ANY = 30, 3  # how far into the caption a one-line name may sit


def _parties(lines: list[str]) -> str:
    for i, line in enumerate(lines):
        if _V_LINE.match(line):
            first, second = _party_before(lines, i), _party_after(lines, i)
            if _plausible(first) and _plausible(second):
                return clean_case_name(f"{first} v. {second}")
    # One-line captions ("FISHER v. UNIVERSITY OF TEXAS"): near the top only,
    # further down a "X v. Y" line is more likely a case the opinion cites.
    filled = [line for line in lines if line][:_ONE_LINE_CAPS]
    for n, line in enumerate(filled):
        match = _ONE_LINE.match(line)
        capitals = re.sub(r"\s(?:v|vs)\.?\s", " ", line)
        if not match or len(line) >= 160 or (capitals.upper() != capitals and n >= _ONE_LINE_ANY):
            continue
        first, second = (_short(part) for part in match.groups())
        if _plausible(first) and _plausible(second):
            return clean_case_name(f"{first} v. {second}")
    return ""


def _plausible(party: str) -> bool:
    if not 2 <= len(party) <= 80 or _JUNK.search(party):
        return False
    words = party.split()
    if words[-1].lower() in _SMALL - {"al."}:
        return False  # a name cut off at the line end ("Secretary of Health and")
    return all(not w[:1].islower() or w.lower() in _SMALL for w in words)


def _party_before(lines: list[str], i: int) -> str:
    for line in reversed(lines[max(0, i - 8):i]):
        if line and not _ROLE.match(line):
            return _short(line)
    return ""


def _party_after(lines: list[str], i: int) -> str:
    for line in lines[i + 1:i + 8]:
        if line and not _ROLE.match(line):
            return _short(line)
    return ""


def _short(party: str) -> str:
    """First name of a party list, the way a short case name gives it."""
    name = re.split(r",|;| et al\b| ET AL\b| \(", party)[0].strip(" ")
    if name.endswith(".") and len(name.split()[-1]) > 5:
        name = name[:-1]  # a sentence's full stop, not "Co." or "Inc."
    for pattern, short in ((r"UNITED STATES OF AMERICA", "United States"),
                           (r"(?:THE )?PEOPLE OF THE STATE OF .*", "People"),
                           (r"(?:THE )?STATE OF [A-Z ]+", "State"), (r"COMMONWEALTH OF [A-Z ]+", "Commonwealth")):
        if re.fullmatch(pattern, name, re.I):
            return short
    if not re.search(r"[A-Za-z]{2}", name):
        return ""
    return clean_case_name(name) if name.upper() == name else name


def _court(header: str) -> str:
    for pattern, name in _COURTS:
        match = pattern.search(header)
        if match:
            return re.sub(r"\s+", " ", name(match))
    return ""


def _circuit(word: str) -> str:
    word = re.sub(r"\s+", " ", word).title()
    return "D.C." if word == "District Of Columbia" else word


def _title(text: str) -> str:
    small = {"of", "the", "for", "and", "in"}
    words = re.sub(r"\s+", " ", text).split(" ")
    return " ".join(w.lower() if i and w.lower() in small else w.capitalize() for i, w in enumerate(words))


def _date(header: str) -> str:
    match = _DATED.search(header)
    if match:
        return iso_date(match.group(1))
    for line in header.split("\n"):
        if re.fullmatch(_DATE + r"\.?", line.strip()):
            return iso_date(line.strip())
    return ""


def _docket(header: str) -> str:
    match = _DOCKET.search(header)
    return re.sub(r"\s+", " ", match.group(1)).rstrip(".") if match else ""
