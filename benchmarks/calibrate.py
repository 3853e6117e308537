"""Fit the search fusion weights on the tune half, by cross-validation, and save them.

    python benchmarks/calibrate.py [--out research/search/calibration.json] [--folds 5]

Only the *tune* half of the fixed split (``benchmarks/questions.py``) is
read. Each question's evidence (chunk cosines, heading cosines, BM25) is
computed once by the shipped ``Searcher``; a grid of weights is then scored
on it (recall@10 plus MRR, document level). The cross-validated estimate
picks the weights on k-1 folds and scores them on the fold left out; the
saved weights are the best on the whole tune half. Needs the default index.
"""
from __future__ import annotations

import argparse
import itertools
from dataclasses import replace
from datetime import date
from pathlib import Path

import questions as Q

from research import library
from research.search.rank import DEFAULT_CALIBRATION, Calibration, document_features, fuse, load_calibration
from research.settings import Settings

HEADING = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.7, 1.0)
LEXICAL = (0.0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5)
FTS_HEADING = (0.5, 1.0, 2.0, 4.0)


def evidence_table(searcher, questions, fts_weights) -> dict[float, dict[str, dict]]:
    """{fts heading weight: {question id: document features}}."""
    table = {}
    for weight in fts_weights:
        searcher.calibration = replace(searcher.calibration, heading_weight=weight)
        table[weight] = {}
        for q in questions:
            e = searcher.evidence(q.question)
            table[weight][q.id] = document_features(dense=e.dense, lexical=e.lexical, heading=e.heading)
    return table


def objective(features_by_q: dict[str, dict], questions, calibration: Calibration) -> float:
    total = 0.0
    for q in questions:
        ranked = [doc_id for doc_id, _ in fuse(features_by_q[q.id], calibration)[:10]]
        rank = next((i for i, d in enumerate(ranked, 1) if d in q.gold), None)
        total += (1.0 + 1.0 / rank) if rank else 0.0
    return total / max(len(questions), 1)


def grid(base: Calibration):
    for fts, h, lx in itertools.product(FTS_HEADING, HEADING, LEXICAL):
        yield replace(base, heading_weight=fts, weights={"dense": 1.0, "heading": h, "lexical": lx})


def best(table, questions, base: Calibration) -> tuple[Calibration, float]:
    scored = [(objective(table[c.heading_weight], questions, c), -c.weights["lexical"], -c.weights["heading"], c)
              for c in grid(base)]
    top = max(scored, key=lambda row: row[:3])
    return top[3], top[0]


def folds(questions, k: int):
    ordered = sorted(questions, key=lambda q: (q.style, q.id))
    return [ordered[i::k] for i in range(k)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_CALIBRATION)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--home", type=Path, default=None)
    args = parser.parse_args()
    settings = Settings() if args.home is None else Settings(home=args.home)
    tune = Q.split(Q.load())["tune"]
    with library.open_store(settings) as store:
        searcher = library.open_searcher(settings, store)
        table = evidence_table(searcher, tune, FTS_HEADING)
        model = searcher.encoder.name
    base = load_calibration()
    held = []
    for i, fold in enumerate(folds(tune, args.folds)):
        rest = [q for q in tune if q not in fold]
        chosen, _ = best(table, rest, base)
        held.append(objective(table[chosen.heading_weight], fold, chosen) * len(fold))
        print(f"fold {i + 1}: weights {dict(chosen.weights)}, fts heading {chosen.heading_weight}, "
              f"held-out recall@10+MRR {held[-1] / len(fold):.3f}")
    chosen, score = best(table, tune, base)
    cv = sum(held) / len(tune)
    final = replace(chosen, model=model, fitted_on=(
        f"{Q.STATUTE_QUESTIONS.name}, tune half ({len(tune)} questions), {args.folds}-fold cross-validation, "
        f"{date.today().isoformat()}"),
        notes={"objective": "recall@10 + MRR on the tune half", "cv_objective": round(cv, 4),
               "tune_objective": round(score, 4), "grid": {"heading": HEADING, "lexical": LEXICAL,
                                                           "fts_heading": FTS_HEADING}})
    final.save(args.out)
    print(f"cross-validated recall@10+MRR {cv:.3f}; on the whole tune half {score:.3f}")
    print(f"saved {dict(final.weights)}, fts heading {final.heading_weight} to {args.out}")


if __name__ == "__main__":
    main()
