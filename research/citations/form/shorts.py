"""A short form before the full citation it abbreviates (rule 10.9: a short
form is used only after the full citation has been given): "Smith, 100 F.3d
at 5" on page 2 and "Smith v. Jones, 100 F.3d 1 (2d Cir. 1999)" on page 3.
The correction gives the full citation where the short form stood, with
the short form's pin cite.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from research.citations.form.edits import apply, one_line
from research.types import FormEdit, FormIssue, FoundCitation

_RANGE_REST = re.compile(r"\s*[-–]\s*\d+")  # "-1200" after "100 F.3d at 1198"


@dataclass(frozen=True)
class FullCite:
    """A full case citation as laid out: its members, the name and the
    court-and-date parenthetical spans."""

    members: tuple[FoundCitation, ...]
    name: tuple[int, int] | None
    paren: tuple[int, int] | None


def later_full(short: FoundCitation, fulls: Sequence[FullCite]) -> tuple[FullCite, FoundCitation] | None:
    """The first full citation after ``short`` of the same volume and
    reporter (and, when the short form names the case, a name sharing a word)."""
    words = set(re.findall(r"[A-Za-z]{3,}", short.case_name))
    for full in fulls:
        for member in full.members:
            if member.start <= short.start or (member.volume, member.reporter) != (short.volume, short.reporter):
                continue
            if not words or words & set(re.findall(r"[A-Za-z]{3,}", member.case_name)):
                return full, member
    return None


def short_first_issue(text: str, short: FoundCitation, fulls: Sequence[FullCite],
                      edits: Sequence[FormEdit], line_of) -> FormIssue | None:
    """``short`` (a short form resolving to nothing before it) abbreviates a
    full citation that comes only later."""
    if short.kind != "short_case" or short.antecedent is not None or not short.pin_cite:
        return None
    if re.match(r",?\s*supra\b", text[short.end:short.end + 20]):
        return None  # "Day, 87 S.W.3d at 54, supra note 13": the full citation is in a note
    found = later_full(short, fulls)
    if found is None:
        return None
    full, member = found
    name = one_line(apply(text, edits, *full.name)) if full.name else member.case_name
    if not name:
        return None
    cites = []
    for m in full.members:
        cite = one_line(apply(text, edits, m.start, m.end))
        cites.append(f"{cite}, {short.pin_cite}" if m is member else cite)
    paren = " " + one_line(apply(text, edits, *full.paren)) if full.paren else ""
    replacement = f"{name}, {', '.join(cites)}{paren}"
    start = short.full_start if short.case_name and short.full_start < short.start else short.start
    pin = _RANGE_REST.match(text, short.end)
    edit = FormEdit(start, pin.end() if pin else short.end, replacement)
    message = (f"Short form before the full citation: {member.volume} {member.reporter} {member.page} is first "
               f"cited in full only later (line {line_of(member.start)}); give the full citation here (rule 10.9).")
    return FormIssue("short_form_first", message, replacement, (edit,))
