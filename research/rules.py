"""Rules every layer shares, each in one place. Standard library only.

    reporter_key("N.J. Super.") == reporter_key("N.J.Super.") == "njsuper"
    spreadsheet_safe("=HYPERLINK(...)") == "'=HYPERLINK(...)"
"""
from __future__ import annotations

import re
from typing import TypeVar

T = TypeVar("T")

# Annotated editions cite the same sections as the official code.
_KEY_ALIASES = {"usca": "usc", "uscs": "usc", "usccode": "usc"}
_KEY_DROPS = re.compile(r"[\s.'\u2019]")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def reporter_key(reporter: str) -> str:
    """How reporters (and codes) are compared: without case, spaces, periods
    or apostrophes, so "N.J. Super.", "N.J.Super." and "nj super" are one
    reporter and "Comm'r" is "Comm’r"; "U.S.C.A." and "U.S.C.S." are "usc".

    The library (``citations.reporter_key`` column), the citation directory,
    page markers in opinions and reporters-db lookups all use this key, so a
    reporter matches however a source spells it. Ampersands, digits and
    parentheses stay: "P. & H." is not "P.H.", "(N.Y.)" marks another series.
    """
    key = _KEY_DROPS.sub("", reporter).lower()
    return _KEY_ALIASES.get(key, key)


def spreadsheet_safe(value: T) -> T | str:
    """A CSV cell that a spreadsheet will show, not run: text starting with
    = + - @ (or a tab or carriage return) is a formula to Excel and
    LibreOffice, so it gets a leading apostrophe. Other values pass as they are."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value
