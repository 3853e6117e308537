"""Shared fixtures: a small real library (statutes and opinions from corpora/),
one ONNX export per test session, and an index built from them."""
from __future__ import annotations

from pathlib import Path

import pytest

from libhelpers import make_settings
from research.corpus.io import read_corpus
from research.settings import PROJECT_ROOT

CORPORA = PROJECT_ROOT / "corpora"

# A library small enough to embed in seconds, with known answers in it.
SMALL_LIBRARY_PREFIXES = ("usc/9/", "usc/17/10", "usc/42/1983", "usc/35/10", "usc/11/362",
                          "cfr/27/447.3", "usc/28/133")
SMALL_LIBRARY_OPINION_CITES = ("16 N.Y.3d 272", "444 N.J. Super. 423", "200 Colo. 11", "454 Mass. 101")


def _wanted(doc) -> bool:
    if doc.id.startswith(SMALL_LIBRARY_PREFIXES):
        return True
    return any(cite in SMALL_LIBRARY_OPINION_CITES for cite in doc.citations)


@pytest.fixture(scope="session")
def small_docs():
    docs = [doc for path in sorted(CORPORA.glob("*.jsonl.gz")) for doc in read_corpus(path) if _wanted(doc)]
    assert len(docs) > 60
    return docs


@pytest.fixture(scope="session")
def model_cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("models")


@pytest.fixture(scope="session")
def encoder(model_cache):
    from research.embedding import load_encoder

    return load_encoder(cache_dir=model_cache)


@pytest.fixture(scope="session")
def small_library(tmp_path_factory, small_docs, model_cache, encoder):
    """Settings of a built library: store loaded, index current."""
    from research import library

    settings = make_settings(tmp_path_factory.mktemp("library"), small_docs, model_cache)
    with library.open_store(settings) as store:
        library.sync_corpora(store, settings)
        library.build(settings, store, encoder)
    return settings


@pytest.fixture(scope="session")
def searcher(small_library, encoder):
    from research import library

    store = library.open_store(small_library)
    yield library.open_searcher(small_library, store, encoder=encoder)
    store.close()
