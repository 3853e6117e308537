"""False alarms on real published text: how often does the checker flag a
citation (warning or invalid) in opinions that courts published?

The yardstick is the shared real opinions as the project ships them in
corpora/ (built from ../shared/data/opinions: CourtListener texts, Supreme
Court OT2016, Fastcase, CAP v1, Fisher), split BY DOCUMENT into a fixed
tuning half and a report half:

    within each corpus file, documents are sorted by the SHA-256 of their id;
    even positions (0, 2, 4, ...) are the tuning half, odd positions the
    report half.

Brief-style texts written for this project (tests/assets/briefs/real_style/)
belong to the tuning half. Figures to quote are the report half's; the
tuning half is printed separately, never mixed in.

Every opinion is also a library document, and the citation directory was
built from the opinions' own citations, so checking an opinion against the
shipped library would find itself ("verified" by its own text, its own
names and years in the directory). Each document is therefore checked
leave-one-out: the library without that document, and a directory built
from every other opinion (the library still knows the other cases).

Printed per half: citations found, raw eyecite's citation count on the same
texts (``get_citations`` on each whole text, the baseline), statuses, flags
per 100 citations (warning + invalid), and flags per problem code and per
status. A sample of 30 flagged citations of the report half, with 200
characters of context either side, is written for a human to judge.

Usage: python benchmarks/real_text_flags.py [--home DIR] [--sample PATH]
       [--no-eyecite] [--half report|tuning|both] [--seed 12]
"""
from __future__ import annotations

import argparse
import hashlib
import logging
import random
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from research.settings import PROJECT_ROOT, Settings
from research.types import Document

CORPORA = PROJECT_ROOT / "corpora"
OPINION_FILES = ("opinions_cap_v1", "opinions_courtlistener", "opinions_fastcase", "opinions_fisher",
                 "opinions_scotus_ot2016")
BRIEF_STYLE = PROJECT_ROOT / "tests" / "assets" / "briefs" / "real_style"
DEFAULT_SAMPLE = PROJECT_ROOT / "benchmarks" / "results" / "real_text_flags_sample.md"
FLAGGED = ("warning", "invalid")
CONTEXT = 200
SAMPLE_SIZE = 30


def _rank(doc_id: str) -> str:
    return hashlib.sha256(doc_id.encode("utf-8")).hexdigest()


def split_documents(corpora: Path = CORPORA, files: tuple[str, ...] = OPINION_FILES,
                    briefs: bool = True) -> dict[str, list[Document]]:
    """{"tuning": [...], "report": [...]}: the fixed split described above
    (also the split of benchmarks/form_precision.py, over its ``files``)."""
    from research.corpus.io import read_corpus

    halves: dict[str, list[Document]] = {"tuning": [], "report": []}
    for name in files:
        docs = sorted(read_corpus(corpora / f"{name}.jsonl.gz"), key=lambda d: _rank(d.id))
        for position, doc in enumerate(docs):
            halves["tuning" if position % 2 == 0 else "report"].append(doc)
    for path in sorted(BRIEF_STYLE.glob("*.txt")) if briefs else ():
        text = path.read_text(encoding="utf-8")
        halves["tuning"].append(Document(id=f"brief/{path.stem}", kind="document", title=path.stem, text=text))
    return halves


class WithoutDocument:
    """The library as it would be without one document (read-only use)."""

    def __init__(self, store, hidden: str) -> None:
        self._store, self._hidden = store, hidden

    def __getattr__(self, name):
        return getattr(self._store, name)

    def get(self, doc_id: str):
        return None if doc_id == self._hidden else self._store.get(doc_id)

    def _rows(self, rows):
        return [r for r in rows if r.doc_id != self._hidden]

    def find_citation(self, citation):
        return self._rows(self._store.find_citation(citation))

    def find_statute(self, title, code, section):
        return self._rows(self._store.find_statute(title, code, section))

    def citations_in_volume(self, reporter, volume):
        return self._rows(self._store.citations_in_volume(reporter, volume))

    def lexical_search(self, query, **kwargs):
        prefix = self._hidden + "#"
        return [hit for hit in self._store.lexical_search(query, **kwargs) if not hit[0].startswith(prefix)]


