"""Citation-check speed, end to end (read, extract, resolve, validate).

In one run:
  (a) a 1 MB brief-like document checked whole with validation and form (target < 10 s);
  (b) throughput on ordinary briefs (10-50 KB): ``research.citations.check`` versus
      eyecite called directly (get_citations + resolve_citations) on the same text;
  (c) cold ``research check brief.txt`` wall time, 3 runs (target < 2 s).

The documents are real text: paragraphs of the brief excerpts in
tests/assets/briefs/ and of library opinions, each followed by citations to
library opinions (official and parallel cites, pin cites on the right page,
quotations copied from the cited page, id. and short forms) and to library
statute sections, about one citation per 450 characters like a dense brief.

Usage: python benchmarks/check_speed.py [--home DIR] [--size 1000000] [--briefs 12]
"""
from __future__ import annotations

import argparse
import logging
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from research.settings import PROJECT_ROOT, Settings

BRIEFS = PROJECT_ROOT / "tests" / "assets" / "briefs"
_SENTENCE = re.compile(r"(?<=[.!?] )[A-Z][^\"“”\n\[\]]{40,180}?[a-z]{3}\.(?= )")


@dataclass(frozen=True)
class Source:
    """A library opinion with sentences to quote and the page each sits on."""

    name: str
    year: str
    cites: tuple[str, ...]  # official first, then parallels
    quotes: tuple[tuple[str, str], ...]  # (sentence, page)


def load_sources(store, limit: int = 200) -> tuple[list[Source], list[str], list[str]]:
    """Opinions to cite, statute citations, and opinion paragraphs to pad with."""
    sources, paragraphs = [], []
    for doc in store.iter_documents(kind="opinion"):
        paragraphs += [p.strip() for p in doc.text.split("\n\n") if 200 < len(p.strip()) < 1200][:20]
        page_map = doc.page_maps[0] if doc.page_maps else None
        if page_map is None or not doc.citations or not doc.title or len(sources) >= limit:
            continue
        quotes = tuple((m.group(0), page_map.page_at(m.start())) for m in _SENTENCE.finditer(doc.text))
        if quotes:
            sources.append(Source(_short(doc.title), doc.year, tuple(p.citation for p in doc.page_maps), quotes[:40]))
    statutes = [doc.primary_citation for doc in store.iter_documents(kind="statute")]
    return sources, [s for s in statutes[::7] if "§" in s], paragraphs


def _short(title: str) -> str:
    return " ".join(title.split()[:8])


def _brief_paragraphs() -> list[str]:
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(BRIEFS.glob("*.txt")))
    return [p.strip() for p in re.split(r"\n\s*\n", text) if len(p.strip()) > 120]


def citation_sentence(rng: random.Random, source: Source, statutes: list[str]) -> str:
    quote, page = rng.choice(source.quotes)
    cite = source.cites[0]
    volume, _, rest = cite.partition(" ")
    parallel = f", {source.cites[1]}" if len(source.cites) > 1 and rng.random() < 0.5 else ""
    parts = [f"The court held that “{quote[:-1]}.” {source.name}, {cite}, {page}{parallel} ({source.year})."]
    if rng.random() < 0.5:
        parts.append(f"Id. at {page}.")
    if rng.random() < 0.3:
        reporter = rest.rsplit(" ", 1)[0]
        parts.append(f"See {source.name.split(' v. ')[0]}, {volume} {reporter} at {page}.")
    if rng.random() < 0.4:
        parts.append(f"See also {rng.choice(statutes)}.")
    return " ".join(parts)


def build_document(size: int, sources, statutes, paragraphs, *, seed: int) -> str:
    rng = random.Random(seed)
    parts, total = [], 0
    while total < size:
        block = rng.choice(paragraphs)
        if rng.random() < 0.6:
            block += " " + citation_sentence(rng, rng.choice(sources), statutes)
        parts.append(block)
        total += len(block) + 2
    return "\n\n".join(parts)


