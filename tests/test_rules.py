"""The rules every layer shares, each defined once (research.rules,
research.types): the reporter key, the spreadsheet-safe cell, the status
severity order; and that every former copy now answers by them."""
from __future__ import annotations

import csv
import io
from dataclasses import replace

import pytest

from research.rules import reporter_key, spreadsheet_safe
from research.types import SEVERITY, STATUSES, FoundCitation, worst_status


@pytest.mark.parametrize("a, b", [
    ("N.J. Super.", "N.J.Super."), ("N.J. Super.", "nj super"), ("U.S.C.", "USC"), ("U.S.C.A.", "U.S.C."),
    ("U.S.C.S.", "U.S.C."), ("F. Supp. 2d", "F.Supp.2d"), ("N.Y.S.2d", "N.Y.S. 2d"),
    ("Dec. Comm'r Pat.", "Dec. Comm\u2019r Pat."), ("Cal. Rptr. 3d", "Cal.Rptr.3d"),
])
def test_one_reporter_spelled_two_ways_has_one_key(a, b):
    assert reporter_key(a) == reporter_key(b)


@pytest.mark.parametrize("a, b", [
    ("P. & H.", "P.H."),             # the ampersand is part of the name
    ("Johns.", "Johns. (N.Y.)"),     # a parenthetical names another series
    ("F.2d", "F.3d"), ("U.S.", "S. Ct."), ("Cal. App. 4th", "Cal. App. 5th"),
])
def test_different_reporters_keep_different_keys(a, b):
    assert reporter_key(a) != reporter_key(b)


@pytest.mark.parametrize("written, edition", [
    ("NJSuper", "N.J. Super."), ("FRD", "F.R.D."), ("FSupp4th", "F. Supp. 4th"), ("NYS2d", "N.Y.S.2d"),
    ("Fake Rptr", None), ("USCA", None),
])
def test_reporters_db_lookups_use_the_same_key(written, edition):
    from research.citations.extract.engine import reporter_by_key

    assert reporter_by_key(written) == edition


def test_page_markers_match_a_case_citation_however_it_is_spaced():
    from research.corpus.pagination import bracket_marker_finder

    find = bracket_marker_finder([("ne", "945", "N.E.2d"), ("nys", "920", "N.Y.S. 2d")])
    text = "words [945 N.E. 2d 485 , 920 N.Y.S.2d 292] more [2009] and [945 N.W.2d 1]"
    assert find(text) == [(6, 42, (("ne", "485"), ("nys", "292")))]


def test_the_library_and_the_directory_store_the_same_key(tmp_path, small_docs):
    from research.citations.directory import Directory
    from research.store import Store
    from research.types import DirectoryRow

    with Store(tmp_path / "library.sqlite3") as store:
        store.add_documents([d for d in small_docs if d.id == "op/444-njsuper-423"])
        assert [r.doc_id for r in store.find_statute("444", "NJ Super", "423")] == ["op/444-njsuper-423"]
    with Directory(tmp_path / "directory.sqlite3") as directory:
        directory.replace_load("test", "1", [DirectoryRow("", "444", "N.J.Super.", "423", "D.G. v. K.S.")])
        assert [r.case_name for r in directory.lookup("444", "N.J. Super.", "423")] == ["D.G. v. K.S."]


@pytest.mark.parametrize("value, cell", [
    ("=HYPERLINK(1)", "'=HYPERLINK(1)"), ("@SUM(A1)", "'@SUM(A1)"), ("+1", "'+1"), ("-2", "'-2"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("fine", "fine"), ("", ""), (3, 3), (None, None),
])
def test_spreadsheet_cells_never_start_a_formula(value, cell):
    assert spreadsheet_safe(value) == cell


def test_every_csv_writer_guards_its_cells(tmp_path):
    from research.review import ReviewLog

    log = ReviewLog(tmp_path / "reviews.sqlite3")
    log.record(doc_hash="h", citation_index=1, citation_text="16 N.Y.3d 272", decision="note",
               note="=cmd|' /C calc'!A0", reviewer="@bob")
    (row,) = csv.DictReader(io.StringIO(log.export_csv("h")))
    assert (row["note"], row["reviewer"]) == ("'=cmd|' /C calc'!A0", "'@bob")


@pytest.mark.parametrize("statuses, worst", [
    ((), "verified"), (("verified",), "verified"), (("verified", "unverified"), "unverified"),
    (("unverified", "warning"), "warning"), (("warning", "unverified"), "warning"),
    (("warning", "invalid", "verified"), "invalid"),
])
def test_the_worst_status_follows_one_severity_order(statuses, worst):
    assert worst_status(statuses) == worst
    assert sorted(SEVERITY) == sorted(STATUSES)


def test_a_citation_and_a_table_of_authorities_rank_statuses_alike():
    from research.audit.toa import build_toa, page_locator
    from research.citations.validate.common import Finding
    from research.types import CheckedCitation, CheckReport

    finding = Finding()
    finding.add("not_in_library", "not held")
    finding.add("unresolved_reference", "points nowhere")
    found = FoundCitation(text="123 F.3d 456", start=0, end=12, kind="case", volume="123", reporter="F.3d",
                          page="456")
    items = (CheckedCitation(found, "unverified"), CheckedCitation(replace(found, index=1, group=1), "warning"))
    (entry,) = build_toa(CheckReport("brief.txt", "123 F.3d 456", items), page_locator("", pdf=False))
    assert finding.status == entry.status == "warning" and entry.count == 2
