"""CLI command for batch citation audits of briefs: research audit."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from research.audit import DEFAULT_CHARS_PER_PAGE, DEFAULT_MAX_BYTES, FORMATS, AuditOutcome, AuditRecord
from research.errors import ResearchError
from research.types import STATUSES

_SCREEN_ROWS = 10


def _formats(value: str) -> tuple[str, ...]:
    names = tuple(dict.fromkeys(p.strip().lower() for p in value.split(",") if p.strip()))
    unknown = [n for n in names if n not in FORMATS]
    if unknown or not names:
        raise click.BadParameter(f"{', '.join(unknown) or value!r}: choose from {', '.join(FORMATS)}")
    return names


@click.command(epilog="""\b
Exit code (bit flags, so scripts can test either):
  0  every brief was read and no citation is invalid
  1  at least one brief has an invalid citation
  2  at least one file could not be read (listed in the summary)
  3  both
  4  the audit could not run (no library, output folder not writable, Ray missing)
\b
Outputs in OUT: summary.html, summary.csv, summary_flagged.csv,
summary_authorities.csv; briefs/NAME-HASH.check.{html,json,csv},
briefs/NAME-HASH.toa.html (Table of Authorities), briefs/NAME-HASH.audit.json.""")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the reports and the summary (created; a re-run resumes in it).")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Processes (local) or CPUs (a new local Ray) to use [default: all cores].")
@click.option("--backend", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="local: a process pool on this machine; ray: Ray tasks (pip install .[ray]).")
@click.option("--ray-address", default=None, metavar="ADDR",
              help="Join this Ray cluster (e.g. 10.0.0.5:6379 or auto) instead of starting a local Ray.")
@click.option("--formats", "formats", default=",".join(FORMATS), show_default=True,
              callback=lambda _ctx, _param, value: _formats(value),
              help="Checker report formats per brief, comma-separated.")
@click.option("--max-size", "max_mb", type=click.FloatRange(min=0.001), default=DEFAULT_MAX_BYTES / 2**20,
              show_default=True, help="Skip (and report) files larger than this many MB.")
@click.option("--chars-per-page", type=click.IntRange(min=100), default=DEFAULT_CHARS_PER_PAGE, show_default=True,
              help="For text and Word files without form feeds: characters per Table-of-Authorities page.")
@click.pass_context
def audit(ctx: click.Context, paths: tuple[Path, ...], out_dir: Path, workers: int | None, backend: str,
          ray_address: str | None, formats: tuple[str, ...], max_mb: float, chars_per_page: int) -> None:
    """Audit the citations of every brief under PATH... (PDF, Word .docx, text).

    Each brief gets the checker's report and a Table of Authorities with the
    pages where each authority appears; OUT/summary.html ranks the briefs
    worst first and lists every invalid or unverified citation. A re-run
    skips briefs already audited and unchanged; unreadable files are listed
    and the run goes on. Nothing leaves this machine (or your Ray cluster).
    """
    from research import library
    from research.audit import EXIT_FATAL, audit as run_audit, exit_code

    try:
        config = library.audit_config(ctx.obj["settings"], formats=formats, max_bytes=int(max_mb * 2**20),
                                      chars_per_page=chars_per_page)
        with _Progress() as progress:
            outcome = run_audit(paths, out_dir=out_dir, config=config, workers=workers, backend=backend,
                                ray_address=ray_address, on_start=progress.start, on_result=progress.update)
    except (ResearchError, OSError, ImportError, ValueError) as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(EXIT_FATAL)
    except KeyboardInterrupt:  # every finished brief is saved; the summary says the run is incomplete
        click.echo(f"\nInterrupted. Finished briefs are kept in {out_dir}; run the same command again "
                   "to finish.", err=True)
        sys.exit(130)
    click.echo(screen_summary(outcome))
    sys.exit(exit_code(outcome))


class _Progress:
    """A tqdm bar on stderr (count, rate, ETA) fed by the audit's callbacks."""

    def __init__(self) -> None:
        self.bar = None
        self.invalid = self.failed = 0

    def start(self, todo: int, skipped: int) -> None:
        from research.cli.common import progress_bar

        if skipped:
            click.echo(f"{skipped} briefs unchanged since the last run: skipped.", err=True)
        self.bar = progress_bar(total=todo, unit="brief", desc="auditing", dynamic_ncols=True)

    def update(self, record: AuditRecord) -> None:
        self.failed += not record.ok
        self.invalid += record.has_invalid
        self.bar.set_postfix(invalid=self.invalid, unreadable=self.failed, refresh=False)
        self.bar.update(1)

    def __enter__(self) -> "_Progress":
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.bar is not None:
            self.bar.close()


def screen_summary(outcome: AuditOutcome) -> str:
    """What fits on one screen: totals, the worst briefs, the unreadable files."""
    from research.audit import ranked

    records = outcome.records
    totals = {s: sum(r.counts[s] for r in records) for s in STATUSES}
    lines = [f"Audited {len(records)} briefs in {outcome.seconds:.1f} s ({len(outcome.checked)} checked now, "
             f"{len(outcome.skipped)} unchanged): " + ", ".join(f"{totals[s]} {s}" for s in STATUSES) + " citations.",
             f"{len(outcome.with_invalid)} briefs with an invalid citation; "
             f"{len(outcome.failed)} files could not be read."]
    worst = [r for r in ranked(records) if r.ok and (r.counts["invalid"] or r.counts["warning"])]
    if worst:
        lines.append("Worst briefs:")
        lines += [f"  {r.counts['invalid']:>3} invalid {r.counts['warning']:>3} warning  {r.file}"
                  for r in worst[:_SCREEN_ROWS]]
    if outcome.failed:
        lines.append("Could not read:")
        lines += [f"  {r.file}: {r.error}" for r in outcome.failed[:_SCREEN_ROWS]]
    hidden = max(0, len(worst) - _SCREEN_ROWS) + max(0, len(outcome.failed) - _SCREEN_ROWS)
    lines.append(f"Summary: {outcome.out_dir / 'summary.html'}" + (f" ({hidden} more rows there)" if hidden else ""))
    return "\n".join(lines)


def register(group: click.Group) -> None:
    group.add_command(audit)
