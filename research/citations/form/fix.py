"""The document with every form correction applied (``research check
--fix-form``, the app's "Fix form" button), and the list of changes.

Only characters inside citations change: every edit lies inside a
citation's span, and everything between edits is copied as it was (line
ends, spaces and all). Stdlib only.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from research.citations.form.edits import effective
from research.errors import CheckError
from research.types import CheckReport, FormEdit

_TEXT_SUFFIXES = (".txt", ".md", ".text", ".markdown", "")


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


def fixed_path(source: Path, out: Path, several: bool) -> Path:
    """Where the corrected copy of ``source`` goes: ``out`` itself, or (for
    several files) ``out/NAME``; a PDF or Word file's copy is plain text."""
    target = out / source.name if several else out
    if source.suffix.lower() not in _TEXT_SUFFIXES:
        target = target.with_suffix(target.suffix + ".txt") if several or target.suffix.lower() != ".txt" else target
    return target


def write_fixed(report: CheckReport, target: Path) -> tuple[FormChange, ...]:
    """Write ``report``'s document with every form correction applied to
    ``target`` (atomically, bytes as decoded: line ends kept); the changes."""
    source = Path(report.file)
    if source.exists() and target.exists() and source.resolve() == target.resolve():
        raise CheckError(f"{target}: --fix-form would overwrite the document checked; give another path")
    text, changes = fix_document(report)
    partial = target.with_name(f".{target.name}.partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with partial.open("w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(partial, target)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise CheckError(f"{target}: cannot write the corrected copy: {error.strerror or error}") from error
    return changes

