import pytest

from research.search.retrieve import passes, reciprocal_rank_fusion
from research.types import Document, SearchFilters


@pytest.mark.parametrize(
    "rankings, k, expected_order",
    [
        ([["a", "b", "c"], ["a", "b", "c"]], 60, ["a", "b", "c"]),
        # an item both methods find beats items only one finds at the top
        ([["a", "x"], ["b", "x"]], 1, ["x", "a", "b"]),
        ([["a", "b"], []], 60, ["a", "b"]),
        ([[], []], 60, []),
    ],
)
def test_reciprocal_rank_fusion_order(rankings, k, expected_order):
    assert [item for item, _ in reciprocal_rank_fusion(rankings, k=k)] == expected_order


def test_rrf_scores_are_the_sum_of_reciprocal_ranks():
    fused = dict(reciprocal_rank_fusion([["a", "b"], ["b"]], k=60))
    assert fused["b"] == pytest.approx(1 / 62 + 1 / 61)
    assert fused["a"] == pytest.approx(1 / 61)


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


def test_weights_scale_each_ranking():
    fused = dict(reciprocal_rank_fusion([["a"], ["b"]], k=10, weights=(0.2, 1.0)))
    assert fused["a"] == pytest.approx(0.2 / 11) and fused["b"] == pytest.approx(1 / 11)
