"""The dense index: FAISS (through llama-index's FaissVectorStore) plus a manifest.

Layout: ``indexes/<name>`` is a symlink to a versioned folder holding
``manifest.json``, ``vectors.faiss``, ``embeddings.npy`` and ``chunks.json``.
A build writes a new folder beside the old one and swaps the symlink with
``os.replace``, so an interrupted build (a kill at any point) leaves the
previous index usable. Vectors are checkpointed as they are computed, in
``.<name>.partial-<model hash>/``, so the next build after an interruption
embeds only what the interrupted one had not reached.
"""
from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Mapping, Sequence

import numpy as np

from research.text import chunk_document, chunking_settings
from research.errors import IndexMismatch, IndexMissing
from research.store import Store
from research.types import Chunk, IndexManifest

if TYPE_CHECKING:
    from research.embedding import Encoder

MANIFEST = "manifest.json"
FORMAT_VERSION = 1
HNSW_NEIGHBOURS = 32
CHECKPOINT_EVERY = 256  # texts encoded between two checkpoint writes (seconds of work)
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class IndexPlan:
    """What a build needs to know about the encoder, without the encoder itself."""

    model: str
    model_hash: str
    backend: str
    dimension: int
    chunking: Mapping[str, Any]


def plan_for(encoder: Encoder, *, max_tokens: int, overlap_tokens: int) -> IndexPlan:
    return IndexPlan(
        model=encoder.name,
        model_hash=encoder.model_hash,
        backend=encoder.backend,
        dimension=int(encoder.dimension),
        chunking=chunking_settings(max_tokens=max_tokens, overlap_tokens=overlap_tokens),
    )


def read_manifest(index_dir: Path) -> IndexManifest | None:
    path = Path(index_dir) / MANIFEST
    if not path.exists():
        return None
    return IndexManifest.from_dict(json.loads(path.read_text(encoding="utf-8")))


def staleness(manifest: IndexManifest | None, plan: IndexPlan, corpus_hash: str) -> str | None:
    """Why the index cannot serve this library and model, or None when it can."""
    if manifest is None:
        return "no index has been built yet"
    if manifest.format_version != FORMAT_VERSION:
        return f"index format {manifest.format_version} is not the current format {FORMAT_VERSION}"
    if manifest.model_hash != plan.model_hash or manifest.dimension != plan.dimension:
        return (f"it was built with model {manifest.model} ({manifest.backend}, {manifest.dimension} "
                f"dimensions), not {plan.model} ({plan.backend}, {plan.dimension} dimensions)")
    if dict(manifest.chunking) != dict(plan.chunking):
        return f"it was built with chunking {dict(manifest.chunking)}, not {dict(plan.chunking)}"
    if manifest.corpus_hash != corpus_hash:
        return "the library has changed since it was built"
    return None


def ensure_chunks(store: Store, *, max_tokens: int, overlap_tokens: int,
                  count_tokens: Callable[[str], int] | None, rechunk: bool) -> None:
    """Chunk documents that have no chunks yet (all of them when settings changed)."""
    chunked = {c.doc_id for c in store.chunks()} if not rechunk else set()
    with store.transaction():
        for doc in store.iter_documents():
            if doc.id not in chunked:
                store.set_chunks(doc.id, chunk_document(
                    doc, max_tokens=max_tokens, overlap_tokens=overlap_tokens, count_tokens=count_tokens))


def _previous_vectors(index_dir: Path, plan: IndexPlan) -> dict[str, np.ndarray]:
    """Vectors of the current index by chunk content, reusable if the model is the same."""
    manifest = read_manifest(index_dir)
    if manifest is None or manifest.model_hash != plan.model_hash:
        return {}
    try:
        keys = [key for _, key in json.loads((index_dir / "chunks.json").read_text())]
        vectors = np.load(index_dir / "embeddings.npy")
    except (OSError, ValueError):
        return {}
    return dict(zip(keys, vectors))


