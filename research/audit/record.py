"""What an audit says about one brief, as typed values: the record saved in
``briefs/KEY.audit.json``, its Table-of-Authorities entries and its
flagged citations.

``to_dict`` gives the JSON object exactly as it is written (same keys, same
order: the files are a contract, and a re-run compares them); ``from_dict``
reads one back. A record of a brief that could not be checked (``ok``
false) holds only the first eight keys, as it always has.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from research.types import STATUSES

RECORD_VERSION = 1


@dataclass(frozen=True)
class TOAEntry:
    """One authority of a brief's Table of Authorities: its category
    ("cases", "statutes", "other"), name and citation as shown, the brief
    pages where it is cited (sorted), how often, and the worst status."""

    category: str
    name: str
    citation: str
    pages: tuple[int, ...]
    count: int
    status: str

    def to_dict(self) -> dict[str, Any]:
        return {"category": self.category, "name": self.name, "citation": self.citation,
                "pages": list(self.pages), "count": self.count, "status": self.status}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "TOAEntry":
        return cls(data["category"], data["name"], data["citation"], tuple(data["pages"]), data["count"],
                   data["status"])


@dataclass(frozen=True)
class FlaggedCitation:
    """An invalid or unverified citation of a brief, and where it is."""

    text: str
    status: str
    problems: tuple[str, ...]
    messages: tuple[str, ...]
    page: int
    line: int
    start: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "status": self.status, "problems": list(self.problems),
                "messages": list(self.messages), "page": self.page, "line": self.line, "start": self.start}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "FlaggedCitation":
        return cls(data["text"], data["status"], tuple(data["problems"]), tuple(data["messages"]), data["page"],
                   data["line"], data["start"])


@dataclass(frozen=True)
class AuditRecord:
    """One brief of an audit: which file (path, report key, SHA-256, size),
    against which library (its fingerprint), and either the error or the
    results (report files, counts by status, ToA, flagged citations)."""

    file: str
    key: str
    sha256: str
    size: int
    library: str
    ok: bool = False
    error: str = ""
    reports: tuple[str, ...] = ()
    summary: Mapping[str, int] = field(default_factory=dict)
    citations: int = 0
    page_unit: str = ""
    toa: tuple[TOAEntry, ...] = ()
    flagged: tuple[FlaggedCitation, ...] = ()
    version: int = RECORD_VERSION

    @property
    def counts(self) -> dict[str, int]:
        """Citations by status (all zero for a brief that could not be checked)."""
        return {status: self.summary.get(status, 0) for status in STATUSES}

    @property
    def has_invalid(self) -> bool:
        return self.ok and self.counts["invalid"] > 0

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"version": self.version, "file": self.file, "key": self.key, "sha256": self.sha256,
                                "size": self.size, "library": self.library, "ok": self.ok, "error": self.error}
        if self.ok:
            data.update(reports=list(self.reports), summary=dict(self.summary), citations=self.citations,
                        page_unit=self.page_unit, toa=[e.to_dict() for e in self.toa],
                        flagged=[f.to_dict() for f in self.flagged])
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "AuditRecord":
        """A record as saved; KeyError, TypeError or ValueError when it is not one."""
        return cls(file=data["file"], key=data["key"], sha256=data["sha256"], size=data["size"],
                   library=data["library"], ok=bool(data["ok"]), error=data.get("error", ""),
                   reports=tuple(data.get("reports", ())), summary=dict(data.get("summary") or {}),
                   citations=data.get("citations", 0), page_unit=data.get("page_unit", ""),
                   toa=tuple(TOAEntry.from_dict(e) for e in data.get("toa", ())),
                   flagged=tuple(FlaggedCitation.from_dict(f) for f in data.get("flagged", ())),
                   version=data["version"])
