"""The citation directory: CourtListener bulk import, the shipped directory,
and directory hits in citation checking.

tests/assets/courtlistener_bulk/ is a tiny hand-written sample in
CourtListener's bulk format (real cases, invented ids; see its README).
"""
from __future__ import annotations

import bz2
import gzip
import shutil
from pathlib import Path

import pytest

from research.citations.build_directory import clean_name, library_rows
from research.citations.directory import (Directory, import_courtlistener, load_shipped, open_directory, read_rows,
                                          write_shipped)
from research.citations.validate.pipeline import check_text
from research.errors import IngestError
from research.settings import Settings
from research.types import DirectoryRow
from support.paths import BULK, SHIPPED_DIRECTORY

STAMP = "2024-05-06"


def bulk_files(target: Path, compress: str) -> dict[str, Path]:
    """The fixture's four files, copied to ``target`` as .csv, .csv.gz or .csv.bz2."""
    files = {}
    for table in ("citations", "opinion-clusters", "dockets", "courts"):
        source = BULK / f"{table}-{STAMP}.csv"
        path = target / f"{source.name}{compress}"
        opener = {"": open, ".gz": gzip.open, ".bz2": bz2.open}[compress]
        with open(source, "rb") as raw, opener(path, "wb") as out:
            shutil.copyfileobj(raw, out)
        files[table] = path
    return files


@pytest.fixture
def imported(tmp_path) -> Directory:
    files = bulk_files(tmp_path, ".bz2")
    directory = Directory(tmp_path / "directory.sqlite3")
    count = import_courtlistener(directory, files["citations"], files["opinion-clusters"],
                                 dockets=files["dockets"], courts=files["courts"])
    assert count == 7  # 8 citations, one of them to a cluster not in the file
    yield directory
    directory.close()


@pytest.mark.parametrize("compress", ["", ".gz", ".bz2"])
def test_import_reads_plain_and_compressed_files(tmp_path, compress):
    files = bulk_files(tmp_path, compress)
    with Directory(tmp_path / "d.sqlite3") as directory:
        assert import_courtlistener(directory, files["citations"], files["opinion-clusters"]) == 7
        assert import_courtlistener(directory, files["citations"], files["opinion-clusters"]) == 0  # idempotent
        assert directory.count() == 7


@pytest.mark.parametrize("volume, reporter, page, name, court, date", [
    ("539", "U.S.", "244", "Gratz v. Bollinger", "Supreme Court", "2003-06-23"),
    ("123", "S. Ct.", "2411", "Gratz v. Bollinger", "Supreme Court", "2003-06-23"),
    ("539", "U. S.", "306", "Barbara Grutter, Petitioner v. Lee Bollinger et al.", "Supreme Court", "2003-06-23"),
    ("678", "F.Supp.3d", "443", "Mata v. Avianca, Inc.", "S.D. New York", "2023-06-22"),
    ("347", "U.S.", "483", "Brown v. Board of Education", "Supreme Court", "1954-05-17"),
])
def test_lookup_after_import(imported, volume, reporter, page, name, court, date):
    (row,) = imported.lookup(volume, reporter, page)
    assert (row.case_name, row.court, row.date, row.source) == (name, court, date, "courtlistener")


def test_lookup_misses(imported):
    assert imported.lookup("999", "U.S.", "999") == []  # its cluster is not in the clusters file
    assert imported.lookup("539", "U.S.", "245") == []


def test_a_new_snapshot_replaces_the_last_import(imported, tmp_path):
    newer = tmp_path / "citations-2024-06-01.csv"
    lines = (BULK / f"citations-{STAMP}.csv").read_text(encoding="utf-8").splitlines()
    newer.write_text("\n".join(lines[:3]) + "\n", encoding="utf-8")  # header + Gratz's first two citations
    clusters = tmp_path / f"opinion-clusters-{STAMP}.csv.bz2"
    assert import_courtlistener(imported, newer, clusters) == 2
    assert imported.count() == 2 and imported.lookup("347", "U.S.", "483") == []


def test_import_without_dockets_has_no_court(tmp_path):
    files = bulk_files(tmp_path, "")
    with Directory(tmp_path / "d.sqlite3") as directory:
        import_courtlistener(directory, files["citations"], files["opinion-clusters"])
        assert directory.lookup("539", "U.S.", "244")[0].court == ""


def test_missing_columns_are_named(tmp_path):
    bad = tmp_path / "citations-bad.csv"
    bad.write_text("id,volume,reporter\n1,539,U.S.\n", encoding="utf-8")
    with pytest.raises(IngestError, match="missing column.*page.*cluster_id"):
        list(read_rows(bad, ("volume", "reporter", "page", "cluster_id")))


