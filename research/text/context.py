"""Where a passage sits: the context header indexed with every chunk.

    context_header(doc) -> "Title 9, Arbitration. Chapter 1, General provisions. § 10. Same; vacation; ..."
    embedded_text(header, chunk_text) -> what the dense model and the keyword index see

A chunk deep inside a section does not name the section it belongs to, so a
question in the section's own terms ("vacate an arbitration award") misses
it. The header (title, chapter, part, section heading; for an opinion its case
name, court and year) travels with the chunk into the vector and the keyword
index. Quotations never include it: a chunk's span stays ``doc.text[start:end]``.
"""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from research.types import Document

CONTEXT_VERSION = 1
_TITLES_FILE = Path(__file__).with_name("data") / "code_titles.tsv"
_LAW_KINDS = ("statute", "regulation")
# (extra key of the level number, extra key of its heading, how the level is named)
_STATUTE_LEVELS = (("part", "part_heading", "Part"), ("chapter", "chapter_heading", "Chapter"),
                   ("subchapter", "subchapter_heading", "Subchapter"))
# A C.F.R. chapter is named after its agency ("Bureau of Alcohol, ..."): no help in finding a rule.
_REGULATION_LEVELS = (("subchapter", "subchapter_heading", "Subchapter"), ("part", "part_heading", "Part"),
                      ("subpart", "subpart_heading", "Subpart"))


@lru_cache(maxsize=1)
def code_titles() -> dict[tuple[str, str], str]:
    """{("U.S.C.", "9"): "Arbitration", ("C.F.R.", "27"): "Alcohol, Tobacco Products and Firearms", ...}"""
    with open(_TITLES_FILE, encoding="utf-8") as handle:
        rows = csv.reader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return {(code, title): name for code, title, name in rows}


def _plain(heading: str) -> str:
    """"FRAUD AND FALSE STATEMENTS" -> "Fraud and false statements" (headings in capitals shout)."""
    heading = " ".join(str(heading).split())
    return heading.capitalize() if heading.isupper() else heading


def _code(doc: Document) -> str:
    return "C.F.R." if doc.kind == "regulation" or "C.F.R." in doc.primary_citation else "U.S.C."


def _law_header(doc: Document) -> str:
    extra = doc.extra
    code, title = _code(doc), str(extra.get("title_number", ""))
    parts = []
    if title:
        name = code_titles().get((code, title), "")
        label = f"Title {title}" if code == "U.S.C." else f"Title {title} C.F.R."
        parts.append(f"{label}, {name}" if name else label)
    levels = _REGULATION_LEVELS if code == "C.F.R." else _STATUTE_LEVELS
    for number_key, heading_key, word in levels:
        heading = _plain(extra.get(heading_key, "")).rstrip(".")
        if heading:
            number = str(extra.get(number_key, ""))
            parts.append(f"{word} {number}, {heading}" if number else heading)
    section = str(extra.get("section", ""))
    title_line = _plain(doc.title).rstrip(".")
    parts.append(f"\u00a7 {section}. {title_line}" if section else title_line)
    return ". ".join(p for p in parts if p) + "."


def _opinion_header(doc: Document) -> str:
    parts = [_plain(doc.title), doc.court, doc.year]
    return ", ".join(p for p in parts if p) + "."


def context_header(doc: Document) -> str:
    """One line naming where the document's passages sit (no citation numbers)."""
    if doc.kind in _LAW_KINDS:
        return _law_header(doc)
    if doc.kind == "opinion":
        return _opinion_header(doc)
    return _plain(doc.title) + "." if doc.title else ""


def embedded_text(header: str, text: str) -> str:
    """The text a chunk is embedded and keyword-indexed as: its header, then its own words."""
    return f"{header}\n{text}" if header else text


def keyword_heading(doc: Document) -> str:
    """What the keyword index holds beside each chunk's words: the header and the citations."""
    return " ".join([context_header(doc), *doc.citations])
