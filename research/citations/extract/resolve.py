"""Resolve id., supra, short forms and references across the whole document
with ``eyecite.resolve_citations`` (through research.citations.extract.engine,
the one module that imports eyecite; imported lazily).

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

from research.citations.extract.names import split_parties
from research.citations.extract.records import CASE_LIKE, FULL_KINDS, Cite

_MAX_OPINION_PAGES = 150  # as eyecite: "Id. at 900" cannot follow "1 U.S. 1"
_NAME_FIELDS = ("plaintiff", "defendant", "resolved_case_name_short", "resolved_case_name")
# "Jones at 207"; not a time or a quantity ("at 5 p.m.", "at 3 percent").
_REFERENCE = re.compile(
    r",?\sat\s(?P<pin>\*?\d+(?:[-–]\d+)?)(?![\w:%]|[.,]\d|\s?(?:[ap]\.?m\b|[AP]\.?M\b|o'clock|"
    r"percent|per\scent|years?\b|months?\b|weeks?\b|days?\b|hours?\b|minutes?\b|degrees?\b))")


def _stand_in(cite: Cite):
    from research.citations.extract.engine import CitationToken, FullCaseCitation, FullLawCitation

    if cite.kind in CASE_LIKE:
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


def _pin_fits(full: Cite, pin: str) -> bool:
    """eyecite's id. pin check ("Id. at 900" cannot follow "1 U.S. 1"), for
    one member of a parallel group; a blank page ("572 U. S. ___") fits any pin."""
    if not pin or not full.page.isdigit() or full.kind not in CASE_LIKE:
        return True
    m = re.match(r"(?:at )?\*?(\d+)", pin)
    return not m or int(full.page) <= int(m[1]) <= int(full.page) + _MAX_OPINION_PAGES


def _short_stand_in(cite: Cite):
    """"770 A.2d 214" after "167 N.J. at 118": a short form for eyecite."""
    from research.citations.extract.engine import ShortCaseCitation

    full = cite.obj
    metadata = {"pin_cite": cite.page, "antecedent_guess": cite.case_name or None}
    return ShortCaseCitation(full.token, full.index, groups=dict(full.groups), metadata=metadata,
                             exact_editions=full.exact_editions, variation_editions=full.variation_editions,
                             all_editions=full.all_editions, edition_guess=full.edition_guess)


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
        if "parallel_of" in cite.extras and type(cite.obj).__name__ == "FullCaseCitation":
            cite.obj = _short_stand_in(cite)
        if cite.obj is None:
            continue
        if cite.kind in FULL_KINDS:
            key_of[id(cite.obj)] = group_keys[cite.group]
        index_of[id(cite.obj)] = i
        objects.append(cite.obj)
    return objects, key_of, index_of


def resolve(cites: list[Cite], text: str, quotes: list) -> None:
    """Set ``antecedent`` (index into ``cites``) on every resolvable short
    form, supra, reference and id.; what an unresolved one refers to goes in
    ``extras["refers"]`` (research.citations.extract.references)."""
    from research.citations.extract.engine import resolve_citations

    from research.citations.extract.references import resolve_ids, unresolved_targets

    objects, key_of, index_of = _eyecite_objects(cites)
    steps = _Steps(cites)
    resolutions = resolve_citations(
        objects, resolve_full_citation=lambda full: key_of[id(full)], resolve_id_citation=_no_id,
        resolve_shortcase_citation=steps.short, resolve_supra_citation=steps.supra,
        resolve_reference_citation=steps.reference)
    for resolved in resolutions.values():
        members = [index_of[id(o)] for o in resolved if id(o) in key_of]
        for obj in resolved:
            i = index_of[id(obj)]
            if cites[i].kind not in FULL_KINDS and members:
                cites[i].antecedent = _choose_member(cites, members, cites[i])
    _short_parallel_pins(cites)
    unresolved_targets(cites, text)
    resolve_ids(cites, text, fits=_pin_fits, choose=_choose_member, quotes=quotes)


def _no_id(*_args) -> None:
    return None  # id. is resolved by references.resolve_ids, to antecedents of any kind


class _Steps:
    """eyecite's resolution steps for short forms and supra, with fallbacks: a parallel after a short
    form goes where its leader went; a short form among several cases of one
    volume goes to the one holding its pin; a supra naming both parties goes
    to the case with both."""

    def __init__(self, cites: list[Cite]):
        self.leader_of = {id(c.obj): c.extras["parallel_of"].obj for c in cites if "parallel_of" in c.extras}
        self.name_of = {id(c.obj): c.case_name for c in cites if c.kind == "supra"}
        self.seen: dict[int, object] = {}  # resolution of each short form and supra, by id()
        self._distinct: dict[tuple, tuple] = {}
        self._read = 0  # how much of eyecite's list of full citations is in _distinct

    def _fulls(self, fulls: list) -> list:
        """eyecite's list of the full citations so far (it only grows), each
        distinct one once: scanning all of them for every short form made a
        brief of thousands of repeated citations quadratic."""
        for full, resource in fulls[self._read:]:
            names = tuple(getattr(full.metadata, name, None) for name in _NAME_FIELDS)
            key = (resource, type(full), full.corrected_reporter(), full.groups.get("volume"),
                   full.groups.get("page"), names)
            self._distinct.setdefault(key, (full, resource))
        self._read = len(fulls)
        return list(self._distinct.values())

    def short(self, short, fulls):
        from research.citations.extract.engine import resolve_shortcase

        fulls = self._fulls(fulls)
        found = (self.seen.get(id(self.leader_of.get(id(short))))
                 or resolve_shortcase(short, fulls) or _by_page(short, fulls))
        self.seen[id(short)] = found
        return found

    def reference(self, reference, fulls):
        """eyecite's own step, on the distinct full citations (it matches names only)."""
        from research.citations.extract.engine import resolve_reference

        return resolve_reference(reference, self._fulls(fulls))

    def supra(self, supra, fulls):
        from research.citations.extract.engine import resolve_supra

        fulls = self._fulls(fulls)
        found = resolve_supra(supra, fulls) or _by_parties(self.name_of.get(id(supra), ""), fulls)
        self.seen[id(supra)] = found
        return found


