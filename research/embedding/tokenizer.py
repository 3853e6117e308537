"""The model's own word-piece tokenizer, via the `tokenizers` library (no torch).

``count_tokens`` counts what the model sees, special tokens included and with
no truncation, so a text fits the model when ``count_tokens(text) <= max_tokens``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

import numpy as np

from research.embedding.model import ModelInfo, read_model_info
from research.errors import ModelUnavailable


class TextTokenizer:
    """Counts tokens and builds padded id batches for one model folder."""

    def __init__(self, tokenizer_file: Path, max_tokens: int) -> None:
        from tokenizers import Tokenizer

        try:
            self._counter = Tokenizer.from_file(str(tokenizer_file))
            self._batcher = Tokenizer.from_file(str(tokenizer_file))
        except Exception as exc:  # tokenizers raises plain Exception subclasses
            raise ModelUnavailable(f"{tokenizer_file}: cannot load tokenizer ({exc})") from exc
        self.max_tokens = max_tokens
        padding = self._batcher.padding or {}
        self.pad_id = int(padding.get("pad_id", self._batcher.token_to_id("[PAD]") or 0))
        # tokenizer.json ships its own truncation (128 for MiniLM); the model's
        # max_seq_length is what sentence-transformers applies, so use that.
        self._counter.no_truncation()
        self._counter.no_padding()
        self._batcher.enable_truncation(max_tokens)
        self._batcher.no_padding()

    def count_tokens(self, text: str) -> int:
        return len(self._counter.encode(text).ids)

    def count_tokens_many(self, texts: Sequence[str]) -> list[int]:
        """``count_tokens`` of each text, in one batch call."""
        return [len(e.ids) for e in self._counter.encode_batch(list(texts))]

    def token_spans(self, text: str) -> list[tuple[int, int]]:
        """Character span of each word piece (special tokens left out)."""
        encoding = self._counter.encode(text, add_special_tokens=False)
        return [tuple(offset) for offset in encoding.offsets]

    def encode_ids(self, texts: Sequence[str]) -> list[list[int]]:
        """Token ids per text, truncated to ``max_tokens``, not padded."""
        return [e.ids for e in self._batcher.encode_batch(list(texts))]

    def batch_arrays(self, ids: Sequence[Sequence[int]]) -> tuple[np.ndarray, np.ndarray]:
        return pad_batch(ids, self.pad_id)


def pad_batch(ids: Sequence[Sequence[int]], pad_id: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """(input_ids, attention_mask) padded only to the longest row of this batch."""
    width = max(len(row) for row in ids)
    input_ids = np.full((len(ids), width), pad_id, dtype=np.int64)
    mask = np.zeros((len(ids), width), dtype=np.int64)
    for i, row in enumerate(ids):
        input_ids[i, : len(row)] = row
        mask[i, : len(row)] = 1
    return input_ids, mask


def tokenizer_for(info: ModelInfo) -> TextTokenizer:
    if not info.tokenizer_file.is_file():
        raise ModelUnavailable(f"{info.tokenizer_file}: missing (a fast tokenizer file is needed)")
    return TextTokenizer(info.tokenizer_file, info.max_seq_length)


def load_tokenizer(model_path: str | Path = "") -> TextTokenizer:
    """The tokenizer of ``model_path`` (empty: the shipped MiniLM); cheap, no torch."""
    return tokenizer_for(read_model_info(model_path))
