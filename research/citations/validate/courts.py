"""What courts-db (installed with eyecite) says about the court a citation's
parenthetical names: did it exist in the year given, and is it the court
the library has for the case. The problem vocabulary has no code for a
court, so these are notes, not problems."""
from __future__ import annotations

from functools import lru_cache

_SAME_COURT = 70  # rapidfuzz token_set_ratio between court names


@lru_cache(maxsize=1)
def _courts() -> dict[str, dict]:
    from courts_db import courts

    return {court["id"]: court for court in courts}


def court_name(court_id: str) -> str:
    court = _courts().get(court_id)
    return court["name"] if court else ""


def court_notes(court_id: str, written: str, year: str, library_court: str = "") -> list[str]:
    """Notes about the court ``court_id`` (written ``written`` in the brief)."""
    court = _courts().get(court_id) if court_id else None
    if court is None:
        return []
    notes = []
    started = _first_year(court)
    if year.isdigit() and started and int(year) < started:
        notes.append(f"According to courts-db, the {court['name']} ({written or court_id}) began in "
                     f"{started}; the brief dates this case {year}.")
    if library_court and not _same(court["name"], library_court):
        notes.append(f"The brief's court ({written or court['name']}) is not the court the library has "
                     f"for this case ({library_court}).")
    return notes


def _first_year(court: dict) -> int | None:
    starts = [d.get("start") for d in court.get("dates") or () if d.get("start")]
    return min(int(s[:4]) for s in starts) if starts else None


def _same(name: str, other: str) -> bool:
    from rapidfuzz.fuzz import token_set_ratio

    return token_set_ratio(name.lower(), other.lower()) >= _SAME_COURT
