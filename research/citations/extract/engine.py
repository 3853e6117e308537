"""The only module that imports eyecite: its finder, set up for speed, and
the models and resolver steps research.citations.extract.resolve builds on
(re-exported below). Imported lazily (eyecite takes ~0.4 s to import and
the checker's cold start must stay short). The eyecite version is pinned in
pyproject.toml to the range the tests pass on, since some of what is used
here is eyecite's internals.

Speed-ups over calling ``eyecite.get_citations`` directly:
* ``WindowTokenizer`` runs each reporter regex only in windows around the
  places where the reporter's abbreviation occurs, instead of over the whole
  text once per candidate reporter (the bulk of eyecite's time on long
  text); it yields exactly eyecite's tokens;
* court lookups from parentheticals ("2d Cir.") are cached, same answers:
  eyecite scans all ~3,000 courts with a regex substitution each time;
* eyecite's per-citation search for "Name at 123" references (a regex
  compiled per citation, rescanning the rest of the text) is replaced by
  one pass over the document (research.citations.extract.resolve.find_references).
"""
from __future__ import annotations

import logging
import re
import threading
from bisect import bisect_right
from functools import lru_cache

import regex
from eyecite import find as _find
from eyecite import get_citations, resolve_citations  # noqa: F401 - resolve_citations is resolve.py's
from eyecite import helpers as _helpers
from eyecite.models import (  # noqa: F401 - for resolve.py
    CaseReferenceToken, CitationToken, FullCaseCitation, FullLawCitation, ReferenceCitation,
    ShortCaseCitation,
)
from eyecite.resolve import _resolve_reference_citation as resolve_reference  # noqa: F401
from eyecite.resolve import _resolve_shortcase_citation as resolve_shortcase  # noqa: F401
from eyecite.resolve import _resolve_supra_citation as resolve_supra  # noqa: F401
from eyecite.tokenizers import AhocorasickTokenizer, default_tokenizer
from eyecite.utils import is_valid_name  # noqa: F401 - for pipeline.py

from research.rules import reporter_key

# eyecite's own lookup, kept for comparison in tests (Engine replaces it).
EYECITE_COURT_BY_PAREN = _helpers.get_court_by_paren

# A reporter regex match reaches at most this far from the abbreviation that
# selected it (volume and nominative parts before, page after).
_BEFORE = 250
_AFTER = 200
_WORD = re.compile(r"\S+")


class _NoOverlapWarnings(logging.Filter):
    """eyecite logs "Unknown overlap case" for harmless overlaps of id./supra
    with other citations; keep it out of the user's console."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Unknown overlap case")


class WindowTokenizer(AhocorasickTokenizer):
    """eyecite's Aho-Corasick tokenizer, applying reporter regexes in windows."""

    def __post_init__(self):
        # Reuse the automata eyecite built at import instead of rebuilding.
        for name in ("unfiltered_extractors", "case_sensitive_filter", "case_insensitive_filter"):
            setattr(self, name, getattr(default_tokenizer, name))

    def extract_tokens(self, text):
        stripped, starts_stripped, starts_orig = _strip_with_map(text)
        # Keyed by id(): hashing a TokenExtractor hashes its repr (slow).
        windows: dict[int, tuple] = {}
        for end, extractors in self.case_sensitive_filter.iter(stripped):
            i = bisect_right(starts_stripped, end) - 1
            pos = starts_orig[i] + end - starts_stripped[i]
            for extractor in extractors:
                windows.setdefault(id(extractor), (extractor, []))[1].append(pos)
        full_scan = {id(e): e for e in self.unfiltered_extractors}
        for _, extractors in self.case_insensitive_filter.iter(stripped.lower()):
            full_scan.update((id(e), e) for e in extractors)
        for extractor in full_scan.values():
            for match in extractor.get_matches(text):
                yield extractor.get_token(match)
        for extractor, positions in windows.values():
            yield from _window_tokens(extractor, positions, text)


