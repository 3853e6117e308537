"""A citation-check report as one self-contained HTML page.

The document is shown with each citation highlighted by status: a colour
AND a sign and label ("✗ INVALID #3"), so the page reads without colour
and prints in black and white. Every value from the document is escaped;
the page loads nothing from anywhere (inline CSS, no script, no web fonts)
and its Content-Security-Policy forbids it to. Standard library only.
"""
from __future__ import annotations

from html import escape
from typing import Sequence

from research.citations.report.render import (
    ICONS, LABELS, MEANINGS, authority_text, form_line, form_text, marked_spans, numbering, refers_to,
    status_tag, summary_line, where_text,
)
from research.types import STATUSES, CheckedCitation, CheckReport

REPORT_CSS = """
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em auto; max-width: 70em;
       padding: 0 1em; color: #1b1b1b; background: #fff; }
h1 { font-size: 1.5em; } h2 { font-size: 1.25em; border-bottom: 1px solid #ccc; margin-top: 2em; }
.doc { white-space: pre-wrap; font: 14px/1.6 ui-monospace, Menlo, Consolas, monospace; border: 1px solid #ccc;
       padding: 1em; background: #fcfcfc; overflow-wrap: anywhere; }
.cite { padding: 0 .15em; border-radius: 3px; text-decoration: none; color: inherit; }
.tag { font: bold 11px/1 system-ui, sans-serif; padding: 1px 3px; margin-right: .25em; border-radius: 2px;
       color: #fff; vertical-align: 1px; white-space: nowrap; }
.verified { background: #e3f4e6; border-bottom: 2px solid #1e7b34; } .verified .tag, .tag.verified { background: #1e7b34; }
.warning { background: #fff1cc; border-bottom: 2px dashed #8a5a00; } .warning .tag, .tag.warning { background: #8a5a00; }
.unverified { background: #e8eaf0; border-bottom: 2px dotted #4a5468; } .unverified .tag, .tag.unverified { background: #4a5468; }
.invalid { background: #fde0e0; border-bottom: 3px double #b00020; } .invalid .tag, .tag.invalid { background: #b00020; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { border: 1px solid #ccc; padding: .3em .5em; text-align: left; vertical-align: top; }
th { background: #f0f0f0; } td.num { white-space: nowrap; } td ul { margin: 0; padding-left: 1.1em; }
.legend dt { display: inline-block; min-width: 9em; } .legend dd { display: inline; margin: 0; }
.legend div { margin: .2em 0; } .summary { font-weight: bold; }
.corrected { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 13px; }
@media print { .cite { border-bottom-width: 1px; } }
"""

_CSP = "default-src 'none'; style-src 'unsafe-inline'"


def _tag(item: CheckedCitation, number: int | None = None) -> str:
    text = f"{ICONS[item.status]} {LABELS[item.status]}" + (f" #{number}" if number is not None else "")
    return f'<span class="tag {item.status}">{escape(text)}</span>'


def marked_document(report: CheckReport, key: str) -> str:
    """The text with every citation wrapped in a link to its table row."""
    parts, pos = [], 0
    for number, item in marked_spans(report):
        found = item.found
        title = " | ".join((status_tag(item),) + item.messages)
        parts.append(escape(report.text[pos:found.start]))
        parts.append(f'<a class="cite {item.status}" id="{key}-t{number}" href="#{key}-c{number}" '
                     f'title="{escape(title)}">{_tag(item, number)}{escape(found.text)}</a>')
        pos = found.end
    parts.append(escape(report.text[pos:]))
    return f'<div class="doc">{"".join(parts)}</div>'


def _list(values: Sequence[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(v)}</li>" for v in values) + "</ul>" if values else ""


def _row(report: CheckReport, key: str, number: int, item: CheckedCitation, numbers: dict[int, int]) -> str:
    found, target = item.found, refers_to(item, numbers)
    authority = escape(authority_text(item)) or (f"see {escape(target)}" if target else "")
    cells = [
        f'<a href="#{key}-t{number}">{number}</a>', escape(" ".join(found.text.split())), _tag(item),
        escape(", ".join(item.problems)), _list(item.messages + item.notes), authority,
        escape(found.pin_cite), escape(" ".join(found.quote.split())), escape(where_text(report, item)),
        _list(form_text(item)), f'<span class="corrected">{escape(item.corrected)}</span>' if item.corrected else "",
    ]
    return f'<tr id="{key}-c{number}" class="row-{item.status}">' + "".join(
        f'<td class="num">{c}</td>' if i == 0 else f"<td>{c}</td>" for i, c in enumerate(cells)) + "</tr>"


def _section(report: CheckReport, key: str) -> str:
    numbers = numbering(report)
    rows = "".join(_row(report, key, n, item, numbers) for n, item in enumerate(report.citations, start=1))
    head = "".join(f"<th>{h}</th>" for h in ("#", "Citation", "Status", "Problems", "Messages and notes",
                                             "Authority", "Pin cite", "Quote", "Where", "Form", "Corrected"))
    form = f'<p class="summary">{escape(form_line(report))}</p>' if report.style else ""
    return (f'<section><h2>{escape(report.file)}</h2><p class="summary">{escape(summary_line(report))}</p>'
            f"{form}{marked_document(report, key)}<h3>Citations</h3>"
            f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></section>")


def status_legend() -> str:
    items = "".join(f'<div><dt><span class="tag {s}">{escape(ICONS[s] + " " + LABELS[s])}</span></dt>'
                    f"<dd>{escape(MEANINGS[s])}</dd></div>" for s in STATUSES)
    return f'<dl class="legend">{items}</dl>'


def render_html(reports: Sequence[CheckReport]) -> str:
    title = "Citation check: " + ", ".join(r.file for r in reports)
    sections = "".join(_section(r, f"f{i}") for i, r in enumerate(reports))
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title><style>{REPORT_CSS}</style></head><body>"
            f"<h1>{escape(title)}</h1>{status_legend()}{sections}</body></html>\n")
