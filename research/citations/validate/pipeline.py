"""Validate the citations of a brief against the library, reporters-db and
the citation directory.

    check_text(text, store=store) -> CheckReport
    check_citations(text, found, store=store) -> tuple[CheckedCitation, ...]

Each citation gets problem codes from ``research.types.PROBLEM_CODES`` with
a plain-English message naming what was expected and what was found, and
notes saying what was verified and what could not be. Its status is
"verified" when it was found and every check passed, else the worst of its
problems decides (invalid > warning > unverified). A citation is never
called invalid only because the library lacks it.

Full citations are checked first; id., supra, short forms and references
then inherit their antecedent's authority (and any doubt about its
existence) and have their own pin cite and quotation checked against it.
"""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Callable, Sequence

from research.citations.extract import source_kind
from research.citations.validate.cases import check_case
from research.citations.validate.common import EXISTENCE, Context, Finding, as_int, describe
from research.citations.validate.passages import check_pin_and_quote
from research.citations.validate.reporters import is_known
from research.citations.validate.statutes import check_law
from research.citations.validate.strings import settle_string_quotes
from research.types import CheckedCitation, CheckReport, FoundCitation

if TYPE_CHECKING:
    from research.citations.directory import Directory
    from research.store import Store

CASE_KINDS = ("case", "unknown_reporter")
REFERENCE_KINDS = ("short_case", "id", "supra", "reference")
LAW_KINDS = ("statute", "regulation")


def check_text(text: str, *, store: "Store | None", directory: "Directory | None" = None, file: str = "",
               page_of: Callable[[int], int | None] | None = None) -> CheckReport:
    """Extract every citation of ``text`` and check it. ``page_of`` maps a
    character offset to a PDF page number (fills ``pdf_page``)."""
    from research.citations.extract import extract_citations

    checked = check_citations(text, extract_citations(text), store=store, directory=directory)
    if page_of is not None:
        checked = tuple(replace(item, pdf_page=page_of(item.found.start)) for item in checked)
    return CheckReport(file=file, text=text, citations=checked)


def check_citations(text: str, found: Sequence[FoundCitation], *, store: "Store | None",
                    directory: "Directory | None" = None) -> tuple[CheckedCitation, ...]:
    """Check ``found`` (as returned by ``extract_citations(text)``, whose
    ``antecedent`` indexes refer to positions in this sequence)."""
    ctx = Context(store, directory)
    groups: dict[int, list[FoundCitation]] = {}
    for c in found:
        groups.setdefault(c.group, []).append(c)
    findings: dict[int, Finding] = {}
    for i, c in enumerate(found):
        if c.kind not in REFERENCE_KINDS:
            findings[i] = _check_full(c, groups[c.group], c.pin_cite, ctx)
    for i, c in enumerate(found):
        if c.kind in REFERENCE_KINDS:
            findings[i] = _check_reference(c, found, findings, ctx)
    settle_string_quotes(text, found, findings, ctx)
    return tuple(_checked(c, findings[i]) for i, c in enumerate(found))


def _check_full(c: FoundCitation, members: list[FoundCitation], pin: str, ctx: Context) -> Finding:
    if c.kind in CASE_KINDS:
        finding = check_case(c, members, pin, ctx)
        if finding.doc is not None and not finding.problems:
            finding.note(f"Found in the library: {describe(finding.doc, finding.authority.citation)}.")
        return finding
    finding = check_law(c, ctx)
    if finding.doc is not None and c.quote:
        check_pin_and_quote(finding, c, "", ctx)
    return finding


def _check_reference(c: FoundCitation, found: Sequence[FoundCitation], findings: dict[int, Finding],
                     ctx: Context) -> Finding:
    target_at = _full_antecedent(found, c)
    if target_at is None:
        return _unresolved(c, ctx)
    target, base = found[target_at], findings[target_at]
    section = _section_pin(c) if target.kind in LAW_KINDS else ""
    finding = Finding(authority=base.authority, doc=base.doc, row=base.row)
    finding.note(f"Refers to {target.text}" + (f" ({base.authority.name})." if base.authority else "."))
    if section:
        finding.doc = finding.authority = None
        _check_statute_section(finding, target, section, ctx)
        return finding
    for code, message in base.problems:
        if code in EXISTENCE or code == "statute_section_not_found":
            finding.add(code, f"Refers to {target.text}. {message}", at_most=base.implied(code))
    if base.doc is None:
        for note in base.notes:
            finding.note(note)
    cited = c if c.reporter else target
    check_pin_and_quote(finding, c, c.pin_cite if target.kind in CASE_KINDS else "", ctx, cited=cited)
    return finding


