"""`research check` end to end on a small real library (no index needed):
the JSON schema, JSON lines, exit codes, PDF/DOCX inputs, every format,
no heavy imports, and --help.

cli_memo_excerpt.txt cites real library opinions (16 N.Y.3d 272, 444 N.J.
Super. 423) and 17 U.S.C. § 107; "Smith v. Jones, 444 N.J. Super. 430" is
deliberately fabricated: page 430 lies inside D.G. v. K.S. (423-469).
"""
from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from research.cli.main import cli
from research.corpus.io import write_corpus
from support.documents import write_docx, write_pdf
from support.paths import BRIEFS, BULK, SHIPPED_DIRECTORY

MEMO = BRIEFS / "cli_memo_excerpt.txt"
FISHER = BRIEFS / "fisher_2013_excerpt.txt"
CLEAN = ("The renewal option survives. Bleecker St. Tenants Corp. v. Bleeker Jones LLC, 16 N.Y.3d 272 (2011). "
         "The court may award custody to three parents. D.G. v. K.S., 444 N.J. Super. 423 (Ch. Div. 2015).\n")
HEAVY = ("torch", "faiss", "gradio", "llama_index", "sentence_transformers", "onnxruntime")
CITATION_KEYS = {"text", "start", "end", "kind", "status", "problems", "messages", "authority", "pin_cite", "quote",
                 "notes", "pdf_page", "authority_source", "form", "corrected"}


@pytest.fixture(scope="module")
def settings(lexical_library):
    return lexical_library


def run(settings, *args):
    base = ["--home", str(settings.home), "--corpora", str(settings.corpora_dir)]
    return CliRunner().invoke(cli, base + ["check", *map(str, args)], catch_exceptions=False)


@pytest.fixture
def clean(tmp_path) -> Path:
    path = tmp_path / "clean.txt"
    path.write_text(CLEAN, encoding="utf-8")
    return path


def test_json_schema_and_offsets_into_the_decoded_file(settings):
    result = run(settings, MEMO, "--format", "json")
    data = json.loads(result.stdout)
    content = MEMO.read_bytes().decode("utf-8")
    assert set(data) == {"file", "style", "citations", "summary"} and data["file"] == str(MEMO)
    assert data["style"] == "bluebook"
    assert set(data["summary"]) == {"verified", "warning", "unverified", "invalid"}
    assert sum(data["summary"].values()) == len(data["citations"]) >= 6
    for item in data["citations"]:
        assert set(item) == CITATION_KEYS
        assert content[item["start"]:item["end"]] == item["text"]
        assert all(isinstance(item[k], str) for k in ("text", "kind", "status", "pin_cite", "quote"))
        assert all(isinstance(item[k], int) for k in ("start", "end"))
        assert all(isinstance(v, str) for k in ("problems", "messages") for v in item[k])
        authority = item["authority"]
        assert authority is None or (set(authority) == {"doc_id", "name", "citation", "court", "year"}
                                     and all(isinstance(v, str) for v in authority.values()))
    by_text = {item["text"]: item for item in data["citations"]}
    fake = by_text["444 N.J. Super. 430"]
    assert (fake["status"], fake["pin_cite"]) == ("invalid", "431") and "page_inside_other_case" in fake["problems"]
    assert by_text["16 N.Y.3d 272"]["authority"]["doc_id"] == "op/16-ny3d-272"
    assert by_text["17 U.S.C. § 107"]["authority"]["doc_id"] == "usc/17/107"
    assert result.exit_code == 1


def test_several_files_give_one_json_object_per_line(settings, clean):
    result = run(settings, MEMO, clean, FISHER, "--format", "json")
    files = [json.loads(line)["file"] for line in result.stdout.splitlines()]
    assert files == [str(MEMO), str(clean), str(FISHER)]


@pytest.mark.parametrize("files, code, stdout_files, stderr_has", [
    (["clean"], 0, ["clean"], ""),
    (["memo"], 1, ["memo"], ""),
    (["clean", "memo"], 1, ["clean", "memo"], ""),
    (["bad", "clean"], 2, ["clean"], "bad.txt: binary file, not text"),
    (["memo", "missing"], 2, ["memo"], "missing.txt: no such file"),
])
def test_exit_codes(settings, tmp_path, clean, files, code, stdout_files, stderr_has):
    paths = {"clean": clean, "memo": MEMO, "bad": tmp_path / "bad.txt", "missing": tmp_path / "missing.txt"}
    paths["bad"].write_bytes(b"\x00\x01binary\x00")
    result = run(settings, *[paths[f] for f in files], "--format", "json")
    assert result.exit_code == code
    assert [json.loads(line)["file"] for line in result.stdout.splitlines()] == [str(paths[f]) for f in stdout_files]
    assert stderr_has in result.stderr
    if code == 2:
        assert result.stderr.startswith("Error: " + str(tmp_path))


def test_pdf_citation_on_page_two_is_reported_on_page_two(settings, tmp_path):
    memo = MEMO.read_text(encoding="utf-8").splitlines()
    pdf = write_pdf(tmp_path / "memo.pdf", [memo[:6], memo[6:]])
    result = run(settings, pdf, "--format", "csv")
    rows = {row["text"]: row for row in csv.DictReader(io.StringIO(result.stdout))}
    assert rows["16 N.Y.3d 272"]["pdf_page"] == "1"
    assert (rows["444 N.J. Super. 430"]["pdf_page"], rows["444 N.J. Super. 430"]["status"]) == ("2", "invalid")
    assert rows["17 U.S.C. § 107"]["pdf_page"] == "2"
    assert result.exit_code == 1


