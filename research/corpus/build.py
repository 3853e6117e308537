"""Converts the shared source data into the project's corpus files.

Run ``research admin build-corpus SHARED_DIR [CORPORA_DIR]`` (``make corpus``).
The output is deterministic, so re-running on the same sources leaves git clean.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from research.corpus.io import write_corpus
from research.corpus.opinion_build import build_opinion_corpora, unique_ids
from research.corpus.registry import read_paths
from research.types import IngestFailure

# (paths under SHARED_DIR, output file). Opinions have their own plan (source
# names with commits, cases sharing a first page); CAP static fixtures are
# synthetic ("Foo v. Bar"), so they are test assets, never part of the library.
STATUTE_SOURCES = (
    (("data/statutes/uscode_uslm_2013",), "uscode_2013.jsonl.gz"),
    (("data/statutes/uscode_markdown_2023",), "uscode_2023.jsonl.gz"),
    (("data/statutes/cfr_uslm_2018",), "cfr_2018.jsonl.gz"),
)


def build_corpora(shared_dir: Path, corpora_dir: Path, *,
          on_skip: Callable[[IngestFailure], None] | None = None) -> dict[str, int]:
    """Write every corpus file; returns documents per file. A source file
    that cannot be read is skipped (and passed to ``on_skip``)."""
    counts = {f"{name}.jsonl.gz": n for name, n in
              build_opinion_corpora(shared_dir / "data/opinions", corpora_dir).items()}
    for relative_paths, output in STATUTE_SOURCES:
        result = read_paths([shared_dir / p for p in relative_paths])
        for failure in result.failures:
            if on_skip:
                on_skip(failure)
        counts[output] = write_corpus(corpora_dir / output, unique_ids(result.documents))
    return counts
