"""The Check citations tab: a pasted or uploaded brief, every citation marked
by status, the source at its pin page, and the attorney's review decisions.

    check_input(state, text, upload, style) -> CheckReport   # substance and form (style: FORM_STYLES)
    document_view(report) -> str                 # the HTML report's marked-up document and legend
    table_rows(report, decisions) -> [[...]]     # TABLE_COLUMNS
    fix_form_copy(state, report) -> (Path, str)  # the document with every form correction; the changes
    citation_source(state, report, number) -> str
    decide(state, report, number, decision, note, reviewer) -> [[...]]
    export_review(state, report, fmt) -> Path  # "csv" or "docx"

Citations are numbered 1, 2, ... as in the reports; a decision is stored
under the document's content hash and that number.
"""
from __future__ import annotations

import html
import re
import time
from pathlib import Path
from types import SimpleNamespace

from research.citations.report import ICONS, LABELS, authority_text, form_line, form_text, summary_line
from research.errors import CheckError
from research.review import DECISION_LABELS, content_hash
from research.store import Store
from research.types import DEFAULT_STYLE, FORM_STYLES, STYLE_NAMES, CheckReport, CheckedCitation, Document
from research.ui.common import page_map, passage_html, shown_errors
from research.ui.state import AppState

TABLE_COLUMNS = ["#", "Citation", "Status", "Problems", "Messages", "Authority", "Form", "Corrected", "Decision",
                 "Note"]
STYLE_CHOICES = [(STYLE_NAMES[s], s) for s in FORM_STYLES]
DECISION_CHOICES = [("Accept", "accept"), ("Needs fix", "needs_fix"), ("Note only", "note")]
_SKIPPED_RULES = ("body", "h1", "h2", "table", "th", "td", "@media")
# Checks run side by side (gradio runs one at a time by default), so one
# user's long brief does not hold up another user's one-line check.
CHECKS_AT_ONCE = 4


def check_input(state: AppState, text: str, upload: str | None, style: str = DEFAULT_STYLE) -> CheckReport:
    """Check the uploaded file, else the pasted text (saved as a .txt in the
    app's folder): substance, and form in ``style``."""
    from research.citations import check_file
    from research.ui.auth import check_paste, check_upload

    if upload:
        path = check_upload(upload, state.max_upload_mb)
    elif text and text.strip():
        check_paste(text, state.max_upload_mb)
        path = state.tmp / f"pasted-{content_hash(text)[:16]}.txt"
        path.write_text(text, encoding="utf-8")
    else:
        raise CheckError("Paste the text of a brief or upload a PDF, DOCX or text file.")
    return check_file(path, store=state.db.store(), directory=state.db.directory(),
                      max_text_mb=state.settings.max_text_mb, style=style or DEFAULT_STYLE)


def _scoped_css() -> str:
    """The HTML report's styles for the marked-up document only, scoped to this tab."""
    from research.citations.report import REPORT_CSS

    rules = re.findall(r"([^{}]+)\{([^{}]*)\}", re.sub(r"@media[^{]*\{", "@media{", REPORT_CSS))
    out = []
    for selectors, body in rules:
        if selectors.strip().startswith(_SKIPPED_RULES):
            continue
        scoped = ", ".join(f"#check-document {s.strip()}" for s in selectors.split(","))
        out.append(f"{scoped} {{{body}}}")
    return "\n".join(out) + "\n#check-document .doc{max-height:34em;overflow:auto}"


def document_view(report: CheckReport) -> str:
    from research.citations.report import marked_document, status_legend

    form = f"<p class='summary'>{html.escape(form_line(report))}</p>" if report.style else ""
    return (f"<style>{_scoped_css()}</style><p class='summary'><b>{html.escape(summary_line(report))}</b></p>"
            f"{form}{status_legend()}{marked_document(report, 'doc')}")


def table_rows(report: CheckReport, decisions: list | tuple = ()) -> list[list]:
    by_number = {d.citation_index: d for d in decisions}
    rows = []
    for number, item in enumerate(report.citations, start=1):
        d = by_number.get(number)
        rows.append([number, " ".join(item.found.text.split()), f"{ICONS[item.status]} {LABELS[item.status]}",
                     ", ".join(item.problems), " | ".join(item.messages + item.notes), authority_text(item),
                     " | ".join(form_text(item)), item.corrected or "",
                     DECISION_LABELS[d.decision] if d else "", d.note if d else ""])
    return rows


