"""The citation checker's values: citations found in a document, their
statuses and problems, what they were matched to, the report of a file,
directory rows and review decisions. Standard library only.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from research.types.form import FormIssue

# --- Citations found in a document (research.citations.extract) ---

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
    "journal",           # 44 Harv. L. Rev. 100, 39 J. Applied Soc. Psychology 1953
    "treaty",            # 30 I. L. M. 260, 1155 U.N.T.S. 331
    "agency",            # 31 Op. O.L.C. 73, 26 I. & N. Dec. 123
    "foreign_case",      # 99 Eng. Rep. 944, 1 T. R. 11
    "secondary",         # Restatement (Second) of Torts § 286, H. R. Rep. No. 100-711, books by edition
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
    A reference without an antecedent says what it refers to instead:
    ``refers_kind`` "record" (the record of the case: ``refers_to`` "App.
    225", ``refers_what`` "the record appendix"), "opinion" (another opinion
    in the same case: "ante, at 5"), "section" (a bare "§ 1983"), "named"
    (a source named earlier that is not a citation the checker reads: a book,
    an article), "short" (a short form with no full citation before it),
    "nofit" (the citation before cannot hold its pin cite) or "nothing"
    (nothing earlier at all).
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
    refers_kind: str = ""
    refers_to: str = ""
    refers_what: str = ""

    @property
    def citation(self) -> str:
        """Canonical form: "16 N.Y.3d 272", "17 U.S.C. § 107", "Fed. R. Evid. 702"."""
        if self.kind in ("statute", "regulation") and self.reporter not in _NO_SECTION_SIGN:
            return " ".join(p for p in (self.volume, self.reporter, "§", self.page) if p)
        return " ".join(p for p in (self.volume, self.reporter, self.page) if p)


# codes cited by volume and page or by number, without "§"
_NO_SECTION_SIGN = ("Pub. L.", "Stat.", "Fed. Reg.", "RCW", "MCL", "R.C.", "ILCS", "G.S.", "N.J.S.A.")


# --- Citation checking (research.citations.validate) ---

STATUSES = ("verified", "warning", "unverified", "invalid")  # the order reports list them in
# How serious each status is, least first: a warning (found, but something is
# off) outranks unverified (not found, which does not mean wrong).
SEVERITY = ("verified", "unverified", "warning", "invalid")


def worst_status(statuses: Iterable[str]) -> str:
    """The most serious of ``statuses`` by SEVERITY; "verified" when there are none."""
    return max(statuses, key=SEVERITY.index, default="verified")


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
    "unchecked_reference": "unverified",
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
