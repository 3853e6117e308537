"""Helpers shared by the statute and regulation ingesters.

Section numbers, canonical citations, stable ids and whitespace rules live
here so that the USLM and the Markdown ingesters agree on them.
"""
from __future__ import annotations

import re

# Every Unicode space the sources use (U+202F after "§", U+2009 in CFR numbers,
# NBSP) becomes one normal space.
_SPACES = re.compile(r"[\s\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff]+")
# Citations use ASCII hyphens ("2000e-2"), as courts and citators write them.
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-"})
_CODES = {"usc": "U.S.C.", "cfr": "C.F.R."}
_STATUS_HEADING = re.compile(
    r"(Repealed|Omitted|Transferred|Renumbered|Reserved|Vacant)(?=[.\]]|$| §| to )", re.I
)


def normalize_space(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def clean_section_number(raw: str) -> str:
    """'[§\u202f304.' -> '304'; '§§ 155, 155A.' -> '155, 155A'; '§ 478.25a' -> '478.25a'."""
    text = normalize_space(raw).strip("[] ")
    text = text.lstrip("§").strip()
    return text.rstrip(".").strip()


def canonical_section(section: str) -> str:
    return normalize_space(section).translate(_DASHES)


def is_multiple(section: str) -> bool:
    return bool(re.search(r",| to | and ", section))


def citation(code: str, title: str, section: str) -> str:
    """``citation("usc", "17", "107") == "17 U.S.C. § 107"`` (U+00A7, one space)."""
    sign = "§§" if is_multiple(section) else "§"
    return f"{title} {_CODES[code]} {sign} {canonical_section(section)}"


def doc_id(code: str, title: str, section: str) -> str:
    """Stable id from the citation parts only: same section -> same id."""
    slug = re.sub(r"\s+", "", canonical_section(section))
    return f"{code}/{title}/{slug}"


def heading_title(heading: str) -> str:
    """The heading as a document title: no brackets, no final period."""
    title = normalize_space(heading).strip("[]").strip()
    return title[:-1].rstrip() if title.endswith(".") else title


def status_of(heading: str, declared: str = "") -> str:
    """'repealed', 'reserved', ... from a status attribute or the heading words."""
    if declared:
        return declared.split()[0].lower()
    # "Repealed. Pub. L. ...", "[Reserved]", "Renumbered § 116" -- not "Vacant judgeship".
    match = _STATUS_HEADING.match(normalize_space(heading).lstrip("[ "))
    return match.group(1).lower() if match else ""


def fix_detached_punctuation(text: str) -> str:
    """'section 995 of this title .' -> 'section 995 of this title.' (markup residue)."""
    return re.sub(r"(?<=\S) +(?=[.,;:\])](?:\s|$))", "", text)


class IdAllocator:
    """Hands out unique ids; a number used twice in the code ("so in original")
    gets ``~2``, ``~3`` in reading order, which is stable for the same input."""

    def __init__(self) -> None:
        self._seen: dict[str, int] = {}

    def allocate(self, base: str) -> str:
        count = self._seen.get(base, 0) + 1
        self._seen[base] = count
        return base if count == 1 else f"{base}~{count}"
