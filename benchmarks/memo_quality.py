"""Memo quality on questions not tuned on, beside memos written from the plain baselines.

For each question of the report half (``benchmarks/relevance/questions.py``) a memo is
written with default settings (no model) in all three formats, from the
shipped hybrid search and, in the same run, from plain BM25 and plain dense
search (``benchmarks/relevance/baselines.py``). Printed per style and per kind:

- cites: the answering (gold) authority is among the memo's authorities;
- first: the memo's first authority, as printed, is the gold one;
- quoted: some quotation covers at least 60% of the words of the evidence
  span (the question set's verbatim answer), in order (difflib matching);
- fidelity: every quotation equals ``doc.text[start:end]``, sits on the pages
  its pin cite names (or the subsection it names) and was verified by the
  checker; every citation in the memo verified (must be 100%).

Needs the default index (``research index``). Prints figures; not a test.
"""
from __future__ import annotations

import argparse
import difflib
import re
import statistics
import tempfile
import time
from pathlib import Path

from relevance import questions as Q
from relevance.baselines import PlainBM25, PlainDense, stock_encoder
from relevance.options import add_library_options, settings_from

from research import library
from research.memo.bluebook import pin_label
from research.memo.write import save, write_memo

COVERAGE = 0.6
_WORD = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    return "".join(ch.lower() for ch in text if ch.isalnum())


def coverage(evidence: str, quote: str) -> float:
    """Share of the evidence's words the quotation holds, in order."""
    want, have = _WORD.findall(evidence.lower()), _WORD.findall(quote.lower())
    if not want:
        return 0.0
    matcher = difflib.SequenceMatcher(None, want, have, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(want)


def quote_faithful(store, authority, quote, checked: set[str]) -> bool:
    doc = store.get(authority.doc_id)
    if doc is None or doc.text[quote.start:quote.end] != quote.text or fold(quote.text) not in checked:
        return False
    if doc.kind in ("statute", "regulation"):
        return quote.cite.startswith(doc.primary_citation)
    # The pin must be a page of the very reporter the quotation cites.
    page_map = next((pm for pm in doc.page_maps if quote.cite.startswith(pm.citation + ",")), None)
    if page_map is None:
        return not quote.pin and not doc.page_maps
    return pin_label(page_map.pages_between(quote.start, quote.end)) == quote.pin


def fidelity(memo, store) -> tuple[int, int]:
    """(faithful items, items): quotations and citations."""
    checked = {fold(c.found.quote) for c in memo.check.citations if c.status == "verified" and c.found.quote}
    quotes = [quote_faithful(store, a, q, checked) for a, q in memo.quotes]
    cites = [c.status == "verified" for c in memo.check.citations]
    return sum(quotes) + sum(cites), len(quotes) + len(cites)


def judge(memo, q: Q.Question, store) -> dict[str, float]:
    ids = [a.doc_id for a in memo.authorities]
    quoted = any(coverage(q.evidence, quote.text) >= COVERAGE for a, quote in memo.quotes if a.doc_id in q.gold)
    good, total = fidelity(memo, store)
    return {"cites": float(any(g in ids for g in q.gold)), "first": float(bool(ids) and ids[0] in q.gold),
            "quoted": float(quoted), "faithful": good, "items": total}


def run(questions: list[Q.Question], searcher, store, out_dir: Path, k: int) -> tuple[dict, list[float]]:
    results, seconds = {}, []
    out_dir.mkdir(parents=True, exist_ok=True)
    for n, q in enumerate(questions):
        started = time.perf_counter()
        memo = write_memo(q.question, searcher=searcher, store=store, k=k)
        seconds.append(time.perf_counter() - started)
        results[q.id] = judge(memo, q, store)
        for suffix in (".md", ".html", ".docx"):
            save(memo, out_dir / f"memo{n:02d}{suffix}")
    return results, seconds


def print_table(questions: list[Q.Question], runs: dict[str, dict]) -> None:
    for label, group in Q.groups(questions):
        print(f"{label} ({len(group)} questions)")
        for name, results in runs.items():
            rows = [results[q.id] for q in group]
            means = {m: sum(r[m] for r in rows) / len(rows) for m in ("cites", "first", "quoted")}
            print(f"  {name:<14} " + "  ".join(f"{m} {v:.3f}" for m, v in means.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_library_options(parser)
    parser.add_argument("--questions", type=Path, default=Q.STATUTE_QUESTIONS)
    parser.add_argument("--split", default="report", choices=["report", "tune", "all"])
    parser.add_argument("-k", type=int, default=5)
    parser.add_argument("--out-dir", type=Path, default=None, help="Keep the memos here (default: a temp folder).")
    args = parser.parse_args()
    settings = settings_from(args)
    questions = Q.load(args.questions)
    questions = questions if args.split == "all" else Q.split(questions)[args.split]
    with library.open_store(settings, readonly=True) as store, tempfile.TemporaryDirectory() as tmp:
        out_dir = args.out_dir or Path(tmp)
        out_dir.mkdir(parents=True, exist_ok=True)
        hybrid = library.open_searcher(settings, store)
        searchers = {"plain BM25": PlainBM25(store),
                     "plain dense": PlainDense(store, stock_encoder(settings, hybrid), library.vector_cache(settings)),
                     "shipped": hybrid}
        runs, times = {}, {}
        for name, searcher in searchers.items():
            runs[name], times[name] = run(questions, searcher, store, out_dir / name.replace(" ", "-"), args.k)
    print(f"{len(questions)} questions ({args.split} half of {args.questions.name}); memos written in .md, .html, .docx")
    print_table(questions, runs)
    for name, results in runs.items():
        good = sum(r["faithful"] for r in results.values())
        items = sum(r["items"] for r in results.values())
        print(f"{name}: fidelity {good}/{items} = {100 * good / max(items, 1):.1f}% (quotations verbatim on their "
              f"pin page, citations verified); median {statistics.median(times[name]):.2f} s a memo")


if __name__ == "__main__":
    main()
