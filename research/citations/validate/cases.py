"""Check a full case citation: does the reporter exist and cover the year,
does the library (or the citation directory) hold a case at that volume and
page, do the name, year, pin cite and quotation agree with it.

Parallel citations are one authority: a member the library does not hold
is checked through the member it does hold, and every member's pin cite
against its own reporter's page map.
"""
from __future__ import annotations

from research.citations.directory import CITED_IN
from research.citations.validate.common import (
    Context,
    Finding,
    as_int,
    describe,
    directory_authority,
    library_authority,
)
from research.citations.validate.courts import court_name, court_notes
from research.citations.validate.names import best_match, names_match, shares_a_word
from research.citations.validate.passages import check_pin_and_quote, sentence
from research.citations.validate.reporters import date_problem, is_known
from research.types import CitationRow, Document, FoundCitation


def check_case(c: FoundCitation, members: list[FoundCitation], pin: str, ctx: Context) -> Finding:
    """``members`` are the citations of c's parallel group (c included);
    ``pin`` is c's pin cite as validation reads it."""
    finding = Finding()
    if not is_known(c.reporter):
        finding.add("unknown_reporter",
                    f"No reporter abbreviated \u201c{c.reporter}\u201d is known (reporters-db lists the "
                    f"published U.S. reporters); {c.text} cannot be found anywhere as written.")
        return finding
    problem, checked = date_problem(c.reporter, c.year)
    if problem:
        finding.add("reporter_date_mismatch", problem, at_most="invalid" if checked else "warning")
    if not c.page:
        _blank_page(finding, c, ctx)
        return finding
    rows = [r for r in ctx.rows(c.volume, c.reporter, c.page) if r.kind == "opinion"]
    if rows:
        _in_library(finding, c, rows, ctx)
    else:
        _not_held(finding, c, members, ctx)
    held_court = finding.authority.court if finding.authority else ""
    for note in court_notes(c.court_id, c.court, c.year, court_name(held_court) or held_court):
        finding.note(note)
    check_pin_and_quote(finding, c, pin, ctx)
    return finding


def _in_library(finding: Finding, c: FoundCitation, rows: list[CitationRow], ctx: Context) -> None:
    chosen = best_match(c.case_name, [r.title for r in rows]) if c.case_name else None
    row = rows[chosen or 0]
    doc = ctx.doc(row.doc_id)
    if doc is None:
        return
    finding.doc, finding.authority = doc, library_authority(doc, row.citation)
    if c.case_name and chosen is None:
        held = " and ".join(_named(r.title, r.date) for r in rows)
        finding.add("case_name_mismatch",
                    sentence(f"The library has {row.citation} as {held}; the brief names it {c.case_name}"))
    _check_year(finding, c, doc.year, doc.date, f"The library dates {doc.title}, {row.citation},")


def _named(title: str, date: str) -> str:
    return f"{title} ({date[:4]})" if date else title


def _check_year(finding: Finding, c: FoundCitation, year: str, date: str, says: str) -> None:
    if c.year and year and c.year != year:
        decided = f" (decided {date})" if len(date) > 4 else ""
        finding.add("year_mismatch", f"{says} to {year}{decided}; the brief gives {c.year}.")


def _not_held(finding: Finding, c: FoundCitation, members: list[FoundCitation], ctx: Context) -> None:
    """The library has no case at exactly this citation."""
    entries = ctx.directory_rows(c.volume, c.reporter, c.page)
    sibling = _held_sibling(c, members, ctx)
    if sibling is not None:
        _through_sibling(finding, c, sibling, ctx)
    elif entries:
        _in_directory(finding, c, entries)
    else:
        inside = _containing(c, ctx)
        if inside:
            _page_inside(finding, c, inside, ctx)
        else:
            finding.add("not_in_library",
                        f"The library does not hold {c.citation}. {c.reporter} is a known reporter, so the "
                        f"citation is well-formed, but whether a case begins there, its name, year, pin cite "
                        f"and any quotation could not be checked.")


def _blank_page(finding: Finding, c: FoundCitation, ctx: Context) -> None:
    """"572 U. S. ___": the page is not known yet (a slip opinion), so the
    case is looked for by name among the cases known in that volume, and
    its year checked; never matched to another case of the volume."""
    held = [r for r in ctx.volume_rows(c.reporter, c.volume) if r.kind == "opinion"]
    entries = [e for e in ctx.directory_rows(c.volume, c.reporter, "") if e.case_name]
    names = [r.title for r in held] + [e.case_name for e in entries]
    chosen = best_match(c.case_name, names, strict=True) if c.case_name else None
    volume = f"{c.volume} {c.reporter}"
    if chosen is None:
        named = f"no case named {c.case_name} is known in {volume}" if c.case_name else "it names no case"
        finding.add("not_in_library", f"{c.text} gives no page (a slip opinion, or a volume not yet paginated), "
                                      f"so it can be checked only by name and year; {named}; not a sign "
                                      f"that it is wrong.")
    elif chosen < len(held):
        doc = ctx.doc(held[chosen].doc_id)
        if doc is not None:
            finding.doc, finding.authority = doc, library_authority(doc, held[chosen].citation)
            _check_year(finding, c, doc.year, doc.date, f"The library dates {doc.title}")
    else:
        entry = entries[chosen - len(held)]
        finding.row, finding.authority = entry, directory_authority(entry)
        _check_year(finding, c, entry.year, entry.date, f"The citation directory dates {entry.case_name}")
        finding.note(f"Found by name among the cases of {volume} in the citation directory; the page is not "
                     f"known, so pin cites and quotations could not be checked.")


