"""The Batch audit tab: several briefs in; the summary table, a chart of
statuses per brief and a ZIP of every report out.

    run_audit(state, paths, *, on_progress=None) -> AuditView
"""
from __future__ import annotations

import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

from research.audit import AuditRecord
from research.errors import CheckError
from research.types import STATUSES
from research.ui.common import shown_errors
from research.ui.state import AppState

SUMMARY_COLUMNS = ["Brief", *STATUSES, "Error"]


@dataclass(frozen=True)
class AuditView:
    rows: list[list]
    chart_svg: str
    zip_path: Path
    message: str


def summary_rows(records: Sequence[AuditRecord]) -> list[list]:
    return [[Path(r.file).name, *(r.counts[s] if r.ok else "" for s in STATUSES), r.error] for r in records]


class _Progress:
    """Counts saved briefs for ``on_progress(done, total)``."""

    def __init__(self, total: int, on_progress: Callable[[int, int], None] | None) -> None:
        self.done, self.total, self.on_progress = 0, total, on_progress

    def started(self, todo: int, skipped: int) -> None:
        self.total = todo

    def saved(self, record: AuditRecord) -> None:
        self.done += 1
        if self.on_progress:
            self.on_progress(self.done, self.total)


def run_audit(state: AppState, paths: Sequence[str | Path], *,
              on_progress: Callable[[int, int], None] | None = None) -> AuditView:
    """audit() into a fresh folder under the app's temporary folder, zipped."""
    from research import library
    from research.audit import audit, chart_svg
    from research.ui.auth import check_uploads

    if not paths:
        raise CheckError("Upload one or more briefs (PDF, DOCX or text) to audit.")
    files = check_uploads(paths, state.max_upload_mb)
    out_dir, progress = state.tmp / f"audit-{time.time_ns()}", _Progress(len(files), on_progress)
    config = library.audit_config(state.settings, max_bytes=int(state.max_upload_mb * 1024 * 1024))
    outcome = audit(files, out_dir=out_dir / "reports", config=config, workers=1, on_start=progress.started,
                    on_result=progress.saved)
    archive = Path(shutil.make_archive(str(out_dir / "audit-reports"), "zip", root_dir=out_dir / "reports"))
    invalid, failed = len(outcome.with_invalid), len(outcome.failed)
    message = (f"{len(outcome.records)} briefs audited in {outcome.seconds:.1f} s: {invalid} with an invalid "
               f"citation, {failed} could not be read.")
    return AuditView(summary_rows(outcome.records), chart_svg(outcome.records), archive, message)


def build_tab(state: AppState) -> None:
    import gradio as gr

    with gr.Row():
        upload = gr.File(label="Briefs to audit (PDF, DOCX, text)", file_count="multiple",
                         elem_id="audit-upload", scale=3)
        run = gr.Button("Audit", variant="primary", elem_id="audit-run", scale=1)
    progress_text = gr.Markdown(elem_id="audit-progress")
    summary = gr.Dataframe(headers=SUMMARY_COLUMNS, interactive=False, elem_id="audit-summary")
    chart = gr.HTML(elem_id="audit-chart")
    archive = gr.File(label="All reports (ZIP)", height=70, elem_id="audit-zip")

    def audit_files(files, progress=gr.Progress()):
        def step(done: int, total: int) -> None:
            progress((done, total), desc=f"{done}/{total} briefs checked")

        view = run_audit(state, files or [], on_progress=step)
        return view.message, view.rows, f"<div style='overflow:auto'>{view.chart_svg}</div>", str(view.zip_path)

    run.click(shown_errors(audit_files), upload, [progress_text, summary, chart, archive])
