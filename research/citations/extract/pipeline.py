"""Find every citation in a document: cases, short forms, id., supra,
statutes, regulations, rules, journals, and reporters nobody knows.

    extract_citations(text) -> list[FoundCitation]

Pipeline: normalise the text (keeping an offset map), cut it into pieces at
paragraph or sentence ends, run eyecite on each piece (eyecite slows down
more than linearly on one long string), add the shapes eyecite misses
(research.citations.extract.patterns), group parallel citations, read each
citation's own court/year parenthetical, resolve id./supra/short forms
across the whole document, attach quotations, and report spans in the
original text. eyecite is imported on first use, not at import time.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from research.types import FoundCitation
from research.citations.extract import patterns, sources
from research.citations.extract.context import (
    attach_id_sections,
    group_parallel,
    name_unknown_reporters,
    read_groups,
    reference_spans,
)
from research.citations.extract.quotes import attach_quotes, find_quotes
from research.citations.extract.records import Cite, from_added, from_eyecite
from research.citations.extract.normalize import Normalized, block_quotes, normalize

_LAW_KINDS = ("statute", "regulation", "section")
_NOT_SENTENCE_END = {"v", "vs", "Co", "Inc", "Corp", "Ins", "Supp", "Civ", "Crim", "App", "Dist",
                     "Cir", "Ct", "Cal", "Mass", "Ltd", "No", "Nos", "Stat", "Rev", "Ann", "Jr", "Sr",
                     "Mr", "Ms", "Mrs", "Dr", "St", "Ave", "Dep't", "Ass'n", "Bros", "Educ", "Gov't"}
_SENTENCE_END = re.compile(r"(?P<word>[\w']+)[.?!][\"')\]]? (?=[A-Z\"(])")


def extract_citations(text: str, *, chunk_size: int = 20_000, min_quote_words: int = 2) -> list[FoundCitation]:
    """All citations in ``text``, in order, with spans into ``text``.

    ``chunk_size`` bounds the pieces given to eyecite (characters);
    ``min_quote_words`` is the shortest quoted passage attached to a citation.
    """
    if not text or not text.strip():
        return []
    from research.citations.extract.engine import engine

    eng = engine()
    norm = normalize(text)
    cites = _find(norm.text, chunk_size, eng)
    cites = attach_id_sections(cites, norm.text)
    name_unknown_reporters(cites, norm.text)
    for cite in cites:
        if cite.kind == "unknown_reporter" and not cite.case_name and sources.unnamed_periodical(cite.reporter):
            cite.kind = "journal"
    group_parallel(cites, norm.text)
    read_groups(cites, norm.text, eng.court_by_paren)
    reference_spans(cites, norm.text)
    _add_references(cites, norm.text)
    quotes = find_quotes(norm.text, _quote_direction(norm, text), min_words=1)
    _resolve(cites, norm.text, quotes)
    # A quotation before a record cite or a bare "§" belongs to it, not to a
    # citation further back.
    blocks = [(norm.offsets.normalized(a), norm.offsets.normalized(b)) for a, b in block_quotes(text)]
    attach_quotes(cites, norm.text, min_words=min_quote_words, blocks=blocks, quotes=quotes)
    # record cites, ante/post, internal supras and bare "§" tokens are what
    # an id. may refer to, not citations; antecedents become object
    # references before the list shrinks.
    targets = {id(c): cites[c.antecedent] for c in cites if c.antecedent is not None}
    cites = [c for c in cites if c.kind not in sources.ANCHOR_KINDS]
    return _found(cites, targets, norm, text)


def split_pieces(text: str, size: int) -> list[tuple[int, int]]:
    """[start, end) pieces of at most ~``size`` characters, cut after a
    paragraph end, else after a sentence end, else at a space."""
    pieces, start, n = [], 0, len(text)
    size = max(size, 200)
    while n - start > size:
        lo, hi = start + size // 2, start + size
        cut = text.rfind("\n", lo, hi)
        if cut < 0:
            cut = _sentence_cut(text, lo, hi)
        if cut < 0:
            cut = text.rfind(" ", lo, hi)
        cut = cut + 1 if cut >= 0 else hi
        pieces.append((start, cut))
        start = cut
    if start < n:
        pieces.append((start, n))
    return pieces


def _sentence_cut(text: str, lo: int, hi: int) -> int:
    """Offset of the space after the last sentence end in [lo, hi), or -1."""
    best = -1
    for m in _SENTENCE_END.finditer(text, lo, hi + 1):
        if m.group("word") not in _NOT_SENTENCE_END and not (len(m.group("word")) == 1 and m.group("word").isupper()):
            best = m.end() - 1
    return best


def _find(text: str, chunk_size: int, eng) -> list[Cite]:
    cites: list[Cite] = []
    for start, end in split_pieces(text, chunk_size):
        cites.extend(from_eyecite(obj, start, text) for obj in eng.citations(text[start:end]))
    finders = (patterns.find_code_citations, patterns.find_rules, patterns.find_session_laws,
               patterns.find_constitutions)
    added = [from_added(a) for finder in finders for a in finder(text)]
    cites = _merge(cites, _dedupe(added), replace=_LAW_KINDS)
    state = [from_added(a) for a in patterns.find_state_codes(text)]
    cites = _merge(cites, _dedupe(state), replace=("section",))
    unknown = [_promote_known(from_added(a)) for a in patterns.find_unknown_reporters(text)]
    unknown += [from_added(a) for a in patterns.find_bracketed_ids(text)]
    cites = _merge([_source_kind(c) for c in cites], unknown, replace=())
    finders = (sources.find_secondary, sources.find_record_cites, sources.find_opinion_references,
               sources.find_defined_names)
    others = [from_added(a) for finder in finders for a in finder(text)]
    cites = _merge(cites, _dedupe(others), replace=("section",))
    marks = sources.page_marks(text)
    return [c for c in cites if not any(a <= c.start < b for a, b in marks)] if marks else cites


def _promote_known(cite: Cite) -> Cite:
    """"42 FRD 416", "163 NJSuper 455": a known reporter written without
    periods or spaces is a case citation, reported under its usual name;
    a journal, treaty source, agency or foreign reporter is its own kind."""
    from research.citations.extract.engine import reporter_by_key

    known = reporter_by_key(cite.reporter)
    if known:
        cite.kind, cite.reporter = "case", known
    return _source_kind(cite)


def _source_kind(cite: Cite) -> Cite:
    if cite.kind in ("case", "unknown_reporter"):
        cite.kind = sources.source_kind(cite.reporter, reporter=cite.kind == "case") or cite.kind
    return cite


def _dedupe(added: list[Cite]) -> list[Cite]:
    """Keep the longest of overlapping added citations."""
    added.sort(key=lambda c: (c.start, -c.end))
    out: list[Cite] = []
    for cite in added:
        if out and cite.start < out[-1].end:
            continue
        out.append(cite)
    return out


def _overlaps(a: Cite, b: Cite) -> bool:
    return a.start < b.end and b.start < a.end


def _merge(found: list[Cite], added: list[Cite], *, replace: tuple[str, ...]) -> list[Cite]:
    """Add ``added`` citations; one overlapping a found citation of a kind in
    ``replace`` replaces it, any other overlap drops the added one."""
    found = sorted(found, key=lambda c: c.start)
    starts = [c.start for c in found]
    dropped: set[int] = set()
    kept: list[Cite] = []
    for cite in added:
        i = max(0, bisect_left(starts, cite.start) - 1)
        hits = []
        while i < len(found) and found[i].start < cite.end:
            if _overlaps(found[i], cite):
                hits.append(i)
            i += 1
        if all(found[h].kind in replace for h in hits):
            dropped.update(hits)
            kept.append(cite)
    merged = [c for i, c in enumerate(found) if i not in dropped] + kept
    return sorted(merged, key=lambda c: (c.start, c.end))


def _add_references(cites: list[Cite], text: str) -> None:
    from research.citations.extract.engine import is_valid_name
    from research.citations.extract.resolve import find_references

    refs = find_references(cites, text, is_valid_name=is_valid_name)
    if refs:
        merged = _merge(cites, refs, replace=())
        cites[:] = merged


def _resolve(cites: list[Cite], text: str, quotes: list) -> None:
    from research.citations.extract.resolve import resolve

    resolve(cites, text, quotes)


def _quote_direction(norm: Normalized, original: str):
    """Was the quote mark at a normalised offset written “ or ” (or plain)?"""
    def direction(pos: int) -> str | None:
        ch = original[norm.offsets.start(pos)]
        return "open" if ch in "\u201c\u201e\u201f" else "close" if ch == "\u201d" else None
    return direction


def _quote_span(cite: Cite, norm: Normalized) -> tuple[str, int, int]:
    if cite.quote is None:
        return "", -1, -1
    q0, q1 = cite.quote
    start, end = norm.offsets.span(q0, q1)
    return norm.text[q0:q1], start, end


def _found(cites: list[Cite], targets: dict[int, Cite], norm: Normalized,
           original: str) -> list[FoundCitation]:
    """Public values with spans into the original text."""
    position = {id(c): i for i, c in enumerate(cites)}
    groups: dict[object, int] = {}
    out = []
    for i, cite in enumerate(cites):
        antecedent = targets.get(id(cite))
        group = groups.setdefault(cite.group if cite.group >= 0 else ("solo", i), len(groups))
        out.append(_public(cite, i, group, position.get(id(antecedent)), norm, original))
    return out


def _public(cite: Cite, index: int, group: int, antecedent: int | None, norm: Normalized,
            original: str) -> FoundCitation:
    start, end = norm.offsets.span(cite.start, cite.end)
    full_start, full_end = norm.offsets.span(cite.full_start, cite.full_end)
    quote, q0, q1 = _quote_span(cite, norm)
    refers = cite.extras.get("refers") if antecedent is None else None
    return FoundCitation(
        text=original[start:end], start=start, end=end, kind=cite.kind,
        volume=cite.volume, reporter=cite.reporter, page=cite.page, pin_cite=cite.pin_cite,
        year=cite.year, court=cite.court, court_id=cite.court_id, case_name=cite.case_name,
        parenthetical=cite.parenthetical, quote=quote, quote_start=q0, quote_end=q1,
        group=group, antecedent=antecedent, index=index,
        full_start=full_start, full_end=full_end, sections=cite.sections,
        refers_kind=refers.kind if refers else "", refers_to=refers.text if refers else "",
        refers_what=refers.what if refers else "",
    )
