"""Citation form (research.citations.form): the styles a citation's form is
checked against, the form codes, and what a cite-checker would mark up.
Standard library only.
"""
from __future__ import annotations

from dataclasses import dataclass

FORM_STYLES = ("bluebook", "scotus")  # the Bluebook (21st ed.), the Supreme Court's own style
DEFAULT_STYLE = FORM_STYLES[0]
STYLE_NAMES = {"bluebook": "Bluebook (21st ed.)", "scotus": "U.S. Supreme Court style"}
FORM_CODES = ("reporter_abbreviation", "reporter_spacing", "code_name", "section_symbol",
              "court_parenthetical", "missing_year", "ordinal", "case_name_abbreviation", "pin_form",
              "short_form_first", "parallel_order")


@dataclass(frozen=True)
class FormEdit:
    """Replace ``text[start:end]`` of the checked document by ``replacement``."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class FormIssue:
    """One thing a cite-checker would mark up. ``suggestion`` is the part
    concerned as it should read (None when it cannot be known, e.g. a missing
    year no source gives); ``edits`` make the change in the document."""

    code: str
    message: str
    suggestion: str | None = None
    edits: tuple[FormEdit, ...] = ()
