"""What reporters-db (installed with eyecite) knows about a reporter: does
it exist, and which years do its editions cover.

Reporters are compared by the store's key (no case, spaces or periods), so
"N.J.Super." and "N.J. Super." are the same reporter; variations listed in
reporters-db ("F. 2d" for "F.2d") count as the edition they stand for.

reporters-db dates are evidence, not fact: they are wrong for some series
(it starts Ohio St. 3d in 1991; the series began in 1982). Only the series
in ``research/citations/data/reporter_dates.tsv`` have checked years (some
corrected there, each correction with its source); a year outside them is
invalid. For every other series a conflict with reporters-db is a warning.
The start of a reporter's first series is never checked: official reports
absorbed earlier nominative volumes and numbered them retroactively
(Marbury v. Madison is 5 U.S. 137 (1803), though "U.S." starts in 1875 in
reporters-db; 17 Mass. 1 is from 1821).
"""
from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from research.citations.data import read_table
from research.rules import reporter_key

# A case decided late in the year before an edition's first volume can
# still be reported in it; editions listed as ended stop at their end year.
_EARLY_YEARS = 1


class Edition(NamedTuple):
    name: str
    start: int | None
    end: int | None  # None: still running
    checked: bool = False  # years from reporter_dates.tsv, not reporters-db alone

    def covers(self, year: int) -> bool:
        return (self.start is None or year >= self.start - _EARLY_YEARS) and (
            self.end is None or year <= self.end)

    def describe(self) -> str:
        """"F.2d ran from 1924 to 1993", "Colo. ran until 1980", "F.3d runs from 1993"."""
        if self.end is None:
            return f"{self.name} runs from {self.start}" if self.start else f"{self.name} is current"
        if self.start is None:
            return f"{self.name} ran until {self.end}"
        return f"{self.name} ran from {self.start} to {self.end}"


@lru_cache(maxsize=1)
def _checked_years() -> dict[str, tuple[int | None, int | None]]:
    """Reporter key -> (first, last) year of the series in reporter_dates.tsv."""
    return {reporter_key(edition): (int(first) if first else None, int(last) if last else None)
            for edition, first, last, *_ in read_table("reporter_dates.tsv")}


@lru_cache(maxsize=1)
def _editions() -> dict[str, tuple[Edition, ...]]:
    """Reporter key -> editions of that name, from reporters-db (loaded once)."""
    from reporters_db import REPORTERS

    found: dict[str, list[Edition]] = {}
    for reporters in REPORTERS.values():
        for reporter in reporters:
            editions = reporter.get("editions") or {}
            first = next(iter(editions), None)
            made = {name: _edition(name, dates, first=name == first) for name, dates in editions.items()}
            for name, edition in made.items():
                found.setdefault(reporter_key(name), []).append(edition)
            for variant, name in (reporter.get("variations") or {}).items():
                if name in made:
                    found.setdefault(reporter_key(variant), []).append(made[name])
    return {key: tuple(dict.fromkeys(values)) for key, values in found.items()}


def _edition(name: str, dates: dict, *, first: bool) -> Edition:
    checked = _checked_years().get(reporter_key(name))
    if checked:
        return Edition(name, *checked, checked=True)
    start, end = (dates.get(k).year if dates.get(k) else None for k in ("start", "end"))
    return Edition(name, None if first else start, end)


def is_known(reporter: str) -> bool:
    return bool(reporter) and reporter_key(reporter) in _editions()


def editions(reporter: str) -> tuple[Edition, ...]:
    return _editions().get(reporter_key(reporter), ())


def date_problem(reporter: str, year: str) -> tuple[str, bool]:
    """A message if ``year`` lies outside every edition called ``reporter``
    (else ""), and whether those editions' years are checked, so that the
    conflict makes the citation invalid."""
    known = editions(reporter)
    if not known or not year.isdigit() or any(edition.covers(int(year)) for edition in known):
        return "", False
    checked = all(edition.checked for edition in known)
    spans = "; ".join(edition.describe() for edition in dict.fromkeys(known))
    if checked:
        return (f"{spans}; the brief dates this case {year}, when no volume of {reporter} was "
                f"published.", True)
    return (f"According to reporters-db, {spans}; the brief dates this case {year}. reporters-db's years "
            f"for {reporter} have not been checked, so this is a warning: check the year and the "
            f"reporter.", False)