def _strip_with_map(text: str) -> tuple[str, list[int], list[int]]:
    """Text without whitespace, plus word starts in both texts."""
    words, starts_stripped, starts_orig = [], [], []
    total = 0
    for m in _WORD.finditer(text):
        words.append(m.group())
        starts_stripped.append(total)
        starts_orig.append(m.start())
        total += m.end() - m.start()
    return "".join(words), starts_stripped or [0], starts_orig or [0]


def _window_tokens(extractor, positions: list[int], text: str):
    compiled = extractor.compiled_regex
    for lo, hi in _merge_windows(sorted(positions), len(text)):
        for match in compiled.finditer(text, lo, hi):
            # "$" matches at a window's end: such a match may be cut short.
            if match.end() == hi and hi < len(text):
                continue
            yield extractor.get_token(match)


def _merge_windows(positions: list[int], size: int) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for pos in positions:
        lo, hi = max(0, pos - _BEFORE), min(size, pos + _AFTER)
        if merged and lo <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], hi)
        else:
            merged.append([lo, hi])
    return [(lo, hi) for lo, hi in merged]


def _cached_court_lookup():
    """Same answers as eyecite.helpers.get_court_by_paren, memoised."""
    from courts_db import courts

    table = [(regex.sub(r"[^\w]", "", c["citation_string"]).lower(), str(c["id"])) for c in courts]
    exact: dict[str, str] = {}
    for key, court_id in table:
        exact.setdefault(key, court_id)

    @lru_cache(maxsize=8192)
    def get_court_by_paren(paren_string: str) -> str | None:
        court_str = regex.sub(r"[^\w]", "", paren_string).lower()
        if not court_str:
            return None
        if court_str in exact:
            return exact[court_str]
        found = None
        for key, court_id in table:  # eyecite keeps the last prefix match
            if key.startswith(court_str):
                found = court_id
        return found

    return get_court_by_paren


class Engine:
    """eyecite set up for speed; one per process (see ``engine()``)."""

    def __init__(self) -> None:
        if not getattr(_helpers.get_court_by_paren, "cache_info", None):
            # eyecite calls it through the module global, so replace it there.
            _helpers.get_court_by_paren = _cached_court_lookup()
        self.court_by_paren = _helpers.get_court_by_paren
        self._lock = threading.Lock()
        self.tokenizer = WindowTokenizer()
        quiet = _NoOverlapWarnings()
        logger = logging.getLogger("eyecite.helpers")
        if not any(isinstance(f, _NoOverlapWarnings) for f in logger.filters):
            logger.addFilter(quiet)

    def citations(self, text: str) -> list:
        """eyecite citation objects for one piece of normalised text.

        eyecite's own search for "Name at 123" references compiles a regex
        and rescans the rest of the text for every full citation (quadratic,
        a third of its time on dense text); it is switched off for the call
        and done once per document by research.citations.extract.resolve.find_references.
        """
        if not text.strip():
            return []
        with self._lock:  # the swap below must not interleave between threads
            saved = _find.extract_reference_citations
            _find.extract_reference_citations = _no_references
            try:
                return get_citations(text, tokenizer=self.tokenizer)
            finally:
                _find.extract_reference_citations = saved


@lru_cache(maxsize=1)
def _reporters_by_key() -> dict[str, str]:
    from reporters_db import REPORTERS

    table: dict[str, str] = {}
    for clusters in REPORTERS.values():
        for cluster in clusters:
            for edition in cluster["editions"]:
                table.setdefault(reporter_key(edition), edition)
            for variation, edition in cluster["variations"].items():
                table.setdefault(reporter_key(variation), edition)
    return table


# Series newer than the installed reporters-db.
_NEWER_SERIES = {"fsupp4th": "F. Supp. 4th"}


def reporter_by_key(name: str) -> str | None:
    """reporters-db edition for a reporter spelled without periods/spaces."""
    key = reporter_key(name)
    return _reporters_by_key().get(key) or _NEWER_SERIES.get(key)


def _no_references(citation, document) -> list:
    return []


@lru_cache(maxsize=1)
def engine() -> Engine:
    return Engine()