def _held_sibling(c: FoundCitation, members: list[FoundCitation], ctx: Context) -> tuple | None:
    """(member, document) of the first parallel citation the library holds."""
    for member in members:
        if member is c or member.kind != "case":
            continue
        rows = [r for r in ctx.rows(member.volume, member.reporter, member.page) if r.kind == "opinion"]
        if rows:
            doc = ctx.doc(rows[0].doc_id)
            if doc is not None:
                return member, doc
    return None


def _through_sibling(finding: Finding, c: FoundCitation, sibling: tuple, ctx: Context) -> None:
    member, doc = sibling
    finding.doc, finding.authority = doc, library_authority(doc)
    inside = [r for r in _containing(c, ctx) if r.doc_id == doc.id]
    listed = [cite for cite in doc.citations if _same_volume(cite, c)]
    if inside:
        _page_inside(finding, c, inside, ctx)
    elif listed:
        finding.add("not_in_library",
                    f"The library's copy of {doc.title} gives this parallel citation as {listed[0]}, "
                    f"not {c.citation}; {c.citation} could not be verified.")
    else:
        finding.note(f"The library's copy of {doc.title} does not list {c.citation} as a parallel "
                     f"citation; the case was found through {member.text}.")


def _same_volume(citation: str, c: FoundCitation) -> bool:
    from research.rules import reporter_key
    from research.store import parse_citation

    parsed = parse_citation(citation)
    return bool(parsed) and parsed.volume == c.volume and parsed.key == reporter_key(c.reporter)


def _in_directory(finding: Finding, c: FoundCitation, entries: list) -> None:
    """A directory row found at the citation. Rows read by machine from other
    opinions ("cited in ...") are evidence, not fact: a different year, or a
    name that shares a word with theirs, is a note; a name with nothing in
    common is still a warning (a real citation given a made-up name)."""
    chosen = best_match(c.case_name, [e.case_name for e in entries]) if c.case_name else None
    entry = entries[chosen or 0]
    finding.row, finding.authority = entry, directory_authority(entry)
    extracted = entry.source.startswith(CITED_IN)
    if c.case_name and chosen is None and any(e.case_name for e in entries):
        held = " and ".join(_named(e.case_name, e.date) for e in entries if e.case_name)
        message = sentence(f"The citation directory lists {entry.citation} as {held}; the brief names it "
                           f"{c.case_name}")
        if extracted and any(shares_a_word(c.case_name, e.case_name) for e in entries):
            finding.note(message + " The directory's name was read from another opinion, so this is not a flag.")
        else:
            finding.add("case_name_mismatch", message)
    says = f"The citation directory dates {entry.case_name or entry.citation}"
    if extracted and c.year and entry.year and c.year != entry.year:
        finding.note(f"{says} to {entry.year}, as another opinion cites it; the brief gives {c.year}.")
    else:
        _check_year(finding, c, entry.year, entry.date, says)
    source = f" (source: {entry.source})" if entry.source else ""
    finding.note(f"Found in the citation directory{source}: the case exists, but the library does not "
                 f"hold its text, so pin cites and quotations could not be checked.")


def _containing(c: FoundCitation, ctx: Context) -> list[CitationRow]:
    """Library cases in the same volume whose pages strictly contain c's
    first page (a case may begin on the page where the one before ends)."""
    page = as_int(c.page)
    if page is None:
        return []
    found = []
    for row in ctx.volume_rows(c.reporter, c.volume):
        first, last = as_int(row.page), as_int(row.last_page)
        if first is not None and last is not None and first < page < last:
            found.append(row)
    return found


def _page_inside(finding: Finding, c: FoundCitation, inside: list[CitationRow], ctx: Context) -> None:
    row = inside[0]
    doc: Document | None = ctx.doc(row.doc_id)
    where = describe(doc, row.citation) if doc else row.citation
    message = (f"No case can begin at {c.citation}: page {c.page} lies inside {where}, which runs from "
               f"page {row.page} to {row.last_page}.")
    same_case = doc is not None and (not c.case_name or names_match(c.case_name, doc.title))
    if same_case and c.case_name:
        message += f" The brief seems to mean that case but gives the wrong first page ({row.page})."
    elif c.case_name:
        message += sentence(f" The brief names it {c.case_name}")
    finding.add("page_inside_other_case", message)
    if same_case and finding.doc is None:
        # pins and quotes are still worth checking against the case meant
        finding.doc, finding.authority = doc, library_authority(doc, row.citation)
