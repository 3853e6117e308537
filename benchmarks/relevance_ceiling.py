"""How far could any weighting of the shipped search's evidence go? An oracle, on purpose.

For each question the shipped ``Searcher`` gathers its evidence (chunk
cosines, heading cosines, BM25; ``research.search.rank``) once for each
weight of the header column in the keyword index. The fusion weights, that
header weight and the heading percentile are then searched over a wide grid
*on the very questions scored*, which no shipped setting may do: the figures
are an upper bound for fusing these features, not an estimate of anything
users will see. Printed per half:

- plain BM25 and plain dense, and the shipped weights (same run);
- the best recall@10, recall@1 and "first statute" (the gold section is the
  best-ranked statute or regulation, what a memo leads with) that any one
  setting reaches on the whole half;
- the same with a separate best setting for every question (looser still);
- the questions no setting brings into the top 10, and that bound by style and kind.

If even the oracle stays below a goal, no calibration of these features can
meet it (the candidate documents are the shipped search's): the features must
change (another model, other evidence). Needs the default index. Prints
figures; not a test.

    python benchmarks/relevance_ceiling.py [--split report|tune|both|all] [--home H --model M --calibration C]
"""
from __future__ import annotations

import argparse
import itertools
from pathlib import Path

from relevance import questions as Q
from relevance.evidence import FTS_HEADING, PERCENTILE, centred_features, evidence_table
from relevance.options import add_library_options, settings_from
from search_quality import ranks, searchers

from research import library
from research.search.rank import TITLED_KINDS, Calibration, fuse

HEADING = (0.0, 0.1, 0.2, 0.3, 0.4, 0.6, 0.8, 1.0, 1.5, 2.0, 3.0)
LEXICAL = (0.0, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0, 2.0)
WEIGHTS = tuple({"dense": 1.0, "heading": h, "lexical": lx} for h, lx in itertools.product(HEADING, LEXICAL))


def positions(features: dict, q: Q.Question, calibration: Calibration, kinds: dict) -> tuple[int | None, bool]:
    """The gold document's rank under ``calibration`` (None: not a candidate), and
    whether it is the best-ranked statute or regulation."""
    ranked = [doc_id for doc_id, _ in fuse(features, calibration)]
    rank = next((i for i, d in enumerate(ranked, 1) if d in q.gold), None)
    titled = [d for d in ranked if kinds.get(d) in TITLED_KINDS]
    return rank, bool(titled) and titled[0] in q.gold


def score(table: list[tuple[int | None, bool]]) -> tuple[int, int, int]:
    """(in the top 10, first, first statute) counts."""
    return (sum(r is not None and r <= 10 for r, _ in table), sum(r == 1 for r, _ in table),
            sum(first for _, first in table))


def grid(table: dict[float, dict], kinds: dict):
    """(label, {question id: features}, Calibration) for every setting of the grid."""
    for fts, percentile in itertools.product(FTS_HEADING, PERCENTILE):
        feats = centred_features(table[fts], kinds, percentile)
        for weights in WEIGHTS:
            label = (f"header {fts}, percentile {percentile:g}, heading {weights['heading']}, "
                     f"lexical {weights['lexical']}")
            yield label, feats, Calibration(weights=weights)


def oracle(table: dict[float, dict], questions: list[Q.Question], kinds: dict) -> dict[str, object]:
    """Best counts over the grid (one setting for all), and per question (a setting each)."""
    best = {name: (-1, "") for name in ("r@10", "r@1", "first statute")}
    top10, first, first_law = set(), set(), set()
    for label, feats, calibration in grid(table, kinds):
        found = {q.id: positions(feats[q.id], q, calibration, kinds) for q in questions}
        for name, count in zip(best, score(list(found.values()))):
            best[name] = max(best[name], (count, label), key=lambda pair: pair[0])
        top10 |= {qid for qid, (r, _) in found.items() if r is not None and r <= 10}
        first |= {qid for qid, (r, _) in found.items() if r == 1}
        first_law |= {qid for qid, (_, law) in found.items() if law}
    never = [q.id for q in questions if q.id not in top10]
    return {"best": best, "loose": (len(top10), len(first), len(first_law)), "never": never}


def report(name: str, questions: list[Q.Question], runs: dict, table: dict[float, dict], kinds: dict,
           shipped: Calibration) -> None:
    n = len(questions)
    print(f"\n{name} half: {n} questions")
    for label, found in runs.items():
        r10 = sum(found[q.id] is not None for q in questions)
        r1 = sum(found[q.id] == 1 for q in questions)
        print(f"  {label:<34} r@10 {r10 / n:.3f}  r@1 {r1 / n:.3f}")
    feats = centred_features(table[shipped.heading_weight], kinds, shipped.heading_percentile)
    r10, r1, first = score([positions(feats[q.id], q, shipped.for_query(q.question), kinds)
                               for q in questions])
    print(f"  {'shipped weights (fusion only)':<34} r@10 {r10 / n:.3f}  r@1 {r1 / n:.3f}  "
          f"first statute {first / n:.3f}")
    result = oracle(table, questions, kinds)
    for measure, (count, label) in result["best"].items():
        print(f"  oracle, one setting, best {measure:<13} {count / n:.3f} ({count}/{n}) at {label}")
    loose = result["loose"]
    print(f"  oracle, a setting per question     r@10 {loose[0] / n:.3f}  r@1 {loose[1] / n:.3f}  "
          f"first statute {loose[2] / n:.3f}")
    print(f"  in no setting's top 10: {', '.join(result['never']) or 'none'}")
    groups = ", ".join(f"{label} {sum(q.id not in result['never'] for q in group) / len(group):.3f}"
                       for label, group in Q.groups(questions)[1:])
    print(f"  oracle r@10, a setting per question, by style and kind: {groups}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="both", choices=["report", "tune", "both", "all"])
    parser.add_argument("--questions", type=Path, default=Q.STATUTE_QUESTIONS)
    add_library_options(parser)
    args = parser.parse_args()
    settings = settings_from(args)
    questions = Q.load(args.questions)
    halves = {"all": questions} if args.split == "all" else Q.split(questions)
    names = list(halves) if args.split in ("both", "all") else [args.split]
    with library.open_store(settings, readonly=True) as store:
        runs = searchers(settings, store)
        hybrid = runs.pop("shipped hybrid")
        kinds = dict(hybrid.dense.kinds)
        for name in names:
            found = {label: ranks(s, halves[name]) for label, s in {**runs, "shipped hybrid": hybrid}.items()}
            report(name, halves[name], found, evidence_table(hybrid, halves[name]), kinds, hybrid.calibration)


if __name__ == "__main__":
    main()
