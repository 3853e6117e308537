"""Case names in citation sentences: Table T6 words abbreviated
("Association" -> "Ass'n"), rule 10.2.2. A case named in a textual
sentence ("In Hall Street Associates v. Mattel, the Court held") keeps its
words (rule 10.2.1), so the rule applies only where the citation stands as
a citation sentence or clause of its own.
"""
from __future__ import annotations

import re

from research.citations.form import tables
from research.citations.form.courts import HISTORY
from research.citations.form.edits import apply, one_line
from research.types import FormEdit, FormIssue

_SIGNALS = re.compile(
    r"(?:\b(?:[Ss]ee(?:,?\s+e\.g\.,?)?(?:\s+also|\s+generally)?|[Cc]f\.|[Bb]ut(?:\s+see|\s+cf\.)?|[Aa]ccord|"
    r"[Cc]ompare|[Cc]ontra|[Ee]\.g\.,?|with|and|quoting|citing|(?:quoted|cited)\s+in)[,\s]*)+$")
# after these a new citation sentence or clause begins
_BEFORE = re.compile(r"(?:^|[.;:(?!]|[.?!,;:]['\"\u2019\u201d])\s*$")
_WORD = re.compile(r"(?<![\w'\u2019.])[A-Z][a-z]+(?![\w'\u2019])")


def is_citation_sentence(text: str, name_start: int, end: int) -> bool:
    """Does the citation [name_start, end) stand as a citation sentence or
    clause: a sentence end (or a signal after one) before it, and a sentence
    or clause end after it?"""
    before = text[max(0, name_start - 120):name_start]
    before = _SIGNALS.sub("", before.rstrip())
    if not _BEFORE.search(before.rstrip() if before.strip() else ""):
        return False
    after = text[end:end + 40]
    rest = after.lstrip()
    return not rest or rest[0] in ".;)]" or after.startswith("\n") or bool(HISTORY.match(after))


def name_issue(text: str, span: tuple[int, int]) -> FormIssue | None:
    """T6 words of the case name at ``span`` written out in full."""
    start, end = span
    name = text[start:end]
    if name.isupper():  # a caption, not a citation
        return None
    words = tables.case_name_words()
    edits = [FormEdit(start + m.start(), start + m.end(), words[m.group()].abbreviation)
             for m in _WORD.finditer(name) if m.group() in words and not _kept(name, m, words[m.group()])]
    if not edits:
        return None
    listed = ", ".join(f"{text[e.start:e.end]} \u2192 {e.replacement}" for e in edits)
    suggestion = one_line(apply(text, edits, start, end))
    return FormIssue("case_name_abbreviation",
                     f"In a citation sentence, case names abbreviate the words of Table T6 (rule 10.2.2): {listed}.",
                     suggestion, tuple(edits))



def _kept(name: str, m: re.Match, word) -> bool:
    return bool(word.not_before) and one_line(name[m.end():]).startswith(word.not_before)  # "District of\n\nColumbia"
