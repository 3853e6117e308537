"""The dense index: manifest, refusal of mismatches, incremental and atomic builds."""
from __future__ import annotations

import dataclasses
import json
import re

import pytest

from research import library
from research.errors import IndexMismatch, IndexMissing
from research.search.index import load_index, read_manifest
from support.library import build_library, library_settings

pytestmark = pytest.mark.slow  # builds dense indexes


class CountingEncoder:
    """Wraps the real encoder, counting what it is asked to embed, and can fail midway."""

    def __init__(self, encoder, fail_after: int | None = None):
        self._encoder, self.encoded, self.fail_after = encoder, 0, fail_after

    def __getattr__(self, name):
        return getattr(self._encoder, name)

    def encode(self, texts, **kwargs):
        if self.fail_after is not None and self.encoded + len(texts) > self.fail_after:
            raise KeyboardInterrupt("build interrupted")
        self.encoded += len(texts)
        return self._encoder.encode(texts, **kwargs)


@pytest.fixture()
def fresh(tmp_path, small_docs, model_cache, encoder):
    docs = [d for d in small_docs if d.id.startswith(("usc/9/", "usc/17/10"))]
    settings = build_library(tmp_path, docs[:-3], model_cache=model_cache, encoder=encoder)
    store = library.open_store(settings)
    yield settings, store, docs[-3:], read_manifest(settings.index_dir)
    store.close()


def test_manifest_describes_the_index(fresh, encoder):
    settings, store, _, manifest = fresh
    on_disk = json.loads((settings.index_dir / "manifest.json").read_text())
    assert on_disk["model"] == "all-MiniLM-L6-v2" and on_disk["dimension"] == encoder.dimension == 384
    assert on_disk["corpus_hash"] == store.corpus_hash()
    assert on_disk["chunking"]["max_tokens"] == settings.max_chunk_tokens
    assert on_disk["chunks"] == len(list(store.chunks())) and on_disk["index_type"] == "flat-ip"
    assert read_manifest(settings.index_dir) == manifest


def _changed_plan(settings, encoder, change):
    plan = library.index_plan(settings, encoder)
    return dataclasses.replace(plan, **change)


@pytest.mark.parametrize(
    "change, reason",
    [
        ({"model_hash": "0" * 64, "model": "other-model"}, "built with model"),
        ({"dimension": 768}, "built with model"),
        ({"chunking": {"version": 1, "max_tokens": 99, "overlap_tokens": 0}}, "chunking"),
    ],
)
def test_mismatched_index_is_refused(fresh, encoder, change, reason):
    settings, store, _, _ = fresh
    with pytest.raises(IndexMismatch, match=reason) as caught:
        load_index(settings.index_dir, plan=_changed_plan(settings, encoder, change),
                   corpus_hash=store.corpus_hash())
    assert "research index" in str(caught.value)


def test_changed_library_makes_the_index_stale(fresh, encoder):
    settings, store, extra_docs, _ = fresh
    store.add_documents(extra_docs[:1])
    assert library.index_staleness(settings, store, encoder) == "the library has changed since it was built"
    with pytest.raises(IndexMismatch, match="library has changed"):
        library.open_searcher(settings, store, encoder=encoder)


def test_missing_index_says_how_to_build(tmp_path, encoder, model_cache):
    settings = library_settings(tmp_path, [], model_cache=model_cache)
    with pytest.raises(IndexMissing, match="research index"):
        load_index(settings.index_dir, plan=library.index_plan(settings, encoder), corpus_hash="x")


def test_rebuild_embeds_only_new_chunks(fresh, encoder):
    settings, store, extra_docs, first = fresh
    store.add_documents(extra_docs)
    counting = CountingEncoder(encoder)
    second = library.build(settings, store, counting)
    new_chunks = sum(1 for d in extra_docs for _ in store.chunks(d.id))
    assert 0 < counting.encoded <= new_chunks
    assert second.chunks == first.chunks + new_chunks
    assert library.index_staleness(settings, store, encoder) is None
    again = CountingEncoder(encoder)
    library.build(settings, store, again)
    assert again.encoded == 0


