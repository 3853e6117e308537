"""The command line through click's test runner, on the small real library."""
from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from research.cli.main import cli
from support.library import library_settings
from support.paths import STATUTES


def run(settings, *args):
    base = ["--home", str(settings.home), "--corpora", str(settings.corpora_dir),
            "--model-cache", str(settings.models_dir)]
    return CliRunner().invoke(cli, base + list(args), catch_exceptions=False)


def all_commands(group=cli, prefix=()):
    for name, command in group.commands.items():
        yield prefix + (name,)
        if hasattr(command, "commands"):
            yield from all_commands(command, prefix + (name,))


@pytest.mark.parametrize("command", [()] + list(all_commands()))
def test_every_command_has_help(command):
    result = CliRunner().invoke(cli, list(command) + ["--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output and len(result.output.splitlines()) > 4


def test_search_json_schema(small_library):
    result = run(small_library, "search", "16 N.Y.3d 272, 275", "-k", "3", "--json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["query"] == "16 N.Y.3d 272, 275"
    first = payload["hits"][0]
    assert set(first) == {"rank", "doc_id", "kind", "title", "citation", "pin", "score", "start", "end", "text"}
    assert (first["doc_id"], first["citation"], first["pin"]) == ("op/16-ny3d-272", "16 N.Y.3d 272", "275")


def test_search_many_queries_from_a_file(small_library, tmp_path):
    queries = tmp_path / "queries.jsonl"
    queries.write_text('{"question": "17 U.S.C. § 107"}\nwhich court decides whether a dispute must go to arbitration\n\n')
    result = run(small_library, "search", "--queries", str(queries), "--json", "-k", "3")
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [line["query"] for line in lines] == ["17 U.S.C. § 107",
                                                "which court decides whether a dispute must go to arbitration"]
    assert lines[0]["hits"][0]["citation"] == "17 U.S.C. § 107"
    assert "usc/9/4" in [hit["doc_id"] for hit in lines[1]["hits"]]


def test_search_text_output_shows_citation_and_passage(small_library):
    result = run(small_library, "search", "444 N.J. Super. 423, 431", "-k", "1")
    assert result.exit_code == 0
    assert result.output.startswith(" 1. 444 N.J. Super. 423, 431 | D.G. v. K.S.")


def test_search_without_an_index_answers_by_keywords_with_advice(small_library, tmp_path, small_docs):
    other = library_settings(tmp_path, small_docs[:5], model_cache=small_library.models_dir)
    result = run(other, "search", "arbitration")
    assert result.exit_code == 0
    assert "keyword and citation search only" in result.stderr and "research index" in result.stderr


def test_search_lexical_works_without_index(lexical_library, tmp_path):
    settings = lexical_library
    assert run(settings, "ingest", str(settings.corpora_dir / "small.jsonl.gz")).exit_code == 1  # not a user format
    result = run(settings, "search", "--lexical", "rule against perpetuities option to renew", "-k", "2", "--json")
    assert json.loads(result.output)["hits"][0]["doc_id"] == "op/16-ny3d-272"


def test_ingest_is_idempotent_and_lists_failures(tmp_path, model_cache):
    settings = library_settings(tmp_path, [], model_cache=model_cache)
    brief = tmp_path / "memo.txt"
    brief.write_text("The court held in 16 N.Y.3d 272 that options to renew are not subject to the rule.")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 this is not really a pdf")
    source = STATUTES
    first = run(settings, "ingest", str(brief), str(broken), str(source))
    assert first.exit_code == 1
    assert "broken.pdf" in first.output and "0 updated" in first.output
    added = int(re.search(r"(\d+) added", first.output).group(1))
    assert added > 1
    second = run(settings, "ingest", str(brief), str(source), "--collection", "library")
    assert second.exit_code == 0
    assert f"0 added, 0 updated, {added} unchanged" in second.output


def test_status_reports_library_and_index(small_library):
    result = run(small_library, "status", "--json")
    info = json.loads(result.output)
    assert info["library"]["documents"] > 60
    assert info["index"]["model"] == "all-MiniLM-L6-v2"


def test_progress_into_a_log_file_is_a_line_every_few_seconds(capsys):
    """stderr is not a terminal here (a log file, CI): a thousand ticks make a couple of updates, not a thousand."""
    from research.cli.common import Bar

    bar = Bar("chunk")
    for done in range(1, 1001):
        bar("embedding", done, 1000)
    bar("done", 1000, 1000)
    updates = capsys.readouterr().err.count("\r") + 1
    assert updates <= 4 and bar.finished == (1000, 1000)
