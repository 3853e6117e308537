"""Headings inside a statute subsection and captions in an opinion: never quoted as a rule.

    body_start(text, start, end) -> offset where the operative words of a unit begin
    is_heading(sentence) / is_caption(sentence)

A subsection often opens with its heading, on a line of its own ("(a)
Discrimination for making charges, testifying, ...\\nIt shall be ...") or
inline in title case ("(a) Filing and Effect of Arbitration Award. An
arbitration award made ..."). The heading names the rule; it does not state
it, so a memo quotes from where the rule begins.
"""
from __future__ import annotations

import re

_LABELS = re.compile(r"(?:\s*\((?:\d{1,3}[a-zA-Z]?|[a-z]{1,2}|[A-Z]{1,2}|[ivxlc]{1,7}|[IVXLC]{1,7})\))+\s*")
_SECTION_LINE = re.compile(r"\u00a7[^\n]*")
_ENDS_CLAUSE = re.compile(r"[.;:,\u2014\u2013-]['\"\u201d\u2019)]*\s*$")
# Words a title-case heading leaves in lower case.
_SMALL = frozenset("a an and as at by for from in into of on or the to under upon with without".split())
_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*")
MAX_HEADING_WORDS = 14  # an inline title-case heading
MAX_HEADING_LINE_WORDS = 20  # a heading on a line of its own; a longer line is a paragraph that runs on


def is_heading(sentence: str) -> bool:
    """"(a) Filing and Effect of Arbitration Award." or "In General.": short and in title case."""
    words = _WORD.findall(_LABELS.sub("", sentence, count=1))
    if not words or len(words) > MAX_HEADING_WORDS:
        return False
    content = [w for w in words if w.lower() not in _SMALL]
    # "Trial de Novo of Arbitration Awards": a stray lower-case word is allowed.
    return bool(content) and sum(w[0].isupper() for w in content) >= max(1, 0.75 * len(content))


def is_caption(sentence: str) -> bool:
    """A party caption or a title in capitals ("BLEECKER STREET TENANTS CORP., Respondent, v. ...")."""
    letters = [ch for ch in sentence if ch.isalpha()]
    return len(letters) >= 8 and sum(ch.isupper() for ch in letters) > 0.6 * len(letters)


def body_start(text: str, start: int, end: int) -> int:
    """Where the rule of the unit ``text[start:end]`` begins, past a "§ ..." line, the
    subsection labels' heading line, or an inline title-case heading. ``start``
    when there is no heading; ``end`` when the unit is only a heading."""
    pos = start
    section = _SECTION_LINE.match(text, pos, end)
    if section:
        pos = _skip_space(text, section.end(), end)
    labels = _LABELS.match(text, pos, end)
    after_labels = labels.end() if labels else pos
    newline = text.find("\n", after_labels, end)
    first_line = text[after_labels:newline if newline != -1 else end]
    if (newline != -1 and first_line.strip() and not _ENDS_CLAUSE.search(first_line)
            and len(first_line.split()) <= MAX_HEADING_LINE_WORDS):
        return _skip_space(text, newline, end)
    inline = re.match(r"[^.\n]{1,160}?\.(?:\u2014|\s+)", text[after_labels:end])
    if inline and is_heading(inline.group(0)):  # "(c) Continuation.\u2014" alone: ``end``
        return _skip_space(text, after_labels + inline.end(), end)
    return pos


def _skip_space(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos].isspace():
        pos += 1
    return pos
