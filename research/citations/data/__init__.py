"""Data tables of the citation checker, each with a header naming its source.

``*.tsv`` files are tab-separated with "#" comment lines, then a header row;
``*.txt`` files hold one entry a line after their "#" comment lines.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

__all__ = ["DATA", "read_table"]

DATA = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def read_table(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of a data file, without comments and the header row."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    rows = tuple(tuple(line.split("\t")) for line in lines if line.strip() and not line.startswith("#"))
    return rows[1:] if name.endswith(".tsv") else rows