class LeaveOneOutDirectory:
    """The shipped directory's recipe (research.citations.build_directory)
    applied to every library opinion but one."""

    def __init__(self, library_docs: list[Document], found: dict[str, list]) -> None:
        from research.citations.build_directory import citing_entries, library_rows
        from research.rules import reporter_key

        self._own: dict[tuple, list] = defaultdict(list)
        self._cited: dict[tuple, list] = defaultdict(list)
        for doc in library_docs:
            for row in library_rows([doc]):
                self._own[(row.volume, reporter_key(row.reporter), row.page.lower())].append((doc.id, row))
            for key, entry in citing_entries(doc, found.get(doc.id, ())):
                self._cited[key].append((doc.id, entry))
        self._blank: dict[tuple, list] = defaultdict(list)
        for key in self._cited:
            if key[2].startswith("~"):
                self._blank[key[:2]].append(key)
        self.hidden = ""
        self._key = reporter_key

    def lookup(self, volume: str, reporter: str, page: str):
        from research.citations.build_directory import most_common

        key = (volume, self._key(reporter), page.lower())
        own = [row for doc_id, row in self._own.get(key, ()) if doc_id != self.hidden]
        if own or key in self._own:
            return own  # the shipped directory never mixes the two kinds of row
        keys = self._blank.get(key[:2], ()) if not page else (key,)  # "572 U. S. ___": all named in the volume
        rows = []
        for each in keys:
            cited = [entry for doc_id, entry in self._cited.get(each, ()) if doc_id != self.hidden]
            rows += [most_common(cited)] if cited else []
        return rows


@dataclass
class Tally:
    documents: int = 0
    characters: int = 0
    citations: int = 0
    eyecite: int = 0
    statuses: Counter = field(default_factory=Counter)
    codes: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    kinds: Counter = field(default_factory=Counter)
    flagged: list = field(default_factory=list)  # (doc id, text, CheckedCitation)

    def add(self, doc: Document, checked, eyecite_count: int) -> None:
        self.documents += 1
        self.characters += len(doc.text)
        self.citations += len(checked)
        self.eyecite += eyecite_count
        for item in checked:
            self.statuses[item.status] += 1
            self.kinds[item.found.kind] += 1
            for code in item.problems:
                self.codes[code][item.status] += 1
            if item.status in FLAGGED:
                self.flagged.append((doc.id, doc.text, item))

    def per_100(self, count: int) -> float:
        return 100.0 * count / self.citations if self.citations else 0.0


def eyecite_count(text: str) -> int:
    from eyecite import get_citations

    return len(get_citations(text))


def check_half(docs: list[Document], store, directory, found: dict[str, list], *, with_eyecite: bool,
               leave_one_out: bool = True) -> Tally:
    """``directory`` is a LeaveOneOutDirectory, or (``leave_one_out`` off) the shipped one."""
    from research.citations.validate.pipeline import check_citations

    tally = Tally()
    for doc in docs:
        library = store
        if leave_one_out:
            directory.hidden, library = doc.id, WithoutDocument(store, doc.id)
        checked = check_citations(doc.text, found[doc.id], store=library, directory=directory)
        tally.add(doc, checked, eyecite_count(doc.text) if with_eyecite else 0)
    return tally


