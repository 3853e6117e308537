"""Helpers shared by test modules (importable, unlike conftest)."""
from __future__ import annotations

from pathlib import Path

from research.corpus.io import write_corpus
from research.settings import Settings


def make_settings(root: Path, docs, model_cache: Path) -> Settings:
    """Settings of a private library in ``root`` whose corpus is ``docs``."""
    corpora = root / "corpora"
    write_corpus(corpora / "small.jsonl.gz", docs)
    return Settings(home=root / "home", corpora_dir=corpora, model_cache=model_cache)
