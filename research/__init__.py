"""Offline legal research assistant: library, hybrid search, citation checking.

Importing the package makes every later library load offline: Hugging Face,
Gradio, onnxruntime and Ray read these variables when they load, so they are
set first. onnxruntime's official builds send telemetry (a DNS lookup of
mobile.events.data.microsoft.com about 9 s after loading) unless
ORT_DISABLE_TELEMETRY is set before it initialises.
"""
from __future__ import annotations

import os

OFFLINE_ENVIRONMENT = {
    "HF_HUB_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_DATASETS_OFFLINE": "1",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "DO_NOT_TRACK": "1",
    "TOKENIZERS_PARALLELISM": "false",
    "ANONYMIZED_TELEMETRY": "False",
    "ORT_DISABLE_TELEMETRY": "1",
    "RAY_USAGE_STATS_ENABLED": "0",
    "HF_HUB_DISABLE_UPDATE_CHECK": "1",
    "DISABLE_TELEMETRY": "1",
}

# Offline and no-telemetry flags are not optional: a user's shell must not switch
# them off. Only the tokenizers' threading is left to the environment.
FORCED = tuple(name for name in OFFLINE_ENVIRONMENT if name != "TOKENIZERS_PARALLELISM")
for _name, _value in OFFLINE_ENVIRONMENT.items():
    if _name in FORCED:
        os.environ[_name] = _value
    else:
        os.environ.setdefault(_name, _value)

__version__ = "0.1.0"
