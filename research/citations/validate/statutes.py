"""Check statute and regulation citations against the codes the library holds;
say plainly that rules, constitutions and journals are not held.

A section missing from a code title is only called nonexistent
(``statute_section_not_found``) when the library holds that part of the
title: the title is held from its first chapter (so every section number
belongs to it), or the missing number falls between two held sections of
the same chapter. Otherwise (e.g. 42 U.S.C. § 1395 when only chapters 21,
21B, 21C and 126 of title 42 are held) it is ``not_in_library``. Every
statute check names the edition it used: shipped code text is older than
today's law.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from research.citations.extract import source_name
from research.citations.validate.common import Context, Finding, library_authority
from research.rules import reporter_key
from research.store import normalize_page
from research.types import CitationRow, Document, FoundCitation

_FIRST_CHAPTERS = ("1", "I")
_NOT_HELD = {
    "rule": "court rules ({reporter})",
    "constitution": "constitutions",
    "journal": "law reviews and journals",
    "treaty": "treaties and international agreements",
    "agency": "decisions and opinions of agencies and executive officers",
    "foreign_case": "reports of foreign courts",
    "secondary": "books, restatements, dictionaries or legislative materials",
}


def check_law(c: FoundCitation, ctx: Context) -> Finding:
    """Statutes, regulations, rules, constitutions, and the sources the library does not hold."""
    finding = Finding()
    if c.kind in _NOT_HELD:
        what = _NOT_HELD[c.kind].format(reporter=c.reporter)
        named = source_name(c.reporter) if c.reporter else ""
        cited = f"{c.text} ({named})" if named else c.text
        finding.add("not_in_library", f"The library does not hold {what}, so {cited} could not be checked.")
        return finding
    covered = ctx.covered_code_titles()
    code = _covered_code(c, covered)
    if code is None:
        finding.add("not_in_library", _not_covered(c, covered))
        return finding
    for section in c.sections or (c.page,):
        check_section(finding, c.volume, code, section, ctx)
    return finding


def _covered_code(c: FoundCitation, covered: set[tuple[str, str]]) -> str | None:
    """The library's name of the cited code ("U.S.C." for "U.S.C.A."), if it
    holds that title."""
    key = reporter_key(c.reporter)
    for title, code in covered:
        if title == c.volume and reporter_key(code) == key:
            return code
    return None


def _not_covered(c: FoundCitation, covered: set[tuple[str, str]]) -> str:
    held = sorted({f"{t} {code}" for t, code in covered}, key=lambda s: (s.split()[1], _key(s.split()[0])))
    listing = f" (it holds {', '.join(held)})" if held else ""
    if c.volume and c.reporter:
        what = f"title {c.volume} of {c.reporter}"
    else:
        what = c.reporter or "this code"
    return f"The library does not hold {what}{listing}, so {c.text} could not be checked."


def check_section(finding: Finding, title: str, code: str, section: str, ctx: Context) -> None:
    """Look one section up; on success the finding gets the document and an
    edition note, on failure a problem saying why."""
    rows = ctx.rows(title, code, section)
    if rows:
        doc = ctx.doc(rows[0].doc_id)
        if doc is not None:
            _found(finding, doc)
        return
    held = _title_rows(ctx, title, code)
    sample = ctx.doc(held[0].doc_id) if held else None
    edition = f" ({sample.edition})" if sample is not None and sample.edition else ""
    part = _held_part(ctx, held, section)
    if part:
        finding.add("statute_section_not_found",
                    f"The library's {title} {code}{edition} holds {part} and has no § {section}; "
                    f"a section enacted after that edition would not be in it.")
    else:
        finding.add("not_in_library",
                    f"The library holds only part of {title} {code}{edition}; § {section} is outside "
                    f"the chapters or parts it holds, so it could not be checked.")


def _found(finding: Finding, doc: Document) -> None:
    if finding.doc is None:
        finding.doc, finding.authority = doc, library_authority(doc)
    edition = doc.edition or "an edition of unknown date"
    finding.note(f"Checked against {edition}; the law may have changed since.")


def _title_rows(ctx: Context, title: str, code: str) -> list[CitationRow]:
    """The title's sections in natural order (sorted once per run)."""
    key = ("title", title, reporter_key(code))
    if key not in ctx.memo:
        rows = [r for r in ctx.volume_rows(code, title) if r.kind in ("statute", "regulation")]
        ctx.memo[key] = sorted(rows, key=lambda r: _key(r.page))
    return ctx.memo[key]


def _key(section: str) -> tuple:
    """Natural order of section numbers: 2000e-2 after 2000e-1, 447.31 after 447.4."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.findall(r"\d+|[a-z]+", section.lower()))


def _chapter(ctx: Context, row: CitationRow) -> str:
    doc = ctx.doc(row.doc_id)
    extra = doc.extra if doc is not None else {}
    unit = "part" if row.reporter == "C.F.R." else "chapter"  # CFR sections are numbered by part
    return str(extra.get(unit) or "")


def _held_part(ctx: Context, held: list[CitationRow], section: str) -> str:
    """The part of the title the library holds that ``section`` falls in
    ("the whole title", "part 447"), or "" if it falls outside what is held."""
    if not held:
        return ""
    section = normalize_page(section)
    if held[0].reporter == "C.F.R." and "." in section:
        part = section.split(".")[0]  # a CFR section number starts with its part
        if any(r.page.split(".")[0] == part for r in held):
            return f"part {part}"
    i = bisect_left(held, _key(section), key=lambda r: _key(r.page))
    if _starts_title(ctx, held[0]) and i > 0:
        return "the whole title"
    if 0 < i < len(held):
        below, above = _chapter(ctx, held[i - 1]), _chapter(ctx, held[i])
        if below and below == above:
            unit = "part" if held[i].reporter == "C.F.R." else "chapter"
            return f"{unit} {below} (§§ {held[i - 1].page} to {held[i].page})"
    return ""


def _starts_title(ctx: Context, first: CitationRow) -> bool:
    """Is the title held from its first chapter (in its first part, for a
    title divided into parts, as 35 U.S.C.), so that it is held whole?"""
    doc = ctx.doc(first.doc_id)
    extra = doc.extra if doc is not None else {}
    return (str(extra.get("chapter", "")) in _FIRST_CHAPTERS
            and str(extra.get("part", "I")) in _FIRST_CHAPTERS)
