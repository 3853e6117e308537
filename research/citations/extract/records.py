"""Internal working record for a citation, and conversion from eyecite objects.

Works on eyecite objects by class name so that importing this module does
not import eyecite. Offsets here are into the normalised text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from research.citations.extract.names import (
    CASE_SHAPE,
    case_name_before,
    clean_short_name,
    name_before,
    name_start,
    short_form_name,
    short_name_before,
    split_parties,
)

_EYECITE_KINDS = {
    "FullCaseCitation": "case",
    "ShortCaseCitation": "short_case",
    "IdCitation": "id",
    "SupraCitation": "supra",
    "ReferenceCitation": "reference",
    "FullJournalCitation": "journal",
    "FullLawCitation": "statute",
    "UnknownCitation": "section",  # a bare "§" token: kept only to break id. chains
}
# reporters-db "laws" cite types that are regulations rather than statutes
_REGULATION_TYPES = {"admin_compilation", "admin_register", "admin_docket", "admin_filing"}
# reporters-db keys that differ from the Bluebook form briefs use
_LAW_ALIASES = {"FR": "Fed. Reg."}
FULL_KINDS = ("case", "statute", "regulation", "rule", "journal", "unknown_reporter", "constitution",
              "treaty", "agency", "foreign_case", "secondary")
CASE_LIKE = ("case", "unknown_reporter", "agency", "foreign_case")  # volume-reporter-page, a name before


@dataclass
class Cite:
    kind: str
    start: int
    end: int
    full_start: int
    full_end: int
    volume: str = ""
    reporter: str = ""
    page: str = ""
    pin_cite: str = ""
    year: str = ""
    court: str = ""
    court_id: str = ""
    case_name: str = ""
    parenthetical: str = ""
    sections: tuple[str, ...] = ()
    plaintiff: str = ""
    defendant: str = ""
    obj: object = None          # eyecite citation object, fed to the resolver
    group: int = -1
    antecedent: int | None = None  # index into the working list
    quote: tuple[int, int] | None = None
    eyecite_year: str = ""
    extras: dict = field(default_factory=dict)


def clean_pin(pin: str | None) -> str:
    """", at 241" -> "241"; "at p. 651" -> "651"; keeps "§ 108", "(a)(1)"."""
    if not pin:
        return ""
    pin = pin.strip(" ,;")
    pin = re.sub(r"^at\s+", "", pin)
    pin = re.sub(r"^(?:p|pp|pg|page)\.?\s*", "", pin)
    return pin.strip(" ,")


def _kind_of(obj) -> str:
    kind = _EYECITE_KINDS.get(type(obj).__name__, "section")
    if kind == "statute":
        editions = obj.all_editions or ()
        if editions and editions[0].reporter.cite_type in _REGULATION_TYPES:
            return "regulation"
    return kind


def _reporter_of(obj, kind: str) -> str:
    groups = obj.groups or {}
    if groups.get("subject"):  # "Cal. Penal Code": keep the code as written
        return groups.get("reporter") or ""
    if kind in ("case", "short_case", "journal", "statute", "regulation"):
        guess = getattr(obj, "edition_guess", None)
        if guess is not None:
            return _LAW_ALIASES.get(guess.short_name, guess.short_name)
    return _LAW_ALIASES.get(groups.get("reporter") or "", groups.get("reporter") or "")


def _token_span(obj, kind: str, offset: int) -> tuple[int, int]:
    token = obj.token
    start, end = token.start, token.end
    data = str(token)
    if kind in ("id", "supra", "section"):
        stripped = data.rstrip(",;:") if kind == "id" else data.strip(",;:.()[]")
        lead = data.find(stripped) if stripped else 0
        start, end = start + max(lead, 0), start + max(lead, 0) + len(stripped)
    return start + offset, end + offset


def _last_line_name(text: str, full_start: int, start: int, *, short: bool = False) -> str:
    """Name text eyecite spanned, cut at a line break (page headers);
    ``short``: of a short form or supra, without "supra" or text before."""
    region = text[full_start:start].split("\n")[-1]
    region = re.split(r",\s?\d", region)[0]  # "Waffle House, 534 U.S, 279, 289" (OCR)
    region = re.sub(r"\s?[(\[]\d{4}[)\]]\s*$", "", region.strip())  # "People v. Smith (2011) 51 Cal.4th 1"
    name = clean_short_name(region.strip().rstrip(",").strip())
    name = clean_short_name(short_form_name(name) if short else name_start(name))
    return _not_a_name(name)


# "Md. App. at 218", "Id.", syllabus page references ("Pp. 9-10."), and a
# procedural prefix with no party after it ("... Procedure Ex-Parte")
_NOT_A_NAME = re.compile(r"\bat\s\S*\d|^(?:Id|Ibid)\b|^(?:Pp?\.|Pages?)\s?\d|\b(?:Ex[- ][Pp]arte|In [Rr]e)$")


def _not_a_name(name: str) -> str:
    """No name rather than a citation or "Id." read as one ("Md. App. at 218")."""
    return "" if _NOT_A_NAME.search(name) or not re.search(r"[A-Za-z]{2}", name) else name


def _names(obj, kind: str, text: str, start: int, full_start: int) -> tuple[str, str, str]:
    md = obj.metadata
    plaintiff = getattr(md, "plaintiff", None) or ""
    defendant = getattr(md, "defendant", None) or ""
    if kind == "case":
        name = case_name_before(text, start)
        if name and not (plaintiff or defendant):
            # let the resolver match "Parker, supra" to this citation
            md.plaintiff, md.defendant = (p or None for p in split_parties(name))
        if not name and (plaintiff or defendant):
            name = _last_line_name(text, full_start, start)
        return name, plaintiff, defendant
    if kind == "supra":
        # "Johnson v. Commissioner of Correction, supra": eyecite keeps "Correction"
        name = name_before(text, start, max_words=12)
        if name and not CASE_SHAPE.search(name):
            name = short_form_name(name)  # "the Court, Booker, supra" -> "Booker"
        return name or _last_line_name(text, full_start, start, short=True), "", ""
    if kind == "short_case":
        # eyecite misses "Gilmer" in '... agreements." Gilmer, 500 U.S. at 25' and
        # takes "N.J.S.A. 2A:34-53, Baures, supra" for a name
        written = short_name_before(text, start)
        if not written and getattr(md, "antecedent_guess", None):
            return _last_line_name(text, full_start, start, short=True), "", ""
        name = _not_a_name(written)
        md.antecedent_guess = md.antecedent_guess or name or None
        return name, "", ""
    if kind == "reference":
        return plaintiff or defendant or getattr(md, "resolved_case_name_short", None) or "", plaintiff, defendant
    return "", plaintiff, defendant


def from_eyecite(obj, offset: int, text: str) -> Cite:
    """Working record for one eyecite citation found in a piece at ``offset``."""
    kind = _kind_of(obj)
    start, end = _token_span(obj, kind, offset)
    full_start, full_end = (p + offset for p in obj.full_span())
    full_start, full_end = min(full_start, start), max(full_end, end)
    groups, md = obj.groups or {}, obj.metadata
    page = groups.get("page") or groups.get("section") or ""
    pin = clean_pin(getattr(md, "pin_cite", None))
    if kind == "short_case":
        page, pin = "", pin or clean_pin(groups.get("page"))
    name, plaintiff, defendant = _names(obj, kind, text, start, full_start)
    if kind in ("case", "short_case", "supra") and name:
        found_at = text.rfind(name, max(0, start - 400), start)
        full_start = found_at if found_at >= 0 else full_start
    cite = Cite(
        kind, start, end, full_start, full_end,
        volume=groups.get("volume") or groups.get("title") or groups.get("chapter") or "",
        reporter=_reporter_of(obj, kind), page=page, pin_cite=pin,
        court_id=getattr(md, "court", None) or "", case_name=name,
        parenthetical=getattr(md, "parenthetical", None) or "",
        plaintiff=plaintiff, defendant=defendant, obj=obj,
        eyecite_year=getattr(md, "year", None) or "",
    )
    if kind in ("statute", "regulation") and page:
        cite.sections = (page,)
    return cite


def from_added(added) -> Cite:
    """Working record for a citation found by research.citations.extract.patterns."""
    cite = Cite(
        added.kind, added.start, added.end, added.start, added.end,
        volume=added.volume, reporter=added.reporter, page=added.page,
        pin_cite=added.pin_cite, sections=added.sections,
    )
    if added.what:
        cite.extras["what"] = added.what
    return cite
