"""Metadata shared by the opinion ingesters: citations, ids, dates, names, courts.

Reporter names are canonicalised with ``reporters_db`` (the table eyecite
uses), so ``153 Conn.App. 266`` is stored as ``153 Conn. App. 266``, the form
the citation checker extracts from a memo.
"""
from __future__ import annotations

import html
import re
from datetime import date
from functools import lru_cache
from typing import Iterable, NamedTuple

from research.jurisdictions import STATES, longest_first

# Volume, reporter (letters, dots, spaces, ordinals, "(1st)"), page; commas
# and semicolons mean a list of old-style references, not one citation.
_CITE = re.compile(r"^\(?\s*(\d+)\s+([A-Za-z][A-Za-z0-9.'’&() -]*?)\s+(\d+)\s*\)?\.?$")
# West's state supplements are unofficial though reporters_db files them as "state".
_UNOFFICIAL_STATE = {"N.Y.S.", "N.Y.S.2d", "N.Y.S.3d", "Cal. Rptr.", "Cal. Rptr. 2d", "Cal. Rptr. 3d",
                     "Ill. Dec."}
_SECONDARY_FEDERAL = {"S. Ct.", "L. Ed.", "L. Ed. 2d"}
_SLIP = {"NY Slip Op", "N.Y. Slip Op."}


class Cite(NamedTuple):
    volume: str
    reporter: str  # canonical
    page: str
    raw_reporter: str = ""

    def __str__(self) -> str:
        return f"{self.volume} {self.reporter} {self.page}"


@lru_cache(maxsize=1)
def _reporter_tables() -> tuple[dict, dict, dict]:
    from reporters_db import EDITIONS, REPORTERS, VARIATIONS_ONLY

    return EDITIONS, VARIATIONS_ONLY, REPORTERS


def canonical_reporter(raw: str) -> str:
    """``Cal.Rptr.3d`` -> ``Cal. Rptr. 3d``; unknown names are only tidied."""
    name = re.sub(r"\s+", " ", html.unescape(raw)).strip()
    editions, variations, _ = _reporter_tables()
    if name in editions:
        return name
    for candidate in (name, name.replace(". ", ".")):
        options = variations.get(candidate)
        if options:
            return options[0]
    return name


def parse_cite(text: str) -> Cite | None:
    match = _CITE.match(re.sub(r"\s+", " ", text.strip()))
    if not match:
        return None
    volume, raw, page = match.groups()
    return Cite(volume, canonical_reporter(raw), page, raw.strip())


def cite_rank(reporter: str) -> int:
    """0 official reporter, 1 neutral cite, 2 regional, 3 other West, 4 specialty, 5 slip."""
    if reporter in _SLIP:
        return 5
    if reporter in _UNOFFICIAL_STATE or reporter in _SECONDARY_FEDERAL:
        return 3
    editions, _, reporters = _reporter_tables()
    base = editions.get(reporter)
    kinds = {r["cite_type"] for r in reporters.get(base, ())} if base else set()
    for rank, kind in ((0, "state"), (0, "federal"), (0, "scotus_early"), (1, "neutral"),
                       (2, "state_regional")):
        if kind in kinds:
            return rank
    return 4


def order_cites(cites: Iterable[Cite]) -> list[Cite]:
    """Official first, then parallel; the source's order breaks ties."""
    unique = list(dict.fromkeys(cites))
    return sorted(unique, key=lambda c: cite_rank(c.reporter))


def opinion_id(cite: Cite) -> str:
    """``op/16-ny3d-272``: stable across runs and sources of the same case."""
    letters = re.sub(r"[^a-z0-9]", "", cite.reporter.lower())
    return f"op/{cite.volume}-{letters}-{cite.page.lower()}"


# --- dates ----------------------------------------------------------------------

_MONTHS = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}
_WORD_DATE = re.compile(r"\b([A-Z][a-z]{2,8})\.?\s+(\d{1,2}),?\s+(\d{4})\b")


