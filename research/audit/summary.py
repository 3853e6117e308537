"""The summary of an audit, from the briefs' records: HTML (with a small
inline SVG chart of statuses per brief; no script, nothing fetched) and CSV.

    write_summary(records, out_dir, *, complete, planned) -> None
    ranked(records) -> list[AuditRecord]          # worst first
    most_cited(records) -> list[CitedAuthority]   # authorities across briefs
    flagged(records) -> list[tuple[str, FlaggedCitation]]   # every invalid or unverified citation, by file

Standard library only.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime, timezone
from html import escape
from pathlib import Path
from typing import Sequence

from research.audit.jobs import BRIEFS_DIR, write_atomic
from research.audit.record import AuditRecord, FlaggedCitation
from research.audit.toa import CATEGORIES, CSP
from research.citations.report import ICONS, LABELS
from research.rules import spreadsheet_safe
from research.types import STATUSES

HTML_ROWS = 1000   # longer lists are in the CSV files; the page stays usable
CHART_BRIEFS = 40
TOP_AUTHORITIES = 30
_COLOURS = {"verified": "#1e7b34", "warning": "#8a5a00", "unverified": "#4a5468", "invalid": "#b00020"}


@dataclass(frozen=True)
class CitedAuthority:
    """An authority across the briefs of an audit: in how many briefs, how many times."""

    category: str
    name: str
    citation: str
    briefs: int
    citations: int


def ranked(records: Sequence[AuditRecord]) -> list[AuditRecord]:
    """Failed files first, then most invalid, most warnings, most unverified."""
    def key(r: AuditRecord):
        c = r.counts
        return (r.ok, -c["invalid"], -c["warning"], -c["unverified"], r.file)
    return sorted(records, key=key)


def most_cited(records: Sequence[AuditRecord]) -> list[CitedAuthority]:
    first: dict[tuple[str, str], str] = {}  # the name as the first brief gives it
    briefs: dict[tuple[str, str], int] = {}
    cites: dict[tuple[str, str], int] = {}
    for entry in (e for record in records for e in record.toa):
        key = (entry.category, entry.citation)
        first.setdefault(key, entry.name)
        briefs[key] = briefs.get(key, 0) + 1
        cites[key] = cites.get(key, 0) + entry.count
    table = [CitedAuthority(category, first[(category, citation)], citation, briefs[(category, citation)],
                            cites[(category, citation)]) for category, citation in first]
    return sorted(table, key=lambda a: (-a.briefs, -a.citations, a.citation))


def flagged(records: Sequence[AuditRecord]) -> list[tuple[str, FlaggedCitation]]:
    rows = [(r.file, item) for r in records for item in r.flagged]
    return sorted(rows, key=lambda row: (row[1].status != "invalid", row[0], row[1].start))


# --- CSV ------------------------------------------------------------------------

def _csv(header: Sequence[str], rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([spreadsheet_safe(v) for v in row] for row in rows)
    return out.getvalue()


def summary_csv(records: Sequence[AuditRecord]) -> str:
    header = ("file", "ok", "error", "citations", *STATUSES, "size", "sha256", "report_key")
    return _csv(header, ([r.file, "yes" if r.ok else "no", r.error, r.citations,
                          *(r.counts[s] for s in STATUSES), r.size, r.sha256, r.key]
                         for r in ranked(records)))


def flagged_csv(records: Sequence[AuditRecord]) -> str:
    header = ("file", "citation", "status", "problems", "messages", "page", "line", "start")
    return _csv(header, ([file, f.text, f.status, ";".join(f.problems), " | ".join(f.messages),
                          f.page, f.line, f.start] for file, f in flagged(records)))


def authorities_csv(records: Sequence[AuditRecord]) -> str:
    return _csv(("category", "name", "citation", "briefs", "citations"),
                ([a.category, a.name, a.citation, a.briefs, a.citations] for a in most_cited(records)))


# --- HTML ----------------------------------------------------------------------

def chart_svg(records: Sequence[AuditRecord], *, limit: int = CHART_BRIEFS) -> str:
    """Stacked bars, one per brief (worst first), each segment a status; the
    counts are written beside each bar, so it reads without colour."""
    rows = [r for r in ranked(records) if r.ok][:limit]
    if not rows:
        return ""
    widest = max(1, max(sum(r.counts.values()) for r in rows))
    bar_h, label_w, bar_w = 18, 260, 360
    parts = []
    for i, record in enumerate(rows):
        y, x, counts = i * (bar_h + 4), label_w, record.counts
        parts.append(f'<text x="0" y="{y + 13}">{escape(Path(record.file).name[:40])}</text>')
        for status in STATUSES:
            width = counts[status] * bar_w / widest
            if width:
                parts.append(f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{bar_h}" '
                             f'fill="{_COLOURS[status]}"><title>{counts[status]} {status}</title></rect>')
            x += width
        text = " ".join(f"{ICONS[s]}{counts[s]}" for s in STATUSES if counts[s])
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 13}">{escape(text)}</text>')
    height = len(rows) * (bar_h + 4)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{label_w + bar_w + 160}" height="{height}" '
            f'font-size="12" font-family="system-ui,sans-serif"><title>Citations by status, per brief</title>'
            + "".join(parts) + "</svg>")


def _table(header: Sequence[str], rows: list[list[str]], total: int, csv_name: str) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    more = (f"<p>{total - len(rows)} more in <a href=\"{csv_name}\">{csv_name}</a>.</p>" if total > len(rows) else "")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}"


def _status(status: str) -> str:
    return f'<span class="{status}">{escape(ICONS[status] + " " + LABELS[status])}</span>'


def _brief_rows(records: Sequence[AuditRecord]) -> list[list[str]]:
    return [_brief_row(r) for r in ranked(records)[:HTML_ROWS]]


def _brief_row(r: AuditRecord) -> list[str]:
    if not r.ok:
        return [escape(r.file), "", "", "", "", "", f'<span class="invalid">error:</span> {escape(r.error)}']
    link = f'{BRIEFS_DIR}/{escape(r.key)}'
    report = next((n for n in r.reports if ".check." in n), "")
    links = (f'<a href="{BRIEFS_DIR}/{escape(report)}">report</a> · ' if report else "") + \
        f'<a href="{link}.toa.html">authorities</a>'
    return [escape(r.file), str(r.citations), *(str(r.counts[s]) for s in STATUSES), links]


def _flagged_rows(records: Sequence[AuditRecord]) -> list[list[str]]:
    return [[_status(f.status), escape(f.text), escape(file), str(f.page), str(f.line),
             escape(" ".join(f.messages) or ", ".join(f.problems))] for file, f in flagged(records)[:HTML_ROWS]]


def _authority_rows(records: Sequence[AuditRecord]) -> list[list[str]]:
    return [[escape(a.name), escape(a.citation), escape(CATEGORIES[a.category]), str(a.briefs),
             str(a.citations)] for a in most_cited(records)[:TOP_AUTHORITIES]]


_CSS = """body{font:15px/1.5 system-ui,sans-serif;margin:2em auto;max-width:75em;padding:0 1em;color:#1b1b1b}
h2{font-size:1.2em;border-bottom:1px solid #ccc;margin-top:2em}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{border:1px solid #ccc;padding:.3em .5em;text-align:left;vertical-align:top} th{background:#f0f0f0}
.invalid{color:#b00020;font-weight:bold} .warning{color:#8a5a00} .unverified{color:#4a5468} .verified{color:#1e7b34}
.note{background:#fff1cc;padding:.5em}"""


def summary_html(records: Sequence[AuditRecord], *, complete: bool, planned: int, generated: str) -> str:
    failed = [r for r in records if not r.ok]
    totals = {s: sum(r.counts[s] for r in records) for s in STATUSES}
    head = (f"<p>{len(records)} of {planned} briefs; {len(failed)} could not be read. Citations: "
            + ", ".join(f"{_status(s)} {totals[s]}" for s in STATUSES) + f".</p><p>Generated {escape(generated)}.</p>")
    if not complete:
        head += '<p class="note">This run was interrupted: run the same command again to finish it.</p>'
    flag_total, auth_total = len(flagged(records)), len(most_cited(records))
    sections = [
        ("Citations by status, per brief (worst first)", chart_svg(records)),
        ("Briefs, worst first", _table(["Brief", "Citations", *(LABELS[s].title() for s in STATUSES), "Reports"],
                                       _brief_rows(records), len(records), "summary.csv")),
        ("Every invalid or unverified citation", _table(["Status", "Citation", "Brief", "Page", "Line", "Why"],
                                                        _flagged_rows(records), flag_total, "summary_flagged.csv")),
        ("Most-cited authorities", _table(["Name", "Citation", "Kind", "Briefs", "Citations"],
                                          _authority_rows(records), auth_total, "summary_authorities.csv")),
    ]
    body = "".join(f"<h2>{escape(title)}</h2>{content}" for title, content in sections if content)
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}"><title>Citation audit</title>'
            f"<style>{_CSS}</style></head><body><h1>Citation audit</h1>{head}{body}</body></html>\n")


def write_summary(records: Sequence[AuditRecord], out_dir: Path, *, complete: bool, planned: int) -> None:
    generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    write_atomic(out_dir / "summary.csv", summary_csv(records))
    write_atomic(out_dir / "summary_flagged.csv", flagged_csv(records))
    write_atomic(out_dir / "summary_authorities.csv", authorities_csv(records))
    write_atomic(out_dir / "summary.html", summary_html(records, complete=complete, planned=planned,
                                                         generated=generated))
