"""Statute and regulation form: the official code's name ("9 USC 10",
"9 U.S.C.A. § 10" -> "9 U.S.C. § 10", rule 12.3), the section sign ("§"
before a section, "§§" before several, a space after it in the Bluebook,
none in the Supreme Court's style: "42 U. S. C. §1983").
"""
from __future__ import annotations

import re

from research.citations.form import tables
from research.citations.form.edits import apply, one_line
from research.types import FormEdit, FormIssue, FoundCitation

_LAYOUT = re.compile(
    r"(?P<title>\d+)\s*(?P<code>[A-Za-z][A-Za-z. ]*?[A-Za-z.])(?P<gap>,?\s*)"
    r"(?P<marker>§§?|[Ss]ec(?:tion)?s?\.?(?=\s)|)(?P<space>\s*)(?P<sections>\d.*)", re.S)
_SIGN = re.compile(r"(?P<marker>§§?)(?P<space>\s*)(?=\d)")


def statute_issues(text: str, found: FoundCitation, style: str) -> list[FormIssue]:
    """Code name and section sign of one statute or regulation citation."""
    m = _LAYOUT.fullmatch(text, found.start, found.end)
    code = tables.code_name(m.group("code")) if m else None
    if code is None:
        sign = _SIGN.search(text, found.start, found.end)
        issue = _space_issue(text, found, sign, style) if sign else None
        return [issue] if issue else []
    issues = [_code_issue(text, found, m, code, style), _marker_issue(text, found, m, style)]
    if m.group("marker").startswith("§"):
        issues.append(_space_issue(text, found, m, style))
    return [i for i in issues if i is not None]


def _make(code: str, message: str, text: str, found: FoundCitation, edit: FormEdit) -> FormIssue:
    return FormIssue(code, message, one_line(apply(text, (edit,), found.start, found.end)), (edit,))


def _code_issue(text: str, found: FoundCitation, m: re.Match, code, style: str) -> FormIssue | None:
    written, right = one_line(m.group("code")), code.form(style)
    if written == right:
        return None
    edit = FormEdit(m.start("code"), m.end("code"), right)
    if code.unofficial:
        message = (f"Cite the official code, {right}, not {written} (rule 12.3); an unofficial code only "
                   f"when the official one lacks the text.")
    else:
        message = f"The code is abbreviated \u201c{right}\u201d, not \u201c{written}\u201d."
    return _make("code_name", message, text, found, edit)


def _marker_issue(text: str, found: FoundCitation, m: re.Match, style: str) -> FormIssue | None:
    marker = m.group("marker")
    several = len(found.sections) > 1
    right = "§§" if several else "§"
    space = "" if style == "scotus" else " "
    if not marker:
        edit = FormEdit(m.start("sections"), m.start("sections"), right + space)
        return _make("section_symbol", f"A section sign before the section: \u201c{right}\u201d (rule 3.3(a)).",
                     text, found, edit)
    if marker == "§" and several or not marker.startswith("§"):
        edit = FormEdit(m.start("marker"), m.end("marker"), right)
        why = "two section signs before several sections (rule 3.3(b))" if marker == "§" else \
            f"the section sign, not \u201c{marker}\u201d, in a citation (rule 3.3(a))"
        return _make("section_symbol", f"Use {why}: \u201c{right}\u201d.", text, found, edit)
    return None


def _space_issue(text: str, found: FoundCitation, m: re.Match, style: str) -> FormIssue | None:
    space = m.group("space")
    if style == "scotus" and space:
        edit = FormEdit(m.start("space"), m.end("space"), "")
        return _make("section_symbol", "No space after \u201c§\u201d in the Supreme Court's style.", text, found, edit)
    if style == "bluebook" and not space:
        edit = FormEdit(m.start("space"), m.start("space"), " ")
        return _make("section_symbol", "A space after \u201c§\u201d (rule 6.2(c)).", text, found, edit)
    return None
