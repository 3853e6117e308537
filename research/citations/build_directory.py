"""Build the small citation directory shipped in ``corpora/directory.csv.gz``.

    research admin build-directory [CORPORA_DIR] [OUT]

What is in it, and how sure it is:

* ``source = "library"``: every citation (official and parallel) of every
  opinion in the shipped corpus, with the name, court and decision date the
  corpus gives it and, where the corpus has a page map, its last page.
* ``source = "cited in <title> (<year>), <doc id>"``: every full case citation that the
  library's opinions themselves cite, with the case name and year as the
  citing opinion writes them, found by the project's citation extractor.
  Only citations to reporters-db reporters with a year and a plausible case
  name ("A v. B", "In re A", "Ex parte A", "Matter of A", "Estate of A") are
  kept; the most frequent name and year per citation win. These rows are
  machine-extracted from court opinions and may carry extraction errors (a
  truncated name, a wrong year); they say that a court cited the case.

The CAP ``cites_to`` lists of the Caselaw Access Project fixtures give
citations without case names, and the corpus does not keep them, so they
are not included.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterable, Iterator

from research.citations.directory import CITED_IN, write_shipped
from research.corpus import corpus_files, read_corpus
from research.rules import reporter_key
from research.store import parse_citation
from research.types import DirectoryRow, Document

_CASE_NAME = re.compile(r"^(?:\S.* v\. \S.*|(?:In re|Ex parte|Matter of|Estate of) \S.*)$")
_LEADING = re.compile(r"^(?:[(\[\s,;]|(?:See|see|also|e\.g\.,?|Cf\.|cf\.|But|but|Accord|accord)\s)+")


def library_rows(docs: Iterable[Document]) -> Iterator[DirectoryRow]:
    """One row per citation of every opinion."""
    for doc in docs:
        if doc.kind != "opinion":
            continue
        for citation in doc.citations:
            parsed = parse_citation(citation)
            if parsed is None:
                continue
            page_map = doc.page_map_for(citation)
            yield DirectoryRow(citation=citation, volume=parsed.volume, reporter=parsed.reporter,
                               page=parsed.page, case_name=doc.title, court=doc.court, date=doc.date,
                               last_page=page_map.last_page if page_map else "", source="library")


def clean_name(name: str) -> str:
    """A case name as a citing opinion wrote it, without leading signals or
    brackets; "" if it does not look like a whole case name."""
    name = _LEADING.sub("", name.strip()).strip(" ,;:)")
    if "[" in name or "]" in name or not _CASE_NAME.match(name):
        return ""
    return name


def cited_rows(docs: Iterable[Document], held: set[tuple[str, str, str]]) -> Iterator[DirectoryRow]:
    """Cases cited by the opinions, one row per citation (most frequent name and year)."""
    from research.citations.extract import extract_citations

    seen: dict[tuple[str, str, str], list] = defaultdict(list)
    for doc in docs:
        if doc.kind != "opinion":
            continue
        for key, entry in citing_entries(doc, extract_citations(doc.text)):
            if key not in held:
                seen[key].append(entry)
    for key in sorted(seen):
        yield most_common(seen[key])


def citing_entries(doc: Document, found: Iterable) -> Iterator[tuple[tuple[str, str, str], tuple]]:
    """(key, entry) for each full case citation ``doc`` makes (``found`` is
    its extraction) that is fit for the directory; ``most_common`` turns the
    entries of one key into a row."""
    from research.citations.validate import is_known

    for c in found:
        name = clean_name(c.case_name)
        if c.kind == "case" and name and c.year and is_known(c.reporter):
            key = (c.volume, reporter_key(c.reporter), c.page.lower() or blank_page_key(name))
            yield key, (c.volume, c.reporter, c.page, name, c.year, c.court_id, _citing(doc))


def blank_page_key(name: str) -> str:
    """"572 U. S. ___" has no page yet: the cases of a volume cited that way
    are told apart by name, one row each."""
    from research.citations.validate import distinctive, words

    return "~" + " ".join(distinctive(words(name)))


def most_common(found: list[tuple]) -> DirectoryRow:
    name = Counter(f[3] for f in found).most_common(1)[0][0]
    year = Counter(f[4] for f in found).most_common(1)[0][0]
    first = next(f for f in found if f[3] == name)
    volume, reporter, page, _, _, court, citing = first
    return DirectoryRow(citation=f"{volume} {reporter} {page}", volume=volume, reporter=reporter, page=page,
                        case_name=name, court=court, date=year, source=f"{CITED_IN}{citing}")


def _citing(doc: Document) -> str:
    """"Fisher v. University of Texas at Austin (2013), slip/us-11-345"."""
    year = f" ({doc.year})" if doc.year else ""
    return f"{doc.title}{year}, {doc.id}"


def build_shipped_directory(corpora_dir: Path, out: Path) -> int:
    """Write the shipped directory; returns the number of rows."""
    docs = [doc for path in corpus_files(corpora_dir) for doc in read_corpus(path) if doc.kind == "opinion"]
    own = list(library_rows(docs))
    held = {(r.volume, reporter_key(r.reporter), r.page.lower()) for r in own}
    return write_shipped(out, [*own, *cited_rows(docs, held)])
