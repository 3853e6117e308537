"""The SQLite library store: documents, citations, chunks, BM25 search, on real law."""
from __future__ import annotations

import dataclasses
import json
import re
import time

import pytest

from research.text.chunking import chunk_document
from research.errors import ResearchError
from research.store.store import Store
from research.store.citations import parse_citation
from research.types import CitationRow, Document, SearchFilters
from support.paths import ASSETS



def _statute(name: str, title: str, citation: str, date: str) -> Document:
    number = re.search(r"usc_(\d+)_(\d+)", name)
    return Document(id=f"usc/{number.group(1)}/{number.group(2)}", kind="statute", title=title,
                    text=(ASSETS / name).read_text(encoding="utf-8"), citations=(citation,),
                    jurisdiction="us", date=date, edition="test excerpt")


def library() -> list[Document]:
    opinions = [Document.from_dict(json.loads((ASSETS / name).read_text(encoding="utf-8")))
                for name in ("naranjo_200_colo_11.json", "dg_v_ks_444_nj_super_423.json")]
    fisher = Document(id="fisher-slip", kind="document", title="Fisher v. University of Texas",
                      text=(ASSETS / "fisher_syllabus_excerpt.txt").read_text(encoding="utf-8"),
                      date="2013-06-24", collection="uploads")
    return opinions + [fisher,
                       _statute("usc_17_107.txt", "Limitations on exclusive rights: Fair use",
                                "17 U.S.C. § 107", "2013-07-26"),
                       _statute("usc_18_3599_excerpt.txt", "Counsel for financially unable defendants",
                                "18 U.S.C. § 3599", "2023-04-01")]


NARANJO, DG, FISHER, FAIR_USE, COUNSEL = "cap-4531970", "cap-4223181", "fisher-slip", "usc/17/107", "usc/18/3599"


def fill(store: Store, docs: list[Document]) -> None:
    store.add_documents(docs)
    for doc in docs:
        store.set_chunks(doc.id, chunk_document(doc, max_tokens=80, overlap_tokens=12))


@pytest.fixture()
def store(tmp_path):
    """A library of its own, for tests that change it."""
    with Store(tmp_path / "library.sqlite3") as opened:
        fill(opened, library())
        yield opened


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """One library for the tests that only read."""
    with Store(tmp_path_factory.mktemp("shared") / "library.sqlite3") as opened:
        fill(opened, library())
        yield opened


def test_library_ids_are_the_expected_ones():
    assert [d.id for d in library()] == [NARANJO, DG, FISHER, FAIR_USE, COUNSEL]


@pytest.mark.parametrize("doc", library(), ids=lambda d: d.id)
def test_round_trip_returns_the_same_document(shared, doc):
    assert shared.get(doc.id) == doc
    assert shared.get(doc.id).page_maps == doc.page_maps


def test_missing_document_is_none(shared):
    assert shared.get("usc/17/999") is None
    assert shared.get_chunk("usc/17/999#0") is None


def test_second_add_changes_nothing(store):
    before = (store.corpus_hash(), list(store.chunks()))
    report = store.add_documents(library())
    assert (report.added, report.updated, report.unchanged, report.failures) == (0, 0, 5, ())
    assert (store.corpus_hash(), list(store.chunks())) == before


@pytest.mark.parametrize("change", [
    {"text": "§ 107. Limitations on exclusive rights: Fair use\nRepealed."},
    {"title": "Fair use"},
    {"citations": ("17 U.S.C. § 107", "17 U.S.C.A. § 107")},
])
def test_changed_document_is_updated_and_loses_its_chunks(store, change):
    old_hash = store.corpus_hash()
    changed = dataclasses.replace(store.get(FAIR_USE), **change)
    report = store.add_documents([changed, store.get(NARANJO)])
    assert (report.added, report.updated, report.unchanged) == (0, 1, 1)
    assert store.get(FAIR_USE) == changed
    assert list(store.chunks(FAIR_USE)) == []
    assert list(store.chunks(NARANJO))
    assert store.corpus_hash() != old_hash
    store.set_chunks(FAIR_USE, chunk_document(changed))
    assert [c.text for c in store.chunks(FAIR_USE)] == [c.text for c in chunk_document(changed)]


