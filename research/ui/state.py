"""What the app's tabs share, typed: the settings, per-thread database
connections, search (lexical at once, hybrid once the background index is
ready), the review log, and the app's temporary folder and upload limit.

    state = AppState.create(settings, background, tmp_dir=..., max_upload_mb=20)
    state.db.store(); state.db.directory()
    state.search.searcher(); state.search.status(); state.search.hits(query, k, kind)
    state.review.record(...)
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from research import library
from research.citations.directory import Directory
from research.review import ReviewLog
from research.search import Searcher
from research.settings import Settings
from research.store import Store
from research.types import SearchFilters, SearchHit
from research.ui.auth import DEFAULT_MAX_UPLOAD_MB, app_tmp


class Connections:
    """The library and the citation directory, one connection per thread:
    gradio runs handlers on worker threads, and a SQLite connection stays in
    the thread that made it."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._local = threading.local()

    def store(self) -> Store:
        if not hasattr(self._local, "store"):
            self._local.store = library.open_store(self.settings)
        return self._local.store

    def directory(self) -> Directory:
        if not hasattr(self._local, "directory"):
            self._local.directory = library.open_directory(self.settings)
        return self._local.directory


class SearchState:
    """Search over the library. ``background`` builds the dense index; until
    it is ready, search is keywords and citations only (the Library tab's
    rebuild replaces it with a new build)."""

    def __init__(self, settings: Settings, db: Connections, background: library.BackgroundIndex) -> None:
        self.settings, self.db, self.background = settings, db, background

    def searcher(self) -> Searcher:
        ready, settings = self.background.searcher, self.settings
        if ready is None:
            return Searcher(self.db.store(), rrf_k=settings.rrf_k, lexical_weight=settings.lexical_weight)
        return Searcher(self.db.store(), encoder=ready.encoder, dense=ready.dense, rrf_k=settings.rrf_k,
                        lexical_weight=settings.lexical_weight)

    def status(self) -> str:
        bg = self.background
        if bg.searcher is not None:
            return "Search: hybrid (meaning + keywords + citations). Index ready."
        progress = f" {bg.done}/{bg.total}" if bg.total else ""
        return (f"Search: keywords and citations now; meaning-based search when the index is ready "
                f"({bg.status}{progress}).")

    def hits(self, query: str, k: int, kind: str) -> list[SearchHit]:
        filters = None if kind == "any" else SearchFilters(kind=kind)
        return self.searcher().search(query, k=int(k), filters=filters)


@dataclass
class AppState:
    """Everything a tab may use; built once per app by ``create``."""

    settings: Settings
    db: Connections
    search: SearchState
    review: ReviewLog
    tmp: Path
    max_upload_mb: float = DEFAULT_MAX_UPLOAD_MB

    @classmethod
    def create(cls, settings: Settings, background: library.BackgroundIndex, *, tmp_dir: Path | None = None,
               max_upload_mb: float = DEFAULT_MAX_UPLOAD_MB) -> "AppState":
        db = Connections(settings)
        return cls(settings=settings, db=db, search=SearchState(settings, db, background),
                   review=ReviewLog(settings.home / "reviews.sqlite3"),
                   tmp=tmp_dir or app_tmp(settings.home, clean_at_exit=False), max_upload_mb=max_upload_mb)
