"""Sentence embeddings, offline: a fast ONNX encoder and the torch reference.

Backends: ``"onnx-int8"`` (default: fused graph, per-channel int8 weights),
``"onnx-fp32"`` (fused graph, float weights: same vectors as torch) and
``"torch"`` (plain sentence-transformers). Only ``"torch"`` and the first ONNX
export of a model import torch.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Protocol, Sequence

import numpy as np

from research.embedding.model import ModelInfo, read_model_info, resolve_model_path
from research.embedding.tokenizer import TextTokenizer, load_tokenizer
from research.errors import ModelUnavailable

BACKENDS = ("onnx-int8", "onnx-fp32", "torch")
# The ONNX encoder sorts texts by length within windows of this many batches;
# Ray encoding (research.search.ray_encode) sends slices aligned with them.
SORT_WINDOW_BATCHES = 32

__all__ = ["BACKENDS", "SORT_WINDOW_BATCHES", "Encoder", "ModelInfo", "TextTokenizer", "load_encoder",
           "load_tokenizer", "read_model_info", "resolve_model_path"]


class Encoder(Protocol):
    name: str
    model_hash: str
    backend: str
    dimension: int
    max_tokens: int

    def count_tokens(self, text: str) -> int: ...

    def encode(self, texts: Sequence[str], *, batch_size: int = 64,
               progress: Callable[[int], None] | None = None) -> np.ndarray: ...

    def encode_query(self, text: str) -> np.ndarray: ...


def load_encoder(*, model_path: str | Path = "", backend: str = "onnx-int8",
                 cache_dir: Path, threads: int | None = None) -> Encoder:
    """An encoder for ``model_path`` (empty: the shipped all-MiniLM-L6-v2).

    ONNX backends export the model into ``cache_dir`` on first use and reuse
    that file afterwards; ``threads`` defaults to the cores this process may use.
    """
    if backend not in BACKENDS:
        raise ModelUnavailable(f"unknown embedding backend {backend!r}; choose one of {BACKENDS}")
    info = read_model_info(model_path)
    if backend == "torch":
        from research.embedding.torch_encoder import TorchEncoder

        return TorchEncoder(info, threads=threads)
    from research.embedding.onnx_encoder import OnnxEncoder

    return OnnxEncoder(info, backend=backend, cache_dir=Path(cache_dir), threads=threads)
