"""One-time conversion of a sentence-transformers model to an ONNX file.

Steps: torch.onnx.export (mean pooling and L2 normalisation inside the graph),
onnxruntime's transformer fusions (Attention, SkipLayerNorm, BiasGelu), then
optionally dynamic int8 quantisation. Only this module imports torch, and only
when a cached file is missing.
"""
from __future__ import annotations

import logging
import os
import tempfile
import warnings
from pathlib import Path

from research.embedding.model import ModelInfo
from research.errors import ModelUnavailable

INPUT_NAMES = ("input_ids", "attention_mask")
OUTPUT_NAME = "embedding"
OPSET = 17
# Bumped whenever the recipe below changes, so stale cached files are not reused.
RECIPE_VERSION = "1"


def export_model(info: ModelInfo, dest: Path, *, quantize: bool) -> Path:
    """Write the ONNX model for ``info`` to ``dest`` atomically (temp dir, then rename)."""
    if info.pooling != "mean_tokens":
        raise ModelUnavailable(
            f"{info.path}: pooling '{info.pooling}' is not supported by the ONNX backend; "
            "use backend='torch'")
    dest.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".export-", dir=dest.parent) as tmp:
        raw, fused, final = (Path(tmp) / n for n in ("raw.onnx", "fused.onnx", "int8.onnx"))
        _torch_export(info, raw)
        _fuse(info, raw, fused)
        if quantize:
            _quantize(fused, final)
        else:
            final = fused
        os.replace(final, dest)
    return dest


def _pooled_module(info: ModelInfo):  # -> torch.nn.Module
    import torch
    from transformers import AutoModel
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    # Eager attention traces to the plain MatMul/Softmax pattern the fusions recognise.
    bert = AutoModel.from_pretrained(str(info.transformer_dir), attn_implementation="eager")

    class MeanPooled(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask):
            hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2.0, dim=1)

    return MeanPooled().eval()


def _torch_export(info: ModelInfo, path: Path) -> None:
    import torch

    model = _pooled_module(info)
    # A padded row in the sample keeps the mask path live in the trace.
    ids = torch.tensor([[101, 7592, 2088, 102], [101, 7592, 102, 0]], dtype=torch.long)
    mask = (ids != 0).long()
    axes = {"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"},
            OUTPUT_NAME: {0: "batch"}}
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tracer chatter about constant shapes
        # The TorchScript exporter needs no onnxscript and handles BERT fully.
        torch.onnx.export(model, (ids, mask), str(path), input_names=list(INPUT_NAMES),
                          output_names=[OUTPUT_NAME], dynamic_axes=axes,
                          opset_version=OPSET, dynamo=False)


def _fuse(info: ModelInfo, src: Path, dst: Path) -> None:
    from onnxruntime.transformers.optimizer import optimize_model

    optimized = optimize_model(str(src), model_type="bert", num_heads=info.num_heads,
                               hidden_size=info.dimension, opt_level=0)
    optimized.save_model_to_file(str(dst))


def _quantize(src: Path, dst: Path) -> None:
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    # Per-channel weights keep MiniLM at ~0.995 cosine to fp32 (per-tensor: ~0.95).
    # The embedding table stays fp32: it is a lookup, not a matmul.
    quiet = _DropRootWarnings()
    logging.getLogger().addFilter(quiet)  # it advises "pre-processing" on the root logger
    try:
        quantize_dynamic(str(src), str(dst), weight_type=QuantType.QInt8, per_channel=True,
                         op_types_to_quantize=["MatMul", "Attention"],
                         extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})
    finally:
        logging.getLogger().removeFilter(quiet)


class _DropRootWarnings(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno > logging.WARNING
