"""The project's own corpus format: gzip-compressed JSON lines of Documents."""
from __future__ import annotations

import gzip
import json
import os
from pathlib import Path
from typing import Iterable, Iterator

from research.types import Document


def write_corpus(path: Path, documents: Iterable[Document]) -> int:
    """Write documents sorted by id, atomically; returns how many were written."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    docs = sorted(documents, key=lambda d: d.id)
    # mtime=0 keeps the gzip bytes reproducible, so git sees no spurious change.
    with open(tmp, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        for doc in docs:
            line = json.dumps(doc.to_dict(), ensure_ascii=False, sort_keys=True)
            gz.write(line.encode("utf-8") + b"\n")
    os.replace(tmp, path)
    return len(docs)


def read_corpus(path: Path) -> Iterator[Document]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield Document.from_dict(json.loads(line))


def corpus_files(corpora_dir: Path) -> list[Path]:
    return sorted(Path(corpora_dir).glob("*.jsonl.gz"))
