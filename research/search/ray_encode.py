"""Embedding a large corpus on Ray: ``research index --backend ray``.

    ray_encoder(encoder, settings, *, address=None, actors=None, temp_dir=None) -> RayEncoder

A ``RayEncoder`` is the local encoder with ``encode`` spread over Ray
actors; everything else (name, model hash, dimension, token counting) is
the local encoder's. ``research.search.index.build_index`` uses it unchanged, so
chunking, the manifest, FAISS and the index folder are exactly the local
build's: only where the vectors are computed changes. Each actor loads the
encoder once from the model cache (exported by this process first, so the
actors never export; the cache must be on shared storage on a cluster) and
is sent slices of chunk texts aligned with the encoder's own sorting
windows, so each slice is encoded as the local build would encode it.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Sequence

import numpy as np

from research.cluster import ray_session

if TYPE_CHECKING:
    from research.embedding import Encoder
    from research.settings import Settings


class _EmbedActor:
    """One encoder per actor, loaded once, on one thread (Ray gives it one CPU)."""

    def __init__(self, model_path: str, backend: str, cache_dir: str) -> None:
        from research.embedding import load_encoder

        self.encoder = load_encoder(model_path=model_path, backend=backend, cache_dir=cache_dir, threads=1)

    def encode(self, texts: Sequence[str], batch_size: int) -> np.ndarray:
        return self.encoder.encode(list(texts), batch_size=batch_size)


class RayEncoder:
    """An ``Encoder``: the local one, with ``encode`` spread over Ray actors."""

    def __init__(self, local: Encoder, *, model_path: str, cache_dir: str, address: str | None = None,
                 actors: int | None = None, temp_dir: str | None = None) -> None:
        self.local = local
        self.model_path, self.cache_dir = model_path, cache_dir
        self.address, self.actors, self.temp_dir = address, actors, temp_dir

    def __getattr__(self, name: str) -> Any:  # name, model_hash, backend, dimension, count_tokens...
        return getattr(self.local, name)

    def encode(self, texts: Sequence[str], *, batch_size: int = 64,
               progress: Callable[[int], None] | None = None) -> np.ndarray:
        """Vectors in input order, as the local encoder returns them."""
        if not texts:
            return self.local.encode(texts, batch_size=batch_size)
        with ray_session(address=self.address, num_cpus=self.actors, temp_dir=self.temp_dir) as ray:
            return self._encode_on(ray, list(texts), batch_size, progress)

    def _encode_on(self, ray, texts: list[str], batch_size: int, progress) -> np.ndarray:
        count = self.actors or max(1, int(ray.cluster_resources().get("CPU", 1)))
        actor_class = ray.remote(num_cpus=1)(_EmbedActor)
        pool = [actor_class.remote(self.model_path, self.local.backend, self.cache_dir) for _ in range(count)]
        from research.embedding import SORT_WINDOW_BATCHES  # the local encoder's windows

        step = max(1, batch_size) * SORT_WINDOW_BATCHES
        slices = [(start, texts[start:start + step]) for start in range(0, len(texts), step)]
        refs = {pool[i % count].encode.remote(part, batch_size): (start, len(part))
                for i, (start, part) in enumerate(slices)}
        out = np.zeros((len(texts), int(self.local.dimension)), dtype=np.float32)
        pending = list(refs)
        while pending:
            done, pending = ray.wait(pending, num_returns=1)
            start, size = refs[done[0]]
            out[start:start + size] = ray.get(done[0])
            if progress:
                progress(size)
        return out


def ray_encoder(encoder: Encoder, settings: Settings, *, address: str | None = None, actors: int | None = None,
                temp_dir: str | None = None) -> RayEncoder:
    """Wrap a loaded local encoder (loading it first exports the ONNX model
    into the cache, which the actors then only read)."""
    return RayEncoder(encoder, model_path=str(settings.model_path), cache_dir=str(settings.models_dir),
                      address=address, actors=actors, temp_dir=temp_dir)