def embed_chunks(chunks: Sequence[Chunk], encoder: Encoder, cached: Mapping[str, np.ndarray],
                 *, batch_size: int, progress: Progress | None,
                 checkpoint: Path | None = None) -> tuple[np.ndarray, int]:
    """Vectors for every chunk; only chunks whose text is new are encoded,
    and each slice of new vectors is saved to ``checkpoint`` as soon as it is made."""
    fresh: dict[str, np.ndarray] = {**(_read_checkpoint(checkpoint) if checkpoint else {}), **cached}
    # by length, so each slice pads its batches little
    missing = sorted({c.content_key: c.text for c in chunks if c.content_key not in fresh}.items(),
                     key=lambda item: (len(item[1]), item[0]))
    done = [0]

    def tick(n: int) -> None:
        done[0] += n
        if progress:
            progress("embedding", done[0], len(missing))

    for start in range(0, len(missing), CHECKPOINT_EVERY):
        piece = missing[start:start + CHECKPOINT_EVERY]
        vectors = encoder.encode([text for _, text in piece], batch_size=batch_size, progress=tick)
        keys = [key for key, _ in piece]
        fresh.update(zip(keys, vectors))
        if checkpoint is not None:
            _write_checkpoint(checkpoint, keys, np.asarray(vectors, dtype="float32"))
    matrix = np.vstack([fresh[c.content_key] for c in chunks]) if chunks else \
        np.zeros((0, int(encoder.dimension)), dtype="float32")
    return matrix.astype("float32"), len(missing)


def _checkpoint_dir(index_dir: Path, plan: IndexPlan) -> Path:
    """Vectors of unfinished builds with this model; those of other models are dropped."""
    folder = index_dir.parent / f".{index_dir.name}.partial-{plan.model_hash[:16]}"
    for other in index_dir.parent.glob(f".{index_dir.name}.partial-*"):
        if other != folder:
            shutil.rmtree(other, ignore_errors=True)
    return folder


def _read_checkpoint(folder: Path) -> dict[str, np.ndarray]:
    vectors: dict[str, np.ndarray] = {}
    for part in sorted(folder.glob("part-*.npz")):
        try:
            with np.load(part) as data:
                vectors.update(zip(data["keys"].tolist(), data["vectors"]))
        except (OSError, ValueError, KeyError):
            continue  # cut short by the interruption: embedded again
    return vectors


def _write_checkpoint(folder: Path, keys: list[str], vectors: np.ndarray) -> None:
    """One part file per slice, written under a temporary name and renamed."""
    folder.mkdir(parents=True, exist_ok=True)
    name = f"part-{time.time_ns()}-{os.getpid()}"
    temp = folder / f".{name}.tmp.npz"
    np.savez(temp, keys=np.array(keys), vectors=vectors)
    os.replace(temp, folder / f"{name}.npz")


