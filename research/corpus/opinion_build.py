"""Build the shipped opinion corpora from the shared source folders.

    research admin build-opinions /work/shared/data/opinions corpora

Writes opinions_fastcase, opinions_cap_v1, opinions_scotus_ot2016,
opinions_courtlistener and opinions_fisher (``.jsonl.gz``). The CAP static
fixtures are synthetic ("Foo v. Bar") and are deliberately not built.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from research.corpus.cap_v1 import CapV1Ingester
from research.corpus.courtlistener import CourtListenerIngester
from research.corpus.fastcase import FastcaseIngester
from research.corpus.io import write_corpus
from research.corpus.plaintext import PlainTextIngester
from research.types import Document

# Where each shared folder came from (see /work/shared/README.md).
FASTCASE_REPO = "harvard-lil/capstone@f52ed275:capstone/test_data/fastcase/"
CAP_V1_REPO = ("freelawproject/courtlistener@{1cbd5952,fc815e77,9674387d,e328468d,aa1bc4f5}:"
               "cl/corpus_importer/test_assets/")
SCOTUS_REPO = "ielab/ussc-caselaw-collection@a3061eef:"
EYECITE_TS_REPO = "medelman17/eyecite-ts@cbdbe918:tests/fixtures/corpus/"
FISHER_SOURCE = "freelawproject/eyecite@09165c2:tests/assets/opinion.txt"


def fastcase_source(folder: Path) -> Callable[[Path], str]:
    """Capstone keeps Fastcase files as ``A3d/148/148 A.3d 441_Replace.xml``;
    the shared copies are flattened, so the original path comes from data.yml."""
    original = {}
    listing = folder / "data.yml"
    if listing.is_file():
        for path in re.findall(r"^\s+path: (.+\.xml)\s*$", listing.read_text(encoding="utf-8"), re.M):
            original[re.sub(r"[/ ]", "_", path)] = path
    return lambda p: FASTCASE_REPO + original.get(Path(p).name, Path(p).name)


def unique_ids(documents: Iterable[Document]) -> list[Document]:
    """Two cases can begin on the same page (``1 B.T.A. 15``): both get a name suffix."""
    docs = list(documents)
    groups: dict[str, list[Document]] = defaultdict(list)
    for doc in docs:
        groups[doc.id].append(doc)
    out = []
    for doc in docs:
        if len(groups[doc.id]) == 1:
            out.append(doc)
            continue
        slug = "-".join(re.findall(r"[a-z0-9]+", doc.title.lower())[:6])
        out.append(replace(doc, id=f"{doc.id}-{slug}", extra={**doc.extra, "shared_first_page": True}))
    return out


def _read_all(ingester, paths: Iterable[Path]) -> Iterator[Document]:
    for path in paths:
        yield from ingester.read(path)


def build_opinion_corpora(opinions: Path, out_dir: Path) -> dict[str, int]:
    """Write the five opinion corpus files; returns documents per file."""
    opinions, out_dir = Path(opinions), Path(out_dir)
    cap_dir, cl_dir = opinions / "cap_api_v1_fixtures", opinions / "courtlistener_texts"
    fastcase = FastcaseIngester(source=fastcase_source(opinions / "fastcase_xml"))
    cap = CapV1Ingester(source=lambda p: CAP_V1_REPO + Path(p).name)
    scotus = CourtListenerIngester(source=lambda p: SCOTUS_REPO + Path(p).name)
    texts = CourtListenerIngester(source=lambda p: EYECITE_TS_REPO + Path(p).name)
    cl_plain = PlainTextIngester(kind="opinion", source=lambda p: CAP_V1_REPO + Path(p).name)
    fisher = PlainTextIngester(kind="opinion", source=lambda p: FISHER_SOURCE)
    plans = {
        "opinions_fastcase": _read_all(fastcase, sorted((opinions / "fastcase_xml").glob("*.xml"))),
        "opinions_cap_v1": _read_all(cap, sorted(cap_dir.glob("*.json"))),
        "opinions_scotus_ot2016": _read_all(scotus, sorted((opinions / "scotus_ot2016").glob("*.json"))),
        "opinions_courtlistener": [*texts.read(cl_dir), *_read_all(cl_plain, sorted(cap_dir.glob("*.txt")))],
        "opinions_fisher": fisher.read(opinions / "opinion_fisher_v_texas_2013_slip.txt"),
    }
    return {name: write_corpus(out_dir / f"{name}.jsonl.gz", unique_ids(docs)) for name, docs in plans.items()}
