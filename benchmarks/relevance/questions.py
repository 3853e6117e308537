"""The relevance yardstick: questions, their gold documents, and the fixed split.

    load(path) -> [Question]
    split(questions) -> {"tune": [...], "report": [...]}

The split is fixed and stratified by style: within each style the questions
are ordered by the SHA-256 of their id and the first half (rounded down) is
the *tune* half, the rest the *report* half. Everything the search ships
(weights, switches, the calibration file) was chosen on the tune half; every
figure the README reports is on the report half.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent  # benchmarks/
STATUTE_QUESTIONS = HERE / "data" / "statute_questions.jsonl"
OPINION_QUESTIONS = HERE / "data" / "opinion_questions.jsonl"
SPLITS = ("tune", "report")


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    gold: tuple[str, ...]  # library document ids: "usc/9/10", "cfr/27/555.127", "op/16-ny3d-272"
    style: str  # paraphrase, fact-pattern, keyword
    kind: str  # statute, regulation, opinion
    evidence: str = ""  # a verbatim span of the gold document that answers


def doc_id_for(identifier: str) -> str:
    """"/us/usc/t9/s10" -> "usc/9/10"; "/us/cfr/t27/s555.127" -> "cfr/27/555.127"."""
    _, code, title, section = identifier.strip("/").split("/")
    return f"{code}/{title[1:]}/{section[1:]}"


def _question(record: dict) -> Question:
    gold = record["gold"]
    ids = tuple(g if isinstance(g, str) else doc_id_for(g["identifier"]) for g in gold)
    kind = record.get("kind") or (gold[0]["kind"] if isinstance(gold[0], dict) else "opinion")
    return Question(id=record["id"], question=record["question"], gold=ids, style=record["style"],
                    kind=kind, evidence=record.get("evidence", ""))


def load(path: Path = STATUTE_QUESTIONS) -> list[Question]:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [_question(json.loads(line)) for line in lines if line.strip()]


def split(questions: list[Question]) -> dict[str, list[Question]]:
    out: dict[str, list[Question]] = {name: [] for name in SPLITS}
    for style in sorted({q.style for q in questions}):
        group = sorted((q for q in questions if q.style == style),
                       key=lambda q: hashlib.sha256(q.id.encode()).hexdigest())
        half = len(group) // 2
        out["tune"] += group[:half]
        out["report"] += group[half:]
    for name in SPLITS:
        out[name].sort(key=lambda q: q.id)
    return out


def groups(questions: list[Question]) -> list[tuple[str, list[Question]]]:
    """("all", ...), then one group per style and per kind, for the tables."""
    out = [("all", questions)]
    for field in ("style", "kind"):
        for value in sorted({getattr(q, field) for q in questions}):
            out.append((value, [q for q in questions if getattr(q, field) == value]))
    return out