def test_interrupted_build_leaves_previous_index_usable(fresh, encoder):
    settings, store, extra_docs, first = fresh
    store.add_documents(extra_docs)
    with pytest.raises(KeyboardInterrupt):
        library.build(settings, store, CountingEncoder(encoder, fail_after=0))
    assert read_manifest(settings.index_dir) == first
    previous = load_index(settings.index_dir, plan=library.index_plan(settings, encoder),
                          corpus_hash=first.corpus_hash)
    hits = previous.search(encoder.encode_query("order to compel arbitration"), k=3)
    assert hits and hits[0][0].startswith("usc/9/")


def test_large_library_gets_an_approximate_index(fresh, encoder):
    settings, store, _, _ = fresh
    manifest = library.build(settings.with_changes(exact_search_limit=10), store, encoder)
    assert manifest.index_type == "hnsw-ip"
    searcher = library.open_searcher(settings, store, encoder=encoder)
    assert searcher.search("petition to compel arbitration", k=3)[0].doc_id.startswith("usc/9/")


def test_an_interrupted_build_resumes_from_its_checkpoint(fresh, encoder, monkeypatch):
    CHECKPOINT_EVERY = 50
    monkeypatch.setattr("research.search.index.CHECKPOINT_EVERY", CHECKPOINT_EVERY)
    settings, store, extra_docs, first = fresh
    store.add_documents(extra_docs)
    library.chunk_new_documents(store, settings)
    everything = len({chunk.content_key for chunk in store.chunks()})  # what a full rebuild embeds
    assert everything > CHECKPOINT_EVERY
    with pytest.raises(KeyboardInterrupt):
        library.build(settings, store, CountingEncoder(encoder, fail_after=CHECKPOINT_EVERY + 1), reuse=False)
    resumed = CountingEncoder(encoder)
    manifest = library.build(settings, store, resumed, reuse=False)
    assert resumed.encoded == everything - CHECKPOINT_EVERY
    assert manifest.chunks == len(list(store.chunks())) > first.chunks
    assert not list(settings.index_dir.parent.glob(".*.partial-*"))  # dropped once the build is in


def _cli(settings, *args: str) -> list[str]:
    import sys

    return [sys.executable, "-m", "research", "--home", str(settings.home), "--corpora", str(settings.corpora_dir),
            "--model-cache", str(settings.models_dir), *args]


@pytest.mark.slow
def test_a_killed_rebuild_leaves_the_index_searchable_and_its_vectors_are_reused(small_library, tmp_path):
    """`research index --rebuild` killed (kill -9) as soon as it has embedded a
    first slice: search still answers from the previous index, and the next
    rebuild embeds only what the killed one had not reached."""
    import os
    import shutil
    import signal
    import subprocess
    import time

    from research.search.index import CHECKPOINT_EVERY

    settings = small_library.with_changes(home=tmp_path / "home")
    shutil.copytree(small_library.home, settings.home, symlinks=True, ignore=shutil.ignore_patterns("app-tmp"))
    chunks = read_manifest(settings.index_dir).chunks
    assert chunks > CHECKPOINT_EVERY
    rebuild = subprocess.Popen(_cli(settings, "index", "--rebuild"), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = time.time() + 300
    while not list(settings.indexes_dir.glob(".default.partial-*/part-*.npz")) and time.time() < deadline:
        assert rebuild.poll() is None, "the rebuild ended before it could be killed"
        time.sleep(0.05)
    os.kill(rebuild.pid, signal.SIGKILL)
    rebuild.wait()
    search = subprocess.run(_cli(settings, "search", "petition to compel arbitration", "--json"),
                            capture_output=True, text=True, timeout=300)
    assert search.returncode == 0, search.stderr[-2000:]
    assert json.loads(search.stdout)["hits"][0]["doc_id"].startswith("usc/9/")
    again = subprocess.run(_cli(settings, "index", "--rebuild"), capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr[-2000:]
    embedded = int(re.search(r"(\d+) chunks embedded", again.stdout).group(1))
    assert embedded <= chunks - CHECKPOINT_EVERY
