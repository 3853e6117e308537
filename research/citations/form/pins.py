"""Pin cites: no "at" in a full citation, "at" in a short form (", at" in
the Supreme Court's style, also after "Id."), no "p."/"pp." before a page
of a case (Bluebook), and page ranges: the Bluebook keeps the last two
digits and drops other repeated ones ("1198-200", "582-83", rule 3.2(a));
the Supreme Court writes both numbers in full ("582–583").
"""
from __future__ import annotations

import re

from research.citations.form.edits import apply, one_line
from research.citations.form.layout import pin_items, pins_end, short_reporter_span
from research.types import FormEdit, FormIssue, FoundCitation

_RANGE = re.compile(r"(?<![\d*])(\d+)(\s*[-–]\s*)(\d+)(?![\d])")
_SHORT_PIN = re.compile(r"(?P<pp>pp?\.\s*)?(?P<first>\d+)(?:(?P<dash>\s*[-–]\s*)(?P<last>\d+))?(?![\d])")
_ID_PIN = re.compile(r"(?P<comma>,?)(?P<gap>\s+)at\s+(?P<pp>pp?\.\s*)?(?P<first>\d+)"
                     r"(?:(?P<dash>\s*[-–]\s*)(?P<last>\d+))?(?![\d])")


def range_end(first: str, last: str, style: str) -> str:
    """The second number of a page range as ``style`` writes it."""
    if not (first.isdigit() and last.isdigit()):
        return last
    if style == "scotus":
        full = first[:len(first) - len(last)] + last if len(last) < len(first) else last
        return full if int(full) > int(first) else last
    if len(first) != len(last) or len(last) <= 2 or int(last) <= int(first):
        return last
    same = len(re.match(r"0*", "".join("0" if a == b else "1" for a, b in zip(first, last))).group())
    return last[min(same, len(last) - 2):]


def _range_edit(text: str, m: re.Match, first: str, last: str, style: str) -> FormEdit | None:
    right = range_end(m.group(first), m.group(last), style)
    return None if right == m.group(last) else FormEdit(m.start(last), m.end(last), right)


def _issue(text: str, edits: list[FormEdit], start: int, end: int, what: str) -> FormIssue | None:
    if not edits:
        return None
    return FormIssue("pin_form", what, one_line(apply(text, edits, start, end)), tuple(edits))


def full_pin_issue(text: str, found: FoundCitation, style: str) -> FormIssue | None:
    """Pins after one member of a full case citation."""
    end = pins_end(text, found.end)
    edits, why = [], []
    for m in pin_items(text, found.start, end):
        pin, p0 = m.group("pin"), m.start("pin")
        at = re.match(r"at\s+(?!\*)", pin)
        if at:
            edits.append(FormEdit(p0, p0 + at.end(), ""))
            why.append("no \u201cat\u201d before the pin cite of a full citation")
        pp = re.search(r"(?<![\w*])pp?\.\s*(?=\d)", pin)
        if pp and style == "bluebook":
            edits.append(FormEdit(p0 + pp.start(), p0 + pp.end(), ""))
            why.append("no \u201cp.\u201d before a page of a case (rule 3.2(a))")
        rng = _RANGE.search(text, p0, m.end("pin"))
        edit = _range_edit(text, rng, 1, 3, style) if rng else None
        if edit:
            edits.append(edit)
            why.append(_range_why(style))
    return _issue(text, edits, found.start, end, _message(why))


def short_pin_issue(text: str, found: FoundCitation, style: str) -> FormIssue | None:
    """"557 U.S. at 124" (Bluebook) or "557 U. S., at 124" (Supreme Court)."""
    spans = short_reporter_span(text, found)
    if spans is None:
        return None
    (_, r1), (s0, s1) = spans
    edits, why = [], []
    gap = text[s0:s1]
    if style == "scotus" and not gap.startswith(","):
        edits.append(FormEdit(s0, s0, ","))
        why.append("a comma before \u201cat\u201d in a short form, in the Supreme Court's style")
    elif style == "bluebook" and gap.startswith(","):
        edits.append(FormEdit(s0, s0 + 1, ""))
        why.append("no comma before \u201cat\u201d in a short form (rule 10.9)")
    return _pin_after(text, found, s1, edits, why, style)


def id_pin_issue(text: str, found: FoundCitation, style: str) -> FormIssue | None:
    """"Id. at 5" (Bluebook) or "Id., at 5" (Supreme Court)."""
    m = _ID_PIN.match(text, found.end)
    if m is None or not found.text.rstrip().endswith("."):
        return None
    edits, why = [], []
    if style == "scotus" and not m.group("comma"):
        edits.append(FormEdit(m.start("gap"), m.start("gap"), ","))
        why.append("\u201cId., at\u201d in the Supreme Court's style")
    elif style == "bluebook" and m.group("comma"):
        edits.append(FormEdit(m.start("comma"), m.end("comma"), ""))
        why.append("no comma in \u201cId. at\u201d (rule 4.1)")
    return _pin_after(text, found, m.start("gap"), edits, why, style)


def _pin_after(text: str, found: FoundCitation, pos: int, edits: list[FormEdit], why: list[str],
               style: str) -> FormIssue | None:
    """Add the "p." and range edits of the page after "at" following ``pos``."""
    at = re.compile(r",?\s+at\s+|\s*").match(text, pos)
    m = _SHORT_PIN.match(text, at.end()) if at else None
    end = m.end() if m else found.end
    if m and m.group("pp") and style == "bluebook":
        edits.append(FormEdit(m.start("pp"), m.end("pp"), ""))
        why.append("no \u201cp.\u201d before a page of a case (rule 3.2(a))")
    if m and m.group("last"):
        edit = _range_edit(text, m, "first", "last", style)
        if edit:
            edits.append(edit)
            why.append(_range_why(style))
    start = found.full_start if found.kind == "short_case" and found.full_start < found.start else found.start
    return _issue(text, edits, start, end, _message(why))


def short_end(text: str, found: FoundCitation) -> int:
    """End of a short form or id. with its pin cite ("Id., at 5-6")."""
    if found.kind == "id":
        m = _ID_PIN.match(text, found.end)
        return m.end() if m else found.end
    spans = short_reporter_span(text, found)
    m = _SHORT_PIN.match(text, spans[1][1]) if spans else None
    return max(found.end, m.end()) if m else found.end


def _range_why(style: str) -> str:
    if style == "scotus":
        return "page ranges in full in the Supreme Court's style"
    return "page ranges keep the last two digits and drop other repeated ones (rule 3.2(a))"


def _message(why: list[str]) -> str:
    text = "; ".join(dict.fromkeys(why))
    return f"Pin cite: {text}." if text else ""
