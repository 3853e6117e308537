"""The Gradio app: one module per tab, shared helpers and login. Imported only by `research ui`.

The names below load on first use, so ``import research.ui.auth`` (login
files, upload limits) does not load the app, the library or gradio.
"""
from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {"AppState": "research.ui.state", "add_user": "research.ui.auth", "authenticator": "research.ui.auth",
            "build_app": "research.ui.app", "launch": "research.ui.app"}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'research.ui' has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name]), name)
