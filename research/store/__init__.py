"""The library database: documents, citations, chunks and the FTS5 keyword index (SQLite)."""
from research.store.citations import (ParsedCitation, covered_code_titles, find_citation, find_parts,
                                      in_volume, normalize_page, parse_citation, reporter_key)
from research.store.store import Store

__all__ = ["ParsedCitation", "Store", "covered_code_titles", "find_citation", "find_parts", "in_volume",
           "normalize_page", "parse_citation", "reporter_key"]
