"""CLI command for the memo feature (being written)."""
from __future__ import annotations

import click


def register(group: click.Group) -> None:
    """Adds no command yet."""
