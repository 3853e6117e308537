"""Domain adaptation of all-MiniLM-L6-v2 on pairs mined from the library: the experiment, reproducible.

    python benchmarks/relevance/finetune.py --out build/adapted-minilm [--layers 6] [--epochs 3]

Pairs: each question of ``data/synthetic_questions.tsv`` (written in the
project for sections no yardstick question names) with the gold section's
best chunk, embedded with its header, and the most similar chunk of another
section as a hard negative; and up to 1,500 section headings with a chunk of
their section. Contrastive training (in-batch and hard negatives, scale 20),
seeds fixed. The model folder gets ``adaptation.json``: base model and its
hash, the hash of the pairs, the settings. Measured as any model is: build an
index with it in its own home (``research --home H --model DIR index``), fit
the fusion weights (``calibrate.py --home H --model DIR --out F``) and run
``search_quality.py --home H --model DIR --calibration F --split tune``.
The project ships the stock model; see the README for what this measured.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import time
from pathlib import Path

import numpy as np

import questions as Q

from research import library
from research.embedding.cache import cached_encode
from research.embedding.model import read_model_info
from research.settings import Settings
from research.text.context import context_header, embedded_text

SYNTHETIC = Q.HERE / "data" / "synthetic_questions.tsv"
# Sections ../shared/data/dev-questions/README.md lists as used elsewhere (never gold): no training pair names them.
EXCLUDED = ("usc/9/2 usc/9/3 usc/9/4 usc/9/9 usc/9/10 usc/9/12 usc/9/16 usc/9/207 usc/11/303 usc/11/366 usc/11/523 "
            "usc/11/525 usc/11/547 usc/11/727 usc/11/1121 usc/17/105 usc/17/106A usc/17/107 usc/17/117 usc/17/120 "
            "usc/17/203 usc/17/204 usc/17/412 usc/18/3 usc/18/4 usc/18/17 usc/18/1836 usc/18/2511 usc/18/3282 "
            "usc/18/3290 usc/28/1446 usc/28/1746 usc/28/1782 usc/28/1870 usc/28/1927 usc/28/2244 usc/35/116 "
            "usc/35/173 usc/35/184 usc/35/261 usc/35/271 usc/35/285 usc/35/287 usc/42/1981a usc/42/1983 "
            "usc/42/1997e usc/42/2000cc usc/42/2000e-1 usc/42/2000e-5 usc/42/12211 cfr/27/478.127 cfr/27/478.129 "
            "cfr/27/479.82 cfr/27/555.30 cfr/27/555.212").split()
HEADING_PAIRS = 1500


def yardstick_sections() -> set[str]:
    return set(EXCLUDED) | {g for q in Q.load() for g in q.gold}


def mine(store, encoder, cache) -> list[dict]:
    skip = yardstick_sections()
    docs = {d.id: d for d in store.iter_documents() if d.kind in ("statute", "regulation")}
    chunks = [c for c in store.chunks() if c.doc_id in docs]
    texts = [embedded_text(context_header(docs[c.doc_id]), c.text) for c in chunks]
    vectors, _ = cached_encode(encoder, texts, cache)
    rows = [line.rstrip("\n").split("\t") for line in SYNTHETIC.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    questions, _ = cached_encode(encoder, [q for _, _, q in rows], cache)
    pairs = [_synthetic_pair(doc_id, q, v, chunks, texts, vectors, skip) for (doc_id, _, q), v in zip(rows, questions)]
    headings = [{"query": docs[c.doc_id].title, "passage": c.text, "doc": c.doc_id}
                for c in chunks if c.doc_id not in skip and c.ordinal > 0 and len(c.text.split()) >= 12]
    random.Random(0).shuffle(headings)
    return pairs + headings[:HEADING_PAIRS]


def _synthetic_pair(doc_id, question, vector, chunks, texts, vectors, skip) -> dict:
    scores = vectors @ vector
    own = [i for i, c in enumerate(chunks) if c.doc_id == doc_id]
    best = max(own, key=lambda i: scores[i])
    negative = next(i for i in np.argsort(-scores) if chunks[i].doc_id not in skip | {doc_id})
    return {"query": question, "passage": texts[best], "negative": texts[negative], "doc": doc_id}


def train(pairs: list[dict], out: Path, *, layers: int, epochs: float, batch: int, lr: float) -> None:
    import torch
    import torch.nn.functional as F
    from sentence_transformers import SentenceTransformer

    torch.manual_seed(0)
    rng = random.Random(0)
    model = SentenceTransformer(str(read_model_info("").path), device="cpu")
    params = [p for layer in model[0].auto_model.encoder.layer[-layers:] for p in layer.parameters()]
    for p in model.parameters():
        p.requires_grad = False
    for p in params:
        p.requires_grad = True
    optimiser = torch.optim.AdamW(params, lr=lr, weight_decay=0.01)
    model.train()
    for step, group in enumerate(_batches(pairs, batch, epochs, rng)):
        negatives = [p["negative"] for p in group if p.get("negative")]
        q = F.normalize(model(model.tokenize([p["query"] for p in group]))["sentence_embedding"], dim=-1)
        d = F.normalize(model(model.tokenize([p["passage"] for p in group] + negatives))["sentence_embedding"], dim=-1)
        loss = F.cross_entropy(q @ d.T * 20.0, torch.arange(len(group)))
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
    model.eval()
    model.save(str(out))


def _batches(pairs, size: int, epochs: float, rng: random.Random):
    """Batches with one pair per section (a second pair of a section would be a false negative)."""
    steps = int(len(pairs) / size * epochs)
    while steps > 0:
        order, group, seen = rng.sample(pairs, len(pairs)), [], set()
        for pair in order:
            if pair["doc"] not in seen:
                group.append(pair)
                seen.add(pair["doc"])
            if len(group) == size:
                yield group
                steps -= 1
                group, seen = [], set()
                if steps == 0:
                    return


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--layers", type=int, default=6)
    parser.add_argument("--epochs", type=float, default=3.0)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--lr", type=float, default=3e-5)
    args = parser.parse_args()
    settings = Settings()
    started = time.time()
    with library.open_store(settings, readonly=True) as store:
        pairs = mine(store, library.load_encoder(settings), library.vector_cache(settings))
    train(pairs, args.out, layers=args.layers, epochs=args.epochs, batch=args.batch, lr=args.lr)
    base = read_model_info("")
    manifest = {"base_model": base.name, "base_model_hash": base.content_hash("weights"),
                "pairs": len(pairs), "pairs_sha256": hashlib.sha256(json.dumps(pairs).encode()).hexdigest(),
                "settings": vars(args) | {"out": str(args.out), "loss": "in-batch + hard negatives, scale 20",
                                          "seed": 0}, "seconds": round(time.time() - started)}
    (args.out / "adaptation.json").write_text(json.dumps(manifest, indent=2, default=str))
    print(f"{len(pairs)} pairs; model saved to {args.out} with adaptation.json")


if __name__ == "__main__":
    main()
