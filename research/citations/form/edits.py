"""Applying form edits to a text: the corrected citation, and the corrected
document that ``research check --fix-form`` writes. Stdlib only.

An edit replaces ``text[start:end]``. Edits from several rules may touch the
same part; an edit that contains others was built from the text with them
applied (a reordered parallel citation, a short form replaced by the full
one), so it wins over them; identical edits count once.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Iterable

from research.types import FormEdit


def effective(edits: Iterable[FormEdit]) -> list[FormEdit]:
    """Edits to apply, in text order, without duplicates or edits inside
    another; of two that merely overlap, the earlier is kept."""
    ordered = sorted(set(edits), key=lambda e: (e.start, -e.end))
    out: list[FormEdit] = []
    for edit in ordered:
        if out and (edit.start < out[-1].end or edit.start == edit.end == out[-1].start):
            continue  # inside (or overlapping) the previous one, or a second insertion there
        out.append(edit)
    return out


def apply(text: str, edits: Iterable[FormEdit], start: int = 0, end: int | None = None) -> str:
    """``text[start:end]`` with the edits that lie inside it applied."""
    end = len(text) if end is None else end
    parts, pos = [], start
    for edit in effective(e for e in edits if start <= e.start and e.end <= end):
        parts.append(text[pos:edit.start])
        parts.append(edit.replacement)
        pos = edit.end
    parts.append(text[pos:end])
    return "".join(parts)


class SortedEdits:
    """Edits in text order, so those inside a span are found by bisection: a
    document's thousands of edits are not all read for each citation."""

    def __init__(self, edits: Iterable[FormEdit]) -> None:
        self._edits = sorted(edits, key=lambda e: (e.start, e.end))
        self._starts = [e.start for e in self._edits]

    def inside(self, start: int, end: int) -> list[FormEdit]:
        lo, hi = bisect_left(self._starts, start), bisect_right(self._starts, end)
        return [e for e in self._edits[lo:hi] if e.end <= end]

    def apply(self, text: str, start: int, end: int) -> str:
        """``text[start:end]`` with the edits inside it applied."""
        return apply(text, self.inside(start, end), start, end)


def one_line(text: str) -> str:
    """A citation as it reads: line breaks and runs of spaces become one space."""
    return " ".join(text.split())
