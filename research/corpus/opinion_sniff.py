"""Which opinion JSON format a file holds: CAP API v1, CAP static, CourtListener.

The distinguishing keys can sit anywhere in a large file (CAP puts
``casebody`` last), so the JSON is parsed once and the answer cached by path,
size and modification time; every ingester's ``accepts`` then stays cheap.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from research.corpus.base import peek

CAP_V1 = "cap_v1"
CAP_STATIC = "cap_static"
COURTLISTENER = "courtlistener"
_CL_TEXT_FIELDS = ("plain_text", "html_with_citations", "html", "html_lawbox", "html_columbia",
                   "xml_harvard")


def json_kind(path: Path) -> str | None:
    path = Path(path)
    if path.suffix.lower() != ".json" or not path.is_file():
        return None
    if not peek(path, 64).lstrip().startswith("{"):
        return None
    stat = path.stat()
    return _cached_kind(str(path.resolve()), stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=256)
def _cached_kind(path: str, size: int, mtime: int) -> str | None:
    try:
        data = load_json(Path(path))
    except (OSError, ValueError):
        return None
    return kind_of(data)


def kind_of(data: Any) -> str | None:
    if not isinstance(data, dict):
        return None
    body = data.get("casebody")
    if isinstance(body, dict) and ("opinions" in body or "head_matter" in body):
        return CAP_STATIC
    if isinstance(body, dict) and ("data" in body or "status" in body):
        return CAP_V1
    if "name_abbreviation" in data and "citations" in data:
        return CAP_V1  # CAP API answer without full_case: metadata only
    if any(isinstance(data.get(k), str) for k in _CL_TEXT_FIELDS):
        return COURTLISTENER
    return None


def load_json(path: Path) -> Any:
    with open(path, "rb") as handle:
        return json.loads(handle.read().decode("utf-8"))
