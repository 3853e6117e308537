"""What reporters-db (installed with eyecite) knows about a reporter: does
it exist, and which years do its editions cover.

Reporters are compared by the store's key (no case, spaces or periods), so
"N.J.Super." and "N.J. Super." are the same reporter; variations listed in
reporters-db ("F. 2d" for "F.2d") count as the edition they stand for.

reporters-db dates are not exact, and a wrong date here would call a real
citation invalid, so two cautions apply. The start of a reporter's first
series is ignored: official reports absorbed earlier nominative volumes and
numbered them retroactively (Marbury v. Madison is 5 U.S. 137 (1803), though
"U.S." starts in 1875 in reporters-db; 17 Mass. 1 is from 1821). And a few
dates known to be wrong are corrected (``_CORRECTIONS``).
"""
from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from research.rules import reporter_key

# A case decided late in the year before an edition's first volume can
# still be reported in it; editions listed as ended stop at their end year.
_EARLY_YEARS = 1
# edition -> (first year, last year or None); reporters-db 3.2 has F. Supp.
# ending in 1988 and F.R.D. starting in 2001 (F. Supp. ran 1932-1998, F.R.D.
# from 1938).
_CORRECTIONS = {"F. Supp.": (1932, 1998), "F. Supp. 2d": (1998, 2014), "F.R.D.": (1938, None)}


class Edition(NamedTuple):
    name: str
    start: int | None
    end: int | None  # None: still running

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
    if name in _CORRECTIONS:
        start, end = _CORRECTIONS[name]
    else:
        start, end = (dates.get(k).year if dates.get(k) else None for k in ("start", "end"))
    return Edition(name, None if first else start, end)


def is_known(reporter: str) -> bool:
    return bool(reporter) and reporter_key(reporter) in _editions()


def editions(reporter: str) -> tuple[Edition, ...]:
    return _editions().get(reporter_key(reporter), ())


def date_problem(reporter: str, year: str) -> str:
    """A message if ``year`` lies outside every edition called ``reporter``, else ""."""
    known = editions(reporter)
    if not known or not year.isdigit():
        return ""
    if any(edition.covers(int(year)) for edition in known):
        return ""
    spans = "; ".join(edition.describe() for edition in dict.fromkeys(known))
    return (f"According to reporters-db, {spans}; the brief dates this case {year}, "
            f"when no volume of {reporter} was published.")
