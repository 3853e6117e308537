"""CLI commands that fill the library and build the index."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from research import library
from research.errors import ResearchError
from research.settings import Settings
from research.store import Store
from research.types import IngestReport

if TYPE_CHECKING:
    from research.embedding import Encoder


def print_report(report: IngestReport) -> None:
    click.echo(f"{report.added} added, {report.updated} updated, {report.unchanged} unchanged, "
               f"{len(report.failures)} failed")
    if report.failures:
        click.echo("Files that could not be read:", err=True)
        for failure in report.failures:
            click.echo(f"  {failure.path}: {failure.problem}", err=True)


def _file_bar(total: int, desc: str):
    from research.cli.common import progress_bar

    return progress_bar(total=total, desc=desc, unit="file")


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--collection", default=None, help="Name the collection these documents join (default: library).")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[Path, ...], collection: str | None) -> None:
    """Add documents from files or folders: USLM XML, US Code markdown, CAP JSON,
    Fastcase XML, CourtListener JSON, text, PDF, DOCX. Re-ingesting changes nothing."""
    settings = ctx.obj["settings"]
    with library.open_store(settings) as store, _file_bar(0, "reading") as bar:
        report = library.ingest_paths(store, paths, settings, collection=collection,
                                      on_file=lambda _p: bar.update(1))
    print_report(report)
    if report.failures:
        sys.exit(1)


@click.command()
@click.option("--rebuild", is_flag=True, help="Embed everything again instead of reusing unchanged vectors "
              "(the current index keeps serving until the new one replaces it).")
@click.option("--if-stale", is_flag=True, help="Do nothing when the index is already current.")
@click.option("--backend", "embed_on", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="Where to embed: this process, or Ray actors (pip install .[ray]); same index either way.")
@click.option("--ray-address", default=None, metavar="ADDR", help="Join this Ray cluster instead of a local Ray.")
@click.pass_context
def index(ctx: click.Context, rebuild: bool, if_stale: bool, embed_on: str, ray_address: str | None) -> None:
    """Load the shipped corpus and build (or update) the search index."""
    from research.cli.common import Bar, fail

    settings = ctx.obj["settings"]
    try:
        with library.open_store(settings) as store:
            print_report(_load_corpora(settings, store))
            encoder = _encoder(settings, embed_on, ray_address)
            if if_stale and library.index_staleness(settings, store, encoder) is None:
                click.echo(f"Index {settings.index_dir} is current.")
                return
            bar = Bar("chunk")
            manifest = library.build(settings, store, encoder, progress=bar, reuse=not rebuild)
    except ResearchError as error:
        fail(error)
    embedded = bar.finished[0] if bar.finished else manifest.chunks
    click.echo(f"Index {manifest.name}: {manifest.documents} documents, {manifest.chunks} chunks, "
               f"{manifest.index_type}, model {manifest.model} ({manifest.backend}), "
               f"built in {manifest.build_seconds:.1f} s; {embedded} chunks embedded, "
               f"{manifest.chunks - embedded} reused")


def _load_corpora(settings: Settings, store: Store) -> IngestReport:
    with _file_bar(len(list(settings.corpora_dir.glob("*.jsonl.gz"))), "loading corpus") as bar:
        return library.sync_corpora(store, settings, on_file=lambda _p: bar.update(1))


def _encoder(settings: Settings, embed_on: str, ray_address: str | None) -> "Encoder":
    """The local encoder, or (``--backend ray``) the same spread over Ray actors."""
    encoder = library.load_encoder(settings)
    if embed_on == "ray":
        from research.search import ray_encoder

        encoder = ray_encoder(encoder, settings, address=ray_address)
    return encoder


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def status(ctx: click.Context, as_json: bool) -> None:
    """What the library holds and whether the index is current."""
    from research.search import read_manifest

    settings = ctx.obj["settings"]
    with library.open_store(settings) as store:
        stats = store.stats()
        stale = library.index_staleness(settings, store)
    manifest = read_manifest(settings.index_dir)
    info = {"library": stats, "index": manifest.to_dict() if manifest else None,
            "index_stale": stale if manifest else None, "database": str(settings.db_path)}
    if as_json:
        click.echo(json.dumps(info, indent=2, default=str))
        return
    click.echo(f"Library: {settings.db_path}")
    for kind, count in sorted(stats.get("by_kind", {}).items()):
        click.echo(f"  {kind}: {count}")
    if manifest is None:
        click.echo("Index: not built (run: research index); search is by keywords and citations only")
        return
    click.echo(f"Index: {manifest.name}, {manifest.chunks} chunks, built {manifest.built_at}")
    if stale:
        click.echo(f"  stale: {stale}; search is by keywords and citations only until you run: research index")


def register(group: click.Group) -> None:
    for command in (ingest, index, status):
        group.add_command(command)
