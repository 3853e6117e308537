"""Bad files in a batch, through the CLI as a user runs it: every per-file
failure is one `FILE: problem` line and the rest of the batch goes on
(`check`, `ingest`, `audit`); decompression bombs and oversized text are
refused before they are unpacked; links out of a folder are not followed;
UTF-16 is text and a NUL anywhere is binary."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from support.badfiles import (NJ, docx_with_body, encrypted_pdf, nul_after_head, one_text_node, paragraphs,
                      utf16_text)
from support.documents import write_pdf
from support.library import build_library
from research.cli.main import cli


@pytest.fixture(scope="module")
def settings(tmp_path_factory, small_docs):
    return build_library(tmp_path_factory.mktemp("badfiles"), small_docs)


def run(settings, *args, max_text_mb: float | None = None):
    base = ["--home", str(settings.home), "--corpora", str(settings.corpora_dir)]
    if max_text_mb is not None:
        base += ["--max-text-mb", str(max_text_mb)]
    return CliRunner().invoke(cli, base + [*map(str, args)], catch_exceptions=False)


def errors_by_file(stderr: str) -> dict[str, str]:
    return dict(re.findall(r"^Error: (.+?): (.+)$", stderr, re.M))


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> dict[str, Path]:
    """One good brief and the files that used to stop a whole batch."""
    folder = tmp_path_factory.mktemp("batch")
    files = {
        "good": folder / "good.txt",
        "locked": encrypted_pdf(folder / "locked.pdf", user_password="secret"),
        "open": encrypted_pdf(folder / "open.pdf", user_password=""),
        "bomb": docx_with_body(folder / "bomb.docx", paragraphs(30)),
        "node": docx_with_body(folder / "node.docx", one_text_node(12)),
        "utf16": utf16_text(folder / "utf16.txt", NJ),
        "nul": nul_after_head(folder / "nul.txt", NJ),
    }
    files["good"].write_text(NJ + "\n", encoding="utf-8")
    return files


FAILING = {  # file: what its one-line error says
    "locked": "encrypted PDF (a password is needed)",
    "bomb": "word/document.xml uncompressed is 30.0 MB; the text limit is 20 MB (raise it with --max-text-mb)",
    "node": "corrupt or unreadable Word file: Resource limit exceeded: Text node too long",
    "nul": "binary file, not text (a NUL byte at position",
}


def test_check_reports_each_bad_file_on_one_line_and_checks_the_rest(settings, batch):
    result = run(settings, "check", *batch.values(), "--format", "json")
    errors = errors_by_file(result.stderr)
    assert result.exit_code == 2
    assert set(errors) == {str(batch[name]) for name in FAILING}
    for name, problem in FAILING.items():
        assert errors[str(batch[name])].startswith(problem)
    assert "Traceback" not in result.output
    reports = {r["file"]: r for r in map(json.loads, result.stdout.splitlines())}
    assert set(reports) == {str(batch[name]) for name in ("good", "open", "utf16")}
    assert all([c["text"] for c in r["citations"]] == ["444 N.J. Super. 423"] for r in reports.values())


def test_utf16_offsets_count_the_byte_order_mark_as_one_character(settings, batch):
    result = run(settings, "check", batch["utf16"], "--format", "json")
    content = batch["utf16"].read_bytes().decode("utf-16-le")
    citation = json.loads(result.stdout)["citations"][0]
    assert content[0] == "\ufeff" and content[citation["start"]:citation["end"]] == "444 N.J. Super. 423"


def test_ingest_reports_each_bad_file_and_adds_the_rest(settings, batch, tmp_path):
    home = settings.with_changes(home=tmp_path / "home")
    result = run(home, "ingest", *batch.values())
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "3 added, 0 updated, 0 unchanged, 4 failed" in result.stdout
    failures = dict(re.findall(r"^  (.+?): (.+)$", result.stderr, re.M))
    for name, problem in FAILING.items():
        assert failures[str(batch[name])].startswith(problem)
    found = run(home, "search", "--lexical", "custody three parties", "--json")
    assert len(json.loads(found.stdout)["hits"]) == 3  # good, open (empty password) and UTF-16


def test_the_text_limit_is_an_option(settings, batch, tmp_path):
    word = docx_with_body(tmp_path / "long.docx", paragraphs(0.3))
    assert errors_by_file(run(settings, "check", word, max_text_mb=0.1).stderr)[str(word)].startswith(
        "word/document.xml uncompressed is 0.30 MB; the text limit is 0.1 MB")
    assert run(settings, "check", word, max_text_mb=1).exit_code == 0
    text = tmp_path / "long.txt"
    text.write_text((NJ + "\n") * 1500, encoding="utf-8")  # 0.2 MB
    pdf = write_pdf(tmp_path / "long.pdf", [[NJ] * 40] * 50)
    result = run(settings, "check", text, pdf, batch["good"], "--format", "json", max_text_mb=0.1)
    errors = errors_by_file(result.stderr)
    assert errors == {str(text): "the text is 0.15 MB; the text limit is 0.1 MB (raise it with --max-text-mb)",
                      str(pdf): "the PDF's text is 0.10 MB; the text limit is 0.1 MB (raise it with --max-text-mb)"}
    assert json.loads(result.stdout)["file"] == str(batch["good"])


def test_a_database_that_refuses_a_document_loses_only_that_document(settings, tmp_path, small_docs):
    """SQLite's string limit (1 GB by default; lowered here) refuses one document, not the batch."""
    import dataclasses
    import sqlite3

    from research import library

    with library.open_store(settings.with_changes(home=tmp_path / "home")) as store:
        store._conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, 200_000)
        big = dataclasses.replace(small_docs[0], id="user/big", text="The lease. " * 30_000)
        report = store.add_documents([big, *small_docs[1:4]])
        assert (report.added, len(report.failures)) == (3, 1)
        assert "string or blob too big" in report.failures[0].problem
        assert store.get("user/big") is None and store.count() == 3


