"""What every CLI command module shares: turning an error into a message and
an exit code, and a progress bar. Imported by research.cli.main and the command modules,
so they never import each other."""
from __future__ import annotations

import functools
import sys
from typing import Any, Callable

import click

from research.errors import ResearchError


def fail(error: Exception) -> None:
    click.echo(f"Error: {error}", err=True)
    sys.exit(2)


def speaks_errors(command: Callable[..., None]) -> Callable[..., None]:
    """The command, with the library's typed errors (and unreadable files)
    turned into "Error: ..." on stderr and exit code 2."""
    @functools.wraps(command)
    def wrapped(*args: Any, **kwargs: Any) -> None:
        try:
            command(*args, **kwargs)
        except (ResearchError, OSError) as error:
            fail(error)

    return wrapped


class Bar:
    """A tqdm bar fed by (stage, done, total) progress callbacks."""

    def __init__(self, unit: str = "item") -> None:
        self.bar: Any = None
        self.unit = unit

    def __call__(self, stage: str, done: int, total: int) -> None:
        from tqdm import tqdm

        if self.bar is None and stage != "done":
            self.bar = tqdm(total=total, desc=stage, unit=self.unit, file=sys.stderr)
        if self.bar is not None:
            self.bar.n = done
            self.bar.refresh()
        if stage == "done" and self.bar is not None:
            self.bar.close()
