"""The one builder of small real libraries (documents from corpora/), and the
session fixtures built with it.

    build_library(root, docs, model_cache=..., encoder=None) -> Settings

Two selections of real documents: ``small_docs`` (small enough to embed in
seconds, with known answers in it: an index is built from it) and
``check_docs`` (whole titles and the opinions the citation checker's briefs
cite: checked against, never embedded).
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Sequence

import pytest

from research import library
from research.corpus.io import read_corpus, write_corpus
from research.settings import Settings
from research.types import Document

from support.paths import CORPORA

SMALL_PREFIXES = ("usc/9/", "usc/17/10", "usc/42/1983", "usc/35/10", "usc/11/362", "cfr/27/447.3", "usc/28/133")
SMALL_OPINION_CITES = ("16 N.Y.3d 272", "444 N.J. Super. 423", "200 Colo. 11", "454 Mass. 101")
# Whole titles 9, 17 and 35 and 27 C.F.R. parts 447-479; a slice of title 42 (chapter 21).
CHECK_OPINIONS = ("op/16-ny3d-272", "op/444-njsuper-423", "op/200-colo-11", "op/454-mass-101",
                  "op/1-bta-15-appeal-of-baron", "op/1-bta-15-appeal-of-day", "op/551-us-193")
CHECK_PREFIXES = ("usc/9/", "usc/17/", "usc/35/", "cfr/27/4", "usc/42/19")
CHECK_FILES = ("opinions_cap_v1", "opinions_fastcase", "uscode_2013", "uscode_2023", "cfr_2018")


def corpus_docs(wanted, files: Iterable[Path] | None = None) -> list[Document]:
    """The shipped documents for which ``wanted(doc)`` is true."""
    paths = files if files is not None else sorted(CORPORA.glob("*.jsonl.gz"))
    return [doc for path in paths for doc in read_corpus(path) if wanted(doc)]


def library_settings(root: Path, docs: Sequence[Document], *, model_cache: Path | None = None) -> Settings:
    """Settings of a private library in ``root`` whose corpus is ``docs`` (nothing loaded yet)."""
    corpora = root / "corpora"
    write_corpus(corpora / "small.jsonl.gz", docs)
    return Settings(home=root / "home", corpora_dir=corpora, model_cache=model_cache or root / "models")


def build_library(root: Path, docs: Sequence[Document], *, model_cache: Path | None = None,
                  encoder=None) -> Settings:
    """A library of ``docs`` in ``root``: loaded and chunked (keyword search
    and citation checking work), and with ``encoder`` its dense index built."""
    settings = library_settings(root, docs, model_cache=model_cache)
    with library.open_store(settings) as store:
        report = library.sync_corpora(store, settings)
        assert not report.failures, report.failures
        if encoder is not None:
            library.build(settings, store, encoder)
    return settings


def _small(doc: Document) -> bool:
    return doc.id.startswith(SMALL_PREFIXES) or any(cite in SMALL_OPINION_CITES for cite in doc.citations)


def _checked(doc: Document) -> bool:
    return doc.id in CHECK_OPINIONS or doc.id.startswith(CHECK_PREFIXES)


# A test that needs these is slow: the ONNX export of the model, the dense index built from it.
SLOW_FIXTURES = {"encoder", "small_library"}


def pytest_collection_modifyitems(items) -> None:
    """Tests that export the model or build the dense index are left out of
    the fast subset (pytest -m "not slow")."""
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def small_docs() -> list[Document]:
    docs = corpus_docs(_small)
    assert len(docs) > 60
    return docs


@pytest.fixture(scope="session")
def model_cache(tmp_path_factory) -> Path:
    """One ONNX export of the shipped model per test session."""
    return tmp_path_factory.mktemp("models")


@pytest.fixture(scope="session")
def encoder(model_cache):
    from research.embedding import load_encoder

    return load_encoder(cache_dir=model_cache)


@pytest.fixture(scope="session")
def small_library(tmp_path_factory, small_docs, model_cache, encoder) -> Settings:
    """Settings of the small library with its dense index built."""
    return build_library(tmp_path_factory.mktemp("library"), small_docs, model_cache=model_cache, encoder=encoder)


@pytest.fixture(scope="session")
def searcher(small_library, encoder):
    store = library.open_store(small_library)
    yield library.open_searcher(small_library, store, encoder=encoder)
    store.close()


@pytest.fixture(scope="session")
def lexical_library(tmp_path_factory, small_docs) -> Settings:
    """Settings of the small library without a dense index: keyword search
    and citation checking work, nothing is embedded."""
    return build_library(tmp_path_factory.mktemp("lexical"), small_docs)


@pytest.fixture(scope="session")
def check_store(tmp_path_factory):
    """The checker's library (``check_docs``), open."""
    docs = corpus_docs(_checked, [CORPORA / f"{name}.jsonl.gz" for name in CHECK_FILES])
    settings = build_library(tmp_path_factory.mktemp("checklib"), docs)
    store = library.open_store(settings)
    yield store
    store.close()
