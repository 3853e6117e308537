"""The facade the CLI and the app call: open the library and the citation
directory, load the corpus, ingest files, build the index, open search,
prepare an audit.

Everything takes the one ``Settings`` object built at the edge; nothing
below this module reads a setting it was not given.
"""
from __future__ import annotations

import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Sequence

from research.corpus import corpus_files, read_corpus, read_paths
from research.errors import IndexMismatch, IndexMissing, ResearchError
from research.search import (IndexPlan, Searcher, build_index, ensure_chunks, load_index, plan_for, read_manifest,
                             staleness)
from research.text import chunking_settings
from research.settings import Settings
from research.store import Store
from research.types import IngestFailure, IngestReport, IndexManifest

if TYPE_CHECKING:
    from research.audit import AuditConfig
    from research.citations.directory import Directory
    from research.embedding import Encoder

Progress = Callable[[str, int, int], None]
OnFile = Callable[[Path], None]


def open_store(settings: Settings, *, readonly: bool = False) -> Store:
    settings.home.mkdir(parents=True, exist_ok=True)
    return Store(settings.db_path, readonly=readonly)


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def open_library(settings: Settings, *, notify: Callable[[str], None] = _stderr) -> Store:
    """The library store, read-only. A library that does not exist yet (or
    holds nothing) is first filled once from the shipped corpora."""
    if not settings.db_path.exists() or _is_empty(settings):
        notify(f"No library at {settings.db_path} yet: loading the shipped corpora from "
               f"{settings.corpora_dir} once (this takes a minute or two)...")
        with open_store(settings) as store:
            report = sync_corpora(store, settings)
        notify(f"Library ready: {report.added} documents loaded.")
    return open_store(settings, readonly=True)


def _is_empty(settings: Settings) -> bool:
    try:
        with open_store(settings, readonly=True) as store:
            return store.count() == 0
    except ResearchError:
        return True  # no schema yet: the writable open creates it


def open_directory(settings: Settings) -> "Directory":
    """The citation directory at ``home/directory.sqlite3`` (the shipped
    directory in the corpora folder is loaded into it on first use)."""
    from research.citations.directory import open_directory as open_

    return open_(settings)


def merge_reports(reports: Iterable[IngestReport]) -> IngestReport:
    added = updated = unchanged = 0
    failures: list[IngestFailure] = []
    for report in reports:
        added, updated = added + report.added, updated + report.updated
        unchanged += report.unchanged
        failures.extend(report.failures)
    return IngestReport(added, updated, unchanged, tuple(failures))


def chunk_new_documents(store: Store, settings: Settings) -> None:
    """Chunk what has no chunks yet, so keyword search answers before any embedding.

    The fast approximate token counter is used (it tracks MiniLM's tokenizer
    within about 15%), leaving headroom under the model's 256-token window.
    """
    ensure_chunks(store, max_tokens=settings.max_chunk_tokens, overlap_tokens=settings.chunk_overlap_tokens,
                  count_tokens=None, rechunk=False)


def sync_corpora(store: Store, settings: Settings, *, on_file: OnFile | None = None) -> IngestReport:
    """Load the corpus files of ``settings.corpora_dir`` into the store;
    unchanged documents cost nothing. Documents and their chunks go in in one
    transaction: keyword search never misses a document that is in, whenever
    the process is killed."""
    reports = []
    with store.transaction():
        for path in corpus_files(settings.corpora_dir):
            reports.append(store.add_documents(read_corpus(path)))
            if on_file:
                on_file(path)
        chunk_new_documents(store, settings)
    return merge_reports(reports)


def ingest_paths(store: Store, paths: Iterable[Path | str], settings: Settings, *, collection: str | None = None,
                 on_file: OnFile | None = None) -> IngestReport:
    """Read user files into the store (each up to ``settings.max_text_mb`` of
    text); broken files are listed, the rest still go in. Documents and chunks
    are written in one transaction (see sync_corpora)."""
    result = read_paths(paths, on_file=on_file, max_text_mb=settings.max_text_mb)
    with store.transaction():
        report = store.add_documents(result.documents, collection=collection)
        chunk_new_documents(store, settings)
    return merge_reports([report, IngestReport(failures=result.failures)])


def load_encoder(settings: Settings) -> "Encoder":
    from research.embedding import load_encoder as load

    return load(model_path=settings.model_path, backend=settings.embedding_backend,
                cache_dir=settings.models_dir)


def index_plan(settings: Settings, encoder: "Encoder") -> IndexPlan:
    return plan_for(encoder, max_tokens=settings.max_chunk_tokens,
                    overlap_tokens=settings.chunk_overlap_tokens)