def test_docx_body_table_and_footnote_citations_are_checked(settings, tmp_path):
    docx = write_docx(tmp_path / "memo.docx", paragraphs=CLEAN.splitlines(),
                      table=[["Point", "Authority"], ["Fair use", "17 U.S.C. § 107"]],
                      footnotes=["Contra Smith v. Jones, 444 N.J. Super. 430 (App. Div. 2015)."])
    result = run(settings, docx, "--format", "json")
    data = json.loads(result.stdout)
    assert [c["text"] for c in data["citations"]] == ["16 N.Y.3d 272", "444 N.J. Super. 423", "17 U.S.C. § 107",
                                                      "444 N.J. Super. 430"]
    assert data["citations"][-1]["status"] == "invalid" and result.exit_code == 1


@pytest.mark.parametrize("fmt, expected", [
    ("text", "[[444 N.J. Super. 430 | #5 INVALID: page_inside_other_case"),
    ("html", '<a class="cite invalid"'),
    ("md", "| 5 | 444 N.J. Super. 430 | \u2717 INVALID | page\\_inside\\_other\\_case"),
    ("csv", "444 N.J. Super. 430"),
    ("json", '"text": "444 N.J. Super. 430"'),
])
def test_every_format_written_to_out(settings, tmp_path, fmt, expected):
    out = tmp_path / f"report.{fmt}"
    result = run(settings, MEMO, "--format", fmt, "--out", out)
    assert result.stdout == "" and f"Report written to {out}" in result.stderr
    assert expected in out.read_text(encoding="utf-8")


def test_no_eyecite_noise_on_stderr(settings):
    result = run(settings, FISHER, "--format", "json")
    assert result.stderr == "" and result.exit_code in (0, 1)
    assert any(c["kind"] == "id" for c in json.loads(result.stdout)["citations"])


def test_help_explains_statuses_and_exit_codes():
    result = CliRunner().invoke(cli, ["check", "--help"])
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    for phrase in ("VERIFIED found", "WARNING found, but something is off", "does not mean it is wrong",
                   "INVALID cannot be right", "Exit code: 0", "--format [text|json|csv|html|md]", "--out"):
        assert phrase in text


_IN_PROCESS = """
import json, sys
sys.argv = ["research", "--home", {home!r}, "check", {path!r}, "--format", "json"]
from research.cli.main import main
try:
    main()
except SystemExit as done:
    code = done.code
heavy = sorted(m for m in {heavy!r} if m in sys.modules)
print("RESULT " + json.dumps({{"code": code, "heavy": heavy}}), file=sys.stderr)
"""


@pytest.mark.slow  # the CLI in subprocesses
def test_checking_imports_nothing_heavy(settings):
    python = sys.executable
    cli_run = subprocess.run([python, "-m", "research", "--home", str(settings.home), "check", str(MEMO),
                              "--format", "json"], capture_output=True, text=True, timeout=120)
    assert cli_run.returncode == 1 and json.loads(cli_run.stdout)["summary"]["invalid"] >= 1
    script = _IN_PROCESS.format(home=str(settings.home), path=str(MEMO), heavy=HEAVY)
    probe = subprocess.run([python, "-c", script], capture_output=True, text=True, timeout=120)
    result = json.loads(probe.stderr.split("RESULT ")[-1])
    assert result == {"code": 1, "heavy": []}
    assert probe.stdout == cli_run.stdout


def test_a_new_home_is_filled_from_the_corpora_once(tmp_path, small_docs):
    wanted = [d for d in small_docs if d.id in ("op/444-njsuper-423", "usc/17/107")]
    write_corpus(tmp_path / "corpora" / "tiny.jsonl.gz", wanted)
    args = ["--home", str(tmp_path / "home"), "--corpora", str(tmp_path / "corpora"), "check", str(MEMO)]
    first = CliRunner().invoke(cli, args + ["--format", "json"])
    assert "loading the shipped corpora" in first.stderr and "2 documents loaded" in first.stderr
    second = CliRunner().invoke(cli, args + ["--format", "json"])
    assert second.stderr == "" and second.stdout == first.stdout and second.exit_code == 1


def test_a_case_known_only_to_the_citation_directory_is_verified_with_a_note(settings, tmp_path):
    """88 N.Y.2d 466 is not in the library; the shipped directory lists it
    (cited in Bleecker St. Tenants Corp., 16 N.Y.3d 272)."""
    home, corpora = tmp_path / "home", tmp_path / "corpora"
    home.mkdir()
    corpora.mkdir()
    shutil.copy(settings.db_path, home / settings.db_path.name)
    shutil.copy(SHIPPED_DIRECTORY, corpora / "directory.csv.gz")
    brief = tmp_path / "brief.txt"
    brief.write_text("The rule is codified. Symphony Space v. Pergola Props., 88 N.Y.2d 466, 471 (1996).\n")
    args = ["--home", str(home), "--corpora", str(corpora), "check", str(brief), "--format", "csv"]
    result = CliRunner().invoke(cli, args)
    (row,) = csv.DictReader(io.StringIO(result.stdout))
    assert (row["text"], row["status"], row["authority_source"]) == ("88 N.Y.2d 466", "verified", "directory")
    assert (row["authority_name"], row["authority_year"]) == ("Symphony Space v. Pergola Props.", "1996")
    assert "quotations could not be checked" in row["notes"] and result.exit_code == 0


def test_import_directory_command_is_idempotent(tmp_path):
    bulk = BULK
    args = ["--home", str(tmp_path), "import-directory", str(bulk / "citations-2024-05-06.csv"),
            str(bulk / "opinion-clusters-2024-05-06.csv"), "--dockets", str(bulk / "dockets-2024-05-06.csv"),
            "--courts", str(bulk / "courts-2024-05-06.csv")]
    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 0 and "citations imported" in first.output
    assert "Nothing new" in CliRunner().invoke(cli, args).output