def print_tally(name: str, tally: Tally, seconds: float) -> None:
    flagged = sum(tally.statuses[s] for s in FLAGGED)
    eyecite = f"; raw eyecite get_citations finds {tally.eyecite}" if tally.eyecite else ""
    print(f"\n== {name} half: {tally.documents} documents, {tally.characters / 1e6:.2f} MB, "
          f"{tally.citations} citations{eyecite} ({seconds:.0f} s)")
    print("   statuses: " + ", ".join(f"{s} {tally.statuses[s]}" for s in ("verified", "unverified", "warning",
                                                                            "invalid")))
    print(f"   FLAGGED (warning + invalid) per 100 citations: {tally.per_100(flagged):.2f} "
          f"({flagged} of {tally.citations}); invalid per 100: {tally.per_100(tally.statuses['invalid']):.2f}")
    if tally.eyecite:
        print(f"   the same flags per 100 of raw eyecite's citations: {100.0 * flagged / tally.eyecite:.2f}")
    print("   per problem code (citations carrying it, by status; per 100 citations):")
    for code, by_status in sorted(tally.codes.items(), key=lambda kv: -sum(kv[1].values())):
        total = sum(by_status.values())
        parts = ", ".join(f"{s} {n}" for s, n in sorted(by_status.items()))
        print(f"     {code:28s} {total:5d}  {tally.per_100(total):6.2f}  ({parts})")
    print("   kinds: " + ", ".join(f"{k} {n}" for k, n in tally.kinds.most_common()))


def write_sample(path: Path, tally: Tally, *, seed: int) -> None:
    """SAMPLE_SIZE flagged citations with context, for a human to judge."""
    rng = random.Random(seed)
    chosen = sorted(rng.sample(range(len(tally.flagged)), min(SAMPLE_SIZE, len(tally.flagged))))
    lines = ["# Flagged citations on the report half: a sample to judge", "",
             f"{len(chosen)} of {len(tally.flagged)} flagged citations, drawn with random.Random({seed}). "
             "For each: is the flag a real problem in the text (yes / no)?", ""]
    for n, i in enumerate(chosen, start=1):
        doc_id, text, item = tally.flagged[i]
        found = item.found
        before = text[max(0, found.start - CONTEXT):found.start]
        after = text[found.end:found.end + CONTEXT]
        lines += [f"## {n}. {doc_id}: `{found.text}` ({found.kind}) {item.status.upper()}", "",
                  *[f"- {code}: {message}" for code, message in zip(item.problems, item.messages)], "",
                  "```", (before + "[[" + text[found.start:found.end] + "]]" + after).replace("```", "'''"),
                  "```", "", "Judgement: ", ""]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    print(f"\nSample of {len(chosen)} flagged citations written to {path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, default=None, help="library folder (default: the project's)")
    parser.add_argument("--sample", type=Path, default=DEFAULT_SAMPLE, help="where to write the sample")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--half", choices=("report", "tuning", "both"), default="both")
    parser.add_argument("--no-eyecite", action="store_true", help="skip the raw eyecite baseline (slow)")
    parser.add_argument("--self-included", action="store_true",
                        help="check against the whole shipped library and directory, each document's own "
                             "entries included (as a user would; inflates 'verified')")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    from research.citations.extract.pipeline import extract_citations
    from research.library import open_library

    halves = split_documents()
    settings = Settings() if args.home is None else Settings(home=args.home)
    everything = [doc for docs in halves.values() for doc in docs]
    t0 = time.perf_counter()
    found = {doc.id: extract_citations(doc.text) for doc in everything}
    print(f"Extracted {sum(map(len, found.values()))} citations from {len(everything)} documents "
          f"in {time.perf_counter() - t0:.0f} s (tuning {len(halves['tuning'])}, report {len(halves['report'])}).")
    library_docs = [doc for doc in everything if doc.kind == "opinion"]
    directory = LeaveOneOutDirectory(library_docs, found)
    if args.self_included:
        from research.library import open_directory

        directory = open_directory(settings)
        print("SELF INCLUDED: each document is checked against a library and directory that hold it.")
    wanted = ("tuning", "report") if args.half == "both" else (args.half,)
    with open_library(settings) as store:
        for name in wanted:
            t0 = time.perf_counter()
            tally = check_half(halves[name], store, directory, found, with_eyecite=not args.no_eyecite,
                               leave_one_out=not args.self_included)
            print_tally(name, tally, time.perf_counter() - t0)
            if name == "report":
                write_sample(args.sample, tally, seed=args.seed)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
