"""Vectors kept on disk by model and text, so no text is embedded twice.

    cache = VectorCache(path)
    vectors = cached_encode(encoder, texts, cache, batch_size=64, progress=None)

Keys are the SHA-256 of the text and the encoder's ``model_hash``: the same
words under another model, backend or export recipe are a different entry.
Index builds and benchmark variants share the file (one SQLite table), so a
rebuild after a change of chunk headers embeds only the texts that changed.
"""
from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

import numpy as np

_SCHEMA = ("CREATE TABLE IF NOT EXISTS vectors (model TEXT NOT NULL, key TEXT NOT NULL, "
           "vector BLOB NOT NULL, PRIMARY KEY (model, key))")
_BATCH = 500  # keys per SELECT (SQLite's parameter limit is far above)


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


class VectorCache:
    """float32 vectors in ``path`` (created on first use)."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(str(self.path), isolation_level=None, check_same_thread=False)
        self._conn.execute("PRAGMA journal_mode = WAL")
        self._conn.execute(_SCHEMA)

    def get_many(self, model: str, keys: Sequence[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        unique = list(dict.fromkeys(keys))
        for i in range(0, len(unique), _BATCH):
            part = unique[i:i + _BATCH]
            marks = ",".join("?" * len(part))
            rows = self._conn.execute(f"SELECT key, vector FROM vectors WHERE model = ? AND key IN ({marks})",
                                      [model, *part])
            found.update((key, np.frombuffer(blob, dtype=np.float32)) for key, blob in rows)
        return found

    def put_many(self, model: str, vectors: Mapping[str, np.ndarray]) -> None:
        rows = [(model, key, np.asarray(v, dtype=np.float32).tobytes()) for key, v in vectors.items()]
        with self._conn:
            self._conn.execute("BEGIN")
            self._conn.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)", rows)

    def close(self) -> None:
        self._conn.close()


def cached_encode(encoder: Any, texts: Sequence[str], cache: VectorCache | None, *, batch_size: int = 64,
                  progress: Callable[[int], None] | None = None) -> tuple[np.ndarray, int]:
    """(one row per text, how many texts had to be encoded)."""
    keys = [text_key(t) for t in texts]
    known = cache.get_many(encoder.model_hash, keys) if cache is not None else {}
    missing = sorted({k: t for k, t in zip(keys, texts) if k not in known}.items())
    if missing:
        fresh = encoder.encode([t for _, t in missing], batch_size=batch_size, progress=progress)
        new = dict(zip((k for k, _ in missing), fresh))
        if cache is not None:
            cache.put_many(encoder.model_hash, new)
        known = {**known, **new}
    if not texts:
        return np.zeros((0, int(encoder.dimension)), dtype=np.float32), 0
    return np.vstack([known[k] for k in keys]).astype(np.float32), len(missing)
