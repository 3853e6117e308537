"""Hybrid retrieval on a small real library: citations first, known answers near the top."""
from __future__ import annotations

import pytest

from research.types import SearchFilters


@pytest.mark.parametrize(
    "query, doc_id, citation, pin",
    [
        ("16 N.Y.3d 272", "op/16-ny3d-272", "16 N.Y.3d 272", "272"),
        ("945 N.E.2d 484", "op/16-ny3d-272", "945 N.E.2d 484", "484"),
        ("16 N.Y.3d 272, 275", "op/16-ny3d-272", "16 N.Y.3d 272", "275"),
        ("920 N.Y.S.2d 291, 293", "op/16-ny3d-272", "920 N.Y.S.2d 291", "293"),
        ("444 N.J. Super. 423", "op/444-njsuper-423", "444 N.J. Super. 423", "423"),
        ("444 N.J.Super. 423, 431", "op/444-njsuper-423", "444 N.J. Super. 423", "431"),
        ("People v. Naranjo, 200 Colo. 11, 13 (1980)", "op/200-colo-11", "200 Colo. 11", "13"),
        ("17 U.S.C. § 107", "usc/17/107", "17 U.S.C. § 107", ""),
        ("what does 9 U.S.C. § 4 say about a jury trial", "usc/9/4", "9 U.S.C. § 4", ""),
        ("27 C.F.R. § 447.31", "cfr/27/447.31", "27 C.F.R. § 447.31", ""),
    ],
)
def test_citation_query_returns_the_cited_document_first(searcher, query, doc_id, citation, pin):
    hit = searcher.search(query, k=5)[0]
    assert (hit.doc_id, hit.citation) == (doc_id, citation)
    assert "citation" in hit.matched_by
    if pin:
        assert hit.pin == pin


@pytest.mark.parametrize(
    "citation, pin",
    [("16 N.Y.3d 272", "275"), ("945 N.E.2d 484", "490"), ("444 N.J. Super. 423", "440"), ("454 Mass. 101", "105")],
)
def test_pin_cite_lands_on_the_passage_where_that_page_begins(searcher, citation, pin):
    hit = searcher.search(f"{citation}, {pin}", k=1)[0]
    doc = searcher.store.get(hit.doc_id)
    page_start = doc.page_map_for(citation).offset_of(pin)
    assert hit.start <= page_start < hit.end
    assert doc.text[hit.start:hit.end] == hit.text


@pytest.mark.parametrize(
    "question, gold, within",
    [
        ("which court decides whether a dispute must go to arbitration", "usc/9/4", 3),
        ("factors in deciding whether copying for criticism or teaching is a fair use", "usc/17/107", 1),
        ("suing a person who deprived me of my constitutional rights under color of state law", "usc/42/1983", 1),
        ("does filing for bankruptcy stop creditors from collecting", "usc/11/362", 2),
        ("whether the rule against perpetuities applies to options to renew a commercial lease",
         "op/16-ny3d-272", 1),
        ("kidnapping conviction of Rojorlo Roy Naranjo", "op/200-colo-11", 1),
        ("custody and removal of a child with three parents", "op/444-njsuper-423", 3),
    ],
)
def test_questions_find_the_governing_document(searcher, question, gold, within):
    hits = searcher.search(question, k=within)
    assert gold in [h.doc_id for h in hits]


@pytest.mark.parametrize("kind", ["statute", "opinion", "regulation"])
def test_kind_filter(searcher, kind):
    hits = searcher.search("court order", k=10, filters=SearchFilters(kind=kind))
    assert hits and {h.kind for h in hits} == {kind}


def test_date_filter_excludes_older_opinions(searcher):
    hits = searcher.search("opinion of the court", k=10, filters=SearchFilters(kind="opinion", date_from="2011"))
    assert hits and all(searcher.store.get(h.doc_id).date >= "2011" for h in hits)


def test_hits_are_spans_of_their_documents(searcher):
    hits = searcher.search("arbitration agreement written provision", k=10)
    assert hits
    for hit in hits:
        assert searcher.store.get(hit.doc_id).text[hit.start:hit.end] == hit.text
    assert [h.rank for h in hits] == list(range(1, len(hits) + 1))
    assert len({h.doc_id for h in hits}) == len(hits)


@pytest.mark.parametrize("query", ["", "   ", '"', "AND OR NOT", "§§", "*"])
def test_odd_queries_do_not_fail(searcher, query):
    assert isinstance(searcher.search(query, k=3), list)


def test_hybrid_uses_both_methods(searcher):
    assert searcher.mode == "hybrid"
    hits = searcher.search("compel arbitration in the district where the petition is filed", k=10)
    methods = {m for h in hits for m in h.matched_by}
    assert {"dense", "lexical"} <= methods


@pytest.mark.parametrize(
    "question, section",
    [
        ("on what grounds can a court vacate an arbitration award", "usc/9/10"),
        ("what acts does the automatic stay halt when a bankruptcy petition is filed", "usc/11/362"),
        ("importers of defense articles must register", "cfr/27/447.31"),
    ],
)
def test_a_section_outranks_its_own_stray_chunks(searcher, question, section):
    """A section is one result, at its best passage; with per_document off its other
    passages follow it, best first, before the next document."""
    hits = searcher.search(question, k=10)
    assert len({h.doc_id for h in hits}) == len(hits) and section in [h.doc_id for h in hits[:3]]
    _, evidence = searcher.rank(question)
    best = evidence.passages(section, searcher.dense, searcher.calibration)[0][0]
    assert next(h for h in hits if h.doc_id == section).chunk_id == best
    passages = searcher.search(question, k=30, per_document=False)
    order = [h.doc_id for h in passages]
    assert all(order.count(d) <= 3 for d in order)
    assert order == sorted(order, key=order.index)  # each document's passages are together


def test_fusion_weights_load_from_the_saved_calibration(small_library, encoder, tmp_path):
    """Weights that keep only the keyword evidence rank as keyword search does."""
    from research import library
    from research.search.rank import Calibration

    keyword_only = Calibration(weights={"dense": 0.0, "heading": 0.0, "lexical": 1.0}, fitted_on="test")
    settings = small_library.with_changes(calibration=keyword_only.save(tmp_path / "calibration.json"))
    with library.open_store(settings) as store:
        hybrid = library.open_searcher(settings, store, encoder=encoder)
        lexical = library.open_searcher(settings, store, dense=False)
        assert hybrid.calibration == keyword_only
        query = "evident partiality or corruption in the arbitrators"
        assert [h.doc_id for h in hybrid.search(query, k=5)] == [h.doc_id for h in lexical.search(query, k=5)]


@pytest.mark.parametrize("changes, problem", [
    ({"model": "adapted-minilm"}, "fitted for the model adapted-minilm"),
    ({"context": 99}, "context headers version 99"),
])
def test_a_calibration_that_does_not_fit_the_index_is_refused(small_library, encoder, tmp_path, changes, problem):
    """Weights fitted on another model's cosines would rank silently wrong: refused, the file named."""
    from dataclasses import replace

    from research import library
    from research.errors import IndexMismatch
    from research.search.rank import load_calibration

    path = replace(load_calibration(), **changes).save(tmp_path / "calibration.json")
    settings = small_library.with_changes(calibration=path)
    with library.open_store(settings) as store:
        with pytest.raises(IndexMismatch, match=problem) as caught:
            library.open_searcher(settings, store, encoder=encoder)
        assert str(path) in str(caught.value) and "calibrate.py" in str(caught.value)
        assert library.open_searcher(settings, store, dense=False).mode == "lexical"  # keywords still answer