def index_staleness(settings: Settings, store: Store, encoder: "Encoder | None" = None) -> str | None:
    """Why the index must be rebuilt, or None when it is current. Without an
    encoder nothing is loaded: the model's weights are then taken on trust
    (the backend is still compared); loading the index checks them."""
    manifest = read_manifest(settings.index_dir)
    if encoder is not None:
        return staleness(manifest, index_plan(settings, encoder), store.corpus_hash())
    if manifest is not None and manifest.backend != settings.embedding_backend:
        return f"it was built with the {manifest.backend} backend, not {settings.embedding_backend}"
    chunking = chunking_settings(max_tokens=settings.max_chunk_tokens, overlap_tokens=settings.chunk_overlap_tokens)
    plan = IndexPlan(model=manifest.model if manifest else "", model_hash=manifest.model_hash if manifest else "",
                     backend=settings.embedding_backend, dimension=manifest.dimension if manifest else 0,
                     chunking=chunking)
    return staleness(manifest, plan, store.corpus_hash())


def build(settings: Settings, store: Store, encoder: "Encoder", *, progress: Progress | None = None,
          reuse: bool = True) -> IndexManifest:
    return build_index(store, encoder, index_dir=settings.index_dir,
                       max_tokens=settings.max_chunk_tokens,
                       overlap_tokens=settings.chunk_overlap_tokens,
                       batch_size=settings.batch_size, exact_limit=settings.exact_search_limit,
                       progress=progress, reuse=reuse)


def open_searcher(settings: Settings, store: Store, *, dense: bool = True, encoder: "Encoder | None" = None,
                  notify: Callable[[str], None] | None = None) -> Searcher:
    """A searcher; with ``dense`` the index must be current, or IndexMismatch
    says why. With ``notify``, a missing or stale index is said there and
    keyword and citation search answers instead."""
    if dense and notify is not None:
        try:
            return open_searcher(settings, store, encoder=encoder)
        except (IndexMismatch, IndexMissing) as error:
            notify(f"Notice: {error} Until then, keyword and citation search only.")
            dense = False
    if not dense:
        return Searcher(store, rrf_k=settings.rrf_k, lexical_weight=settings.lexical_weight)
    from research.search import configure_llama_index

    encoder = encoder or load_encoder(settings)
    index = load_index(settings.index_dir, plan=index_plan(settings, encoder), corpus_hash=store.corpus_hash())
    configure_llama_index(encoder.count_tokens)
    return Searcher(store, encoder=encoder, dense=index, rrf_k=settings.rrf_k, lexical_weight=settings.lexical_weight)


def audit_config(settings: Settings, *, formats: Sequence[str] | None = None, max_bytes: int | None = None,
                 chars_per_page: int | None = None) -> "AuditConfig":
    """What every audit worker needs: the library (filled on first use) and
    the directory are opened once here, so workers only ever open them
    read-only; options left out take the audit's defaults."""
    from research.audit import make_config

    options = {"formats": formats, "max_bytes": max_bytes, "chars_per_page": chars_per_page}
    with open_library(settings) as store, open_directory(settings) as directory:
        return make_config(store, directory, max_text_mb=settings.max_text_mb,
                           **{k: v for k, v in options.items() if v is not None})


@dataclass
class BackgroundIndex:
    """Builds the dense index in a thread while lexical search already answers.

    ``status`` is a sentence for the user; ``searcher`` upgrades to hybrid when
    the build finishes. Only this object's thread touches its own Store.
    """

    settings: Settings
    status: str = "starting"
    done: int = 0
    total: int = 0
    error: str = ""
    ready: threading.Event = field(default_factory=threading.Event)
    searcher: Searcher | None = None
    echo: Callable[[str], None] | None = None  # e.g. a line to the terminal at each 10%

    def start(self) -> threading.Thread:
        thread = threading.Thread(target=self._run, name="index-build", daemon=True)
        thread.start()
        return thread

    def _progress(self, stage: str, done: int, total: int) -> None:
        tenth = (10 * done) // total if total else 0
        if self.echo and stage != "done" and tenth > (10 * self.done) // max(self.total, 1):
            self.echo(f"search index: {stage} {done}/{total} chunks")
        self.done, self.total = done, total
        self.status = f"{stage}: {done}/{total}" if stage != "done" else "ready"

    def _run(self) -> None:
        try:
            store = open_store(self.settings)
            encoder = load_encoder(self.settings)
            reason = index_staleness(self.settings, store, encoder)
            if reason is not None:
                self.status = f"building the search index ({reason})"
                self._say(self.status)
                build(self.settings, store, encoder, progress=self._progress)
            self.searcher = open_searcher(self.settings, store, encoder=encoder)
            self.status = "ready"
            self._say("search index ready: hybrid search on")
        except (IndexMismatch, IndexMissing, OSError, RuntimeError, ValueError) as error:
            self.error = str(error)
            self.status = f"dense index unavailable: {error}"
            self._say(self.status)
        finally:
            self.ready.set()

    def _say(self, line: str) -> None:
        if self.echo:
            self.echo(line)
