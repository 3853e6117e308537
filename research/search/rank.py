"""Section-level ranking: every chunk's evidence gathered per document, then fused.

    features = document_features(dense=..., lexical=..., heading=...)
    ranked = fuse(features, calibration)            # [(doc_id, score)], best first
    passage = best_passage(doc_id, dense, lexical, calibration)

A document (a statute section, an opinion) is ranked, not a chunk: a long
section with one relevant subsection competes on that subsection's score,
and its other chunks never crowd the list. The features are on comparable
scales before they are weighted: cosines as they are, BM25 divided by the
query's best BM25 score. The weights come from a calibration file fitted by
cross-validation (``benchmarks/relevance/calibrate.py``), not from hand-tuning.
"""
from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Mapping

import numpy as np

from research.store import STOPWORDS
from research.types import IndexManifest

FEATURES = ("dense", "heading", "lexical")
TITLED_KINDS = ("statute", "regulation")  # a section heading says what the rule is about; a case name does not
DEFAULT_CALIBRATION = Path(__file__).with_name("calibration.json")
# A query without "?" in which fewer than this share of the words are stop words is a list of
# keywords ("evident partiality arbitrator"), not a question. On the tune half this picks 17 of
# the 18 keyword-style questions and none of the others.
KEYWORD_STOP_SHARE = 0.3
_QUERY_WORD = re.compile(r"[a-z0-9']+")


def is_keyword_query(query: str) -> bool:
    """True for keywords: they name the words the answer holds, so keyword evidence
    should count for more than it does for a question put in the asker's own words."""
    words = _QUERY_WORD.findall(query.lower())
    if not words or "?" in query:
        return False
    return sum(word in STOPWORDS for word in words) / len(words) < KEYWORD_STOP_SHARE


@dataclass(frozen=True)
class Calibration:
    """Fusion weights by feature, and what they were fitted on."""

    weights: Mapping[str, float]
    candidates: int = 200  # chunks asked of each method before every chunk of their documents is scored
    heading_weight: float = 1.0  # BM25 weight of the header column against the chunk's own words
    max_share: float = 0.2  # query words in more of the chunks than this are not matched
    heading_percentile: float = 90.0  # a heading scores its cosine above this percentile of the query's
    keyword_lexical: float = 0.0  # the lexical weight for keyword queries (0: the same as for questions)
    fitted_on: str = ""
    model: str = ""  # the embedding model the weights were fitted with ("" = not recorded)
    context: int = 0  # the context-header version of the index they were fitted on (0 = not recorded)
    notes: Mapping[str, object] = field(default_factory=dict)
    source: str = field(default="", compare=False)  # the file it was read from, for messages

    def mismatch(self, manifest: IndexManifest) -> str | None:
        """Why these weights do not fit an index built as ``manifest`` says, or None.
        Cosines of another model or of other embedded text sit on another scale."""
        if self.model and self.model != manifest.model:
            return f"its weights were fitted for the model {self.model}, the index was built with {manifest.model}"
        built = int(manifest.chunking.get("context", 0))
        if self.context and self.context != built:
            return f"its weights were fitted on context headers version {self.context}, the index has version {built}"
        return None

    def weight(self, feature: str) -> float:
        return float(self.weights.get(feature, 0.0))

    def for_query(self, query: str) -> "Calibration":
        """The weights for this query: keyword queries get ``keyword_lexical``."""
        if not self.keyword_lexical or not is_keyword_query(query):
            return self
        return replace(self, weights={**self.weights, "lexical": self.keyword_lexical})

    def to_dict(self) -> dict:
        data = {**asdict(self), "weights": dict(self.weights), "notes": dict(self.notes)}
        del data["source"]
        return data

    def save(self, path: Path | str) -> Path:
        path = Path(path)
        path.write_text(json.dumps(self.to_dict(), indent=2, sort_keys=True) + "\n", encoding="utf-8")
        return path


def load_calibration(path: Path | str | None = None) -> Calibration:
    """The calibration at ``path`` (default: the one shipped beside this module).
    Read once per version of the file: the app builds a searcher per request."""
    path = Path(path) if path else DEFAULT_CALIBRATION
    try:
        stat = path.stat()
    except OSError as error:
        raise ValueError(f"{path}: not a readable search calibration ({error})") from error
    return _read_calibration(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=16)
