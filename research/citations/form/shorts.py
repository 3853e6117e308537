"""A short form before the full citation it abbreviates (rule 10.9: a short
form is used only after the full citation has been given): "Smith, 100 F.3d
at 5" on page 2 and "Smith v. Jones, 100 F.3d 1 (2d Cir. 1999)" on page 3.
The correction gives the full citation where the short form stood, with
the short form's pin cite.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Sequence

from research.citations.form.edits import SortedEdits, one_line
from research.types import FormEdit, FormIssue, FoundCitation

_RANGE_REST = re.compile(r"\s*[-–]\s*\d+")  # "-1200" after "100 F.3d at 1198"


@dataclass(frozen=True)
class FullCite:
    """A full case citation as laid out: its members, the name and the
    court-and-date parenthetical spans."""

    members: tuple[FoundCitation, ...]
    name: tuple[int, int] | None
    paren: tuple[int, int] | None


def _words(name: str) -> set[str]:
    return set(re.findall(r"[A-Za-z]{3,}", name))


class LaterFulls:
    """The members of full citations by volume and reporter, and by each word
    of their case names, in text order: the first one after a short form is
    found by bisection, so thousands of short forms stay linear."""

    def __init__(self, fulls: Sequence[FullCite]) -> None:
        by: dict[tuple[str, ...], list[tuple[int, FullCite, FoundCitation]]] = {}
        for full in fulls:
            for member in full.members:
                base = (member.volume, member.reporter)
                for key in [base] + [base + (w,) for w in _words(member.case_name)]:
                    by.setdefault(key, []).append((member.start, full, member))
        self._by = {key: sorted(items, key=lambda item: item[0]) for key, items in by.items()}
        self._starts = {key: [item[0] for item in items] for key, items in self._by.items()}

    def after(self, short: FoundCitation) -> tuple[FullCite, FoundCitation] | None:
        """The first full citation after ``short`` of the same volume and
        reporter (and, when the short form names the case, a name sharing a word)."""
        base = (short.volume, short.reporter)
        best = None
        for key in [base + (w,) for w in _words(short.case_name)] or [base]:
            starts = self._starts.get(key, [])
            i = bisect_right(starts, short.start)
            if i < len(starts) and (best is None or starts[i] < best[0]):
                best = self._by[key][i]
        return best[1:] if best else None


def short_first_issue(text: str, short: FoundCitation, fulls: LaterFulls, edits: SortedEdits,
                      line_of) -> FormIssue | None:
    """``short`` (a short form resolving to nothing before it) abbreviates a
    full citation that comes only later."""
    if short.kind != "short_case" or short.antecedent is not None or not short.pin_cite:
        return None
    if re.match(r",?\s*supra\b", text[short.end:short.end + 20]):
        return None  # "Day, 87 S.W.3d at 54, supra note 13": the full citation is in a note
    found = fulls.after(short)
    if found is None:
        return None
    full, member = found
    name = one_line(edits.apply(text, *full.name)) if full.name else member.case_name
    if not name:
        return None
    cites = []
    for m in full.members:
        cite = one_line(edits.apply(text, m.start, m.end))
        cites.append(f"{cite}, {short.pin_cite}" if m is member else cite)
    paren = " " + one_line(edits.apply(text, *full.paren)) if full.paren else ""
    replacement = f"{name}, {', '.join(cites)}{paren}"
    start = short.full_start if short.case_name and short.full_start < short.start else short.start
    pin = _RANGE_REST.match(text, short.end)
    edit = FormEdit(start, pin.end() if pin else short.end, replacement)
    message = (f"Short form before the full citation: {member.volume} {member.reporter} {member.page} is first "
               f"cited in full only later (line {line_of(member.start)}); give the full citation here (rule 10.9).")
    return FormIssue("short_form_first", message, replacement, (edit,))