def _squash(name: str | None) -> str:
    return re.sub(r"[^a-z0-9]", "", (name or "").lower())


def _by_parties(name: str, fulls) -> object | None:
    """"Johnson v. Commissioner of Correction, supra" when eyecite's guess
    ("Correction") fits several cases: both parties must match."""
    plaintiff, defendant = (_squash(p) for p in split_parties(name))
    if not defendant:
        return None
    found, starting = set(), set()
    for full, resource in fulls:
        md = full.metadata
        theirs = (_squash(getattr(md, "plaintiff", None)), _squash(getattr(md, "defendant", None)))
        if plaintiff and plaintiff in theirs[0] and defendant in theirs[1]:
            found.add(resource)
        elif not plaintiff and (defendant in theirs[0] or defendant in theirs[1]):
            found.add(resource)
            # "West, supra" is West v. United States, not Wester v. Missouri
            if any(_first_words(getattr(md, side, None), name) for side in ("plaintiff", "defendant")):
                starting.add(resource)
    for candidates in (found, starting):
        if len(candidates) == 1:
            return candidates.pop()
    return None


def _first_words(party: str | None, name: str) -> bool:
    """Are the words of ``name`` the first words of ``party``?"""
    wanted, words = re.findall(r"\w+", name.lower()), re.findall(r"\w+", (party or "").lower())
    return bool(wanted) and words[:len(wanted)] == wanted


def _by_page(short, fulls) -> object | None:
    """"536 U.S. at 318" when several cases of 536 U.S. were cited: the one
    whose pages can hold the pin (the nearest first page before it)."""
    pin = re.match(r"(?:at )?(\d+)", str(short.metadata.pin_cite or ""))
    if not pin:
        return None
    volume, best = short.groups.get("volume"), None
    for full, resource in fulls:
        if full.groups.get("volume") != volume or type(full).__name__ != "FullCaseCitation":
            continue
        page = str(full.groups.get("page") or "")
        if (page.isdigit() and int(page) <= int(pin[1]) <= int(page) + _MAX_OPINION_PAGES
                and (best is None or int(page) > best[0])
                and full.corrected_reporter() == short.corrected_reporter()):
            best = (int(page), resource)
    return best[1] if best else None


