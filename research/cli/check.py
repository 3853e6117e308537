"""CLI command that checks the citations of briefs and memos: research check."""
from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import click

from research.citations.report import FORMATS, ICONS, LABELS, MEANINGS
from research.errors import ResearchError
from research.types import DEFAULT_STYLE, FORM_STYLES, STATUSES, CheckReport, IngestFailure

EXIT_OK, EXIT_INVALID, EXIT_UNREADABLE = 0, 1, 2

_STATUS_HELP = "\n".join(textwrap.fill(MEANINGS[s], width=78, initial_indent=f"  {ICONS[s]} {LABELS[s]:<11} ",
                                         subsequent_indent=" " * 16) for s in STATUSES)


@click.command(epilog=f"""\b
Statuses:
{_STATUS_HELP}

\b
Exit code: 0 when no citation is invalid, 1 when at least one is invalid,
2 when a file could not be read (the other files are still checked and
reported; the error names the file).""")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text: the document with each citation marked, then the list; json: one object "
                   "per file, one per line; csv: one row per citation; html: a page to open in a "
                   "browser; md: a Markdown table.")
@click.option("--out", type=click.Path(dir_okay=False, writable=True, path_type=Path), default=None,
              help="Write the report to this file instead of the screen.")
@click.option("--style", type=click.Choice(FORM_STYLES), default=DEFAULT_STYLE, show_default=True,
              help="Citation form to check against: bluebook (The Bluebook, 21st ed.) or scotus (the "
                   "Supreme Court's own style: \"552 U. S. 576\", \"Id., at 5\", \"(CA9 2003)\").")
@click.option("--fix-form", "fix_form", type=click.Path(writable=True, path_type=Path), default=None,
              help="Write a copy of the document with every form correction applied (one FILE: this "
                   "path; several: a folder, one copy per file); each change is listed on stderr. Only "
                   "characters inside citations change. PDF and Word files get a plain-text copy.")
@click.pass_context
def check(ctx: click.Context, files: tuple[Path, ...], fmt: str, out: Path | None, style: str,
          fix_form: Path | None) -> None:
    """Check every citation in briefs and memos (text, PDF, Word .docx).

    Finds case citations (with parallels, pin cites, quotations), id., supra
    and short forms, statutes, regulations and court rules; then checks each
    against the library and the citation directory: does the case exist at
    that volume and page, do the name and year match, is the pin cite inside
    the opinion, is the quotation in it and on the cited page, does the code
    section exist. Every problem comes with a message saying what was
    expected and what was found. Beside that substance check, the form of
    every citation is checked (--style): reporter and code abbreviations,
    spacing, section signs, court and year, ordinals, case-name
    abbreviations, pin cites, short forms, parallel order, each with the
    corrected citation. Form never changes a status or the exit code.
    Nothing leaves this machine.
    """
    from research.cli.common import fail

    settings = ctx.obj["settings"]
    try:
        reports, failures = _check_all(settings, files, style)
        if fix_form is not None:
            failures += _fix(reports, fix_form, several=len(files) > 1)
    except ResearchError as error:
        fail(error)
    for failure in failures:
        click.echo(f"Error: {failure.path}: {failure.problem}", err=True)
    _write(reports, fmt, out)
    sys.exit(exit_code(reports, failures))


def _fix(reports: list[CheckReport], out: Path, *, several: bool) -> list[IngestFailure]:
    """Write each corrected copy and list its changes on stderr; a copy that
    cannot be written is a failure of its file, and the others are still written."""
    from research.citations.form import fixed_path, write_fixed

    failures = []
    for report in reports:
        target = fixed_path(Path(report.file), out, several)
        try:
            changes = write_fixed(report, target)
        except ResearchError as error:
            failures.append(IngestFailure(report.file, str(error)))
            continue
        click.echo(f"{report.file}: {len(changes)} form correction{'' if len(changes) == 1 else 's'} "
                   f"written to {target}", err=True)
        for change in changes:
            click.echo(f"  {change.describe()}", err=True)
    return failures


def _check_all(settings, files, style: str) -> tuple[list[CheckReport], list[IngestFailure]]:
    from research import library
    from research.citations import check_files

    reports, failures = [], []
    with library.open_library(settings) as store, library.open_directory(settings) as directory:
        for result in check_files(files, store=store, directory=directory, max_text_mb=settings.max_text_mb,
                                  style=style):
            (failures if isinstance(result, IngestFailure) else reports).append(result)
    return reports, failures


def _write(reports: list[CheckReport], fmt: str, out: Path | None) -> None:
    from research.citations.report import render, summary_line

    if not reports:
        return
    rendered = render(reports, fmt)
    if out is None:
        click.echo(rendered, nl=False)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as handle:  # CSV keeps its own line ends
        handle.write(rendered)
    for report in reports:
        click.echo(f"{report.file}: {summary_line(report)}", err=True)
    click.echo(f"Report written to {out}", err=True)


def exit_code(reports: list[CheckReport], failures: list[IngestFailure]) -> int:
    if failures:
        return EXIT_UNREADABLE
    return EXIT_INVALID if any(r.has_invalid for r in reports) else EXIT_OK


@click.command("import-directory")
@click.argument("citations", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("clusters", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dockets", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="dockets-*.csv[.gz|.bz2], for the court of each case.")
@click.option("--courts", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="courts-*.csv[.gz|.bz2], for court names.")
@click.pass_context
def import_directory(ctx: click.Context, citations: Path, clusters: Path, dockets: Path | None,
                     courts: Path | None) -> None:
    """Add CourtListener's bulk citation lists to the citation directory.

    CITATIONS is citations-*.csv and CLUSTERS opinion-clusters-*.csv (plain,
    .gz or .bz2). Citations the directory lists are verified for existence,
    name and year even when the library has no text for them.
    """
    from research import library
    from research.citations.directory import import_courtlistener

    try:
        with library.open_directory(ctx.obj["settings"]) as directory:
            rows = import_courtlistener(directory, citations, clusters, dockets=dockets, courts=courts)
    except (ResearchError, OSError, ValueError) as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(2)
    click.echo(f"{rows} citations imported" if rows else "Nothing new: these files were imported already.")


def register(group: click.Group) -> None:
    group.add_command(check)
    group.add_command(import_directory)
