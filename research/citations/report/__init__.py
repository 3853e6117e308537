"""Check reports: text, JSON, CSV, HTML and Markdown."""
from research.citations.report.html import marked_document, render_html, status_legend
from research.citations.report.render import (FORMATS, citation_to_dict, render, render_csv, render_json,
                                              render_md, render_text, report_to_dict, summary_line)

__all__ = ["FORMATS", "citation_to_dict", "marked_document", "render", "render_csv", "render_html",
           "render_json", "render_md", "render_text", "report_to_dict", "status_legend", "summary_line"]
