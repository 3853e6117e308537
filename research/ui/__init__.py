"""The Gradio app: one module per tab, shared helpers and login. Imported only by `research ui`."""
from research.ui.app import build_app, launch

__all__ = ["build_app", "launch"]
