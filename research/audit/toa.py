"""Table of Authorities of one brief: every authority it cites, in three
categories (cases; statutes and rules; other), with the brief pages where
it appears, and the citations an audit must flag.

    page_locator(text, *, pdf, chars_per_page=3000) -> PageLocator
    build_toa(report, locate) -> list[TOAEntry]
    flagged_citations(report, locate) -> list[FlaggedCitation]
    render_toa_html(file, toa, unit) -> str

What a "page" is: for a PDF, the PDF page (1 = the first page of the file,
not the number printed on it). Text and Word files have no pages of their
own: when a text holds form feeds (``\\f``, how many word processors and
``pdftotext`` mark a page break) a page ends at each one; otherwise a page
is ``chars_per_page`` characters (3,000 by default, about one double-spaced
page), so page 2 starts at character 3,000. Short forms (id., supra,
"Smith at 205") count for the authority they refer to, and parallel
citations of one case are one authority. Standard library only.
"""
from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Callable, Sequence

from research.audit.record import FlaggedCitation, TOAEntry
from research.citations.report import ICONS, LABELS, line_of
from research.types import CheckedCitation, CheckReport, worst_status

CATEGORIES = {"cases": "Cases", "statutes": "Statutes, regulations and rules", "other": "Other authorities"}
_STATUTE_KINDS = ("statute", "regulation", "rule", "constitution")
_CASE_KINDS = ("case", "short_case", "id", "supra", "reference", "unknown_reporter")
DEFAULT_CHARS_PER_PAGE = 3000  # about one double-spaced page


@dataclass(frozen=True)
class PageLocator:
    """The page of a character offset, and what a page means for this file."""

    page_of: Callable[[CheckedCitation], int]
    unit: str


def page_locator(text: str, *, pdf: bool, chars_per_page: int = DEFAULT_CHARS_PER_PAGE) -> PageLocator:
    if pdf:
        return PageLocator(lambda item: item.pdf_page or 1, "PDF page")
    if "\f" in text:
        return PageLocator(lambda item: text.count("\f", 0, item.found.start) + 1, "page (form feeds)")
    return PageLocator(lambda item: item.found.start // chars_per_page + 1,
                       f"page of {chars_per_page:,} characters")


def _category(kind: str) -> str:
    if kind in _STATUTE_KINDS:
        return "statutes"
    return "cases" if kind in _CASE_KINDS else "other"


def _roots(report: CheckReport) -> list[CheckedCitation]:
    """For each citation, the full citation it stands for: short forms follow
    their antecedent, parallel citations the first of their group."""
    by_index = {item.found.index: item for item in report.citations}
    first_of_group: dict[int, CheckedCitation] = {}
    for item in report.citations:
        if item.found.antecedent is None:
            first_of_group.setdefault(item.found.group, item)
    roots = []
    for item in report.citations:
        root, seen = item, set()
        while root.found.antecedent is not None and root.found.antecedent in by_index and root.found.index not in seen:
            seen.add(root.found.index)
            root = by_index[root.found.antecedent]
        roots.append(first_of_group.get(root.found.group, root) if root.found.antecedent is None else root)
    return roots


def _identity(root: CheckedCitation) -> str:
    auth = root.authority
    if auth is not None:
        return f"{auth.source}:{auth.doc_id or auth.citation}"
    return "cite:" + (root.found.citation or " ".join(root.found.text.split()))


def _title(root: CheckedCitation) -> tuple[str, str]:
    """(name, citation) as the table shows them."""
    auth, found = root.authority, root.found
    citation = auth.citation if auth else (found.citation or " ".join(found.text.split()))
    name = auth.name if auth and _category(found.kind) == "cases" else found.case_name
    year = (auth.year if auth else found.year) if _category(found.kind) == "cases" else ""
    return name, " ".join(citation.split()) + (f" ({year})" if year else "")


def build_toa(report: CheckReport, locate: PageLocator) -> list[TOAEntry]:
    """One entry per authority: category, name, citation, pages (sorted),
    number of citations and the worst status among them; sorted by category,
    then name (cases) or citation (statutes), as a Table of Authorities is."""
    cited: dict[str, tuple[CheckedCitation, list[CheckedCitation]]] = {}
    for item, root in zip(report.citations, _roots(report)):
        cited.setdefault(_identity(root), (root, []))[1].append(item)
    entries = [_entry(root, items, locate) for root, items in cited.values()]
    order = list(CATEGORIES)
    return sorted(entries, key=lambda e: (order.index(e.category), (e.name or e.citation).casefold(), e.citation))


def _entry(root: CheckedCitation, items: list[CheckedCitation], locate: PageLocator) -> TOAEntry:
    name, citation = _title(root)
    return TOAEntry(category=_category(root.found.kind), name=name, citation=citation,
                    pages=tuple(sorted({locate.page_of(item) for item in items})), count=len(items),
                    status=worst_status(item.status for item in items))


def flagged_citations(report: CheckReport, locate: PageLocator) -> list[FlaggedCitation]:
    """Every invalid or unverified citation, with where it is."""
    return [FlaggedCitation(text=" ".join(item.found.text.split()), status=item.status,
                            problems=tuple(item.problems), messages=tuple(item.messages),
                            page=locate.page_of(item), line=line_of(report.text, item.found.start),
                            start=item.found.start)
            for item in report.citations if item.status in ("invalid", "unverified")]


_CSS = """body{font:15px/1.5 system-ui,sans-serif;margin:2em auto;max-width:60em;padding:0 1em;color:#1b1b1b}
h2{font-size:1.15em;border-bottom:1px solid #ccc;margin-top:1.6em} table{border-collapse:collapse;width:100%}
td,th{padding:.25em .5em;vertical-align:top;text-align:left;border-bottom:1px dotted #ccc}
td.pages{white-space:nowrap;text-align:right} .invalid{color:#b00020;font-weight:bold} .warning{color:#8a5a00}
.unverified{color:#4a5468}"""
CSP = "default-src 'none'; style-src 'unsafe-inline'"


def _toa_row(entry: TOAEntry) -> str:
    status = entry.status
    label = escape(ICONS[status] + " " + LABELS[status])
    mark = "" if status == "verified" else f' <span class="{status}">{label}</span>'
    name = f"<i>{escape(entry.name)}</i>, " if entry.name else ""
    pages = ", ".join(map(str, entry.pages))
    return f"<tr><td>{name}{escape(entry.citation)}{mark}</td><td class=\"pages\">{pages}</td></tr>"


def render_toa_html(file: str, toa: Sequence[TOAEntry], unit: str) -> str:
    """A self-contained page (no script, nothing fetched), one table per category."""
    parts = []
    for category, heading in CATEGORIES.items():
        rows = "".join(_toa_row(e) for e in toa if e.category == category)
        if rows:
            parts.append(f"<h2>{escape(heading)}</h2><table><thead><tr><th>Authority</th>"
                         f"<th>Pages</th></tr></thead><tbody>{rows}</tbody></table>")
    body = "".join(parts) or "<p>No authorities cited.</p>"
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
            f"<title>Table of Authorities: {escape(file)}</title><style>{_CSS}</style></head><body>"
            f"<h1>Table of Authorities</h1><p>{escape(file)}. Pages: {escape(unit)}.</p>{body}</body></html>\n")