def test_add_reports_bad_documents_without_raising(tmp_path):
    good = library()[3]
    bad = [dataclasses.replace(good, id="x", kind="treatise"), dataclasses.replace(good, id="")]
    with Store(tmp_path / "lib.sqlite3") as store:
        report = store.add_documents([good, *bad])
        assert report.added == 1 and len(report.failures) == 2
        assert "treatise" in report.failures[0].problem
        assert store.count() == 1


def test_collection_override_and_filters(tmp_path):
    with Store(tmp_path / "lib.sqlite3") as store:
        store.add_documents(library()[:2])
        store.add_documents(library()[3:4], collection="uploads")
        assert store.get(FAIR_USE).collection == "uploads"
        assert [d.id for d in store.iter_documents(collection="uploads")] == [FAIR_USE]
        assert [d.id for d in store.iter_documents(kind="opinion")] == [DG, NARANJO]


def test_counts_and_stats(shared):
    assert shared.count() == 5 and shared.count(kind="statute") == 2
    stats = shared.stats()
    assert stats["documents"] == 5
    assert stats["by_kind"] == {"document": 1, "opinion": 2, "statute": 2}
    assert stats["by_year"] == {"1980": 1, "2013": 2, "2015": 1, "2023": 1}
    assert stats["by_court"]["Colorado Supreme Court"] == 1
    assert stats["chunks"] == len(list(shared.chunks())) > 5


def test_chunks_round_trip_in_order(shared):
    doc = shared.get(NARANJO)
    chunks = list(shared.chunks(NARANJO))
    assert chunks == chunk_document(doc, max_tokens=80, overlap_tokens=12)
    assert all(doc.text[c.start:c.end] == c.text for c in chunks)
    everything = list(shared.chunks())
    assert [c.doc_id for c in everything] == sorted(c.doc_id for c in everything)


def test_chunks_can_be_written_while_documents_are_read(tmp_path):
    with Store(tmp_path / "lib.sqlite3") as store:
        store.add_documents(library())
        for doc in store.iter_documents():
            store.set_chunks(doc.id, chunk_document(doc))
        assert {c.doc_id for c in store.chunks()} == {d.id for d in library()}


def test_failed_batch_writes_nothing(tmp_path):
    def documents():
        yield library()[0]
        raise OSError("disk went away")
    with Store(tmp_path / "lib.sqlite3") as store:
        with pytest.raises(OSError):
            store.add_documents(documents())
        assert store.count() == 0
        assert store.add_documents(library()[:1]).added == 1


def test_get_chunks_keeps_the_order_asked_and_skips_unknown(shared):
    ids = [f"{NARANJO}#3", "nope#1", f"{FAIR_USE}#0", "no-ordinal", f"{NARANJO}#999"]
    assert [c.id for c in shared.get_chunks(ids)] == [f"{NARANJO}#3", f"{FAIR_USE}#0"]


def test_set_chunks_refuses_unknown_documents_and_strays(store):
    chunks = list(store.chunks(NARANJO))
    with pytest.raises(ResearchError, match="no document"):
        store.set_chunks("usc/99/1", chunks)
    with pytest.raises(ResearchError, match="do not belong"):
        store.set_chunks(FAIR_USE, chunks)


def test_delete_document_removes_everything(store):
    store.delete_document(NARANJO)
    assert store.get(NARANJO) is None
    assert list(store.chunks(NARANJO)) == []
    assert store.find_citation("200 Colo. 11") == []
    assert all(not cid.startswith(NARANJO) for cid, _ in store.lexical_search("kidnapping"))