def fix_form_copy(state: AppState, report: CheckReport) -> tuple[Path, str]:
    """Write the checked document with every form correction applied (a
    text copy for PDF and Word); the file and the list of changes (HTML)."""
    from research.citations.form import write_fixed

    if report is None:
        raise CheckError("Check a document first.")
    path = state.tmp / f"{Path(report.file).stem}-form-fixed-{time.time_ns()}.txt"
    changes = write_fixed(report, path)
    if not changes:
        return path, "<p>No form corrections: the copy is the document as checked.</p>"
    items = "".join(f"<li>{html.escape(change.describe())}</li>" for change in changes)
    return path, f"<p>{len(changes)} correction{'' if len(changes) == 1 else 's'} applied:</p><ul>{items}</ul>"


def _item(report: CheckReport, number: float | None) -> CheckedCitation:
    if report is None:
        raise CheckError("Check a document first.")
    if number is None or not 1 <= int(number) <= len(report.citations):
        raise CheckError(f"There is no citation #{number}: the document has {len(report.citations)}.")
    return report.citations[int(number) - 1]


def _pin_offset(doc: Document, item: CheckedCitation) -> tuple[int, int]:
    """Where to show: the quotation if the source holds it (nearest the pin
    page), else the pin page, else the start of the document."""
    pages = page_map(doc, item.authority.citation)
    pin = re.match(r"\d+", item.found.pin_cite or "")
    offset = pages.offset_of(pin.group()) if pages and pin else None
    quote = " ".join(item.found.quote.split()).strip(" .,;:").lower()
    if quote:
        text = doc.text.lower()
        hits = [m.start() for m in re.finditer(re.escape(quote), text)]
        if hits:
            at = min(hits, key=lambda h: abs(h - (offset or 0)))
            return at, at + len(quote)
    return (offset, offset) if offset is not None else (0, 0)


def citation_source(state: AppState, report: CheckReport, number: float | None) -> str:
    item = _item(report, number)
    head = (f"<p><b>#{int(number)} {html.escape(' '.join(item.found.text.split()))}</b> — "
            f"{html.escape(ICONS[item.status] + ' ' + LABELS[item.status])}"
            + (f", pin cite {html.escape(item.found.pin_cite)}" if item.found.pin_cite else "") + "</p>")
    auth = item.authority
    if auth is None:
        return head + _containing_case(state.db.store(), item)
    if not auth.doc_id:
        return head + "<p>No source text to show: the citation is only in the citation directory.</p>"
    doc = state.db.store().get(auth.doc_id)
    if doc is None:
        return head + f"<p>{html.escape(auth.doc_id)} is not in the library.</p>"
    start, end = _pin_offset(doc, item)
    return head + passage_html(doc, start, end, citation=auth.citation)


def _containing_case(store: Store, item: CheckedCitation) -> str:
    """For a first page that lies inside another case: that case at that page."""
    found = item.found
    page = int(found.page) if found.page.isdigit() else None
    rows = store.citations_in_volume(found.reporter, found.volume) if page and found.reporter else []
    for row in rows:
        if row.page.isdigit() and row.last_page.isdigit() and int(row.page) < page <= int(row.last_page):
            doc = store.get(row.doc_id)
            pages = doc.page_map_for(row.citation) if doc else None
            offset = pages.offset_of(str(page)) if pages else None
            if offset is not None:
                return (f"<p>Page {page} of {html.escape(found.volume + ' ' + found.reporter)} is inside "
                        f"{html.escape(row.title)}, {html.escape(row.citation)}:</p>"
                        + passage_html(doc, offset, offset, citation=row.citation))
    return "<p>No source text to show: nothing in the library matches it.</p>"


def decide(state: AppState, report: CheckReport, number: float | None, decision: str, note: str = "",
           reviewer: str = "") -> list[list]:
    """Record the decision on citation ``number``; the table rows with it."""
    item = _item(report, number)
    doc_hash = content_hash(report.text)
    state.review.record(doc_hash=doc_hash, citation_index=int(number), citation_text=item.found.text,
                          decision=decision, note=note or "", reviewer=reviewer or "local")
    return table_rows(report, state.review.decisions(doc_hash))


def export_review(state: AppState, report: CheckReport, fmt: str) -> Path:
    if report is None:
        raise CheckError("Check a document first.")
    doc_hash = content_hash(report.text)
    path = state.tmp / f"review-{doc_hash[:12]}-{time.time_ns()}.{fmt}"
    if fmt == "csv":
        path.write_text(state.review.export_csv(doc_hash), encoding="utf-8")
        return path
    return state.review.export_docx(doc_hash, report, path)


