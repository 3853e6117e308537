"""CLI command for the audit feature (being written)."""
from __future__ import annotations

import click


def register(group: click.Group) -> None:
    """Adds no command yet."""
