"""The library database: documents, citations, chunks and the FTS5 keyword index (SQLite),
and the one SQLite connection helper the citation directory and review log use too."""
from research.store.citations import (ParsedCitation, covered_code_titles, find_citation, find_parts,
                                      in_volume, normalize_page, parse_citation)
from research.store.sqlite import connect
from research.store.store import Store

__all__ = ["ParsedCitation", "Store", "connect", "covered_code_titles", "find_citation", "find_parts", "in_volume",
           "normalize_page", "parse_citation"]
