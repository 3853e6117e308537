"""A memo's blocks as a Word document (python-docx): real italic runs for
case names and a real table for the Table of Authorities.

    write_docx(blocks, path) -> Path
"""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

from research.memo.render import Block, Run


def _add_runs(paragraph, runs: Sequence[Run]) -> None:
    for r in runs:
        run = paragraph.add_run(r.text)
        run.italic = r.italic or None
        run.bold = r.bold or None


def _table(document, block: Block) -> None:
    table = document.add_table(rows=0, cols=len(block.rows[0]))
    table.style = "Table Grid"
    for row in block.rows:
        cells = table.add_row().cells
        for cell, runs in zip(cells, row):
            _add_runs(cell.paragraphs[0], runs)


def _block(document, block: Block) -> None:
    if block.kind == "table":
        _table(document, block)
        return
    if block.kind in ("title", "heading"):
        paragraph = document.add_heading(level=0 if block.kind == "title" else 1)
    elif block.kind == "quote":
        paragraph = document.add_paragraph(style="Quote")
    elif block.kind == "bullet":
        paragraph = document.add_paragraph(style="List Bullet")
    else:
        paragraph = document.add_paragraph()
    _add_runs(paragraph, block.runs)


def write_docx(blocks: Sequence[Block], path: Path | str) -> Path:
    from docx import Document as WordDocument

    path = Path(path)
    document = WordDocument()
    for block in blocks:
        if block.kind == "footer":
            _add_runs(document.sections[0].footer.paragraphs[0], block.runs)
            _add_runs(document.add_paragraph(), block.runs)  # in the body too: footers are easy to miss
            continue
        _block(document, block)
    document.save(str(path))
    return path
