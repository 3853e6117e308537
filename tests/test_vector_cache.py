"""The vector cache: a text embedded once under a model is never embedded again."""
from __future__ import annotations

import numpy as np
import pytest

from research.embedding.cache import VectorCache, cached_encode, text_key


class FakeEncoder:
    """Deterministic 4-d vectors; counts what it is asked to encode."""

    dimension = 4

    def __init__(self, model_hash: str = "m1"):
        self.model_hash, self.encoded = model_hash, []

    def encode(self, texts, *, batch_size=64, progress=None):
        self.encoded += list(texts)
        return np.array([[len(t), t.count("a"), t.count(" "), 1.0] for t in texts], dtype=np.float32)


TEXTS = ["(a) In any of the following cases", "Whoever steals, takes, or abstracts", "In General."]


def test_cached_texts_are_not_encoded_again(tmp_path):
    cache = VectorCache(tmp_path / "vectors.sqlite3")
    first = FakeEncoder()
    vectors, encoded = cached_encode(first, TEXTS, cache)
    assert encoded == 3 and vectors.shape == (3, 4)
    again = FakeEncoder()
    same, encoded = cached_encode(again, TEXTS + TEXTS[:1], cache)
    assert encoded == 0 and again.encoded == []
    assert np.array_equal(same[:3], vectors) and np.array_equal(same[3], vectors[0])


def test_the_cache_is_kept_per_model(tmp_path):
    cache = VectorCache(tmp_path / "vectors.sqlite3")
    cached_encode(FakeEncoder("m1"), TEXTS, cache)
    other = FakeEncoder("m2")
    _, encoded = cached_encode(other, TEXTS, cache)
    assert encoded == 3 and other.encoded == sorted(TEXTS, key=text_key)


def test_the_cache_survives_reopening(tmp_path):
    path = tmp_path / "vectors.sqlite3"
    cache = VectorCache(path)
    cached_encode(FakeEncoder(), TEXTS, cache)
    cache.close()
    reopened = VectorCache(path)
    assert set(reopened.get_many("m1", [text_key(t) for t in TEXTS])) == {text_key(t) for t in TEXTS}


@pytest.mark.parametrize("texts", [[], ["only one"]])
def test_small_inputs(tmp_path, texts):
    vectors, encoded = cached_encode(FakeEncoder(), texts, VectorCache(tmp_path / "v.sqlite3"))
    assert vectors.shape == (len(texts), 4) and encoded == len(texts)