def iso_date(raw: str | None) -> str:
    """``09-30-2014``, ``2011-03-3``, ``Feb. 24, 2011`` -> ISO; ``1871-12`` -> ``1871``."""
    text = (raw or "").strip()
    for pattern, order in ((r"(\d{4})-(\d{1,2})-(\d{1,2})", "ymd"), (r"(\d{1,2})-(\d{1,2})-(\d{4})", "mdy"),
                           (r"(\d{1,2})/(\d{1,2})/(\d{4})", "mdy")):
        match = re.fullmatch(pattern, text)
        if match:
            parts = dict(zip(order, map(int, match.groups())))
            return _checked(parts["y"], parts["m"], parts["d"])
    match = _WORD_DATE.search(text)
    if match and match.group(1)[:3].lower() in _MONTHS:
        return _checked(int(match.group(3)), _MONTHS[match.group(1)[:3].lower()], int(match.group(2)))
    match = re.fullmatch(r"(\d{4})(?:-\d{1,2})?", text)
    return match.group(1) if match else ""


def _checked(year: int, month: int, day: int) -> str:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return ""


# --- case names -----------------------------------------------------------------

_KEEP_LOWER = {"of", "the", "and", "for", "in", "on", "at", "to", "a", "an", "by", "ex", "rel.", "re", "v.", "d/b/a"}
_NOT_ACRONYMS = {"Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Mt", "Ft", "Wm"}


def clean_case_name(name: str) -> str:
    """Tidy a short case name: entities, spacing, ``Corp..``, ``Llc``, ALL CAPS."""
    text = re.sub(r"\s+", " ", html.unescape(name or "")).strip().rstrip(",")
    text = re.sub(r"\.{2,}", ".", text)
    text = re.sub(r",\s*v\.\s*", ", v. ", text)
    text = re.sub(r"\s+v\.\s+", " v. ", text)
    letters = re.sub(r"\b(?:v|vs|ex rel|et al)\.", "", text)
    if letters.upper() == letters and re.search(r"[A-Z]{3}", letters):
        text = " ".join(_title_word(w, i) for i, w in enumerate(text.split()))
    return " ".join(_acronym(word) for word in text.split())


def _title_word(word: str, position: int) -> str:
    lower = word.lower()
    if position and lower in _KEEP_LOWER:
        return lower
    if not re.search(r"[AEIOUY]", word) and word.isalpha():
        return word  # KNC, NLRB: letters without vowels are initials
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))


def _acronym(word: str) -> str:
    # Fastcase writes initials as words ("Bleeker Jones Llc", "Fgh Industries").
    bare = word.rstrip(",;:")
    if bare[:1].isupper() and bare.isalpha() and len(bare) > 1 and bare not in _NOT_ACRONYMS \
            and not re.search(r"[aeiouyAEIOUY]", bare):
        return bare.upper() + word[len(bare):]
    return word


# --- courts and jurisdictions ---------------------------------------------------

_FEDERAL = re.compile(
    r"United States|Supreme Court of the U|\bU\.S\.|Bankruptcy|Tax Court|Court of (?:Federal )?Claims"
    r"|Board of Tax Appeals|(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth"
    r"|Eleventh|D\.C\.|Federal) Circuit", re.I)


def jurisdiction_of(court: str) -> str:
    """``us`` for federal courts, else the state's abbreviation (``N.Y.``)."""
    if _FEDERAL.search(court or ""):
        return "us"
    # Longest names first: "West Virginia" before "Virginia".
    for name, _ in longest_first():
        if re.search(rf"\b{re.escape(name)}\b", court or "", re.I):
            return STATES[name]
    return ""


def normalise_jurisdiction(name: str) -> str:
    """CAP's ``U.S.`` (federal) -> ``us``; state abbreviations stay."""
    return "us" if name in ("U.S.", "us", "United States") else name
