"""Converts the shared source data into the project's corpus files.

Run ``python -m research.corpus.build SHARED_DIR [CORPORA_DIR]``. The output is
deterministic, so re-running on the same sources leaves git clean.
"""
from __future__ import annotations

import sys
from pathlib import Path

from research.corpus.io import write_corpus
from research.corpus.opinion_build import build_opinion_corpora, unique_ids
from research.corpus.registry import read_paths

# (paths under SHARED_DIR, output file). Opinions have their own plan (source
# names with commits, cases sharing a first page); CAP static fixtures are
# synthetic ("Foo v. Bar"), so they are test assets, never part of the library.
STATUTE_SOURCES = (
    (("data/statutes/uscode_uslm_2013",), "uscode_2013.jsonl.gz"),
    (("data/statutes/uscode_markdown_2023",), "uscode_2023.jsonl.gz"),
    (("data/statutes/cfr_uslm_2018",), "cfr_2018.jsonl.gz"),
)


def build(shared_dir: Path, corpora_dir: Path) -> dict[str, int]:
    counts = {f"{name}.jsonl.gz": n for name, n in
              build_opinion_corpora(shared_dir / "data/opinions", corpora_dir).items()}
    for relative_paths, output in STATUTE_SOURCES:
        result = read_paths([shared_dir / p for p in relative_paths])
        for failure in result.failures:
            print(f"skipped {failure.path}: {failure.problem}", file=sys.stderr)
        counts[output] = write_corpus(corpora_dir / output, unique_ids(result.documents))
    return counts


def main(argv: list[str] | None = None) -> None:
    args = argv if argv is not None else sys.argv[1:]
    shared = Path(args[0]) if args else Path("../shared")
    corpora = Path(args[1]) if len(args) > 1 else Path("corpora")
    for output, count in build(shared, corpora).items():
        print(f"{output}: {count} documents")


if __name__ == "__main__":
    main()
