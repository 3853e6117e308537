"""Citation extraction speed: eyecite called directly versus ours, same text.

Builds brief-like text from real legal text (CourtListener opinion texts in
/work/shared/data/opinions/courtlistener_texts, with citation snippets from
/work/shared/data/extraction-tests spliced in between paragraphs, roughly
one citation per 450 characters like a dense brief), then times:

  eyecite get_citations on one piece
  eyecite get_citations + resolve_citations on one piece
  research.citations.extract.pipeline.extract_citations (normalise, pieces, resolve)

Usage: python benchmarks/extraction_speed.py [--size 1000000] [--skip-eyecite]
Each timing runs in a fresh subprocess so that no run profits from regexes
another one compiled (eyecite compiles reporter regexes on first use).
"""
from __future__ import annotations

import argparse
import gzip
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DATA = Path("/work/shared/data")
SNIPPET_FILES = ("golden-corpus.json", "expanded-corpus.json", "statute-corpus.json",
                 "real-world-citations-2026-05-11.json")


def _snippets() -> list[str]:
    out: list[str] = []
    for name in SNIPPET_FILES:
        data = json.loads((DATA / "extraction-tests" / name).read_text())
        if isinstance(data, dict) and "samples" in data:
            data = data["samples"]
        elif isinstance(data, dict):
            data = [item for items in data.values() for item in items]
        out.extend(item["text"] for item in data if item.get("text"))
    return out


def build_brief_text(size: int, *, seed: int = 7) -> str:
    """~``size`` characters of opinion paragraphs with citation snippets."""
    rng = random.Random(seed)
    texts = json.loads(gzip.open(DATA / "opinions/courtlistener_texts/texts.json.gz").read())
    paragraphs = [p.strip() for t in texts.values() for p in t.split("\n\n") if len(p.strip()) > 80]
    snippets = _snippets()
    parts: list[str] = []
    total = 0
    i = 0
    while total < size:
        para = paragraphs[i % len(paragraphs)]
        extra = " ".join(rng.choice(snippets) + "." for _ in range(rng.randint(0, 2)))
        block = f"{para} {extra}".strip()
        parts.append(block)
        total += len(block) + 2
        i += 1
    return "\n\n".join(parts)[:size]


_RUNNERS = {
    "eyecite": "from eyecite import get_citations\nn = len(get_citations(text))",
    "eyecite+resolve": ("from eyecite import get_citations, resolve_citations\n"
                        "c = get_citations(text); resolve_citations(c); n = len(c)"),
    "ours": "from research.citations.extract.pipeline import extract_citations\nn = len(extract_citations(text))",
}


def time_in_subprocess(which: str, path: str) -> tuple[float, int]:
    code = (
        "import logging, sys, time, json\nlogging.disable(logging.WARNING)\n"
        f"text = open({path!r}, encoding='utf-8').read()\nt0 = time.perf_counter()\n"
        f"{_RUNNERS[which]}\n"
        "print(json.dumps([time.perf_counter() - t0, n]))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    seconds, count = json.loads(out.stdout.strip().splitlines()[-1])
    return seconds, count


_WARM = """
import logging, json, time
logging.disable(logging.WARNING)
from eyecite import get_citations, resolve_citations
from research.citations.extract.pipeline import extract_citations
text = open({path!r}, encoding="utf-8").read()
sizes = {sizes!r}
def eyecite_direct(t):
    resolve_citations(get_citations(t))
for size in sizes:  # warm both up: compile every reporter regex the text needs
    eyecite_direct(text[:size]); extract_citations(text[:size])
rows = []
for size in sizes:
    pieces = [text[i:i + size] for i in range(0, min(len(text), size * 10), size)]
    row = [size]
    for fn in (eyecite_direct, extract_citations):
        t0 = time.perf_counter()
        for piece in pieces:
            fn(piece)
        row.append((time.perf_counter() - t0) / len(pieces))
    rows.append(row)
print(json.dumps(rows))
"""


def warm_per_document(path: str, sizes: tuple[int, ...]) -> list[list[float]]:
    """Seconds per document of each size, warm process, both extractors."""
    code = _WARM.format(path=path, sizes=sizes)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def cold_import_seconds() -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import research.citations.extract.pipeline"], check=True)
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--skip-eyecite", action="store_true")
    args = parser.parse_args()
    text = build_brief_text(args.size)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as fh:
        fh.write(text)
    print(f"text: {len(text):,} characters")
    print(f"cold `import research.citations.extract.pipeline`: {cold_import_seconds():.2f} s")
    runs = ["ours"] if args.skip_eyecite else ["eyecite", "eyecite+resolve", "ours"]
    for which in runs:
        seconds, count = time_in_subprocess(which, fh.name)
        print(f"{which:16s} {seconds:7.2f} s  {count:6d} citations")
    print("warm, per brief-sized document: size, eyecite+resolve s, ours s")
    for size, eyecite_s, ours_s in warm_per_document(fh.name, (10_000, 30_000, 100_000)):
        print(f"  {int(size):7,d} chars  {eyecite_s:6.3f}  {ours_s:6.3f}")
    Path(fh.name).unlink()


if __name__ == "__main__":
    main()
