import pytest

from research.search.querycite import QueryCitation, find_query_citations


@pytest.mark.parametrize(
    "query, expected",
    [
        ("16 N.Y.3d 272", [QueryCitation("16 N.Y.3d 272", "", "case")]),
        ("16 N.Y.3d 272, 275", [QueryCitation("16 N.Y.3d 272", "275", "case")]),
        ("945 N.E.2d 484 at 485", [QueryCitation("945 N.E.2d 484", "485", "case")]),
        ("444 N.J. Super. 423, 431-32", [QueryCitation("444 N.J. Super. 423", "431", "case")]),
        ("17 U.S.C. § 107", [QueryCitation("17 U.S.C. § 107", "", "code")]),
        ("17 USC 107(a)", [QueryCitation("17 U.S.C. § 107", "(a)", "code")]),
        ("is it fair use under 17 U.S.C. §107?", [QueryCitation("17 U.S.C. § 107", "", "code")]),
        ("27 C.F.R. § 646.155", [QueryCitation("27 C.F.R. § 646.155", "", "code")]),
        ("42 U.S.C. § 1983(a)(1)", [QueryCitation("42 U.S.C. § 1983", "(a)(1)", "code")]),
        ("what happened in 2011 to 3 people", []),
        ("which court decides whether a dispute must go to arbitration", []),
    ],
)
def test_query_citations(query, expected):
    assert find_query_citations(query) == expected
