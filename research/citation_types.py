"""Values returned by citation extraction. Standard library only.

Kept apart from research/types.py only to avoid edit conflicts while several
people work on the tree; meant to be merged into research/types.py.
All offsets are character offsets into the text given to
``research.citations.extract.extract_citations`` (the document as extracted,
before any normalisation).
"""
from __future__ import annotations

from dataclasses import dataclass

CITATION_KINDS = (
    "case",              # full case citation: 444 N.J. Super. 423
    "short_case",        # 515 U.S., at 241
    "id",                # Id. at 275
    "supra",             # Smith, supra, at 205
    "reference",         # Smith at 205 (name + pin cite after a full cite)
    "statute",           # 17 U.S.C. § 107, Cal. Penal Code § 187, Pub. L. 94-553
    "regulation",        # 27 C.F.R. § 646.155, 80 Fed. Reg. 100
    "rule",              # Fed. R. Civ. P. 12(b)(6)
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
    ``group`` is shared by parallel citations of one authority; ``antecedent``
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
