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


# Into a log file (stderr not a terminal) a bar writes a line every few
# seconds, not one per tick: a long index build's log stays small.
LOG_PROGRESS_SECONDS = 5.0


def progress_bar(**options: Any) -> Any:
    """A tqdm bar on stderr, throttled when stderr is not a terminal."""
    from tqdm import tqdm

    interactive = sys.stderr.isatty()
    return tqdm(file=sys.stderr, mininterval=0.1 if interactive else LOG_PROGRESS_SECONDS,
                maxinterval=max(10.0, LOG_PROGRESS_SECONDS), **options)


class Bar:
    """A tqdm bar fed by (stage, done, total) progress callbacks; ``finished``
    is the (done, total) of the final "done" call."""

    def __init__(self, unit: str = "item") -> None:
        self.bar: Any = None
        self.unit = unit
        self.finished: tuple[int, int] | None = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage == "done":
            self.finished = (done, total)
            if self.bar is not None:
                self.bar.update(self.bar.total - self.bar.n)
                self.bar.close()
            return
        if self.bar is None:
            self.bar = progress_bar(total=total, desc=stage, unit=self.unit)
        self.bar.update(done - self.bar.n)
