"""Fast encoder: an exported ONNX model run by onnxruntime, with length bucketing.

Texts are tokenized once, sorted by token count and batched with their
neighbours in length, each batch padded only to its own longest row; rows are
written back in input order. Loading a cached model never imports torch.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterator, Sequence

import numpy as np

from research.embedding import SORT_WINDOW_BATCHES
from research.embedding.model import ModelInfo
from research.embedding.onnx_export import INPUT_NAMES, RECIPE_VERSION, export_model
from research.embedding.tokenizer import TextTokenizer, tokenizer_for

# Sorting happens within windows of SORT_WINDOW_BATCHES batches, so memory stays
# bounded on a large corpus while batches still hold texts of near-equal length.
# Rows per run are also capped so a run holds about this many tokens: long
# texts then go in smaller runs whose activations stay in the CPU caches
# (850-character chunks, CPU time per chunk: 2048 tokens/run ~12% under 64 rows).
TOKENS_PER_RUN = 2048


class OnnxEncoder:
    def __init__(self, info: ModelInfo, *, backend: str, cache_dir: Path,
                 threads: int | None = None) -> None:
        self.name = info.name
        self.backend = backend
        self.dimension = info.dimension
        self.max_tokens = info.max_seq_length
        self.model_hash = info.content_hash(f"{backend}/recipe-{RECIPE_VERSION}")
        self.model_file = cached_model_file(info, Path(cache_dir), self.model_hash)
        self.tokenizer: TextTokenizer = tokenizer_for(info)
        self._session = self._load_or_export(info, threads)

    def _load_or_export(self, info: ModelInfo, threads: int | None):
        quantize = self.backend == "onnx-int8"
        if not self.model_file.is_file():
            export_model(info, self.model_file, quantize=quantize)
            return _session(self.model_file, threads)
        try:
            return _session(self.model_file, threads)
        except Exception:  # a damaged cache file (onnxruntime raises its own types)
            self.model_file.unlink(missing_ok=True)
            export_model(info, self.model_file, quantize=quantize)
            return _session(self.model_file, threads)

    def count_tokens(self, text: str) -> int:
        return self.tokenizer.count_tokens(text)

    def encode(self, texts: Sequence[str], *, batch_size: int = 64,
               progress: Callable[[int], None] | None = None) -> np.ndarray:
        """L2-normalised float32 vectors, one row per text, in input order.

        ``progress`` is called with the number of texts finished by each batch.
        """
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        window = max(1, batch_size) * SORT_WINDOW_BATCHES
        for start in range(0, len(texts), window):
            part = texts[start:start + window]
            out[start:start + len(part)] = self._encode_window(part, max(1, batch_size), progress)
        return out

    def encode_query(self, text: str) -> np.ndarray:
        return self.encode([text])[0]

    def _encode_window(self, texts: Sequence[str], batch_size: int,
                       progress: Callable[[int], None] | None) -> np.ndarray:
        ids = self.tokenizer.encode_ids(texts)
        order = np.argsort([len(row) for row in ids], kind="stable")
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        for rows in _runs(order, [len(row) for row in ids], batch_size):
            input_ids, mask = self.tokenizer.batch_arrays([ids[i] for i in rows])
            out[rows] = self._session.run(None, dict(zip(INPUT_NAMES, (input_ids, mask))))[0]
            if progress is not None:
                progress(len(rows))
        return out


def _runs(order: np.ndarray, lengths: list[int], batch_size: int) -> Iterator[np.ndarray]:
    """Consecutive slices of the length-sorted ``order``, each within the token budget."""
    start = 0
    while start < len(order):
        longest = lengths[order[min(start + batch_size, len(order)) - 1]]
        size = min(batch_size, max(1, TOKENS_PER_RUN // max(1, longest)))
        yield order[start:start + size]
        start += size


def cached_model_file(info: ModelInfo, cache_dir: Path, model_hash: str) -> Path:
    return cache_dir / f"{info.name}-{model_hash[:16]}.onnx"


def default_threads() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _session(model_file: Path, threads: int | None):  # -> onnxruntime.InferenceSession
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads or default_threads()
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    # Idle threads sleep instead of spinning: the cores are shared with the UI
    # and other jobs, and spinning made throughput collapse under contention.
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(str(model_file), options, providers=["CPUExecutionProvider"])
