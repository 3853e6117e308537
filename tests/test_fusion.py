"""Section-level ranking and calibrated fusion (research.search.rank), and search filters."""
import json
import os
from dataclasses import replace

import pytest

from research.search.rank import (DEFAULT_CALIBRATION, Calibration, by_document, centred_headings,
                                  document_features, fuse, is_keyword_query, load_calibration, normalised_lexical,
                                  passage_scores)
from research.search.retrieve import passes
from research.types import Document, SearchFilters

WEIGHTS = Calibration(weights={"dense": 1.0, "heading": 0.5, "lexical": 0.2})


@pytest.mark.parametrize(
    "dense, lexical, heading, expected",
    [
        # a document is scored on its best chunk, not on how many chunks it has
        ({"usc/9/10": {"usc/9/10#0": 0.30, "usc/9/10#1": 0.62},
          "op/1": {"op/1#0": 0.50, "op/1#1": 0.50, "op/1#2": 0.50, "op/1#3": 0.49}},
         {}, {}, ["usc/9/10", "op/1"]),
        # the heading breaks a near tie between two sections
        ({"usc/9/10": {"usc/9/10#0": 0.50}, "usc/9/11": {"usc/9/11#0": 0.52}},
         {}, {"usc/9/10": 0.60, "usc/9/11": 0.10}, ["usc/9/10", "usc/9/11"]),
        # keyword evidence lifts a document the dense side scored lower
        ({"usc/9/10": {"usc/9/10#0": 0.50}, "usc/28/657": {"usc/28/657#0": 0.55}},
         {"usc/9/10": {"usc/9/10#0": 1.0}}, {}, ["usc/9/10", "usc/28/657"]),
        # lexical-only mode: documents ranked by keyword evidence alone
        ({}, {"usc/9/10": {"usc/9/10#2": 1.0}, "usc/9/16": {"usc/9/16#0": 0.4}}, {}, ["usc/9/10", "usc/9/16"]),
    ],
)
def test_documents_are_ranked_on_all_their_evidence(dense, lexical, heading, expected):
    features = document_features(dense=dense, lexical=lexical, heading=heading)
    assert [doc_id for doc_id, _ in fuse(features, WEIGHTS)] == expected


def test_a_section_is_one_result_scored_on_its_best_chunk():
    dense = {"usc/9/10": {"usc/9/10#0": 0.30, "usc/9/10#1": 0.62, "usc/9/10#2": 0.41}}
    features = document_features(dense=dense, lexical={}, heading={"usc/9/10": 0.2})
    assert features == {"usc/9/10": {"dense": 0.62, "heading": 0.2, "lexical": 0.0}}
    assert fuse(features, WEIGHTS) == [("usc/9/10", pytest.approx(0.62 + 0.5 * 0.2))]


def test_passages_are_ordered_by_the_same_evidence():
    dense = {"usc/9/10#0": 0.40, "usc/9/10#1": 0.45}
    lexical = {"usc/9/10#0": 1.0}
    assert [cid for cid, _ in passage_scores(dense, lexical, WEIGHTS)] == ["usc/9/10#0", "usc/9/10#1"]


def test_bm25_is_divided_by_the_query_best():
    assert normalised_lexical({"a#0": 8.0, "b#1": 2.0}) == {"a#0": 1.0, "b#1": 0.25}
    assert normalised_lexical({}) == {}
    assert by_document({"usc/9/10#0": 1.0, "usc/9/10#3": 0.5, "op/x#1": 0.2}) == {
        "usc/9/10": {"usc/9/10#0": 1.0, "usc/9/10#3": 0.5}, "op/x": {"op/x#1": 0.2}}


def test_fusion_weights_load_from_the_saved_calibration(tmp_path):
    saved = Calibration(weights={"dense": 1.0, "heading": 0.3, "lexical": 0.15}, candidates=150,
                        heading_weight=2.0, max_share=0.3, heading_percentile=75.0, keyword_lexical=0.4,
                        fitted_on="tune half", model="all-MiniLM-L6-v2")
    path = saved.save(tmp_path / "calibration.json")
    assert load_calibration(path) == saved
    shipped = load_calibration()
    assert shipped == load_calibration(DEFAULT_CALIBRATION) and shipped.weight("dense") > 0
    assert "tune half" in shipped.fitted_on


def test_a_calibration_is_read_once_per_version_of_its_file(tmp_path):
    first = Calibration(weights={"dense": 1.0, "lexical": 0.2}, model="all-MiniLM-L6-v2")
    path = first.save(tmp_path / "calibration.json")
    assert load_calibration(path) is load_calibration(path)  # the app asks once per request
    second = replace(first, weights={"dense": 1.0, "lexical": 0.45, "heading": 0.1})
    second.save(path)
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    assert load_calibration(path) == second


@pytest.mark.parametrize(
    "content, problem",
    [("not json", "not a readable search calibration"),
     (json.dumps({"weights": {"dense": 1.0, "pagerank": 2.0}}), "pagerank"),
     (json.dumps({"weights": {}}), "must name features")],
)
def test_a_bad_calibration_is_refused_with_the_file_named(tmp_path, content, problem):
    path = tmp_path / "calibration.json"
    path.write_text(content)
    with pytest.raises(ValueError, match=problem) as caught:
        load_calibration(path)
    assert str(path) in str(caught.value)


