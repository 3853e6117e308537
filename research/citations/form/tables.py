"""The form rules' tables, read from the data files beside this module (each
file's header says where its rows come from) and from reporters-db.

Every table is read on first use and kept: the cold ``research check`` reads
only the few small files it needs. Standard library only, except
reporters-db, which eyecite has already imported by the time forms are
checked.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"


def read_table(name: str) -> list[dict[str, str]]:
    """Rows of ``data/NAME.tsv``: "#" lines are its header, the first other
    line names the columns, then one row per line (tab-separated)."""
    lines = [line for line in (DATA / f"{name}.tsv").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    columns = lines[0].split("\t")
    return [dict(zip(columns, (line.split("\t") + [""] * len(columns))[:len(columns)])) for line in lines[1:]]


def key(text: str) -> str:
    """Letters and digits only, lower case: "N.D.Cal." and "N.D. Cal." meet."""
    return re.sub(r"[^0-9a-z]", "", text.lower())


# --- courts ----------------------------------------------------------------

@dataclass(frozen=True)
class Styled:
    """A name as each style writes it."""

    bluebook: str
    scotus: str

    def form(self, style: str) -> str:
        """The name as ``style`` writes it; "" when that style is not known here."""
        return self.scotus if style == "scotus" else self.bluebook


@dataclass(frozen=True)
class Court(Styled):
    id: str = ""


@lru_cache(maxsize=1)
def _courts() -> tuple[dict[str, Court], dict[str, tuple[Court, ...]]]:
    by_id: dict[str, Court] = {}
    by_key: dict[str, list[Court]] = {}
    for row in read_table("courts"):
        court = Court(row["bluebook"], row["scotus"], row["id"])
        by_id[court.id] = court
        spellings = {court.bluebook, court.scotus, *row["variants"].split("|")} - {""}
        for spelling in spellings:
            found = by_key.setdefault(key(spelling), [])
            if court not in found:
                found.append(court)
    return by_id, {k: tuple(v) for k, v in by_key.items()}


def court_by_id(court_id: str) -> Court | None:
    return _courts()[0].get(court_id)


def court_by_spelling(written: str) -> Court | None:
    """The one court ``written`` spells, or None when unknown or ambiguous."""
    found = _courts()[1].get(key(written), ())
    return found[0] if len(found) == 1 else None


# --- reporters ---------------------------------------------------------------

@dataclass(frozen=True)
class ReporterInfo:
    court: str       # courts-db id it implies, "-" none (court needed), "" either
    order: int       # 0 when unranked
    scotus: str      # the Supreme Court's spelling when its rule does not give it
    bluebook: str    # the Bluebook's spelling when it is not the reporters-db edition name


@lru_cache(maxsize=1)
def _reporter_info() -> dict[str, ReporterInfo]:
    return {row["reporter"]: ReporterInfo(row["court"], int(row["order"] or 0), row["scotus"], row["bluebook"])
            for row in read_table("reporters")}


def reporter_info(edition: str) -> ReporterInfo | None:
    return _reporter_info().get(edition)


_COURT_REPORTS = ("federal", "state", "state_regional", "scotus_early")


@lru_cache(maxsize=1)
def _editions() -> tuple[frozenset[str], frozenset[str], frozenset[str], dict[str, str]]:
    """Every reporters-db edition name, the neutral (public-domain) ones, the
    courts' own reporters (not specialty reporters such as "Op. O.L.C."), and
    known variant spellings -> edition (only variants meaning one edition)."""
    from reporters_db import REPORTERS

    editions, neutral, courts, variants = set(), set(), set(), {}
    ambiguous: set[str] = set()
    for clusters in REPORTERS.values():
        for cluster in clusters:
            editions.update(cluster["editions"])
            if cluster["cite_type"] == "neutral":
                neutral.update(cluster["editions"])
            if cluster["cite_type"] in _COURT_REPORTS:
                courts.update(cluster["editions"])
            for variant, edition in cluster["variations"].items():
                if variants.get(variant, edition) != edition:
                    ambiguous.add(variant)
                variants[variant] = edition
    for variant in ambiguous:
        variants.pop(variant, None)
    return frozenset(editions), frozenset(neutral), frozenset(courts), variants


def is_edition(name: str) -> bool:
    return name in _editions()[0]


def is_neutral(edition: str) -> bool:
    return edition in _editions()[1]


def is_court_reporter(edition: str) -> bool:
    """A reporter of court decisions (federal, state, regional), not a specialty one."""
    return edition in _editions()[2]


def variant_edition(written: str) -> str | None:
    """The edition a known variant spelling stands for ("US" -> "U.S.")."""
    return _editions()[3].get(written)


# --- codes, case names, ordinals ------------------------------------------

@dataclass(frozen=True)
class CodeName(Styled):
    unofficial: bool = False


@lru_cache(maxsize=1)
def _codes() -> dict[str, CodeName]:
    return {row["key"]: CodeName(row["bluebook"], row["scotus"], row["note"] == "unofficial")
            for row in read_table("codes")}


def code_name(written: str) -> CodeName | None:
    return _codes().get(key(written))


@dataclass(frozen=True)
class NameWord:
    abbreviation: str
    not_before: str  # the word stays whole before this ("District" before "of Columbia")


@lru_cache(maxsize=1)
def case_name_words() -> dict[str, NameWord]:
    """T6 word -> its abbreviation ("Association" -> "Ass'n")."""
    return {row["word"]: NameWord(row["abbreviation"], row["not_before"]) for row in read_table("case_names")}


@lru_cache(maxsize=1)
def ordinal_suffixes() -> dict[str, str]:
    """Wrong ordinal suffix -> right one ("nd" -> "d")."""
    return {row["written"]: row["correct"] for row in read_table("ordinals")}
