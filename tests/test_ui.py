"""The search page: keyword search answers while the dense index builds, then hybrid."""
from __future__ import annotations

import pytest

from research import library
from research.ui.app import build_app
from research.ui.state import AppState
from research.ui.tab_research import render_hits
from support.library import build_library


@pytest.fixture()
def unbuilt(tmp_path, small_docs, model_cache):
    return build_library(tmp_path, small_docs, model_cache=model_cache)


def test_keyword_search_answers_before_the_index_exists(unbuilt):
    state = AppState.create(unbuilt, library.BackgroundIndex(unbuilt))
    hits = state.search.hits("rule against perpetuities option to renew a lease", 5, "any")
    assert hits[0].doc_id == "op/16-ny3d-272"
    assert "meaning-based search when the index is ready" in state.search.status()


@pytest.mark.slow  # builds the dense index
def test_background_build_upgrades_search_to_hybrid(unbuilt):
    background = library.BackgroundIndex(unbuilt)
    background.start().join(timeout=600)
    assert background.error == "" and background.status == "ready"
    state = AppState.create(unbuilt, background)
    assert "hybrid" in state.search.status()
    hits = state.search.hits("which court decides whether a dispute must go to arbitration", 3, "statute")
    assert "usc/9/4" in [h.doc_id for h in hits] and {h.kind for h in hits} == {"statute"}


def test_results_are_escaped_and_show_citation_and_pin(unbuilt):
    state = AppState.create(unbuilt, library.BackgroundIndex(unbuilt))
    html = render_hits(state.search.hits("16 N.Y.3d 272, 275", 1, "any"))
    assert "16 N.Y.3d 272, 275" in html and "Bleecker" in html
    assert "<script" not in render_hits([])


def test_app_builds_with_stable_element_ids(unbuilt):
    app = build_app(AppState.create(unbuilt, library.BackgroundIndex(unbuilt)))
    ids = {getattr(block, "elem_id", None) for block in app.blocks.values()}
    assert {"search-query", "search-button", "search-results", "index-status"} <= ids