def measure_big(path: Path, store, directory) -> None:
    from research.citations import check_file
    from research.citations.form import form_report

    t0, c0 = time.perf_counter(), time.process_time()
    report = check_file(path, store=store, directory=directory)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    verdict = "meets" if seconds < 10 else "MISSES"
    t0 = time.perf_counter()
    form_report(report)  # the form step alone, again: its share of the time above
    form = time.perf_counter() - t0
    print(f"(a) {path.stat().st_size / 1e6:.2f} MB document, {len(report.citations)} citations "
          f"{report.summary}: {seconds:.2f} s end to end ({verdict} the 10 s target; CPU {cpu:.2f} s), of which "
          f"the form check ({sum(1 for c in report.citations if c.form)} citations flagged) {form:.2f} s")


def _eyecite_direct(text: str) -> int:
    from eyecite import get_citations, resolve_citations

    found = get_citations(text)
    resolve_citations(found)
    return len(found)


def measure_throughput(briefs: list[str], store, directory) -> None:
    from research.citations.extract.pipeline import extract_citations
    from research.citations.validate.pipeline import check_text

    def ours(text: str) -> int:
        return len(check_text(text, store=store, directory=directory).citations)

    runners = (("eyecite get_citations + resolve_citations", _eyecite_direct),
               ("research extraction only", lambda t: len(extract_citations(t))),
               ("research check (extract + validate)", ours))
    for _, run in runners:  # warm up: compile the reporter regexes once
        run(briefs[0][:5000])
    chars = sum(len(b) for b in briefs)
    print(f"(b) {len(briefs)} briefs of {min(map(len, briefs)) // 1000}-{max(map(len, briefs)) // 1000} KB, "
          f"{chars / 1e3:.0f} KB in all, warm process:")
    timings = {}
    for label, run in runners:
        t0 = time.perf_counter()
        count = sum(run(b) for b in briefs)
        timings[label] = time.perf_counter() - t0
        print(f"    {label:42s} {timings[label]:6.2f} s  {chars / timings[label] / 1e3:7.0f} KB/s  {count} citations")
    eyecite_s = timings[runners[0][0]]
    for label, _ in runners[1:]:
        print(f"    throughput ratio {label} / eyecite: {eyecite_s / timings[label]:.2f}x")


def measure_cold(home: Path, brief: Path, runs: int = 3) -> None:
    exe = shutil.which("research", path=str(Path(sys.executable).parent)) or ""
    command = [exe] if exe else [sys.executable, "-m", "research"]
    print(f"(c) cold `research check {brief.name}` ({brief.stat().st_size / 1e3:.1f} KB), wall time:")
    for run in range(1, runs + 1):
        t0, before = time.perf_counter(), _children_cpu()
        done = subprocess.run(command + ["--home", str(home), "check", str(brief), "--format", "json"],
                              capture_output=True, text=True)
        seconds, cpu = time.perf_counter() - t0, _children_cpu() - before
        if done.returncode not in (0, 1):
            raise SystemExit(f"research check failed ({done.returncode}): {done.stderr}")
        verdict = "meets" if seconds < 2 else "MISSES"
        print(f"    run {run}: {seconds:.2f} s ({verdict} the 2 s target; CPU {cpu:.2f} s)")


def _children_cpu() -> float:
    """User and system CPU seconds of finished child processes: on a loaded machine
    (the load average is printed) wall time overstates what a check costs."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, default=None, help="library folder (default: the project's)")
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--briefs", type=int, default=12)
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # eyecite's overlap warnings, when called directly
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    from research import library

    settings = Settings() if args.home is None else Settings(home=args.home)
    with library.open_library(settings) as store, tempfile.TemporaryDirectory() as tmp:
        directory = library.open_directory(settings)
        sources, statutes, paragraphs = load_sources(store)
        paragraphs += _brief_paragraphs() * 5
        big = Path(tmp) / "big_brief.txt"
        big.write_text(build_document(args.size, sources, statutes, paragraphs, seed=1)[:args.size], encoding="utf-8")
        measure_big(big, store, directory)
        rng = random.Random(2)
        briefs = [build_document(rng.randint(10_000, 50_000), sources, statutes, paragraphs, seed=10 + i)
                  for i in range(args.briefs)]
        measure_throughput(briefs, store, directory)
        brief = Path(tmp) / "brief.txt"
        brief.write_text(briefs[0], encoding="utf-8")
        measure_cold(settings.home, brief)


if __name__ == "__main__":
    main()
