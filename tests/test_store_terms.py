"""Store additions for relevance: common query words left unmatched, citation rows upgraded."""
from __future__ import annotations

import pytest

from research.store import schema
from research.store.store import Store
from research.types import Document
from test_store import FAIR_USE, fill, library


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    with Store(tmp_path_factory.mktemp("terms") / "library.sqlite3") as opened:
        fill(opened, library())
        yield opened


@pytest.mark.parametrize("query, dropped, kept", [
    # "defendant" is in most chunks of this small library: matching it costs time and ranks nothing
    ("the defendant's in-court identification had an independent source", "defendant", "independent"),
    ("fair use of a copyrighted work", "", "fair"),
])
def test_words_in_most_chunks_are_not_matched(shared, query, dropped, kept):
    total = len(list(shared.chunks()))
    terms = shared._rarer_terms(schema.query_terms(query), 0.5)
    assert kept in terms and (dropped == "" or dropped not in terms)
    hits = shared.lexical_search(query, k=5, max_share=0.5)
    assert hits and hits == shared.lexical_search(" ".join(terms), k=5)
    assert total > 0


@pytest.mark.parametrize("query", ["the court", "shall", "court of appeals"])
def test_a_query_of_common_words_keeps_its_rarest(shared, query):
    assert shared.lexical_search(query, k=3, max_share=0.0)


def test_a_version_1_library_gets_its_citation_rows_rebuilt(tmp_path):
    """Version 1 stored "42 U.S.C. § 2000d" with no section, so the checker could not find it."""
    path = tmp_path / "lib.sqlite3"
    title_vi = Document(id="usc/42/2000d", kind="statute", title="Prohibition against exclusion",
                        text="No person in the United States shall ...", citations=("42 U.S.C. § 2000d",))
    with Store(path) as store:
        store.add_documents([title_vi] + library())
        assert [r.doc_id for r in store.find_statute("42", "U.S.C.", "2000d")] == ["usc/42/2000d"]
        store._conn.execute("UPDATE citations SET volume = '', reporter = '', page = '' WHERE doc_id = ?",
                            (title_vi.id,))
        store._conn.execute("PRAGMA user_version = 1")
    with Store(path, readonly=True) as old:
        assert old.find_statute("42", "U.S.C.", "2000d") == []  # read as it is, never written
    with Store(path) as upgraded:
        assert [r.doc_id for r in upgraded.find_statute("42", "U.S.C.", "2000d")] == ["usc/42/2000d"]
        assert [r.doc_id for r in upgraded.find_statute("17", "U.S.C.", "107")] == [FAIR_USE]
        assert upgraded._conn.execute("PRAGMA user_version").fetchone()[0] == 2
