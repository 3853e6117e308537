"""Check reports: text, JSON, CSV, HTML and Markdown, and the labels every view of a status uses."""
from research.citations.report.html import REPORT_CSS, marked_document, render_html, status_legend
from research.citations.report.render import (CSV_FIELDS, FORMATS, ICONS, LABELS, MEANINGS, authority_text,
                                              citation_to_dict, form_line, form_text, line_of, render, render_csv,
                                              render_json, render_md, render_text, report_to_dict, summary_line)

__all__ = ["CSV_FIELDS", "FORMATS", "ICONS", "LABELS", "MEANINGS", "REPORT_CSS", "authority_text",
           "citation_to_dict", "form_line", "form_text", "line_of", "marked_document", "render", "render_csv",
           "render_html", "render_json", "render_md", "render_text", "report_to_dict", "status_legend",
           "summary_line"]