def _short_parallel_pins(cites: list[Cite]) -> None:
    """"Johnson, supra, 330 Conn. 538-39": a page other than the first page of
    the report referred to is a pin cite. A supra that eyecite could not
    resolve refers to what its parallel refers to."""
    for cite in cites:
        leader = cite.extras.get("parallel_of")
        if leader is None:
            continue
        first = cites[cite.antecedent].page if cite.antecedent is not None else ""
        if not cite.pin_cite and cite.page != first:
            cite.pin_cite = cite.extras.get("page_cited", cite.page)
        if leader.kind == "supra" and leader.antecedent is None:
            leader.antecedent = cite.antecedent


def _choose_member(cites: list[Cite], members: list[int], cite: Cite) -> int:
    """The member of a parallel group a short form points at: same reporter
    and volume for "945 N.E.2d at 486", the page range holding the pin for
    "Id. at 486", else the first (official) citation."""
    if cite.kind == "short_case":  # "945 N.E.2d at 486"
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
    """"Jones at 207", "Bleecker at 281" anywhere after the full citation
    naming that party (its whole name or its first words).

    eyecite finds these only within the piece holding the full citation, and
    only under a party's whole name.
    """
    names = _reference_names(cites, is_valid_name)
    if not names:
        return []
    longest = max(len(n.split()) for n in names)
    found = []
    for m in _REFERENCE.finditer(text):
        words = text[max(0, m.start() - 120):m.start()].split(" ")
        for k in range(min(longest, len(words)), 0, -1):
            name = " ".join(words[-k:]).lstrip("([\"'")
            party = _party_before(names.get(name, ()), m.start())
            if party:
                found.append(_reference(name, party, m, m.start() - len(name)))
                break
    return found


# Words too common to stand alone for a party ("People at 5", "City at 3").
_GENERIC_NAMES = {
    "the", "in", "re", "matter", "estate", "city", "county", "town", "township", "village", "borough",
    "board", "department", "united", "state", "states", "people", "commonwealth", "government",
    "republic", "national", "american", "first", "new", "north", "south", "east", "west", "general",
    "federal", "international", "ex", "application", "petition", "school", "district", "office",
    "secretary", "commissioner", "director", "attorney", "plaintiff", "defendant", "court",
}


def _reference_names(cites: list[Cite], is_valid_name) -> dict[str, list[tuple[int, str]]]:
    """Names a reference may use -> (end of the full citation, party name as
    the full citation's eyecite metadata holds it, for eyecite's resolver)."""
    names: dict[str, list[tuple[int, str]]] = {}
    short: dict[str, list[str]] = {}  # parties recur: work out their short names once
    for cite in cites:
        if cite.kind not in CASE_LIKE:
            continue
        for party in _parties(cite):
            if party not in short:
                short[party] = [n for n in _short_names(party) if is_valid_name(n)]
            for name in short[party]:
                names.setdefault(name, []).append((cite.end, party))
    return names


def _parties(cite: Cite) -> list[str]:
    md = getattr(cite.obj, "metadata", None)
    parties = [getattr(md, "plaintiff", None), getattr(md, "defendant", None)] if md is not None else []
    parties = [p for p in parties if p] or [p for p in (cite.plaintiff, cite.defendant) if p]
    return list(dict.fromkeys(parties))


def _short_names(party: str) -> list[str]:
    """"Bleecker St. Tenants Corp." -> itself, "Bleecker St. Tenants", "Bleecker"."""
    words = party.split()
    out = [party]
    for k in range(len(words) - 1, 0, -1):
        last = words[k - 1]
        if not last[:1].isupper() or last.endswith(","):
            continue
        if k == 1 and last.lower() in _GENERIC_NAMES:
            continue
        out.append(" ".join(words[:k]))
    return out


def _party_before(entries, pos: int) -> str:
    """The party of the latest full citation before ``pos`` with that name
    (``entries`` are in text order)."""
    import bisect

    at = bisect.bisect_right(entries, pos, key=lambda entry: entry[0])
    return entries[at - 1][1] if at else ""


def _reference(name: str, party: str, m: re.Match, start: int) -> Cite:
    from research.citations.extract.engine import CaseReferenceToken, ReferenceCitation

    end = m.end()
    token = CaseReferenceToken(data=name + m.group(), start=start, end=end)
    obj = ReferenceCitation(token=token, index=0, span_start=start, span_end=end,
                            full_span_start=start, full_span_end=end,
                            metadata={"defendant": party, "pin_cite": m.group("pin")})
    return Cite("reference", start, end, start, end, pin_cite=m.group("pin"), case_name=name,
                defendant=name, obj=obj)