# --- links out of the folder given -------------------------------------------------

@pytest.fixture()
def linked_folder(tmp_path) -> tuple[Path, Path]:
    """A folder of briefs with links to a file and a folder outside it, and one inside."""
    outside = tmp_path / "private"
    outside.mkdir()
    (outside / "secret.txt").write_text("SECRET-PASSWORD " + NJ, encoding="utf-8")
    folder = tmp_path / "briefs"
    folder.mkdir()
    (folder / "good.txt").write_text(NJ, encoding="utf-8")
    os.symlink(outside / "secret.txt", folder / "secret.txt")
    os.symlink(outside, folder / "private")
    os.symlink("/etc/passwd", folder / "passwd.txt")
    os.symlink(folder / "good.txt", folder / "alias.txt")  # stays inside: read
    return folder, outside


def test_ingest_does_not_follow_links_out_of_the_folder(settings, linked_folder, tmp_path):
    folder, outside = linked_folder
    home = settings.with_changes(home=tmp_path / "home")
    result = run(home, "ingest", folder)
    failures = dict(re.findall(r"^  (.+?): (.+)$", result.stderr, re.M))
    assert failures[str(folder / "secret.txt")] == \
        f"symbolic link to {outside / 'secret.txt'}, outside {folder}: not followed"
    assert failures[str(folder / "private")].startswith("symbolic link to")
    assert failures[str(folder / "passwd.txt")].startswith("symbolic link to /etc/passwd")
    assert "1 added" in result.stdout  # good.txt (alias.txt is the same document)
    found = run(home, "search", "--lexical", "SECRET-PASSWORD", "--json")
    assert json.loads(found.stdout)["hits"] == []


def test_audit_does_not_follow_links_out_of_the_folder(settings, linked_folder, tmp_path):
    folder, outside = linked_folder
    out = tmp_path / "out"
    result = run(settings, "audit", folder, "--out", out, "--workers", "1")
    assert result.exit_code == 2
    records = [json.loads(p.read_text()) for p in (out / "briefs").glob("*.audit.json")]
    errors = {Path(r["file"]).name: r["error"] for r in records if not r["ok"]}
    assert set(errors) == {"secret.txt", "passwd.txt"} and "not followed" in errors["secret.txt"]
    reports = " ".join(p.read_text() for p in out.rglob("*.html"))
    assert "SECRET-PASSWORD" not in reports and "root:" not in reports


def test_audit_with_a_missing_path_reports_it_and_goes_on(settings, linked_folder, tmp_path):
    folder, _ = linked_folder
    missing = tmp_path / "no-such-brief.pdf"
    result = run(settings, "audit", folder / "good.txt", missing, "--out", tmp_path / "out", "--workers", "1")
    assert result.exit_code == 2
    assert f"{missing}: no such file or folder" in result.stdout
    assert "Audited 2 briefs" in result.stdout
