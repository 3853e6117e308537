"""Values that cross module boundaries. Standard library only.

Every value here is a frozen dataclass so it can be passed between layers
(corpus -> store -> index -> retrieve -> cli/ui) without anyone mutating it.
Offsets are always character offsets into ``Document.text``.
"""
from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Any, Mapping

KINDS = ("statute", "regulation", "opinion", "document")


@dataclass(frozen=True)
class PageBreak:
    """Page ``label`` of a reporter begins at character ``offset`` of the text."""

    label: str
    offset: int


@dataclass(frozen=True)
class PageMap:
    """Page breaks of one reporter for one opinion.

    ``citation`` is the full citation this map belongs to (``945 N.E.2d 484``);
    ``breaks`` are sorted by offset and the first break is the first page.
    """

    citation: str
    reporter: str
    volume: str
    first_page: str
    last_page: str
    breaks: tuple[PageBreak, ...]

    def page_at(self, offset: int) -> str | None:
        """Label of the page on which character ``offset`` sits."""
        current = None
        for brk in self.breaks:
            if brk.offset > offset:
                break
            current = brk.label
        return current

    def pages_between(self, start: int, end: int) -> tuple[str, ...]:
        """Labels of every page touched by the span [start, end)."""
        first = self.page_at(start)
        labels = [first] if first is not None else []
        labels += [b.label for b in self.breaks if start < b.offset < end and b.label not in labels]
        return tuple(labels)

    def offset_of(self, label: str) -> int | None:
        for brk in self.breaks:
            if brk.label == label:
                return brk.offset
        return None


