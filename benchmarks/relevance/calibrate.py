"""Fit the search fusion weights on the tune half, by cross-validation, and save them.

    python benchmarks/relevance/calibrate.py [--out research/search/calibration.json] [--folds 5]

Only the *tune* half of the fixed split (``benchmarks/relevance/questions.py``) is
read, with the project's own questions on opinions
(``benchmarks/data/opinion_questions.jsonl``, weighted by ``--opinion-weight``)
so that weights fitted on statute questions do not bury every opinion. Each
question's evidence (chunk cosines, heading cosines, BM25) is computed once by
the shipped ``Searcher`` per keyword setting; a grid of weights is then scored
on it (recall@10 plus MRR, document level), then the lexical weight of keyword
queries (``rank.is_keyword_query``) with the rest fixed. The cross-validated estimate picks
the weights on k-1 folds and scores them on the fold left out; the saved
weights are the best on all of it. Needs the default index.
"""
from __future__ import annotations

import argparse
import itertools
from dataclasses import replace
from datetime import date
from pathlib import Path

import questions as Q
from evidence import FTS_HEADING, PERCENTILE, centred_features, evidence_table
from options import add_library_options, settings_from

from research import library
from research.search.rank import DEFAULT_CALIBRATION, Calibration, fuse, load_calibration

HEADING = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.7, 1.0)
LEXICAL = (0.0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5)
KEYWORD_LEXICAL = (0.0, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0)  # 0: as for questions


_FEATURES: dict[tuple, dict] = {}


def features(table, kinds, calibration: Calibration) -> dict[str, dict]:
    """Document features per question, computed once per keyword and heading setting."""
    key = (id(table), calibration.heading_weight, calibration.heading_percentile)
    if key not in _FEATURES:
        _FEATURES[key] = centred_features(table[calibration.heading_weight], kinds, calibration.heading_percentile)
    return _FEATURES[key]


def objective(table, kinds, questions, calibration: Calibration, opinion_weight: float) -> float:
    total = weights = 0.0
    per_q = features(table, kinds, calibration)
    for q in questions:
        ranked = [doc_id for doc_id, _ in fuse(per_q[q.id], calibration.for_query(q.question))[:10]]
        rank = next((i for i, d in enumerate(ranked, 1) if d in q.gold), None)
        weight = opinion_weight if q.kind == "opinion" else 1.0
        total += weight * ((1.0 + 1.0 / rank) if rank else 0.0)
        weights += weight
    return total / max(weights, 1e-9)


def grid(base: Calibration):
    for fts, p, h, lx in itertools.product(FTS_HEADING, PERCENTILE, HEADING, LEXICAL):
        yield replace(base, heading_weight=fts, heading_percentile=p,
                      weights={"dense": 1.0, "heading": h, "lexical": lx})


def best(table, kinds, questions, base: Calibration, opinion_weight: float, *,
         keyword_only: bool = False) -> tuple[Calibration, float]:
    """The best of the grid (ties: the smaller weights), then the best keyword-query lexical
    weight; with ``keyword_only`` the other weights stay as ``base`` has them."""
    chosen = replace(base, keyword_lexical=0.0)
    if not keyword_only:
        scored = [(objective(table, kinds, questions, c, opinion_weight), -c.weights["lexical"],
                   -c.weights["heading"], c) for c in grid(chosen)]
        chosen = max(scored, key=lambda row: row[:3])[3]
    keyword = [(objective(table, kinds, questions, replace(chosen, keyword_lexical=w), opinion_weight), -w, w)
               for w in KEYWORD_LEXICAL]
    score, _, weight = max(keyword)
    return replace(chosen, keyword_lexical=weight), score


def folds(questions, k: int):
    ordered = sorted(questions, key=lambda q: (q.style, q.id))
    return [ordered[i::k] for i in range(k)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_CALIBRATION)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--opinion-weight", type=float, default=0.5)
    add_library_options(parser)
    parser.add_argument("--keyword-only", action="store_true",
                        help="fit only the keyword-query lexical weight; keep the other weights of the shipped file")
    args = parser.parse_args()
    settings = settings_from(args)
    tune = Q.split(Q.load())["tune"] + Q.load(Q.OPINION_QUESTIONS)
    with library.open_store(settings) as store:
        searcher = library.open_searcher(settings, store)
        table = evidence_table(searcher, tune, FTS_HEADING)
        kinds, model = searcher.dense.kinds, searcher.encoder.name
        context = int(searcher.dense.manifest.chunking.get("context", 0))
    base = load_calibration(args.calibration)  # --keyword-only keeps its other weights
    held = []
    for i, fold in enumerate(folds(tune, args.folds)):
        rest = [q for q in tune if q not in fold]
        chosen, _ = best(table, kinds, rest, base, args.opinion_weight, keyword_only=args.keyword_only)
        held.append(objective(table, kinds, fold, chosen, args.opinion_weight))
        print(f"fold {i + 1}: weights {dict(chosen.weights)}, keyword lexical {chosen.keyword_lexical}, fts heading "
              f"{chosen.heading_weight}, percentile {chosen.heading_percentile}: held-out recall@10+MRR {held[-1]:.3f}")
    chosen, score = best(table, kinds, tune, base, args.opinion_weight, keyword_only=args.keyword_only)
    cv = sum(held) / len(held)
    kept = "; only keyword_lexical fitted, the other weights kept" if args.keyword_only else ""
    final = replace(chosen, model=model, context=context, fitted_on=(
        f"{Q.STATUTE_QUESTIONS.name}, tune half ({len(tune) - len(Q.load(Q.OPINION_QUESTIONS))} questions), and "
        f"{Q.OPINION_QUESTIONS.name} (weight {args.opinion_weight}); {args.folds}-fold cross-validation, "
        f"{date.today().isoformat()}{kept}"),
        notes={"objective": "recall@10 + MRR", "cv_objective": round(cv, 4), "fit_objective": round(score, 4),
               "grid": {"heading": HEADING, "lexical": LEXICAL, "fts_heading": FTS_HEADING,
                        "heading_percentile": PERCENTILE, "keyword_lexical": KEYWORD_LEXICAL}})
    final.save(args.out)
    print(f"cross-validated recall@10+MRR {cv:.3f}; on all of it {score:.3f}")
    print(f"saved {dict(final.weights)}, keyword lexical {final.keyword_lexical}, fts heading {final.heading_weight}, percentile "
          f"{final.heading_percentile} to {args.out}")


if __name__ == "__main__":
    main()