@pytest.mark.parametrize("query,doc_id,phrase", [
    ("purpose and character of the use, commercial or nonprofit educational", FAIR_USE, "purpose and character"),
    ("Is a fair use an infringement of copyright?", FAIR_USE, "infringement"),
    ("in-court identification independent source", NARANJO, "independent"),
    ("merger doctrine double jeopardy kidnapping sexual assault", NARANJO, "double jeopardy"),
    ("counsel for defendants financially unable to obtain representation", COUNSEL, "financially unable"),
    ("compensation of appointed attorneys per hour", COUNSEL, "per hour"),
    ("tri-parenting arrangement custody", DG, "tri-parenting"),
    ("strict scrutiny of race in university admissions", FISHER, "scrutiny"),
    ("People v. Naranjo", NARANJO, ""),
])
def test_lexical_search_finds_the_passage(shared, query, doc_id, phrase):
    hits = shared.lexical_search(query, k=5)
    assert hits and hits[0][0].rpartition("#")[0] == doc_id
    assert phrase.lower() in shared.get_chunk(hits[0][0]).text.lower()
    scores = [score for _, score in hits]
    assert all(score > 0 for score in scores) and scores == sorted(scores, reverse=True)


@pytest.mark.parametrize("query", ['"', "*", "NEAR(", "§ 107", "", "   ", "AND OR NOT", "((", ")", "-", "^",
                                   "fair\" OR use*", "text:copyright", "'; DROP TABLE documents; --",
                                   "\x00", "NEAR(fair use, 5)", "{copyright}", "§§ 106–107"])
def test_hostile_queries_never_raise(shared, query):
    hits = shared.lexical_search(query)
    assert isinstance(hits, list)
    assert shared.count() == 5
    if not re.search(r"\w", query):
        assert hits == []


def test_section_symbol_query_finds_the_section(shared):
    assert shared.lexical_search("§ 107")[0][0].startswith(FAIR_USE)


def test_k_limits_the_hits(shared):
    assert len(shared.lexical_search("the defendant court", k=3)) == 3
    assert shared.lexical_search("defendant", k=0) == []


@pytest.mark.parametrize("filters,allowed", [
    (SearchFilters(kind="statute"), {FAIR_USE, COUNSEL}),
    (SearchFilters(kind="opinion"), {NARANJO, DG}),
    (SearchFilters(court="colorado"), {NARANJO}),
    (SearchFilters(court="NEW JERSEY"), {DG}),
    (SearchFilters(jurisdiction="colo."), {NARANJO}),
    (SearchFilters(jurisdiction="US"), {FAIR_USE, COUNSEL}),
    (SearchFilters(date_from="2013"), {FISHER, FAIR_USE, DG, COUNSEL}),
    (SearchFilters(date_to="1980"), {NARANJO}),
    (SearchFilters(date_from="2013-07", date_to="2015-12-31"), {FAIR_USE, DG}),
    (SearchFilters(collection="uploads"), {FISHER}),
    (SearchFilters(kind="opinion", date_from="2000"), {DG}),
    (SearchFilters(court="100%_"), set()),
])
def test_filters_restrict_hits(shared, filters, allowed):
    hits = shared.lexical_search("court defendant use appointment scrutiny copyright custody", k=200,
                                filters=filters)
    found = {cid.rpartition("#")[0] for cid, _ in hits}
    assert found == allowed


@pytest.mark.parametrize("citation,doc_id,position", [
    ("444 N.J.Super. 423", DG, 0),
    ("444 N.J. Super. 423", DG, 0),
    ("444 nj super 423", DG, 0),
    ("444 N.J. Super. 423, 430 (Ch. Div. 2015)", DG, 0),
    ("133 A.3d 703", DG, 1),
    ("200 Colo. 11", NARANJO, 0),
    ("612 P. 2d 1106", NARANJO, 1),
    ("17 U.S.C. § 107", FAIR_USE, 0),
    ("17 U.S.C. §107", FAIR_USE, 0),
    ("17 USC 107", FAIR_USE, 0),
    ("17 U.S.C. sec. 107", FAIR_USE, 0),
    ("17 U.S.C.A. § 107(a)", FAIR_USE, 0),
    ("18 U.S.C. §\u202f3599", COUNSEL, 0),
])
def test_find_citation_tolerates_forms(shared, citation, doc_id, position):
    rows = shared.find_citation(citation)
    assert [(r.doc_id, r.position) for r in rows] == [(doc_id, position)]
    assert isinstance(rows[0], CitationRow) and rows[0].kind == shared.get(doc_id).kind


@pytest.mark.parametrize("citation", ["444 N.J. Super. 430", "17 U.S.C. § 106", "201 Colo. 11",
                                      "not a citation", "", "§", "17"])
