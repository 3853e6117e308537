"""The shipped search's evidence for a set of questions, gathered once, and its features.

    table = evidence_table(searcher, questions, FTS_HEADING)  # {header weight: {question id: Evidence}}
    feats = centred_features(table[4.0], kinds, 99.0)          # {question id: {doc_id: {feature: value}}}

Used by the calibration (``calibrate.py``) and the oracle
(``benchmarks/relevance_ceiling.py``), so both score exactly what the search ranks on.
"""
from __future__ import annotations

from dataclasses import replace

from research.search.rank import centred_headings, document_features

FTS_HEADING = (0.5, 1.0, 2.0, 4.0)  # the keyword index's header column against the chunk's own words
PERCENTILE = (50.0, 75.0, 90.0, 95.0, 99.0)  # where a query's section-heading cosines are centred


def evidence_table(searcher, questions, fts_weights=FTS_HEADING) -> dict[float, dict[str, object]]:
    """{keyword header weight: {question id: Evidence}}; the searcher's calibration is restored."""
    shipped, table = searcher.calibration, {}
    try:
        for weight in fts_weights:
            searcher.calibration = replace(shipped, heading_weight=weight)
            table[weight] = {q.id: searcher.evidence(q.question) for q in questions}
    finally:
        searcher.calibration = shipped
    return table


def centred_features(evidence_of: dict[str, object], kinds, percentile: float) -> dict[str, dict]:
    """{question id: {doc_id: {feature: value}}}, section headings centred on ``percentile``."""
    out = {}
    for qid, e in evidence_of.items():
        heading = centred_headings(e.raw_heading, kinds, percentile)
        out[qid] = document_features(dense=e.dense, lexical=e.lexical, heading={d: heading[d] for d in e.heading})
    return out