@pytest.mark.parametrize("text, status, problems, says", [
    ("Gratz v. Bollinger, 539 U.S. 244, 270 (2003).", "verified", (), "citation directory"),
    ("Gratz v. Bollinger, 123 S. Ct. 2411 (2003).", "verified", (), "pin cites and quotations could not be checked"),
    ("Grutter v. Bollinger, 539 U.S. 306 (2003).", "verified", (), "citation directory"),
    ("Mata v. Avianca, Inc., 678 F. Supp. 3d 443 (S.D.N.Y. 2023).", "verified", (), "citation directory"),
    ("Smith v. Jones, 539 U.S. 244 (2003).", "warning", ("case_name_mismatch",),
     "The citation directory lists 539 U.S. 244 as Gratz v. Bollinger (2003); the brief names it Smith v. Jones."),
    ("Gratz v. Bollinger, 539 U.S. 244 (2004).", "warning", ("year_mismatch",), "to 2003 (decided 2003-06-23)"),
    ("Roe v. Wade, 410 U.S. 113 (1973).", "unverified", ("not_in_library",), "does not hold 410 U.S. 113"),
])
def test_directory_hits(check_store, imported, text, status, problems, says):
    (item,) = check_text(text, store=check_store, directory=imported).citations
    assert (item.status, item.problems) == (status, problems)
    assert says in " ".join(item.messages + item.notes)
    if status != "unverified":
        assert item.authority.source == "directory" and item.authority.doc_id == ""


def test_library_text_wins_over_directory(check_store, imported):
    (item,) = check_text("D.G. v. K.S., 444 N.J. Super. 423, 431 (Ch. Div. 2015).", store=check_store,
                         directory=imported).citations
    assert (item.status, item.authority.source) == ("verified", "library")


# --- the shipped directory ----------------------------------------------------



def test_shipped_directory_loads_once(tmp_path):
    settings = Settings(home=tmp_path / "home")
    with open_directory(settings) as directory:
        count = directory.count()
        assert count > 3000
        assert directory.loads() == {"shipped:directory.csv.gz": (directory.loads()["shipped:directory.csv.gz"][0],
                                                                  count)}
        assert load_shipped(directory, SHIPPED_DIRECTORY) == 0  # already loaded: nothing to do
    with open_directory(settings) as again:
        assert again.count() == count
    assert (tmp_path / "home" / "directory.sqlite3").exists()


@pytest.mark.parametrize("citation, name, source", [
    (("16", "N.Y.3d", "272"), "Bleecker St. Tenants Corp. v. Bleeker Jones LLC", "library"),
    (("945", "N.E.2d", "484"), "Bleecker St. Tenants Corp. v. Bleeker Jones LLC", "library"),
    (("539", "U.S.", "244"), "Gratz v. Bollinger", "cited in Fisher v. University of Texas at Austin (2013)"),
])
def test_shipped_directory_content(tmp_path, citation, name, source):
    with open_directory(Settings(home=tmp_path)) as directory:
        rows = directory.lookup(*citation)
    assert any(r.case_name == name and r.source.startswith(source) for r in rows), rows


def test_changed_shipped_file_replaces_its_rows(tmp_path):
    first, second = tmp_path / "a.csv.gz", tmp_path / "b.csv.gz"
    row = DirectoryRow("1 U.S. 1", "1", "U.S.", "1", "Case One", date="1790")
    write_shipped(first, [row])
    write_shipped(second, [row, DirectoryRow("1 U.S. 2", "1", "U.S.", "2", "Case Two", date="1790")])
    with Directory(tmp_path / "d.sqlite3") as directory:
        assert load_shipped(directory, first) == 1
        shutil.copy(second, first)
        assert load_shipped(directory, first) == 2
        assert directory.count() == 2


def test_library_rows_carry_last_pages(check_store):
    rows = {r.citation: r for r in library_rows([check_store.get("op/16-ny3d-272")])}
    assert rows["945 N.E.2d 484"].last_page == "494"
    assert rows["16 N.Y.3d 272"].date == "2011-02-24"


@pytest.mark.parametrize("raw, clean", [
    ("(See People v. Saavedra", "People v. Saavedra"),
    ("In re T.J.S.", "In re T.J.S."),
    ("Holder [v. Polanski", ""),
    ("State", ""),
])
def test_cited_names_are_cleaned(raw, clean):
    assert clean_name(raw) == clean
