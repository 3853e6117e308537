"""Offline legal research assistant: library, hybrid search, citation checking.

Importing the package makes every later library load offline: Hugging Face and
Gradio read these variables when they are imported, so they are set first.
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
}

for _name, _value in OFFLINE_ENVIRONMENT.items():
    os.environ.setdefault(_name, _value)
# Offline flags are not optional: a user's shell must not switch them off.
for _name in ("HF_HUB_OFFLINE", "HF_HUB_DISABLE_TELEMETRY", "GRADIO_ANALYTICS_ENABLED"):
    os.environ[_name] = OFFLINE_ENVIRONMENT[_name]

__version__ = "0.1.0"
