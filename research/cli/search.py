"""CLI commands that answer questions: search, and the app."""
from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path
from typing import Iterator

import click

from research import library
from research.errors import ResearchError
from research.types import KINDS, SearchFilters, SearchHit


def read_queries(path: Path) -> Iterator[str]:
    """One query per line, or JSON lines with a ``question`` (or ``query``) field."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        if line.startswith("{"):
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise click.ClickException(f"{path}, line {number}: not valid JSON ({error.msg})")
            line = str(record.get("question") or record.get("query") or "").strip()
        if line:
            yield line


def format_hit(hit: SearchHit, width: int = 100) -> str:
    cite = hit.citation or hit.doc_id
    if hit.pin:
        cite = f"{cite}{hit.pin}" if hit.pin.startswith("(") else f"{cite}, {hit.pin}"
    head = f"{hit.rank:>2}. {cite} | {hit.title} [{hit.kind}] score {hit.score:.4f}"
    passage = " ".join(hit.text.split())
    passage = passage if len(passage) <= 600 else passage[:597] + "..."
    body = textwrap.fill(passage, width=width, initial_indent="    ", subsequent_indent="    ")
    return f"{head}\n{body}"


@click.command()
@click.argument("query", required=False)
@click.option("-k", "k", default=10, show_default=True, help="How many results.")
@click.option("--kind", type=click.Choice(KINDS), default=None)
@click.option("--court", default=None, help="Only documents whose court contains this text.")
@click.option("--jurisdiction", default=None, help="Only this jurisdiction (e.g. us, N.Y.).")
@click.option("--from", "date_from", default=None, help="Earliest date, YYYY or YYYY-MM-DD.")
@click.option("--to", "date_to", default=None, help="Latest date, YYYY or YYYY-MM-DD.")
@click.option("--queries", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Answer every query in FILE (one per line, or JSON lines with a 'question').")
@click.option("--lexical", is_flag=True, help="BM25 only, without the dense index.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per query.")
@click.pass_context
def search(ctx: click.Context, query: str | None, k: int, kind: str | None, court: str | None,
           jurisdiction: str | None, date_from: str | None, date_to: str | None,
           queries: Path | None, lexical: bool, as_json: bool) -> None:
    """Find statute sections and opinion passages by meaning and by citation.

    A query holding a citation ("16 N.Y.3d 272, 275", "17 U.S.C. § 107")
    returns the cited document first, at the pin-cited passage.
    """
    from research.cli.common import fail

    if (query is None) == (queries is None):
        raise click.UsageError("Give either a QUERY or --queries FILE.")
    filters = SearchFilters(kind=kind, court=court, jurisdiction=jurisdiction,
                            date_from=date_from, date_to=date_to)
    filters = None if filters == SearchFilters() else filters
    settings = ctx.obj["settings"]
    try:
        with library.open_store(settings) as store:
            searcher = library.open_searcher(settings, store, dense=not lexical, notify=_notice)
            for text in ([query] if query is not None else read_queries(queries)):
                _print_results(text, searcher.search(text, k=k, filters=filters), as_json)
    except ResearchError as error:
        fail(error)


def _notice(line: str) -> None:
    click.echo(line, err=True)


def _print_results(query: str, hits: list[SearchHit], as_json: bool) -> None:
    if as_json:
        fields = ("rank", "doc_id", "kind", "title", "citation", "pin", "score", "start", "end", "text")
        payload = {"query": query, "hits": [{f: getattr(h, f) for f in fields} for h in hits]}
        click.echo(json.dumps(payload, ensure_ascii=False))
        return
    if not hits:
        click.echo(f"No results for: {query}")
    for hit in hits:
        click.echo(format_hit(hit))


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but 127.0.0.1 exposes the app to your network.")
@click.option("--port", default=7860, show_default=True, type=int)
@click.option("--auth", "auth_file", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Require a login: FILE of user:salt:hash lines "
                   "(add users with: research admin add-user FILE USER).")
@click.option("--max-upload-mb", default=20.0, show_default=True, type=click.FloatRange(min=0.1),
              help="Largest file a user may upload.")
@click.pass_context
def ui(ctx: click.Context, host: str, port: int, auth_file: Path | None, max_upload_mb: float) -> None:
    """Start the app in the browser: research, check citations, batch audit, library.

    Keyword search answers at once; the dense index builds in the background.
    """
    from research.cli.common import fail
    from research.ui import launch

    try:
        launch(ctx.obj["settings"], host=host, port=port, auth_file=auth_file, max_upload_mb=max_upload_mb)
    except ResearchError as error:
        fail(error)


def register(group: click.Group) -> None:
    for command in (search, ui):
        group.add_command(command)
