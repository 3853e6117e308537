"""Memo quality on the development questions (``dev_questions.jsonl``).

For each question a memo is written (default settings, no model) in all three
formats, and measured:

- first authority: how often the memo's first authority (as printed:
  statutes first, then cases) is a gold document; also the top-ranked
  authority (retrieval order) and gold anywhere among the authorities;
- fidelity: every quotation equals ``doc.text[start:end]``, sits on the pages
  its pin cite names (or the subsection it names), and was verified by the
  checker with its citation; every citation in the memo verified. Reported as
  a percentage of all quotations and citations, which must be 100.

Needs the default index (``research index``). Prints figures; not a test.
"""
from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from research import library
from research.memo.write import save, write_memo
from research.memo.build import citable
from research.memo.bluebook import pin_label
from research.settings import Settings

HERE = Path(__file__).resolve().parent


def fold(text: str) -> str:
    return "".join(ch.lower() for ch in text if ch.isalnum())


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


def measure(memo, store) -> tuple[int, int]:
    """(faithful items, items): quotations and citations."""
    checked = {fold(c.found.quote) for c in memo.check.citations if c.status == "verified" and c.found.quote}
    quotes = [quote_faithful(store, a, q, checked) for a, q in memo.quotes]
    cites = [c.status == "verified" for c in memo.check.citations]
    return sum(quotes) + sum(cites), len(quotes) + len(cites)


def run(questions: list[dict], searcher, store, out_dir: Path, k: int) -> dict:
    first = top = anywhere = faithful = items = files = no_authority = citable_gold = first_citable = 0
    seconds = []
    for n, item in enumerate(questions):
        start = time.perf_counter()
        memo = write_memo(item["question"], searcher=searcher, store=store, k=k)
        seconds.append(time.perf_counter() - start)
        ids = [a.doc_id for a in memo.authorities]
        by_rank = sorted(memo.authorities, key=lambda a: a.rank)
        first += bool(ids) and ids[0] in item["gold"]
        gold_citable = any(citable(d) for d in map(store.get, item["gold"]) if d is not None)
        citable_gold += gold_citable
        first_citable += gold_citable and bool(ids) and ids[0] in item["gold"]
        top += bool(by_rank) and by_rank[0].doc_id in item["gold"]
        anywhere += any(g in ids for g in item["gold"])
        no_authority += not ids
        good, total = measure(memo, store)
        faithful, items = faithful + good, items + total
        for suffix in (".md", ".html", ".docx"):
            files += save(memo, out_dir / f"memo{n:02d}{suffix}").stat().st_size > 0
    return {"questions": len(questions), "first_authority_gold": first, "top_ranked_gold": top,
            "gold_among_authorities": anywhere, "no_authority": no_authority, "faithful": faithful,
            "items": items, "files": files, "citable_gold": citable_gold, "first_citable": first_citable, "median_seconds": statistics.median(seconds)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, default=None)
    parser.add_argument("--questions", type=Path, default=HERE / "dev_questions.jsonl")
    parser.add_argument("-k", type=int, default=5)
    parser.add_argument("--out-dir", type=Path, default=None, help="Keep the memos here (default: a temp folder).")
    args = parser.parse_args()
    settings = Settings() if args.home is None else Settings(home=args.home)
    questions = [json.loads(line) for line in args.questions.read_text().splitlines() if line.strip()]
    with library.open_store(settings, readonly=True) as store, tempfile.TemporaryDirectory() as tmp:
        out_dir = args.out_dir or Path(tmp)
        out_dir.mkdir(parents=True, exist_ok=True)
        r = run(questions, library.open_searcher(settings, store), store, out_dir, args.k)
    n = r["questions"]
    print(f"questions: {n}; memos written in .md, .html and .docx: {r['files']} files")
    print(f"first authority is gold:      {r['first_authority_gold']}/{n} = {100 * r['first_authority_gold'] / n:.1f}%")
    c = r["citable_gold"]
    print(f"  of the {c} questions whose gold can be cited (not a slip opinion without a reporter "
          f"citation): {r['first_citable']}/{c} = {100 * r['first_citable'] / max(c, 1):.1f}%")
    print(f"top-ranked authority is gold: {r['top_ranked_gold']}/{n} = {100 * r['top_ranked_gold'] / n:.1f}%")
    print(f"gold among the authorities:   {r['gold_among_authorities']}/{n} = "
          f"{100 * r['gold_among_authorities'] / n:.1f}%")
    print(f"memos with no relevant authority: {r['no_authority']}")
    fidelity = 100 * r["faithful"] / r["items"] if r["items"] else 100.0
    print(f"fidelity (quotations verbatim on their pin page, citations verified): "
          f"{r['faithful']}/{r['items']} = {fidelity:.1f}%")
    print(f"median seconds per memo: {r['median_seconds']:.2f}")


if __name__ == "__main__":
    main()
