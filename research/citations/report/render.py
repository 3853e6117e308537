"""Citation-check reports as text, JSON, CSV, HTML or Markdown.

    render(reports, fmt) -> str          # fmt in FORMATS
    report_to_dict(report) -> dict       # the documented JSON object

JSON (one object per file, one per line with several files)::

    {"file", "style", "citations": [{"text", "start", "end", "kind", "status",
      "problems": [...], "messages": [...],
      "authority": {"doc_id", "name", "citation", "court", "year"} | null,
      "pin_cite", "quote", "form": [{"code", "message", "suggestion"}],
      "corrected"}],
     "summary": {"verified", "warning", "unverified", "invalid"}}

``start``/``end`` are offsets of ``text`` in the document as extracted;
``pin_cite`` and ``quote`` are "" when the citation has none.
Standard library only.
"""
from __future__ import annotations

import csv
import io
import json
from typing import Any, Sequence

from research.rules import spreadsheet_safe
from research.types import STATUSES, STYLE_NAMES, CheckedCitation, CheckReport

FORMATS = ("text", "json", "csv", "html", "md")

# A label and a sign for each status, so no output depends on colour alone.
LABELS = {"verified": "VERIFIED", "warning": "WARNING", "unverified": "UNVERIFIED", "invalid": "INVALID"}
ICONS = {"verified": "\u2713", "warning": "!", "unverified": "?", "invalid": "\u2717"}
MEANINGS = {
    "verified": "found (in the library, or in the citation directory) and every check passed",
    "warning": "found, but something is off: case name, year, pin cite or quotation; "
               "or an id./supra that points to nothing",
    "unverified": "well-formed, but the library does not hold it (or it refers to the record of the case, "
                  "a journal, a book or another source the checker does not read): could not be checked, "
                  "which does not mean it is wrong",
    "invalid": "cannot be right: unknown reporter, year outside a checked reporter's years, "
               "a page inside another case, or a code section that does not exist",
}
AUTHORITY_FIELDS = ("doc_id", "name", "citation", "court", "year")
CSV_FIELDS = ("file", "text", "start", "end", "kind", "status", "problems", "messages",
              "authority_doc_id", "authority_name", "authority_citation", "authority_court",
              "authority_year", "authority_source", "pin_cite", "quote", "pdf_page", "notes",
              "form", "form_messages", "corrected", "style")


def render(reports: Sequence[CheckReport], fmt: str) -> str:
    """All reports in one output of format ``fmt`` (see FORMATS)."""
    if fmt == "html":
        from research.citations.report.html import render_html

        return render_html(reports)
    renderers = {"text": render_text, "json": render_json, "csv": render_csv, "md": render_md}
    if fmt not in renderers:
        raise ValueError(f"unknown report format {fmt!r}; use one of {', '.join(FORMATS)}")
    return renderers[fmt](reports)


# --- JSON -----------------------------------------------------------------

def citation_to_dict(item: CheckedCitation) -> dict[str, Any]:
    found, authority = item.found, item.authority
    return {
        "text": found.text, "start": found.start, "end": found.end, "kind": found.kind,
        "status": item.status, "problems": list(item.problems), "messages": list(item.messages),
        "authority": ({f: getattr(authority, f) for f in AUTHORITY_FIELDS} if authority else None),
        "pin_cite": found.pin_cite, "quote": found.quote,
        # Beyond the documented core: what was and was not verified, and where.
        "notes": list(item.notes), "pdf_page": item.pdf_page,
        "authority_source": authority.source if authority else None,
        # Form, beside substance (research.citations.form); never changes "status".
        "form": [{"code": f.code, "message": f.message, "suggestion": f.suggestion} for f in item.form],
        "corrected": item.corrected,
    }


def report_to_dict(report: CheckReport) -> dict[str, Any]:
    return {"file": report.file, "style": report.style or None,
            "citations": [citation_to_dict(c) for c in report.citations], "summary": report.summary}


def render_json(reports: Sequence[CheckReport]) -> str:
    return "".join(json.dumps(report_to_dict(r), ensure_ascii=False) + "\n" for r in reports)


