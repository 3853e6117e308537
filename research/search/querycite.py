"""Recognises a citation typed into a search box, without eyecite (search must be fast)."""
from __future__ import annotations

import re
from dataclasses import dataclass

_CASE = re.compile(
    r"\b(?P<volume>\d{1,4})\s+(?P<reporter>[A-Z][A-Za-z0-9.'\s]{0,24}?\.?(?:\s?[23456]d|\s?\dth)?)"
    r"\s+(?P<page>\d{1,5})(?:(?:\s*,\s*(?:at\s+)?|\s+at\s+)(?P<pin>\d{1,5}(?:\s*[-\u2013]\s*\d{1,5})?))?\b")
_CODE = re.compile(
    r"\b(?P<title>\d{1,3})\s+(?P<code>U\.?\s?S\.?\s?C\.?(?:\s?A\.?)?|C\.?\s?F\.?\s?R\.?)\s*"
    r"(?:§§?|sec(?:tion)?\.?)?\s*(?P<section>\d+[A-Za-z0-9]*(?:[.\-][A-Za-z0-9]+)*)(?P<sub>(?:\([0-9A-Za-z]{1,4}\))*)(?!\w)",
    re.IGNORECASE)


@dataclass(frozen=True)
class QueryCitation:
    citation: str  # canonical form for the store: "16 N.Y.3d 272", "17 U.S.C. § 107"
    pin: str  # "275" for a page, "(a)(1)" for a subsection, "" for none
    kind: str  # "case" or "code"


def _canonical_code(code: str) -> str:
    return "C.F.R." if code.upper().replace(".", "").replace(" ", "").startswith("CFR") else "U.S.C."


def find_query_citations(query: str) -> list[QueryCitation]:
    """Every citation-shaped phrase in ``query``, codes first."""
    found = [QueryCitation(f"{m['title']} {_canonical_code(m['code'])} § {m['section'].rstrip('.')}",
                           m["sub"] or "", "code") for m in _CODE.finditer(query)]
    covered = [m.span() for m in _CODE.finditer(query)]
    for match in _CASE.finditer(query):
        if any(a <= match.start() < b for a, b in covered):
            continue
        reporter = " ".join(match["reporter"].split())
        pin = re.split(r"\s*[-\u2013]\s*", match["pin"])[0] if match["pin"] else ""
        found.append(QueryCitation(f"{match['volume']} {reporter} {match['page']}", pin, "case"))
    return found
