"""Command line: thin wrappers that turn library calls and typed errors into output."""
from __future__ import annotations

from pathlib import Path

import click

from research.settings import Settings


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--home", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the library database and indexes (default: the project folder, or $RESEARCH_HOME).")
@click.option("--corpora", "corpora_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder of corpus files (*.jsonl.gz) to load (default: the shipped corpora/).")
@click.option("--model-cache", type=click.Path(file_okay=False, path_type=Path), default=None,
              envvar="RESEARCH_MODEL_CACHE", help="Folder for the exported ONNX model (default: HOME/indexes/models).")
@click.option("--model", "model_path", default="", help="A local sentence-transformers folder (default: the shipped all-MiniLM-L6-v2).")
@click.option("--embedding-backend", type=click.Choice(["onnx-int8", "onnx-fp32", "torch"]), default="onnx-int8",
              show_default=True, help="onnx-int8 is the fast default; torch is plain sentence-transformers.")
@click.option("--max-text-mb", type=click.FloatRange(min=0, min_open=True), default=Settings.max_text_mb, show_default=True,
              help="Largest text of one file or paste, in MB (Word files are checked before unpacking).")
@click.pass_context
def cli(ctx: click.Context, home: Path | None, corpora_dir: Path | None, model_cache: Path | None,
        model_path: str, embedding_backend: str, max_text_mb: float) -> None:
    """Offline legal research: search statutes and opinions, check citations.

    Nothing leaves this machine: no network calls, models load from local files.
    """
    settings = Settings(model_path=model_path, embedding_backend=embedding_backend, max_text_mb=max_text_mb)
    if home is not None:
        settings = settings.with_changes(home=home)
    if corpora_dir is not None:
        settings = settings.with_changes(corpora_dir=corpora_dir)
    if model_cache is not None:
        settings = settings.with_changes(model_cache=model_cache)
    ctx.obj = {"settings": settings}


from research.cli.library import register as _register_library  # noqa: E402
from research.cli.search import register as _register_search  # noqa: E402
from research.cli.check import register as _register_check  # noqa: E402
from research.cli.memo import register as _register_memo  # noqa: E402
from research.cli.audit import register as _register_audit  # noqa: E402
from research.cli.admin import register as _register_admin  # noqa: E402

for _register in (_register_library, _register_search, _register_check, _register_memo, _register_audit,
                  _register_admin):
    _register(cli)
cli.commands["admin"].add_command(cli.commands["import-directory"])  # one command, two places


def main() -> None:
    cli(prog_name="research")