def _full_antecedent(found: Sequence[FoundCitation], c: FoundCitation) -> int | None:
    """Index of the full citation c resolves to, following chains of references."""
    seen = set()
    at = c.antecedent
    while at is not None and 0 <= at < len(found) and at not in seen:
        if found[at].kind not in REFERENCE_KINDS:
            return at
        seen.add(at)
        at = found[at].antecedent
    return None


def _section_pin(c: FoundCitation) -> str:
    """"§ 108." in "Id. § 108." -> "108"."""
    pin = c.pin_cite.strip()
    if not pin.startswith("\u00a7"):
        return ""
    parts = pin.lstrip("\u00a7 ").split()
    return parts[0].rstrip(".,;") if parts else ""


def _check_statute_section(finding: Finding, target: FoundCitation, section: str, ctx: Context) -> None:
    redirected = replace(target, page=section, sections=(section,), pin_cite="")
    law = check_law(redirected, ctx)
    finding.problems, finding.notes = law.problems, finding.notes + law.notes
    finding.doc, finding.authority = law.doc, law.authority


def _unresolved(c: FoundCitation, ctx: Context) -> Finding:
    """A reference without a full citation to refer to: what it refers to
    instead is not checked (unverified); one that refers to nothing at all
    is a warning."""
    finding = Finding()
    if c.kind == "short_case" and c.reporter and not (is_known(c.reporter) or source_kind(c.reporter)):
        return check_case(c, [c], "", ctx)  # "33 Umbrella at 425": the reporter itself is unknown
    unchecked = _refers(c)
    if unchecked:
        finding.add("unchecked_reference", unchecked + _candidate(c, ctx))
        return finding
    what = {"id": "\u201cId.\u201d", "supra": f"\u201c{c.case_name or c.text}, supra\u201d"}.get(c.kind, c.text)
    finding.add("unresolved_reference", f"{what} does not refer to any earlier citation, record cite or "
                                        f"named source in this document." + _candidate(c, ctx))
    return finding


def _refers(c: FoundCitation) -> str:
    """Why a reference that refers to something other than a citation is not checked ("" if it refers to nothing)."""
    to, what = c.refers_to, c.refers_what
    return {
        "record": f"Refers to {to} ({what}), part of the record of the case, which the checker does not hold; "
                  f"not checked.",
        "opinion": f"Refers to {to} ({what}); not checked.",
        "document": "Refers to another part of this document, not to an authority; not checked.",
        "section": f"Refers to {to}, a section whose code is not named; not checked.",
        "named": f"No citation the checker reads is to {to}; it refers to a source named earlier in the "
                 f"document (a book, an article, a filing or another source the checker does not read); "
                 f"not checked.",
        "short": f"No full citation of {to} comes before this short form, so which case it means could not "
                 f"be checked; not checked.",
        "nofit": f"Its pin cite ({c.pin_cite}) cannot lie in {to}, the citation before it, so it refers to "
                 f"something the checker does not read; not checked.",
    }.get(c.refers_kind, "")


def _candidate(c: FoundCitation, ctx: Context) -> str:
    """For "945 N.E.2d at 490" with no full citation: a library case in that
    volume holding the page, as a hint."""
    pin = as_int(c.pin_cite.split("-")[0].strip()) if c.pin_cite else None
    if not (c.volume and c.reporter and pin):
        return ""
    for row in ctx.volume_rows(c.reporter, c.volume):
        first, last = as_int(row.page), as_int(row.last_page)
        if first is not None and last is not None and first <= pin <= last:
            return f" The library has {row.title}, {row.citation}, which includes page {pin}."
    return ""


def _checked(c: FoundCitation, finding: Finding) -> CheckedCitation:
    return CheckedCitation(
        found=c, status=finding.status,
        problems=tuple(code for code, _ in finding.problems),
        messages=tuple(message for _, message in finding.problems),
        authority=finding.authority, notes=tuple(finding.notes),
    )
