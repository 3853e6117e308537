"""Form flags on real published text: how many citations of opinions that
courts published does the form check mark, per code, and which?

Yardsticks (the shared real opinions as the project ships them in
corpora/, built from ../shared/data/opinions):
  * bluebook: every opinion of corpora/opinions_{cap_v1,courtlistener,fastcase}
    except the Supreme Court's own, checked with --style bluebook;
  * scotus:   the Supreme Court's OT2016 slip opinions
    (corpora/opinions_scotus_ot2016), checked with --style scotus.

Fixed split BY DOCUMENT (the same as benchmarks/real_text_flags.py): within
each corpus file, documents are sorted by the SHA-256 of their id; even
positions are the tuning half, odd positions the report half. The rules were
tuned on the tuning half only; the figures to quote are the report half's.

Printed per yardstick and half: citations found (and raw eyecite's count on
the same texts, the extraction baseline), form flags per 100 citations, per
code, and a naive baseline: flagging every reporter not written exactly as
its reporters-db edition (what a form check without styles and spacing rules
would say). A sample of flags with 150 characters of context either side is
written for a person to judge (benchmarks/results/form_sample_<style>_<half>.md);
the judged counts go in the report.

Usage: python benchmarks/form_precision.py [--half report|tuning|both]
       [--style bluebook|scotus|both] [--sample 60] [--seed 13] [--no-eyecite]
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from research.settings import PROJECT_ROOT
from research.types import FORM_CODES, Document

CORPORA = PROJECT_ROOT / "corpora"
RESULTS = PROJECT_ROOT / "benchmarks" / "results"
YARDSTICKS = {
    "bluebook": ("opinions_cap_v1", "opinions_courtlistener", "opinions_fastcase"),
    "scotus": ("opinions_scotus_ot2016",),
}
SUPREME_COURT = "Supreme Court of the United States"
CONTEXT = 150


def split(style: str, corpora: Path = CORPORA) -> dict[str, list[Document]]:
    """{"tuning": [...], "report": [...]}: benchmarks/real_text_flags.py's
    split of the style's corpus files (the Court's own opinions measured
    under --style scotus only)."""
    from real_text_flags import split_documents

    halves = split_documents(corpora, YARDSTICKS[style], briefs=False)
    if style == "bluebook":
        halves = {half: [d for d in docs if d.court != SUPREME_COURT] for half, docs in halves.items()}
    return halves


@dataclass
class Tally:
    documents: int = 0
    citations: int = 0
    eyecite: int = 0
    naive: int = 0
    codes: Counter = field(default_factory=Counter)
    flagged_citations: int = 0
    flags: list = field(default_factory=list)  # (doc, CheckedCitation, FormIssue)

    def per_100(self, count: int) -> float:
        return 100.0 * count / self.citations if self.citations else 0.0


def check_doc(doc: Document, style: str):
    from research.citations.extract import extract_citations
    from research.citations.form import check_form
    from research.citations.validate import check_citations

    found = extract_citations(doc.text)
    return check_form(doc.text, check_citations(doc.text, found, store=None), style)


def naive_flags(text: str, checked) -> int:
    """Reporters not written exactly as their reporters-db edition."""
    return sum(1 for item in checked if item.found.kind == "case" and item.found.reporter
               and item.found.reporter not in " ".join(text[item.found.start:item.found.end].split()))


def run_half(docs: list[Document], style: str, with_eyecite: bool) -> Tally:
    tally = Tally()
    for doc in docs:
        checked = check_doc(doc, style)
        tally.documents += 1
        tally.citations += len(checked)
        tally.naive += naive_flags(doc.text, checked)
        if with_eyecite:
            from eyecite import get_citations

            tally.eyecite += len(get_citations(doc.text))
        for item in checked:
            tally.flagged_citations += bool(item.form)
            for issue in item.form:
                tally.codes[issue.code] += 1
                tally.flags.append((doc, item, issue))
    return tally


def print_tally(style: str, half: str, tally: Tally, seconds: float) -> None:
    flags = sum(tally.codes.values())
    eyecite = f"; raw eyecite get_citations finds {tally.eyecite}" if tally.eyecite else ""
    print(f"\n== {style} / {half} half: {tally.documents} documents, {tally.citations} citations{eyecite} "
          f"({seconds:.0f} s)")
    print(f"   form flags: {flags} ({tally.per_100(flags):.2f} per 100 citations) on "
          f"{tally.flagged_citations} citations ({tally.per_100(tally.flagged_citations):.2f} per 100)")
    print(f"   naive baseline (reporter not written as its reporters-db edition): {tally.naive} "
          f"({tally.per_100(tally.naive):.2f} per 100)")
    for code in FORM_CODES:
        print(f"     {code:24s} {tally.codes[code]:5d}  {tally.per_100(tally.codes[code]):6.2f}")


def write_sample(style: str, half: str, tally: Tally, size: int, seed: int) -> Path:
    rng = random.Random(seed)
    flags = list(tally.flags)
    sample = rng.sample(flags, min(size, len(flags)))
    lines = [f"# Form flags, {style} style, {half} half: a random sample of {len(sample)} of {len(flags)}",
             "", "Judge each: would a careful cite-checker applying this style mark it too? (yes / no)", ""]
    for n, (doc, item, issue) in enumerate(sample, start=1):
        found = item.found
        lo, hi = max(0, found.start - CONTEXT), min(len(doc.text), found.end + CONTEXT)
        context = " ".join(doc.text[lo:hi].split())
        lines += [f"## {n}. {issue.code} — {doc.id}", "", f"- citation: `{' '.join(found.text.split())}`",
                  f"- message: {issue.message}", f"- suggestion: `{issue.suggestion}`",
                  f"- corrected: `{item.corrected}`", f"- context: …{context}…", "", "- judgment: ", ""]
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"form_sample_{style}_{half}.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--half", choices=("report", "tuning", "both"), default="report")
    parser.add_argument("--style", choices=("bluebook", "scotus", "both"), default="both")
    parser.add_argument("--sample", type=int, default=60)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--no-eyecite", action="store_true", help="skip the raw eyecite baseline count")
    args = parser.parse_args(argv)
    styles = ("bluebook", "scotus") if args.style == "both" else (args.style,)
    halves = ("tuning", "report") if args.half == "both" else (args.half,)
    for style in styles:
        docs = split(style)
        for half in halves:
            started = time.perf_counter()
            tally = run_half(docs[half], style, not args.no_eyecite)
            print_tally(style, half, tally, time.perf_counter() - started)
            print(f"   sample for hand judgment: {write_sample(style, half, tally, args.sample, args.seed)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