def build_tab(state: AppState) -> None:
    import gradio as gr

    view = _layout(gr, state)
    _wire_check(gr, state, view)
    _wire_fix(state, view)
    _wire_review(gr, state, view)


def _layout(gr, state: AppState) -> SimpleNamespace:
    """The tab's components (element ids are stable: the browser tests use them)."""
    view = SimpleNamespace(report=gr.State(None))
    with gr.Row():
        view.text = gr.Textbox(label="Paste a brief or memo", lines=6, max_lines=8, elem_id="check-text", scale=3,
                               max_length=int(state.max_upload_mb * 1024 * 1024))  # the browser's share of the limit
        with gr.Column(scale=1):
            view.upload = gr.File(label="…or upload PDF, DOCX or text", file_types=[".pdf", ".docx", ".txt", ".md"],
                                  elem_id="check-upload")
            view.style = gr.Radio(STYLE_CHOICES, value=DEFAULT_STYLE, label="Citation form", elem_id="check-style")
            view.run = gr.Button("Check citations", variant="primary", elem_id="check-run")
    view.document = gr.HTML(elem_id="check-document")
    view.table = gr.Dataframe(headers=TABLE_COLUMNS, interactive=False, wrap=True, max_height=420,
                              elem_id="check-table",
                              column_widths=["3%", "10%", "8%", "9%", "20%", "11%", "14%", "11%", "7%", "7%"])
    with gr.Row():
        view.fix_button = gr.Button("Fix form: download the corrected document", elem_id="check-fix-form")
        view.fix_file = gr.File(label="Corrected document", height=70, elem_id="check-fix-form-file")
    view.fix_changes = gr.HTML(elem_id="check-fix-form-changes")
    with gr.Row():
        view.number = gr.Number(label="Citation #", precision=0, minimum=1, elem_id="check-select", scale=1)
        view.decision = gr.Radio(DECISION_CHOICES, value="accept", label="Decision", elem_id="check-decision",
                                 scale=2)
        view.note = gr.Textbox(label="Note", elem_id="check-note", scale=3)
        view.save = gr.Button("Save decision", elem_id="check-save", scale=1)
    view.source = gr.HTML(elem_id="check-source")
    with gr.Row():
        view.csv_button = gr.Button("Export review (CSV)", elem_id="check-export-csv")
        view.docx_button = gr.Button("Export review (Word)", elem_id="check-export-docx")
        view.csv_file = gr.File(label="Review CSV", height=70, elem_id="check-export-csv-file")
        view.docx_file = gr.File(label="Review DOCX", height=70, elem_id="check-export-docx-file")
    return view


def _wire_check(gr, state: AppState, view: SimpleNamespace) -> None:
    """Check, pick a citation in the table, see its source."""
    def run_check(t, f, st):
        report = check_input(state, t, f, st)
        rows = table_rows(report, state.review.decisions(content_hash(report.text)))
        return report, document_view(report), rows, None, "", None, ""

    def pick(evt):
        return evt.index[0] + 1 if isinstance(evt.index, (list, tuple)) else evt.index + 1

    pick.__annotations__ = {"evt": gr.SelectData}  # a real class: gradio finds special arguments by type hint
    view.run.click(shown_errors(run_check), [view.text, view.upload, view.style],
                   [view.report, view.document, view.table, view.number, view.source, view.fix_file,
                    view.fix_changes], concurrency_limit=CHECKS_AT_ONCE)
    view.table.select(pick, None, view.number)
    view.number.change(shown_errors(lambda r, n: citation_source(state, r, n) if r is not None and n else ""),
                       [view.report, view.number], view.source)


def _wire_fix(state: AppState, view: SimpleNamespace) -> None:
    """Fix form: a copy of the checked document with every correction, and the list of changes."""
    def fix(report):
        path, changes = fix_form_copy(state, report)
        return str(path), changes

    view.fix_button.click(shown_errors(fix), view.report, [view.fix_file, view.fix_changes])


def _wire_review(gr, state: AppState, view: SimpleNamespace) -> None:
    """Record a decision on the chosen citation; export the review."""
    def save_decision(report, n, d, nt, request):
        return decide(state, report, n, d, nt, getattr(request, "username", None) or "local")

    save_decision.__annotations__ = {"request": gr.Request}  # see pick above
    view.save.click(shown_errors(save_decision), [view.report, view.number, view.decision, view.note], view.table)
    for button, fmt, file in ((view.csv_button, "csv", view.csv_file), (view.docx_button, "docx", view.docx_file)):
        button.click(shown_errors(lambda r, fmt=fmt: str(export_review(state, r, fmt))), view.report, file)
