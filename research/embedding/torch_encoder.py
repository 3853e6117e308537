"""Reference encoder: plain sentence-transformers on the CPU, as naive as it gets.

It is the yardstick the ONNX encoder is measured against (speed and cosine),
and the fallback for models the ONNX export does not handle.
"""
from __future__ import annotations

from typing import Callable, Sequence

import numpy as np

from research.embedding.model import ModelInfo
from research.embedding.tokenizer import TextTokenizer, tokenizer_for


class TorchEncoder:
    def __init__(self, info: ModelInfo, *, threads: int | None = None) -> None:
        import torch
        from sentence_transformers import SentenceTransformer

        if threads:
            torch.set_num_threads(threads)  # process-wide: torch has no per-model setting
        self.name = info.name
        self.backend = "torch"
        self.dimension = info.dimension
        self.max_tokens = info.max_seq_length
        self.model_hash = info.content_hash(self.backend)
        self.tokenizer: TextTokenizer = tokenizer_for(info)
        self._model = SentenceTransformer(str(info.path), device="cpu")

    def count_tokens(self, text: str) -> int:
        return self.tokenizer.count_tokens(text)

    def encode(self, texts: Sequence[str], *, batch_size: int = 64,
               progress: Callable[[int], None] | None = None) -> np.ndarray:
        """``model.encode`` in one call; sliced only when progress is wanted."""
        if progress is None:
            return self._encode(texts, batch_size)
        parts = []
        for start in range(0, len(texts), batch_size):
            parts.append(self._encode(texts[start:start + batch_size], batch_size))
            progress(len(parts[-1]))
        return np.vstack(parts) if parts else self._encode([], batch_size)

    def encode_query(self, text: str) -> np.ndarray:
        return self.encode([text])[0]

    def _encode(self, texts: Sequence[str], batch_size: int) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self._model.encode(list(texts), batch_size=batch_size, normalize_embeddings=True,
                                     convert_to_numpy=True, show_progress_bar=False)
        return np.asarray(vectors, dtype=np.float32)