@dataclass(frozen=True)
class Document:
    """One statute section, regulation section, opinion or user document.

    ``citations`` are canonical strings, official first then parallel
    (``16 N.Y.3d 272``, ``17 U.S.C. § 107``). ``edition`` says which edition
    of a code the text comes from, since shipped statute text may be old.
    ``extra`` keeps source-specific data (CourtListener id, docket number).
    """

    id: str
    kind: str
    title: str
    text: str
    citations: tuple[str, ...] = ()
    court: str = ""
    jurisdiction: str = ""
    date: str = ""  # ISO yyyy-mm-dd, or yyyy, or ""
    source: str = ""
    collection: str = "library"
    edition: str = ""
    page_maps: tuple[PageMap, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def primary_citation(self) -> str:
        return self.citations[0] if self.citations else ""

    @property
    def year(self) -> str:
        return self.date[:4]

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def page_map_for(self, citation_or_reporter: str) -> PageMap | None:
        for page_map in self.page_maps:
            if citation_or_reporter in (page_map.citation, page_map.reporter):
                return page_map
        return None

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Document":
        maps = tuple(
            PageMap(**{**pm, "breaks": tuple(PageBreak(**b) for b in pm["breaks"])})
            for pm in data.get("page_maps", ())
        )
        fields = {f.name for f in dataclasses.fields(cls)}
        values = {k: v for k, v in data.items() if k in fields}
        values["citations"] = tuple(values.get("citations", ()))
        values["page_maps"] = maps
        values["extra"] = dict(values.get("extra") or {})
        return cls(**values)


@dataclass(frozen=True)
class Chunk:
    """A span of a document: ``doc.text[start:end] == text`` always holds.

    ``pages`` are the page labels (of the document's first page map) that the
    span touches; ``label`` is the statute subsection path where known.
    """

    doc_id: str
    ordinal: int
    start: int
    end: int
    text: str
    pages: tuple[str, ...] = ()
    label: str = ""

    @property
    def id(self) -> str:
        return f"{self.doc_id}#{self.ordinal}"

    @property
    def content_key(self) -> str:
        """Identity of what gets embedded: unchanged text is never re-embedded."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class SearchFilters:
    kind: str | None = None
    court: str | None = None
    jurisdiction: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    collection: str | None = None


@dataclass(frozen=True)
class SearchHit:
    rank: int
    doc_id: str
    kind: str
    title: str
    citation: str
    pin: str
    score: float
    start: int
    end: int
    text: str
    chunk_id: str = ""
    matched_by: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["matched_by"] = list(self.matched_by)
        return data


@dataclass(frozen=True)
class IngestFailure:
    path: str
    problem: str


@dataclass(frozen=True)
class IngestReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    failures: tuple[IngestFailure, ...] = ()


@dataclass(frozen=True)
class IndexManifest:
    """What an index was built from; a mismatch refuses loading."""

    name: str
    model: str
    model_hash: str
    backend: str
    dimension: int
    chunking: Mapping[str, Any]
    corpus_hash: str
    documents: int
    chunks: int
    index_type: str
    built_at: str
    build_seconds: float
    format_version: int = 1

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "IndexManifest":
        fields = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in fields})


@dataclass(frozen=True)
class CitationRow:
    """One citation of a library document, as the store indexes it.

    ``position`` 0 is the official citation, then parallels in order. For
    statutes ``volume`` is the title, ``reporter`` the code and ``page`` the
    section ("17", "U.S.C.", "107"). ``last_page`` is "" when unknown.
    """

    doc_id: str
    citation: str
    volume: str
    reporter: str
    page: str
    last_page: str
    kind: str
    title: str
    court: str
    date: str
    position: int


# --- Citations found in a document (research.citations.extract.pipeline) ---

CITATION_KINDS = (
    "case",              # full case citation: 444 N.J. Super. 423
    "short_case",        # 515 U.S., at 241
    "id",                # Id. at 275
    "supra",             # Smith, supra, at 205
    "reference",         # Smith at 205 (name + pin cite after a full cite)
    "statute",           # 17 U.S.C. § 107, Cal. Penal Code § 187, Pub. L. 94-553
    "regulation",        # 27 C.F.R. § 646.155, 80 Fed. Reg. 100
    "rule",              # Fed. R. Civ. P. 12(b)(6)
    "constitution",      # U.S. Const. amend. XIV, § 1
    "journal",           # 44 Harv. L. Rev. 100
    "unknown_reporter",  # volume-reporter-page shape with a reporter nobody knows
)


@dataclass(frozen=True)
class FoundCitation:
    """One citation found in a document.

    ``text`` is the citation proper as written ("444 N.J. Super. 423",
    "17 U.S.C. § 107", "Id."), at ``[start, end)`` of the original text;
    ``full_start``/``full_end`` cover the whole citation sentence part
    (case name, pin cite, court/year parenthetical, explanatory
    parenthetical). For statutes, regulations and rules ``volume`` is the
    title ("17"), ``reporter`` the code ("U.S.C.", "Fed. R. Civ. P.") and
    ``page`` the first section ("107"); ``sections`` lists every section
    cited ("106", "107" for "§§ 106-107"). For short forms ``page`` is empty
    and the page cited is in ``pin_cite``. ``court`` is the court as written
    in the parenthetical ("2d Cir."), ``court_id`` its courts-db id ("ca2").
    For constitutions ``reporter`` is "U.S. Const.", ``page`` "amend. XIV"
    and ``pin_cite`` "§ 1". ``group`` is shared by parallel citations of one authority; ``antecedent``
    is the index (in the returned list) of the full citation a short form,
    id., supra or reference resolves to. ``quote`` is the quoted passage the
    citation supports, ``quote_start``/``quote_end`` its span (-1 if none).
    """

    text: str
    start: int
    end: int
    kind: str
    volume: str = ""
    reporter: str = ""
    page: str = ""
    pin_cite: str = ""
    year: str = ""
    court: str = ""
    court_id: str = ""
    case_name: str = ""
    parenthetical: str = ""
    quote: str = ""
    quote_start: int = -1
    quote_end: int = -1
    group: int = 0
    antecedent: int | None = None
    index: int = 0
    full_start: int = 0
    full_end: int = 0
    sections: tuple[str, ...] = ()

    @property
    def citation(self) -> str:
        """Canonical form: "16 N.Y.3d 272", "17 U.S.C. § 107", "Fed. R. Evid. 702"."""
        if self.kind in ("statute", "regulation") and self.reporter not in _NO_SECTION_SIGN:
            return " ".join(p for p in (self.volume, self.reporter, "§", self.page) if p)
        return " ".join(p for p in (self.volume, self.reporter, self.page) if p)


# codes cited by volume and page or by number, without "§"
_NO_SECTION_SIGN = ("Pub. L.", "Stat.", "Fed. Reg.", "RCW", "MCL", "R.C.", "ILCS", "G.S.", "N.J.S.A.")


# --- Citation checking (research.citations.validate.pipeline) ---

STATUSES = ("verified", "warning", "unverified", "invalid")

PROBLEM_CODES = {
    # code: status it implies
    "not_in_library": "unverified",
    "unknown_reporter": "invalid",
    "reporter_date_mismatch": "invalid",
    "page_inside_other_case": "invalid",
    "case_name_mismatch": "warning",
    "year_mismatch": "warning",
    "pin_cite_out_of_range": "warning",
    "quote_not_found": "warning",
    "quote_on_other_page": "warning",
    "quote_misattributed": "warning",
    "statute_section_not_found": "invalid",
    "unresolved_reference": "warning",
}


@dataclass(frozen=True)
class Authority:
    """What a citation was matched to: a library document, or a directory row
    (``source == "directory"``: the case exists, its text is not held)."""

    doc_id: str
    name: str
    citation: str
    court: str = ""
    year: str = ""
    source: str = "library"
    edition: str = ""


# --- Citation form (research.citations.form) ---

FORM_STYLES = ("bluebook", "scotus")  # the Bluebook (21st ed.), the Supreme Court's own style
DEFAULT_STYLE = FORM_STYLES[0]
STYLE_NAMES = {"bluebook": "Bluebook (21st ed.)", "scotus": "U.S. Supreme Court style"}
FORM_CODES = ("reporter_abbreviation", "reporter_spacing", "code_name", "section_symbol",
              "court_parenthetical", "missing_year", "ordinal", "case_name_abbreviation", "pin_form",
              "short_form_first", "parallel_order")


@dataclass(frozen=True)
class FormEdit:
    """Replace ``text[start:end]`` of the checked document by ``replacement``."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True)
class FormIssue:
    """One thing a cite-checker would mark up. ``suggestion`` is the part
    concerned as it should read (None when it cannot be known, e.g. a missing
    year no source gives); ``edits`` make the change in the document."""

    code: str
    message: str
    suggestion: str | None = None
    edits: tuple[FormEdit, ...] = ()


@dataclass(frozen=True)
class CheckedCitation:
    found: FoundCitation
    status: str
    problems: tuple[str, ...] = ()
    messages: tuple[str, ...] = ()
    authority: Authority | None = None
    notes: tuple[str, ...] = ()  # what was verified, and what could not be
    pdf_page: int | None = None
    # Form, beside substance: never changes ``status``. ``corrected`` is the
    # whole citation (case name to closing parenthetical) as it should read,
    # None when nothing in it changes.
    form: tuple[FormIssue, ...] = ()
    corrected: str | None = None


@dataclass(frozen=True)
class CheckReport:
    file: str
    text: str
    citations: tuple[CheckedCitation, ...]
    style: str = ""  # the form style checked ("bluebook", "scotus"); "" when form was not checked

    @property
    def summary(self) -> dict[str, int]:
        counts = {status: 0 for status in STATUSES}
        for item in self.citations:
            counts[item.status] += 1
        return counts

    @property
    def has_invalid(self) -> bool:
        return any(item.status == "invalid" for item in self.citations)


@dataclass(frozen=True)
class DirectoryRow:
    """One known citation in the citation directory (research.citations.directory.table):
    the case exists at ``volume reporter page``; its text is not held.
    ``last_page`` is "" when unknown; ``source`` says where the row came from
    ("courtlistener", "library", ...)."""

    citation: str
    volume: str
    reporter: str
    page: str
    case_name: str
    court: str = ""
    date: str = ""
    last_page: str = ""
    source: str = ""

    @property
    def year(self) -> str:
        return self.date[:4]


@dataclass(frozen=True)
class ReviewDecision:
    """An attorney's decision on one citation of a checked document
    (research.review): ``decision`` is "accept", "needs_fix" or "note";
    ``doc_hash`` the SHA-256 of the document's text; ``at`` ISO UTC time."""

    doc_hash: str
    citation_index: int
    citation_text: str
    decision: str
    note: str = ""
    reviewer: str = ""
    at: str = ""
