"""Resolve id., supra, short forms and references across the whole document
with ``eyecite.resolve_citations`` (imported lazily).

The pieces were searched separately, but the merged, position-ordered list of
eyecite objects is handed to eyecite's resolver in one go, so "Id." at the top
of a piece still finds the citation at the end of the one before. Every
parallel group resolves to one small hashable key, which also avoids
eyecite's default ``Resource`` whose hashing (JSON + SHA-256 of every
edition) dominates resolution time on long documents. Citations that eyecite
did not produce (U.S.C. without "§", federal rules, unknown reporters) get
stand-in eyecite objects so that "Id." after them resolves too.
"""
from __future__ import annotations

import re

from research.citations.extract_records import FULL_KINDS, Cite

_MAX_OPINION_PAGES = 150  # as eyecite: "Id. at 900" cannot follow "1 U.S. 1"
_REFERENCE = re.compile(r",?\sat\s(?P<pin>\*?\d+(?:[-–]\d+)?)")


def _stand_in(cite: Cite):
    from eyecite.models import CitationToken, FullCaseCitation, FullLawCitation

    if cite.kind == "unknown_reporter":
        groups = {"volume": cite.volume, "reporter": cite.reporter, "page": cite.page}
        token = CitationToken(cite.reporter, cite.start, cite.end, groups=groups)
        names = {"plaintiff": cite.plaintiff or None, "defendant": cite.defendant or None}
        return FullCaseCitation(token, 0, metadata=names)
    groups = {"title": cite.volume, "reporter": cite.reporter, "section": cite.page}
    return FullLawCitation(CitationToken(cite.reporter, cite.start, cite.end, groups=groups), 0)


def _authority_keys(cites: list[Cite]) -> dict[int, tuple]:
    """One key per authority: a case cited in full twice ("Gratz v.
    Bollinger, 539 U.S. 244" ... "In Gratz, 539 U.S. 244") is one resource,
    else "Gratz, supra" would be ambiguous between the two."""
    by_cite: dict[tuple, tuple] = {}
    keys: dict[int, tuple] = {}
    for cite in cites:
        if cite.kind not in FULL_KINDS:
            continue
        ident = (cite.kind, cite.volume, cite.reporter, cite.page, cite.sections)
        key = keys.get(cite.group) or by_cite.get(ident) or ("group", cite.group)
        keys[cite.group] = key
        by_cite.setdefault(ident, key)
    return keys


def _pin_fits(full, id_cite) -> bool:
    """eyecite's id. pin check, applied to one member of a parallel group."""
    if type(full).__name__ == "FullCaseCitation" and full.groups.get("page") is None:
        return False
    pin = id_cite.metadata.pin_cite
    page = str(full.groups.get("page") or "")
    if not pin or not page.isdigit():
        return True
    m = re.match(r"(?:at )?(\d+)", pin)
    return bool(m) and int(page) <= int(m[1]) <= int(page) + _MAX_OPINION_PAGES


def _eyecite_objects(cites: list[Cite]) -> tuple[list, dict[int, tuple], dict[int, int]]:
    """Objects for the resolver, the key of each full citation's authority,
    and each object's index in ``cites``."""
    key_of: dict[int, tuple] = {}
    index_of: dict[int, int] = {}
    objects = []
    group_keys = _authority_keys(cites)
    for i, cite in enumerate(cites):
        if cite.obj is None and cite.kind in FULL_KINDS:
            cite.obj = _stand_in(cite)
        if cite.obj is None:
            continue
        if cite.kind in FULL_KINDS:
            key_of[id(cite.obj)] = group_keys[cite.group]
        index_of[id(cite.obj)] = i
        objects.append(cite.obj)
    return objects, key_of, index_of


def resolve(cites: list[Cite]) -> None:
    """Set ``antecedent`` (index into ``cites``) on every resolvable short form."""
    from eyecite import resolve_citations
    from eyecite.models import FullCitation

    objects, key_of, index_of = _eyecite_objects(cites)

    def resolve_id(id_cite, last, resolutions):
        if not last:
            return None
        fulls = [c for c in resolutions[last] if isinstance(c, FullCitation)]
        return last if any(_pin_fits(f, id_cite) for f in fulls) else None

    resolutions = resolve_citations(
        objects, resolve_full_citation=lambda full: key_of[id(full)], resolve_id_citation=resolve_id)
    for resolved in resolutions.values():
        members = [index_of[id(o)] for o in resolved if id(o) in key_of]
        for obj in resolved:
            i = index_of[id(obj)]
            if cites[i].kind not in FULL_KINDS and members:
                cites[i].antecedent = _choose_member(cites, members, cites[i])


def _choose_member(cites: list[Cite], members: list[int], cite: Cite) -> int:
    """The member of a parallel group a short form points at: same reporter
    and volume for "945 N.E.2d at 486", the page range holding the pin for
    "Id. at 486", else the first (official) citation."""
    if cite.kind == "short_case":
        for i in members:
            if cites[i].reporter == cite.reporter and cites[i].volume == cite.volume:
                return i
    pin = re.match(r"\d+", cite.pin_cite or "")
    if pin and len(members) > 1:
        for i in members:
            page = cites[i].page
            if page.isdigit() and int(page) <= int(pin[0]) <= int(page) + _MAX_OPINION_PAGES:
                return i
    return members[0]


def find_references(cites: list[Cite], text: str, *, is_valid_name) -> list[Cite]:
    """"Jones at 207" anywhere after the full citation naming Jones.

    eyecite finds these only within the piece holding the full citation.
    """
    first_seen: dict[str, int] = {}
    for cite in cites:
        if cite.kind == "case":
            for name in (cite.plaintiff, cite.defendant):
                if name and is_valid_name(name):
                    first_seen.setdefault(name, cite.end)
    if not first_seen:
        return []
    longest = max(len(n.split()) for n in first_seen)
    found = []
    for m in _REFERENCE.finditer(text):
        words = text[max(0, m.start() - 120):m.start()].split(" ")
        for k in range(min(longest, len(words)), 0, -1):
            name = " ".join(words[-k:])
            if first_seen.get(name, len(text)) < m.start():
                found.append(_reference(name, m, m.start() - len(name)))
                break
    return found


def _reference(name: str, m: re.Match, start: int) -> Cite:
    from eyecite.models import CaseReferenceToken, ReferenceCitation

    end = m.end()
    token = CaseReferenceToken(data=name + m.group(), start=start, end=end)
    obj = ReferenceCitation(token=token, index=0, span_start=start, span_end=end,
                            full_span_start=start, full_span_end=end,
                            metadata={"defendant": name, "pin_cite": m.group("pin")})
    return Cite("reference", start, end, start, end, pin_cite=m.group("pin"), case_name=name,
                defendant=name, obj=obj)
