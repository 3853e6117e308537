"""``research admin ...``: the maintainers' commands (building the shipped
corpora and citation directory, importing CourtListener's bulk files,
adding app users). They take the global options (``--home``, ``--corpora``)
like every other command; ``research admin import-directory`` is the same
command as ``research import-directory`` (research.cli.main adds it here)."""
from __future__ import annotations

import getpass
import sys
from pathlib import Path

import click

from research.cli.common import speaks_errors
from research.types import IngestFailure

MIN_PASSWORD = 8


@click.group()
def admin() -> None:
    """Maintainers' commands: build the shipped corpora and directory, import bulk data, add app users."""


@admin.command("build-corpus")
@click.argument("shared_dir", required=False, default="../shared", type=click.Path(file_okay=False, path_type=Path))
@click.argument("corpora_dir", required=False, default="corpora", type=click.Path(file_okay=False, path_type=Path))
@speaks_errors
def build_corpus(shared_dir: Path, corpora_dir: Path) -> None:
    """Convert the shared source data (SHARED_DIR, default ../shared) into the
    corpus files in CORPORA_DIR (default corpora/). Deterministic: re-running
    on the same sources leaves git clean. This is `make corpus`."""
    from research.corpus import build_corpora

    def skipped(failure: IngestFailure) -> None:
        click.echo(f"skipped {failure.path}: {failure.problem}", err=True)

    counts = build_corpora(shared_dir, corpora_dir, on_skip=skipped)
    for output, count in counts.items():
        click.echo(f"{output}: {count} documents")


@admin.command("build-opinions")
@click.argument("opinions", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@speaks_errors
def build_opinions(opinions: Path, out_dir: Path) -> None:
    """Build only the opinion corpus files from OPINIONS (the shared
    data/opinions folder) into OUT_DIR (corpora/)."""
    from research.corpus import build_opinion_corpora

    for name, count in build_opinion_corpora(opinions, out_dir).items():
        click.echo(f"{name}: {count} documents")


@admin.command("build-directory")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write it (default: directory.csv.gz in the corpora folder).")
@click.pass_context
@speaks_errors
def build_directory(ctx: click.Context, out: Path | None) -> None:
    """Rebuild the shipped citation directory (directory.csv.gz) from the
    corpus files of the corpora folder (the global --corpora option)."""
    from research.citations import build_shipped_directory
    from research.citations.directory import SHIPPED_NAME

    corpora = ctx.obj["settings"].corpora_dir
    out = out or corpora / SHIPPED_NAME
    click.echo(f"{out}: {build_shipped_directory(corpora, out)} citations")


@admin.command("add-user")
@click.argument("users_file", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("user")
@speaks_errors
def add_user(users_file: Path, user: str) -> None:
    """Add USER to the app's USERS_FILE (or set a new password): the password
    is asked for, or read from the first line of standard input when it is
    not a terminal. Start the app with `research ui --auth USERS_FILE`."""
    from research.ui import add_user as add

    prompt = f"Password for {user}: "
    password = getpass.getpass(prompt) if sys.stdin.isatty() else sys.stdin.readline().rstrip("\n")
    if len(password) < MIN_PASSWORD:
        raise click.ClickException(f"the password must have at least {MIN_PASSWORD} characters.")
    try:
        add(users_file, user, password)
    except ValueError as error:  # a user name with a colon
        raise click.ClickException(str(error)) from error
    click.echo(f"{user} added to {users_file}", err=True)


def register(group: click.Group) -> None:
    group.add_command(admin)
