"""What reporters-db (installed with eyecite) knows about a reporter: does
it exist, and which years do its editions cover.

Reporters are compared by the store's key (no case, spaces or periods), so
"N.J.Super." and "N.J. Super." are the same reporter; variations listed in
reporters-db ("F. 2d" for "F.2d") count as the edition they stand for.
"""
from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from research.store_citations import reporter_key

# A case decided late in the year before an edition's first volume can
# still be reported in it; editions listed as ended stop at their end year.
_EARLY_YEARS = 1


class Edition(NamedTuple):
    name: str
    start: int | None
    end: int | None  # None: still running

    def covers(self, year: int) -> bool:
        return (self.start is None or year >= self.start - _EARLY_YEARS) and (
            self.end is None or year <= self.end)

    def describe(self) -> str:
        start = str(self.start) if self.start else "?"
        return f"{self.name} ({start}-{self.end if self.end else 'present'})"


@lru_cache(maxsize=1)
def _editions() -> dict[str, tuple[Edition, ...]]:
    """Reporter key -> editions of that name, from reporters-db (loaded once)."""
    from reporters_db import REPORTERS

    found: dict[str, list[Edition]] = {}
    for reporters in REPORTERS.values():
        for reporter in reporters:
            editions = reporter.get("editions") or {}
            for name, dates in editions.items():
                found.setdefault(reporter_key(name), []).append(_edition(name, dates))
            for variant, name in (reporter.get("variations") or {}).items():
                if name in editions:
                    found.setdefault(reporter_key(variant), []).append(_edition(name, editions[name]))
    return {key: tuple(dict.fromkeys(values)) for key, values in found.items()}


def _edition(name: str, dates: dict) -> Edition:
    start, end = dates.get("start"), dates.get("end")
    return Edition(name, start.year if start else None, end.year if end else None)


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
    spans = "; ".join(edition.describe() for edition in known)
    return (f"The reporter {reporter} covers {spans}, according to reporters-db; "
            f"the brief dates this case {year}, when no volume of {reporter} was published.")