def test_find_citation_misses(shared, citation):
    assert shared.find_citation(citation) == []


def test_citation_rows_carry_document_fields(shared):
    row = shared.find_citation("444 N.J. Super. 423")[0]
    assert (row.volume, row.reporter, row.page, row.last_page) == ("444", "N.J. Super.", "423", "469")
    assert (row.title, row.date, row.citation) == ("D.G. v. K.S.", "2015-08-24", "444 N.J. Super. 423")
    statute = shared.find_citation("17 USC 107")[0]
    assert (statute.volume, statute.reporter, statute.page) == ("17", "U.S.C.", "107")


@pytest.mark.parametrize("text,parts", [
    ("17 U.S.C. § 107", ("17", "U.S.C.", "107")),
    ("27 C.F.R. § 646.155", ("27", "C.F.R.", "646.155")),
    ("42 U.S.C. § 2000e\u20132(a)", ("42", "U.S.C.", "2000e-2")),
    ("28 U.S.C. §§ 1331", ("28", "U.S.C.", "1331")),
    ("100 F. Supp. 2d 200", ("100", "F. Supp. 2d", "200")),
    ("16 N.Y.3d 272", ("16", "N.Y.3d", "272")),
    ("551 U.S. 193, 195 (2007)", ("551", "U.S.", "193")),
    ("Pub. L. 94-553", None),
    ("the court held", None),
])
def test_parse_citation(text, parts):
    parsed = parse_citation(text)
    assert (tuple(parsed) if parsed else None) == parts


@pytest.mark.parametrize("reporter,volume,ids", [
    ("N.J.Super.", "444", [DG]),
    ("Colo.", "200", [NARANJO]),
    ("P.2d", "612", [NARANJO]),
    ("Colo.", "201", []),
])
def test_citations_in_volume(shared, reporter, volume, ids):
    assert [row.doc_id for row in shared.citations_in_volume(reporter, volume)] == ids


def test_statute_lookups(shared):
    assert [r.doc_id for r in shared.find_statute("17", "U.S.C.", "107")] == [FAIR_USE]
    assert [r.doc_id for r in shared.find_statute("18", "USC", "3599")] == [COUNSEL]
    assert shared.find_statute("17", "U.S.C.", "106") == []
    assert shared.covered_code_titles() == {("17", "U.S.C."), ("18", "U.S.C.")}


def test_corpus_hash_is_stable_and_order_independent(tmp_path):
    docs = library()
    with Store(tmp_path / "a.sqlite3") as first, Store(tmp_path / "b.sqlite3") as second:
        first.add_documents(docs)
        second.add_documents(reversed(docs))
        assert first.corpus_hash() == second.corpus_hash()
        second.delete_document(FISHER)
        assert first.corpus_hash() != second.corpus_hash()
        second.add_documents(docs[2:3])
        assert first.corpus_hash() == second.corpus_hash()


def test_reopen_and_readonly(tmp_path):
    path = tmp_path / "lib.sqlite3"
    with Store(path) as store:
        fill(store, library())
        digest = store.corpus_hash()
    with Store(path, readonly=True) as reader:
        assert reader.corpus_hash() == digest
        assert reader.lexical_search("fair use")[0][0].startswith(FAIR_USE)
    with pytest.raises(ResearchError, match="no library database"):
        Store(tmp_path / "missing.sqlite3", readonly=True)


def test_not_a_database_is_a_typed_error(tmp_path):
    path = tmp_path / "notes.sqlite3"
    path.write_text("this is not a database " * 100)
    with pytest.raises(ResearchError, match="notes.sqlite3"):
        Store(path)


def test_three_thousand_documents_are_added_in_seconds(tmp_path):
    base = library()
    docs = [dataclasses.replace(base[i % len(base)], id=f"doc-{i:05d}") for i in range(3000)]
    with Store(tmp_path / "big.sqlite3") as store:
        started = time.perf_counter()
        report = store.add_documents(docs)
        assert report.added == 3000
        assert time.perf_counter() - started < 10
        assert store.add_documents(docs).unchanged == 3000
