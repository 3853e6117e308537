"""Values that cross package boundaries, as frozen dataclasses, so they pass
between layers (corpus -> store -> search -> memo, citations -> audit -> ui)
without anyone mutating them. Offsets are always character offsets into
``Document.text``. Standard library only.

``research.types.library``: documents, page maps, chunks, search hits, ingest
reports, index manifests, citation rows. ``research.types.citations``: what
the citation checker finds and decides, and the order of its statuses.
Import the names from here.
"""
from research.types.citations import (CITATION_KINDS, PROBLEM_CODES, SEVERITY, STATUSES, Authority, CheckedCitation,
                                      CheckReport, DirectoryRow, FoundCitation, ReviewDecision, worst_status)
from research.types.library import (KINDS, Chunk, CitationRow, Document, IndexManifest, IngestFailure, IngestReport,
                                    PageBreak, PageMap, SearchFilters, SearchHit)

__all__ = ["CITATION_KINDS", "KINDS", "PROBLEM_CODES", "SEVERITY", "STATUSES", "Authority", "CheckReport",
           "CheckedCitation", "Chunk", "CitationRow", "DirectoryRow", "Document", "FoundCitation", "IndexManifest",
           "IngestFailure", "IngestReport", "PageBreak", "PageMap", "ReviewDecision", "SearchFilters", "SearchHit",
           "worst_status"]
