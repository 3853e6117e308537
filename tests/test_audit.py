"""`research audit` on a folder of real briefs (tests/auditfixtures.py):
reports per brief, the Table of Authorities, the summary, bad files,
resume after an interruption, exit codes, and the same files with 1 or 2
local workers. Ray is tested in test_audit_ray.py."""
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

from research import library
from research.audit import AuditOutcome, AuditRecord, audit, exit_code
from research.audit.jobs import BRIEFS_DIR, write_atomic
from research.cli.main import cli
from support.briefs import BAD, GOOD, MAX_BYTES, strip_timestamps

# briefs/KEY.audit.json, in this order (a failed brief has the first eight)
RECORD_KEYS = ["version", "file", "key", "sha256", "size", "library", "ok", "error", "reports", "summary",
               "citations", "page_unit", "toa", "flagged"]


@pytest.fixture(scope="module")
def config(lexical_library):
    return library.audit_config(lexical_library, max_bytes=MAX_BYTES)


@pytest.fixture(scope="module")
def first_run(tmp_path_factory, brief_folder, config) -> AuditOutcome:
    return audit([brief_folder], out_dir=tmp_path_factory.mktemp("out1"), config=config, workers=1)


def record_of(outcome: AuditOutcome, name: str) -> AuditRecord:
    return next(r for r in outcome.records if r.file.endswith("/" + name))


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def read_csv(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_every_brief_is_found_once_and_nothing_else(first_run, brief_folder):
    names = sorted(str(Path(r.file).relative_to(brief_folder)) for r in first_run.records)
    assert names == sorted(GOOD + tuple(BAD))
    assert first_run.complete and not first_run.skipped and len(first_run.checked) == len(names)


@pytest.mark.parametrize("name", GOOD)
def test_each_brief_gets_the_checker_reports_and_a_toa(first_run, lexical_library, name):
    from research.citations.check import check_file
    from research.citations.report.render import report_to_dict

    record = record_of(first_run, name)
    folder = first_run.out_dir / BRIEFS_DIR
    assert record.ok and record.error == "", record.error
    for suffix in ("check.html", "check.json", "check.csv", "toa.html", "audit.json"):
        assert (folder / f"{record.key}.{suffix}").stat().st_size > 0
    # the same report as `research check` gives: the same library and directory
    with library.open_library(lexical_library) as store, library.open_directory(lexical_library) as directory:
        expected = report_to_dict(check_file(record.file, store=store, directory=directory))
    assert json.loads((folder / f"{record.key}.check.json").read_text(encoding="utf-8")) == expected
    assert record.summary == expected["summary"] and record.citations == len(expected["citations"])
    saved = json.loads((folder / f"{record.key}.audit.json").read_text(encoding="utf-8"))
    assert AuditRecord.from_dict(saved) == record and list(saved) == RECORD_KEYS


@pytest.mark.parametrize("name, words", sorted(BAD.items()))
def test_bad_files_are_reported_with_their_error_and_the_run_goes_on(first_run, name, words):
    record = record_of(first_run, name)
    assert not record.ok and words in record.error
    rows = {row["file"]: row for row in read_csv(first_run.out_dir / "summary.csv")}
    assert rows[record.file]["ok"] == "no" and words in rows[record.file]["error"]
    assert words in (first_run.out_dir / "summary.html").read_text(encoding="utf-8")
    assert not list((first_run.out_dir / BRIEFS_DIR).glob(record.key + ".check.*"))
    saved = json.loads((first_run.out_dir / BRIEFS_DIR / f"{record.key}.audit.json").read_text(encoding="utf-8"))
    assert list(saved) == RECORD_KEYS[:8] and AuditRecord.from_dict(saved) == record


@pytest.mark.parametrize("name, unit, expected", [
    # PDF pages: Bleecker on page 1, and again as "Id." on page 3 with 17 U.S.C. § 107
    ("motion.pdf", "PDF page", {"16 N.Y.3d 272 (2011)": [1, 3], "17 U.S.C. § 107": [3]}),
    # form feeds end pages: D.G. v. K.S. on pages 2 and 3, 9 U.S.C. § 4 on page 3
    ("paged.txt", "page (form feeds)", {"444 N.J. Super. 423 (2015)": [2, 3], "9 U.S.C. § 4": [3]}),
    # 3,000-character pages; parallel cite and id. count for Bleecker; the fabricated cite stands alone
    ("memo.txt", "page of 3,000 characters", {"16 N.Y.3d 272 (2011)": [1], "444 N.J. Super. 430 (2015)": [1],
                                              "17 U.S.C. § 107": [1]}),
    ("opposition.docx", "page of 3,000 characters", {"454 Mass. 101 (2009)": [1], "9 U.S.C. § 4": [1]}),
])
def test_table_of_authorities_pages(first_run, name, unit, expected):
    record = record_of(first_run, name)
    pages = {entry.citation: list(entry.pages) for entry in record.toa}
    assert record.page_unit == unit
    assert {c: pages.get(c) for c in expected} == expected
    html = (first_run.out_dir / BRIEFS_DIR / f"{record.key}.toa.html").read_text(encoding="utf-8")
    assert "<script" not in html and unit in html and "Statutes, regulations and rules" in html


@pytest.mark.parametrize("name, citation, category, count, status", [
    ("memo.txt", "16 N.Y.3d 272 (2011)", "cases", 3, "verified"),      # full + parallel + id.
    ("memo.txt", "444 N.J. Super. 430 (2015)", "cases", 1, "invalid"),
    ("memo.txt", "17 U.S.C. § 107", "statutes", 1, "verified"),
    ("verified.txt", "27 C.F.R. § 447.31", "statutes", 1, "verified"),
    ("verified.txt", "200 Colo. 11 (1980)", "cases", 3, "verified"),   # full, parallel P.2d, "Naranjo, 200 Colo. at 15"
])
def test_table_of_authorities_entries(first_run, name, citation, category, count, status):
    entry = next(e for e in record_of(first_run, name).toa if e.citation == citation)
    assert (entry.category, entry.count, entry.status) == (category, count, status)


def test_toa_is_sorted_cases_then_statutes_by_name(first_run):
    toa = record_of(first_run, "verified.txt").toa
    categories = [e.category for e in toa]
    assert categories == sorted(categories, key=["cases", "statutes", "other"].index)
    names = [e.name.casefold() for e in toa if e.category == "cases"]
    assert names == sorted(names) and "commonwealth v. furr" in names


def test_character_pages_follow_chars_per_page(lexical_library, brief_folder):
    from research.audit.toa import build_toa, page_locator
    from research.citations.check import check_file

    with library.open_library(lexical_library) as store:
        report = check_file(brief_folder / "verified.txt", store=store)
    toa = build_toa(report, page_locator(report.text, pdf=False, chars_per_page=500))
    start = next(c.found.start for c in report.citations if c.found.text == "17 U.S.C. § 107")
    assert next(e.pages for e in toa if e.citation == "17 U.S.C. § 107") == (start // 500 + 1,) != (1,)


def test_summary_ranks_worst_first_and_lists_every_flagged_citation(first_run):
    rows = read_csv(first_run.out_dir / "summary.csv")
    assert [r["ok"] for r in rows[:len(BAD)]] == ["no"] * len(BAD)  # unreadable files first
    assert rows[len(BAD)]["file"].endswith("memo.txt") and rows[len(BAD)]["invalid"] == "1"
    flagged = read_csv(first_run.out_dir / "summary_flagged.csv")
    invalid = [f for f in flagged if f["status"] == "invalid"]
    assert [(f["citation"], f["page"], f["line"]) for f in invalid] == [("444 N.J. Super. 430", "1", "9")]
    assert "page_inside_other_case" in invalid[0]["problems"]
    expected = sum(r.counts["unverified"] + r.counts["invalid"] for r in first_run.records if r.ok)
    assert len(flagged) == expected > 1
    top = read_csv(first_run.out_dir / "summary_authorities.csv")[0]
    assert (top["citation"], top["briefs"]) == ("444 N.J. Super. 423 (2015)", "4")


def test_summary_html_is_self_contained_with_a_chart(first_run):
    html = (first_run.out_dir / "summary.html").read_text(encoding="utf-8")
    assert "<svg" in html and html.count("<rect") >= 6 and "Content-Security-Policy" in html
    assert "<script" not in html and "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "444 N.J. Super. 430" in html and "interrupted" not in html


@pytest.mark.slow  # a pool of spawned processes
def test_workers_1_and_2_write_identical_reports(first_run, brief_folder, config, tmp_path):
    outcome = audit([brief_folder], out_dir=tmp_path, config=config, workers=2)
    assert tree(tmp_path / BRIEFS_DIR) == tree(first_run.out_dir / BRIEFS_DIR)
    for name in ("summary.html", "summary.csv", "summary_flagged.csv", "summary_authorities.csv"):
        assert strip_timestamps((tmp_path / name).read_text("utf-8")) == \
            strip_timestamps((first_run.out_dir / name).read_text("utf-8"))
    assert exit_code(outcome) == exit_code(first_run) == 3


class Stop(Exception):
    pass


def test_resume_after_an_interruption_redoes_only_what_is_missing(brief_folder, config, tmp_path):
    source = tmp_path / "in"
    shutil.copytree(brief_folder, source, ignore=shutil.ignore_patterns("bad"))
    out, seen = tmp_path / "out", []

    def stop_after_three(record: AuditRecord) -> None:
        seen.append(record.file)
        if len(seen) == 3:
            raise Stop
    with pytest.raises(Stop):
        audit([source], out_dir=out, config=config, workers=1, on_result=stop_after_three)
    assert len(list((out / BRIEFS_DIR).glob("*.audit.json"))) == 3
    assert "interrupted" in (out / "summary.html").read_text(encoding="utf-8")
    again = audit([source], out_dir=out, config=config, workers=1)
    assert sorted(again.skipped) == sorted(seen) and len(again.checked) == len(GOOD) - 3
    assert not list(out.rglob("*.tmp"))
    # a lost report, and a brief edited since: only those two are checked again
    memo = next(r for r in again.records if r.file.endswith("memo.txt"))
    (out / BRIEFS_DIR / f"{memo.key}.check.csv").unlink()
    with (source / "paged.txt").open("a", encoding="utf-8") as handle:
        handle.write("Fair use is a defense. 17 U.S.C. § 107.\n")
    third = audit([source], out_dir=out, config=config, workers=1)
    assert sorted(Path(f).name for f in third.checked) == ["memo.txt", "paged.txt"]
    assert len(third.records) == len(GOOD) and third.complete


def test_a_changed_library_means_checking_again(brief_folder, config, tmp_path):
    from dataclasses import replace

    audit([brief_folder / "memo.txt"], out_dir=tmp_path, config=config, workers=1)
    same = audit([brief_folder / "memo.txt"], out_dir=tmp_path, config=config, workers=1)
    changed = audit([brief_folder / "memo.txt"], out_dir=tmp_path, workers=1,
                    config=replace(config, library_fingerprint="another library"))
    assert (len(same.skipped), len(changed.checked)) == (1, 1)


def test_atomic_write_keeps_the_old_file_when_writing_fails(tmp_path, monkeypatch):
    target = tmp_path / "report.json"
    write_atomic(target, "old")

    def broken_replace(*_args):
        raise OSError("disk full")
    monkeypatch.setattr("research.audit.jobs.os.replace", broken_replace)
    with pytest.raises(OSError):
        write_atomic(target, "new")
    assert target.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["report.json"]


def run_cli(settings, *args):
    base = ["--home", str(settings.home), "--corpora", str(settings.corpora_dir)]
    return CliRunner().invoke(cli, base + ["audit", *map(str, args)], catch_exceptions=False)


@pytest.mark.parametrize("names, code", [
    (["verified.txt"], 0),
    (["memo.txt", "verified.txt"], 1),
    (["verified.txt", "bad/empty.txt"], 2),
    (["."], 3),
])
def test_cli_exit_code_says_invalid_and_unreadable(lexical_library, brief_folder, tmp_path, names, code):
    result = run_cli(lexical_library, *[brief_folder / n for n in names], "--out", tmp_path / "out",
                     "--workers", "1", "--max-size", MAX_BYTES / 2**20)
    assert result.exit_code == code, result.output
    assert "Summary:" in result.stdout and (tmp_path / "out" / "summary.html").exists()
    assert ("Could not read:" in result.stdout) == bool(code & 2)
    assert ("memo.txt" in result.stdout) == bool(code & 1)


def test_cli_formats_and_a_bad_format(lexical_library, brief_folder, tmp_path):
    result = run_cli(lexical_library, brief_folder / "memo.txt", "--out", tmp_path, "--formats", "json")
    assert result.exit_code == 1 and [p.suffix for p in (tmp_path / BRIEFS_DIR).glob("*.check.*")] == [".json"]
    bad = run_cli(lexical_library, brief_folder / "memo.txt", "--out", tmp_path, "--formats", "pdf")
    assert bad.exit_code == 2 and "choose from html, json, csv" in bad.output


def test_a_worker_imports_no_heavy_library(brief_folder, config):
    code = ("import sys; from research.audit.jobs import AuditConfig, audit_brief, plan_jobs;"
            f"cfg = AuditConfig(**{config.__dict__!r}); job = plan_jobs([{str(brief_folder / 'memo.txt')!r}])[0];"
            "out = audit_brief(job, cfg); assert out.record.ok, out.record;"
            "print(sorted(m for m in ('torch', 'faiss', 'onnxruntime', 'sentence_transformers') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
