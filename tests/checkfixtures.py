"""Fixtures for the citation checker: a small real library built from corpora/.

Import the fixtures into a test module with
``from checkfixtures import check_store  # noqa: F401``.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from research.text.chunking import chunk_document
from research.corpus.io import read_corpus
from research.settings import PROJECT_ROOT
from research.store.store import Store

CORPORA = PROJECT_ROOT / "corpora"
BRIEFS = Path(__file__).parent / "assets" / "briefs"

CHECK_OPINIONS = ("op/16-ny3d-272", "op/444-njsuper-423", "op/200-colo-11", "op/454-mass-101",
                  "op/1-bta-15-appeal-of-baron", "op/1-bta-15-appeal-of-day", "op/551-us-193")
# Whole titles 9, 17 and 35 and 27 C.F.R. parts 447-479; a slice of title 42 (chapter 21).
CHECK_STATUTE_PREFIXES = ("usc/9/", "usc/17/", "usc/35/", "cfr/27/4", "usc/42/19")
CHECK_FILES = ("opinions_cap_v1", "opinions_fastcase", "uscode_2013", "uscode_2023", "cfr_2018")


def _wanted(doc) -> bool:
    return doc.id in CHECK_OPINIONS or doc.id.startswith(CHECK_STATUTE_PREFIXES)


def build_check_store(path: Path) -> Store:
    """A library with the documents above, chunked so full-text search works."""
    docs = [doc for name in CHECK_FILES for doc in read_corpus(CORPORA / f"{name}.jsonl.gz") if _wanted(doc)]
    store = Store(path)
    report = store.add_documents(docs)
    assert not report.failures, report.failures
    with store.transaction():
        for doc in docs:
            store.set_chunks(doc.id, chunk_document(doc))
    return store


@pytest.fixture(scope="session")
def check_store(tmp_path_factory):
    store = build_check_store(tmp_path_factory.mktemp("checklib") / "library.sqlite3")
    yield store
    store.close()


def brief(name: str) -> str:
    return (BRIEFS / name).read_text(encoding="utf-8")