# --- CSV ------------------------------------------------------------------

def _csv_row(file: str, item: CheckedCitation, style: str = "") -> list[Any]:
    found, auth = item.found, item.authority
    authority = [getattr(auth, f) if auth else "" for f in AUTHORITY_FIELDS + ("source",)]
    row = [file, found.text, found.start, found.end, found.kind, item.status, ";".join(item.problems),
           " | ".join(item.messages), *authority, found.pin_cite, found.quote,
           "" if item.pdf_page is None else item.pdf_page, " | ".join(item.notes),
           ";".join(f.code for f in item.form), " | ".join(f.message for f in item.form), item.corrected or "", style]
    return [spreadsheet_safe(value) for value in row]


def render_csv(reports: Sequence[CheckReport]) -> str:
    """One row per citation; fields are quoted wherever CSV needs it."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL)
    writer.writerow(CSV_FIELDS)
    for report in reports:
        writer.writerows(_csv_row(report.file, item, report.style) for item in report.citations)
    return out.getvalue()


# --- shared by text, Markdown and HTML -------------------------------------

def summary_line(report: CheckReport) -> str:
    counts = report.summary
    parts = ", ".join(f"{counts[s]} {s}" for s in STATUSES)
    n = len(report.citations)
    return f"{n} citation{'' if n == 1 else 's'}: {parts}"


def status_tag(item: CheckedCitation) -> str:
    """"INVALID: page_inside_other_case" / "VERIFIED"; "| form: ..." when its form is off."""
    label = LABELS[item.status]
    tag = f"{label}: {', '.join(item.problems)}" if item.problems else label
    return tag + (f" | form: {', '.join(form_codes(item))}" if item.form else "")


def form_codes(item: CheckedCitation) -> list[str]:
    return list(dict.fromkeys(f.code for f in item.form))


def form_line(report: CheckReport) -> str:
    """"Form (Bluebook (21st ed.)): 3 of 12 citations to mark up"; "" when form was not checked."""
    if not report.style:
        return ""
    marked = sum(1 for item in report.citations if item.form)
    return (f"Form ({STYLE_NAMES.get(report.style, report.style)}): {marked} of {len(report.citations)} "
            f"citation{'' if len(report.citations) == 1 else 's'} to mark up")


def form_text(item: CheckedCitation) -> list[str]:
    """One line per form problem: "reporter_abbreviation: message -> suggestion"."""
    return [f"{f.code}: {f.message}" + (f" \u2192 {f.suggestion}" if f.suggestion else "") for f in item.form]


def authority_text(item: CheckedCitation) -> str:
    auth = item.authority
    if auth is None:
        return ""
    where = ", ".join(p for p in (auth.court, auth.year) if p)
    text = f"{auth.name}, {auth.citation}" + (f" ({where})" if where else "")
    if auth.source == "directory":
        text += " [citation directory: text not held]"
    elif auth.doc_id:
        text += f" [{auth.doc_id}]"
    return text + (f" [edition: {auth.edition}]" if auth.edition else "")


def numbering(report: CheckReport) -> dict[int, int]:
    """FoundCitation.index -> number shown to the reader (1, 2, ...)."""
    return {item.found.index: n for n, item in enumerate(report.citations, start=1)}


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def where_text(report: CheckReport, item: CheckedCitation) -> str:
    where = f"line {line_of(report.text, item.found.start)}"
    return where + (f", PDF page {item.pdf_page}" if item.pdf_page is not None else "")


def refers_to(item: CheckedCitation, numbers: dict[int, int]) -> str:
    target = item.found.antecedent
    return f"#{numbers[target]}" if target is not None and target in numbers else ""


def marked_spans(report: CheckReport) -> list[tuple[int, CheckedCitation]]:
    """(number, citation) in text order, skipping any span overlapping an earlier one."""
    spans, last_end = [], -1
    ordered = sorted(enumerate(report.citations, start=1), key=lambda p: (p[1].found.start, p[1].found.end))
    for number, item in ordered:
        if item.found.start >= last_end and item.found.end > item.found.start:
            spans.append((number, item))
            last_end = item.found.end
    return spans


# --- text -----------------------------------------------------------------

def _marked_text(report: CheckReport) -> str:
    parts, pos = [], 0
    for number, item in marked_spans(report):
        found = item.found
        parts.append(report.text[pos:found.start])
        parts.append(f"[[{found.text} | #{number} {status_tag(item)}]]")
        pos = found.end
    parts.append(report.text[pos:])
    return "".join(parts)


def _text_entry(report: CheckReport, number: int, item: CheckedCitation, numbers: dict[int, int]) -> list[str]:
    found = item.found
    target = refers_to(item, numbers)
    head = f"#{number} {' '.join(found.text.split())}  [{ICONS[item.status]} {LABELS[item.status]}]"
    lines = [f"{head}  ({found.kind}, {where_text(report, item)}" + (f", refers to {target})" if target else ")")]
    if len(item.messages) == len(item.problems):
        lines += [f"    {code}: {message}" for code, message in zip(item.problems, item.messages)]
    else:  # no one-to-one pairing to rely on
        lines += [f"    problems: {', '.join(item.problems)}"] if item.problems else []
        lines += [f"    {message}" for message in item.messages]
    for label, value in (("authority", authority_text(item)), ("pin cite", found.pin_cite),
                         ("quote", " ".join(found.quote.split()))):
        if value:
            lines.append(f"    {label}: {value}")
    lines += [f"    note: {note}" for note in item.notes]
    lines += [f"    form {line}" for line in form_text(item)]
    lines += [f"    corrected: {item.corrected}"] if item.corrected else []
    return lines


def render_text(reports: Sequence[CheckReport]) -> str:
    """The document with each citation marked by status, then the list of
    citations with their problems and messages, then the summary."""
    out: list[str] = []
    for report in reports:
        numbers = numbering(report)
        out += [f"=== {report.file} ===", _marked_text(report).rstrip("\n"), "", f"--- Citations in {report.file} ---"]
        for number, item in enumerate(report.citations, start=1):
            out += _text_entry(report, number, item, numbers)
        out += [f"--- Summary: {report.file}: {summary_line(report)} ---"]
        out += [f"--- {form_line(report)} ---"] if report.style else []
        out.append("")
    return "\n".join(out)


# --- Markdown -------------------------------------------------------------

_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]|~"} | {"<": "&lt;", ">": "&gt;", "&": "&amp;"})


def md_escape(value: object) -> str:
    """Safe inside a Markdown table cell: one line, no markup, no raw HTML."""
    return " ".join(str(value).split()).translate(_MD_SPECIAL)


def _md_row(report: CheckReport, number: int, item: CheckedCitation, numbers: dict[int, int]) -> str:
    found = item.found
    target = refers_to(item, numbers)
    cells = [str(number), found.text, f"{ICONS[item.status]} {LABELS[item.status]}", ", ".join(item.problems),
             " / ".join(item.messages + item.notes), authority_text(item) or (f"see {target}" if target else ""),
             found.pin_cite, found.quote, where_text(report, item), " / ".join(form_text(item)),
             item.corrected or ""]
    return "| " + " | ".join(md_escape(c) for c in cells) + " |"


def render_md(reports: Sequence[CheckReport]) -> str:
    out: list[str] = []
    for report in reports:
        numbers = numbering(report)
        form = [f"**{md_escape(form_line(report))}**", ""] if report.style else []
        out += [f"## Citation check: {md_escape(report.file)}", "", f"**Summary:** {summary_line(report)}", "",
                *form,
                "| # | Citation | Status | Problems | Messages | Authority | Pin cite | Quote | Where | Form | Corrected |",
                "|---|---|---|---|---|---|---|---|---|---|---|"]
        out += [_md_row(report, n, item, numbers) for n, item in enumerate(report.citations, start=1)]
        out.append("")
    out += ["Statuses:", ""] + [f"- {ICONS[s]} **{LABELS[s]}**: {MEANINGS[s]}" for s in STATUSES] + [""]
    return "\n".join(out)
