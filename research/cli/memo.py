"""CLI command for research memos: ``research memo "QUESTION"``."""
from __future__ import annotations

import json
import os
from pathlib import Path

import click

from research import library
from research.errors import ResearchError
from research.memo import DEFAULT_AUTHORITIES, DEFAULT_FURTHER
from research.types import KINDS, SearchFilters


def _llm(url: str | None, model: str | None, key_env: str):
    """The user's model, or None (the default: no model, nothing generated)."""
    if not url:
        return None
    if not model:
        raise click.UsageError("--llm-url needs --llm-model (the model name the server expects).")
    from research.memo import load_llm

    return load_llm(base_url=url, model=model, api_key=os.environ.get(key_env, ""))


@click.command()
@click.argument("question")
@click.option("-k", "k", default=DEFAULT_AUTHORITIES, show_default=True,
              help="At most this many principal authorities (up to two quotations each).")
@click.option("--further", "further", default=DEFAULT_FURTHER, show_default=True,
              help="Then at most this many lower-ranked authorities, one quotation each (0: none).")
@click.option("--kind", type=click.Choice(KINDS), default=None)
@click.option("--jurisdiction", default=None, help="Only this jurisdiction (e.g. us, N.Y.).")
@click.option("--court", default=None, help="Only documents whose court contains this text.")
@click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the memo to FILE: .docx, .html or .md (default: Markdown on stdout).")
@click.option("--json", "as_json", is_flag=True, help="Print the memo and its quotations as one JSON object.")
@click.option("--to", "to", default="Supervising attorney", show_default=True, help="The memo's To: line.")
@click.option("--from", "author", default="Research assistant (automated draft)", show_default=True,
              help="The memo's From: line.")
@click.option("--lexical", is_flag=True, help="Keyword search only, without the dense index.")
@click.option("--floor", type=float, default=None,
              help="Relevance floor: passages less similar to the question are left out (default 0.33).")
@click.option("--llm-url", default=None, help="OpenAI-compatible endpoint for generated connective prose "
              "(e.g. http://127.0.0.1:8080/v1 for llama.cpp). Off by default.")
@click.option("--llm-model", default=None, help="Model name on that server.")
@click.option("--llm-key-env", default="RESEARCH_LLM_API_KEY", show_default=True,
              help="Environment variable holding the endpoint's API key, if it needs one.")
@click.pass_context
def memo(ctx: click.Context, question: str, k: int, further: int, kind: str | None, jurisdiction: str | None,
         court: str | None, out: Path | None, as_json: bool, to: str, author: str, lexical: bool,
         floor: float | None, llm_url: str | None, llm_model: str | None, llm_key_env: str) -> None:
    """Draft a research memo for QUESTION from the library's statutes and opinions.

    Every quotation is a span of its source with a pin cite, and the memo is
    run through the citation checker before it is shown: anything the checker
    cannot verify is left out. Draft for attorney review; not legal advice.
    """
    from research.cli.common import fail
    from research.memo import write_memo

    filters = SearchFilters(kind=kind, court=court, jurisdiction=jurisdiction)
    filters = None if filters == SearchFilters() else filters
    settings = ctx.obj["settings"]
    try:
        llm = _llm(llm_url, llm_model, llm_key_env)
        with library.open_store(settings) as store:
            searcher = library.open_searcher(settings, store, dense=not lexical,
                                             notify=lambda line: click.echo(line, err=True))
            result = write_memo(question, searcher=searcher, store=store, k=k, further=further, filters=filters, llm=llm,
                                floor=floor, to=to, author=author)
            _emit(result, out, as_json)
    except (ResearchError, OSError) as error:
        fail(error)


def _emit(result, out: Path | None, as_json: bool) -> None:
    from research.memo import save

    if out is not None:
        save(result, out)
        click.echo(f"Memo written to {out}. {result.draft.footer}", err=True)
    if as_json:
        click.echo(json.dumps(result.to_json(), ensure_ascii=False))
    elif out is None:
        click.echo(result.markdown)


def register(group: click.Group) -> None:
    group.add_command(memo)
