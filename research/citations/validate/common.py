"""What the validation modules share: the per-run context (store, directory,
caches) and the finding each check builds for one citation."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from research.citations.validate.quotes import Folded, fold
from research.rules import reporter_key
from research.types import (PROBLEM_CODES, SEVERITY, Authority, CitationRow, DirectoryRow, Document, PageMap,
                            worst_status)

if TYPE_CHECKING:
    from research.citations.directory import Directory
    from research.store import Store

# Problems about whether the authority exists, which id./supra inherit.
EXISTENCE = ("unknown_reporter", "reporter_date_mismatch", "page_inside_other_case", "not_in_library")


@dataclass
class Finding:
    """What checking one citation found (built up, then frozen into a CheckedCitation)."""

    problems: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    authority: Authority | None = None
    doc: Document | None = None        # the library document it refers to
    row: DirectoryRow | None = None    # the directory entry, when the library lacks the text
    caps: dict[str, str] = field(default_factory=dict)  # code -> the most it may imply

    def add(self, code: str, message: str, *, at_most: str = "") -> None:
        """``at_most`` caps the status this problem implies ("warning" for a
        reporter-date conflict the evidence cannot make certain)."""
        if code not in PROBLEM_CODES:
            raise ValueError(f"unknown problem code {code!r}")
        if (code, message) not in self.problems:
            self.problems.append((code, message))
        if at_most:
            self.caps[code] = at_most

    def implied(self, code: str) -> str:
        return min(PROBLEM_CODES[code], self.caps.get(code, "invalid"), key=SEVERITY.index)

    def drop(self, codes: set[str]) -> None:
        self.problems = [(code, message) for code, message in self.problems if code not in codes]

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    @property
    def status(self) -> str:
        return worst_status(self.implied(code) for code, _ in self.problems)

    def codes(self) -> set[str]:
        return {code for code, _ in self.problems}


class Context:
    """The library, the directory and caches for one checking run."""

    def __init__(self, store: "Store | None", directory: "Directory | None" = None) -> None:
        self.store = store
        self.directory = directory
        self._docs: dict[str, Document | None] = {}
        self._folded: dict[tuple[str, bool], Folded] = {}
        self._rows: dict[tuple, list[CitationRow]] = {}
        self._volumes: dict[tuple, list[CitationRow]] = {}
        self._directory: dict[tuple, list[DirectoryRow]] = {}
        self.memo: dict = {}  # results of costly searches, by their arguments

    def covered_code_titles(self) -> set[tuple[str, str]]:
        if "covered" not in self.memo:
            self.memo["covered"] = self.store.covered_code_titles() if self.store else set()
        return self.memo["covered"]  # type: ignore[return-value]

    def doc(self, doc_id: str) -> Document | None:
        if doc_id not in self._docs:
            self._docs[doc_id] = self.store.get(doc_id) if self.store else None
        return self._docs[doc_id]

    def folded(self, doc: Document, *, letters: bool = False) -> Folded:
        key = (doc.id, letters)
        if key not in self._folded:
            self._folded[key] = fold(doc.text, letters=letters)
        return self._folded[key]

    def rows(self, volume: str, reporter: str, page: str) -> list[CitationRow]:
        key = (volume, reporter_key(reporter), page)
        if key not in self._rows:
            rows = self.store.find_statute(volume, reporter, page) if self.store else []
            if not rows and self.store:
                # citations the store cannot split ("2018 IL App (1st) 152522") match as written
                rows = self.store.find_citation(f"{volume} {reporter} {page}")
            self._rows[key] = rows
        return self._rows[key]

    def volume_rows(self, reporter: str, volume: str) -> list[CitationRow]:
        key = (volume, reporter_key(reporter))
        if key not in self._volumes:
            self._volumes[key] = self.store.citations_in_volume(reporter, volume) if self.store else []
        return self._volumes[key]

    def directory_rows(self, volume: str, reporter: str, page: str) -> list[DirectoryRow]:
        key = (volume, reporter_key(reporter), page)
        if key not in self._directory:
            self._directory[key] = self.directory.lookup(volume, reporter, page) if self.directory else []
        return self._directory[key]


def page_map_of(doc: Document, volume: str, reporter: str) -> PageMap | None:
    """The document's page map for that reporter volume."""
    key = reporter_key(reporter)
    for page_map in doc.page_maps:
        if page_map.volume == volume and reporter_key(page_map.reporter) == key:
            return page_map
    return None


def library_authority(doc: Document, citation: str = "") -> Authority:
    return Authority(doc_id=doc.id, name=doc.title, citation=citation or doc.primary_citation,
                     court=doc.court, year=doc.year, source="library", edition=doc.edition)


def directory_authority(row: DirectoryRow) -> Authority:
    return Authority(doc_id="", name=row.case_name, citation=row.citation, court=row.court,
                     year=row.year, source="directory")


def describe(doc: Document, citation: str = "") -> str:
    """"D.G. v. K.S., 444 N.J. Super. 423 (2015)"."""
    cite = citation or doc.primary_citation
    year = f" ({doc.year})" if doc.year else ""
    return f"{doc.title}, {cite}{year}" if cite else f"{doc.title}{year}"


def as_int(label: str) -> int | None:
    return int(label) if label and label.isdigit() else None