def make_faiss_index(vectors: np.ndarray, *, exact_limit: int) -> tuple[Any, str]:
    """Exact inner product for small libraries, HNSW above ``exact_limit`` vectors."""
    import faiss

    dimension = vectors.shape[1]
    if len(vectors) <= exact_limit:
        index, kind = faiss.IndexFlatIP(dimension), "flat-ip"
    else:
        index = faiss.IndexHNSWFlat(dimension, HNSW_NEIGHBOURS, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction, kind = 80, "hnsw-ip"
    index.add(vectors)
    return index, kind


def _write_version(folder: Path, index: Any, vectors: np.ndarray, chunks: Sequence[Chunk],
                   manifest: IndexManifest) -> None:
    from llama_index.vector_stores.faiss import FaissVectorStore

    folder.mkdir(parents=True)
    FaissVectorStore(faiss_index=index).persist(persist_path=str(folder / "vectors.faiss"))
    np.save(folder / "embeddings.npy", vectors)
    (folder / "chunks.json").write_text(json.dumps([[c.id, c.content_key] for c in chunks]))
    # The manifest goes last: a folder without one is an unfinished build.
    (folder / MANIFEST).write_text(json.dumps(manifest.to_dict(), indent=2, sort_keys=True))


def _swap_in(index_dir: Path, folder: Path) -> None:
    """Point ``index_dir`` at ``folder`` atomically, then drop older versions."""
    link = index_dir.parent / f".{index_dir.name}.link-{os.getpid()}"
    if link.is_symlink() or link.exists():
        link.unlink()
    if index_dir.exists() and not index_dir.is_symlink():
        shutil.rmtree(index_dir)  # a pre-symlink layout; nothing to keep atomically
    link.symlink_to(folder.name)
    os.replace(link, index_dir)
    for old in index_dir.parent.glob(f".{index_dir.name}.v*"):
        if old.resolve() != folder.resolve():
            shutil.rmtree(old, ignore_errors=True)


def build_index(store: Store, encoder: Encoder, *, index_dir: Path, max_tokens: int, overlap_tokens: int,
                batch_size: int, exact_limit: int, progress: Progress | None = None,
                reuse: bool = True) -> IndexManifest:
    """Chunk, embed what is new, index, and swap the new index in atomically
    (the sizes come from ``Settings``: see ``research.library.build``).
    ``reuse`` False embeds everything again (the current index is still
    served until the new one replaces it; an interrupted rebuild resumes
    from its checkpoint)."""
    started = time.time()
    index_dir = Path(index_dir)
    plan = plan_for(encoder, max_tokens=max_tokens, overlap_tokens=overlap_tokens)
    previous = read_manifest(index_dir)
    rechunk = previous is not None and dict(previous.chunking) != dict(plan.chunking)
    # The approximate counter, as at ingest: chunks must not depend on when they were made.
    ensure_chunks(store, max_tokens=max_tokens, overlap_tokens=overlap_tokens,
                  count_tokens=None, rechunk=rechunk)
    chunks = list(store.chunks())
    checkpoint = _checkpoint_dir(index_dir, plan)
    vectors, embedded = embed_chunks(chunks, encoder, _previous_vectors(index_dir, plan) if reuse else {},
                                     batch_size=batch_size, progress=progress, checkpoint=checkpoint)
    index, kind = make_faiss_index(vectors, exact_limit=exact_limit)
    manifest = _manifest(index_dir.name, plan, store, len(chunks), kind, started)
    folder = index_dir.parent / f".{index_dir.name}.v{time.strftime('%Y%m%d%H%M%S')}-{time.time_ns() % 10**9:09d}"
    _write_version(folder, index, vectors, chunks, manifest)
    _swap_in(index_dir, folder)
    shutil.rmtree(checkpoint, ignore_errors=True)
    if progress:
        progress("done", embedded, len(chunks))
    return manifest


def _manifest(name: str, plan: IndexPlan, store: Store, chunks: int, kind: str,
              started: float) -> IndexManifest:
    return IndexManifest(
        name=name, model=plan.model, model_hash=plan.model_hash, backend=plan.backend,
        dimension=plan.dimension, chunking=dict(plan.chunking), corpus_hash=store.corpus_hash(),
        documents=store.count(), chunks=chunks, index_type=kind,
        built_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        build_seconds=round(time.time() - started, 2), format_version=FORMAT_VERSION)


def configure_llama_index(count_tokens: Callable[[str], int] | None = None) -> None:
    """llama-index must never reach for a hosted LLM or a downloaded tokenizer.

    A MockLLM stands in for "no LLM" (``Settings.llm = None`` would print a
    notice on stdout, which would corrupt JSON output); the tokenizer is the
    embedding model's own.
    """
    from llama_index.core import Settings as LlamaSettings
    from llama_index.core.llms.mock import MockLLM

    LlamaSettings.llm = MockLLM()
    if count_tokens is not None:
        LlamaSettings.tokenizer = lambda text: [0] * count_tokens(text)


class DenseIndex:
    """A loaded index: chunk ids by FAISS row, searched through llama-index."""

    def __init__(self, folder: Path, manifest: IndexManifest) -> None:
        from llama_index.vector_stores.faiss import FaissVectorStore

        configure_llama_index()
        self.manifest = manifest
        self._store = FaissVectorStore.from_persist_path(str(folder / "vectors.faiss"))
        self._chunk_ids = [cid for cid, _ in json.loads((folder / "chunks.json").read_text())]
        if hasattr(self._store.client, "hnsw"):
            self._store.client.hnsw.efSearch = 128

    def __len__(self) -> int:
        return len(self._chunk_ids)

    def search(self, query_vector: np.ndarray, *, k: int = 50) -> list[tuple[str, float]]:
        from llama_index.core.vector_stores.types import VectorStoreQuery

        if not self._chunk_ids:
            return []
        query = VectorStoreQuery(query_embedding=[float(x) for x in query_vector],
                                 similarity_top_k=min(k, len(self._chunk_ids)))
        result = self._store.query(query)
        return [(self._chunk_ids[int(row)], float(score))
                for row, score in zip(result.ids or [], result.similarities or [])]


def load_index(index_dir: Path, *, plan: IndexPlan, corpus_hash: str) -> DenseIndex:
    """Load the index, refusing one built from another model, chunking or library."""
    index_dir = Path(index_dir)
    manifest = read_manifest(index_dir)
    if manifest is None:
        raise IndexMissing(f"No index at {index_dir}. Build it with: research index")
    reason = staleness(manifest, plan, corpus_hash)
    if reason is not None:
        raise IndexMismatch(f"The index at {index_dir} cannot be used: {reason}. "
                            f"Rebuild it with: research index")
    return DenseIndex(index_dir.resolve(), manifest)