def _read_calibration(name: str, _mtime_ns: int, _size: int) -> Calibration:
    path = Path(name)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ValueError(f"{path}: not a readable search calibration ({error})") from error
    unknown = set(data.get("weights", {})) - set(FEATURES)
    if unknown or not data.get("weights"):
        raise ValueError(f"{path}: calibration weights must name features among {FEATURES}, "
                         f"not {sorted(unknown) or 'nothing'}")
    return Calibration(weights=dict(data["weights"]), candidates=int(data.get("candidates", 200)),
                       heading_weight=float(data.get("heading_weight", 1.0)),
                       max_share=float(data.get("max_share", 0.2)),
                       heading_percentile=float(data.get("heading_percentile", 90.0)),
                       keyword_lexical=float(data.get("keyword_lexical", 0.0)),
                       fitted_on=str(data.get("fitted_on", "")), model=str(data.get("model", "")),
                       context=int(data.get("context", 0)), notes=dict(data.get("notes", {})), source=str(path))


def doc_of(chunk_id: str) -> str:
    return chunk_id.rsplit("#", 1)[0]


def by_document(chunk_scores: Mapping[str, float]) -> dict[str, dict[str, float]]:
    """{doc_id: {chunk_id: score}}."""
    out: dict[str, dict[str, float]] = {}
    for chunk_id, score in chunk_scores.items():
        out.setdefault(doc_of(chunk_id), {})[chunk_id] = score
    return out


def normalised_lexical(chunk_scores: Mapping[str, float]) -> dict[str, float]:
    """BM25 over the query's best BM25, so 1.0 is the best keyword match of this query."""
    top = max(chunk_scores.values(), default=0.0)
    return {cid: score / top for cid, score in chunk_scores.items()} if top > 0 else {}


def document_features(*, dense: Mapping[str, Mapping[str, float]], lexical: Mapping[str, Mapping[str, float]],
                      heading: Mapping[str, float]) -> dict[str, dict[str, float]]:
    """{doc_id: {feature: value}} for every document with a scored chunk.

    ``dense`` holds, by document, the cosine of every chunk of every candidate
    document (empty in lexical-only mode); ``lexical`` the normalised BM25 of
    the chunks keyword search found; ``heading`` the cosine of each document's
    context header. A document's chunk features are its best chunk's; what a
    method did not score counts 0.
    """
    return {doc_id: {"dense": max(dense.get(doc_id, {}).values(), default=0.0),
                     "heading": heading.get(doc_id, 0.0),
                     "lexical": max(lexical.get(doc_id, {}).values(), default=0.0)}
            for doc_id in {*dense, *lexical}}


def centred_headings(scores: Mapping[str, float], kinds: Mapping[str, str], percentile: float) -> dict[str, float]:
    """Each section's heading cosine minus the ``percentile``-th of all section headings'
    cosines to this query; a document without a descriptive title (an opinion: its
    header is a case name) scores 0, as if its heading sat at that percentile. So a
    heading that names the question's subject lifts its section above the others
    without pushing every opinion below every statute."""
    titled = [score for doc_id, score in scores.items() if kinds.get(doc_id) in TITLED_KINDS]
    if not titled:
        return {doc_id: 0.0 for doc_id in scores}
    reference = float(np.percentile(titled, percentile))
    return {doc_id: (score - reference if kinds.get(doc_id) in TITLED_KINDS else 0.0)
            for doc_id, score in scores.items()}


def fuse(features: Mapping[str, Mapping[str, float]], calibration: Calibration) -> list[tuple[str, float]]:
    """Documents by weighted feature sum, best first (ties by id, so the order is stable)."""
    scored = [(doc_id, sum(calibration.weight(name) * value for name, value in values.items()))
              for doc_id, values in features.items()]
    return sorted(scored, key=lambda pair: (-pair[1], pair[0]))


def passage_scores(dense: Mapping[str, float], lexical: Mapping[str, float],
                   calibration: Calibration) -> list[tuple[str, float]]:
    """One document's chunks by the evidence documents are ranked on (dense and keyword), best first."""
    scored = [(cid, calibration.weight("dense") * dense.get(cid, 0.0)
               + calibration.weight("lexical") * lexical.get(cid, 0.0)) for cid in {*dense, *lexical}]
    return sorted(scored, key=lambda pair: (-pair[1], pair[0]))
