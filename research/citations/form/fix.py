"""The document with every form correction applied (``research check
--fix-form``, the app's "Fix form" button), and the list of changes.

Only characters inside citations change: every edit lies inside a
citation's span, and everything between edits is copied as it was (line
ends, spaces and all). Stdlib only.
"""
from __future__ import annotations

from dataclasses import dataclass

from research.citations.form.edits import effective
from research.types import CheckReport, FormEdit


@dataclass(frozen=True)
class FormChange:
    """One change made: ``before`` at [start, end) of the original text
    became ``after``; ``number`` is the citation's number in the report."""

    number: int
    line: int
    start: int
    end: int
    before: str
    after: str
    codes: tuple[str, ...]

    def describe(self) -> str:
        """'#3 line 12: "US" -> "U.S." (reporter_abbreviation)'; an insertion or deletion says so."""
        before, after = (" ".join(t.split()) or ("a space" if t else "") for t in (self.before, self.after))
        if not self.before:
            what = f"inserted {after}" if after == "a space" else f"inserted \u201c{after}\u201d"
        elif not self.after:
            what = f"removed {before}" if before == "a space" else f"removed \u201c{before}\u201d"
        elif before == after:  # only spacing changed: show it as written
            what = f"\u201c{self.before}\u201d \u2192 \u201c{self.after}\u201d"
        else:
            what = f"\u201c{before}\u201d \u2192 \u201c{after}\u201d"
        return f"#{self.number} line {self.line}: {what} ({', '.join(self.codes)})"


def fix_document(report: CheckReport) -> tuple[str, tuple[FormChange, ...]]:
    """The text of ``report`` with every form edit applied, and the changes."""
    owner: dict[FormEdit, tuple[int, list[str]]] = {}
    for number, item in enumerate(report.citations, start=1):
        for issue in item.form:
            for edit in issue.edits:
                entry = owner.setdefault(edit, (number, []))
                if issue.code not in entry[1]:
                    entry[1].append(issue.code)
    text, parts, pos, line, changes = report.text, [], 0, 1, []
    for edit in effective(owner):
        number, codes = owner[edit]
        line += text.count("\n", pos, edit.start)
        parts += [text[pos:edit.start], edit.replacement]
        changes.append(FormChange(number, line, edit.start, edit.end, text[edit.start:edit.end],
                                  edit.replacement, tuple(codes)))
        line += text.count("\n", edit.start, edit.end)
        pos = edit.end
    parts.append(text[pos:])
    return "".join(parts), tuple(changes)
