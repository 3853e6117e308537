"""The command line: thin wrappers that turn library calls and typed errors into output."""
from research.cli.main import cli, main

__all__ = ["cli", "main"]
