"""The app: Research, Check citations, Batch audit and Library tabs.

Presentation only: the tabs (research/ui/tab_research.py, tab_check.py,
tab_audit.py, tab_library.py) call the memo, checker, audit and library
functions through one typed ``AppState`` (research/ui/state.py); the one
thing the app adds is the review log (research/review.py). Keyword search
answers at once; the dense index is built (or checked) in a background
thread and the page shows its progress. Private by default
(research/ui/auth.py): 127.0.0.1, no share link, optional login, an upload
limit, temporary files in ``home/app-tmp`` removed at exit.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from research import library
from research.settings import Settings
from research.ui.auth import DEFAULT_MAX_UPLOAD_MB, app_tmp
from research.ui.state import AppState

APP_CSS = ".gradio-container{max-width:1340px !important}"


def build_app(state: AppState) -> Any:
    import gradio as gr

    from research.ui import tab_audit as ui_audit
    from research.ui import tab_check as ui_check
    from research.ui import tab_library as ui_library
    from research.ui import tab_research as ui_research

    with gr.Blocks(title="Legal research (offline)", analytics_enabled=False) as app:
        with gr.Row():
            gr.Markdown("## Legal research (offline)\nEverything runs on this machine. Results are research "
                        "aids for attorney review, not legal advice.", elem_id="app-title")
            status = gr.Markdown(state.search.status, elem_id="index-status")  # evaluated at each page load
        with gr.Tabs(elem_id="tabs"):
            for label, tab_id, module in (("Research", "tab-research", ui_research),
                                          ("Check citations", "tab-check", ui_check),
                                          ("Batch audit", "tab-audit", ui_audit),
                                          ("Library", "tab-library", ui_library)):
                with gr.Tab(label, id=tab_id, elem_id=tab_id):
                    module.build_tab(state)
        gr.Timer(2.0).tick(state.search.status, None, status)
    return app


def _to_terminal(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def launch(settings: Settings, *, host: str = "127.0.0.1", port: int = 7860, block: bool = True,
           auth_file: str | Path | None = None, max_upload_mb: float = DEFAULT_MAX_UPLOAD_MB) -> Any:
    """Start the app; ``block=False`` returns the running app (tests)."""
    from research.ui.auth import authenticator

    auth = authenticator(auth_file) if auth_file else None  # a bad users file fails before anything starts
    tmp = app_tmp(settings.home)
    os.environ["GRADIO_TEMP_DIR"] = str(tmp / "uploads")  # uploads too stay in the app's folder
    with library.open_store(settings) as store:
        library.sync_corpora(store, settings)
    background = library.BackgroundIndex(settings, echo=_to_terminal)
    background.start()
    app = build_app(AppState.create(settings, background, tmp_dir=tmp, max_upload_mb=max_upload_mb))
    from starlette.middleware import Middleware

    from research.ui.session_files import SessionFiles

    # quiet: gradio's start-up lines include a hint to make a public share
    # link, which a tool that never shares must not print; ours replaces them.
    app.queue().launch(server_name=host, server_port=port, share=False, inbrowser=False, quiet=True,
                       prevent_thread_lock=True, show_error=True, auth=auth,
                       auth_message="Log in with your research account." if auth else None,
                       max_file_size=f"{max_upload_mb:g}mb", allowed_paths=[str(tmp)], css=APP_CSS, ssr_mode=False,
                       footer_links=["settings"],  # no "Use via API" in a private tool
                       app_kwargs={"middleware": [Middleware(SessionFiles, root=tmp)]})
    where = "this machine only" if host in ("127.0.0.1", "localhost", "::1") else f"open to the network on {host}"
    _to_terminal(f"The app is running on http://{host}:{app.server_port} ({where}; no share link). Ctrl-C stops it.")
    if block:
        app.block_thread()
    return app