OPINION = Document(id="op/16-ny3d-272", kind="opinion", title="Bleecker St. Tenants Corp. v. Bleeker Jones LLC",
                   text="x", court="Court of Appeals of New York", jurisdiction="N.Y.", date="2011-02-24")


@pytest.mark.parametrize(
    "filters, expected",
    [
        (None, True),
        (SearchFilters(kind="opinion"), True),
        (SearchFilters(kind="statute"), False),
        (SearchFilters(court="appeals of new york"), True),
        (SearchFilters(court="Supreme Court"), False),
        (SearchFilters(jurisdiction="n.y."), True),
        (SearchFilters(date_from="2011"), True),
        (SearchFilters(date_from="2012-01-01"), False),
        (SearchFilters(date_to="2010"), False),
        (SearchFilters(date_to="2011"), True),
    ],
)
def test_filters(filters, expected):
    assert passes(OPINION, filters) is expected


@pytest.mark.parametrize(
    "scores, kinds, percentile, expected",
    [
        # sections are measured against the query's reference heading; an opinion sits at it
        ({"usc/9/10": 0.70, "usc/9/11": 0.40, "usc/9/12": 0.30, "op/1": 0.10},
         {"usc/9/10": "statute", "usc/9/11": "statute", "usc/9/12": "statute", "op/1": "opinion"}, 50.0,
         {"usc/9/10": pytest.approx(0.30), "usc/9/11": 0.0, "usc/9/12": pytest.approx(-0.10), "op/1": 0.0}),
        ({"cfr/27/555.127": 0.5, "usc/18/842": 0.3},
         {"cfr/27/555.127": "regulation", "usc/18/842": "statute"}, 100.0,
         {"cfr/27/555.127": 0.0, "usc/18/842": pytest.approx(-0.2)}),
        # no titled document at all: nothing to measure against
        ({"op/1": 0.4, "op/2": 0.2}, {"op/1": "opinion", "op/2": "opinion"}, 90.0, {"op/1": 0.0, "op/2": 0.0}),
    ],
)
def test_headings_are_centred_on_the_query_reference(scores, kinds, percentile, expected):
    assert centred_headings(scores, kinds, percentile) == expected


@pytest.mark.parametrize(
    "model, context, built_model, built_context, problem",
    [
        ("all-MiniLM-L6-v2", 1, "all-MiniLM-L6-v2", 1, None),
        ("", 0, "adapted-minilm", 2, None),  # a calibration that records neither fits any index
        ("all-MiniLM-L6-v2", 1, "adapted-minilm", 1, "fitted for the model all-MiniLM-L6-v2, the index was built "
                                                    "with adapted-minilm"),
        ("all-MiniLM-L6-v2", 1, "all-MiniLM-L6-v2", 2, "context headers version 1, the index has version 2"),
    ],
)
def test_a_calibration_names_how_it_does_not_fit_an_index(model, context, built_model, built_context, problem):
    from types import SimpleNamespace

    calibration = Calibration(weights={"dense": 1.0}, model=model, context=context)
    manifest = SimpleNamespace(model=built_model, chunking={"version": 1, "context": built_context})
    reason = calibration.mismatch(manifest)
    assert reason == problem if problem is None else problem in reason


def test_the_shipped_calibration_records_what_it_was_fitted_for():
    shipped = load_calibration()
    assert shipped.model == "all-MiniLM-L6-v2" and shipped.context >= 1
    assert shipped.source == str(DEFAULT_CALIBRATION)


@pytest.mark.parametrize("query, keywords", [
    # keyword searches, as the user and the question set's keyword style write them
    ("evident partiality arbitrator", True),
    ("bypass DRM encryption access control circumvention prohibited", True),
    ("arbitration act exemption employment contracts seamen railroad transportation workers interstate commerce", True),
    ("ADA impairment episodic or in remission substantially limits major life activity when active", True),
    # questions, in the asker's own words
    ("Can a party vacate an arbitration award because the arbitrator was biased?", False),
    ("on what grounds can a court vacate an arbitration award", False),
    ("If I buy an original painting from an artist, do I also get the right to make and sell prints of it", False),
    ("", False),
])
def test_keyword_queries_are_told_from_questions(query, keywords):
    assert is_keyword_query(query) is keywords


def test_keyword_queries_weigh_keyword_evidence_more():
    """The issue's example: "evident partiality arbitrator" has its best BM25 in 9 U.S.C. § 10,
    whose vectors rank it below 28 U.S.C. § 655 (arbitrators in general). Features as measured."""
    calibration = replace(WEIGHTS, weights={"dense": 1.0, "heading": 0.5, "lexical": 0.05}, keyword_lexical=0.5)
    features = {"usc/9/10": {"dense": 0.395, "heading": -0.027, "lexical": 1.0},
                "usc/28/655": {"dense": 0.472, "heading": 0.126, "lexical": 0.641}}
    query = "evident partiality arbitrator"
    assert [d for d, _ in fuse(features, calibration)] == ["usc/28/655", "usc/9/10"]
    assert [d for d, _ in fuse(features, calibration.for_query(query))] == ["usc/9/10", "usc/28/655"]
    question = "Is evident partiality of the arbitrator a ground to vacate?"
    assert calibration.for_query(question) is calibration
    assert replace(calibration, keyword_lexical=0.0).for_query(query).weight("lexical") == 0.05
