"""Values that cross package boundaries, as frozen dataclasses, so they pass
between layers (corpus -> store -> search -> memo, citations -> audit -> ui)
without anyone mutating them. Offsets are always character offsets into
``Document.text``. Standard library only.

``research.types.library``: documents, page maps, chunks, search hits, ingest
reports, index manifests, citation rows. ``research.types.citations``: what
the citation checker finds and decides, and the order of its statuses.
``research.types.form``: form styles, form codes and form issues.
Import the names from here.
"""
from research.types.citations import (CITATION_KINDS, PROBLEM_CODES, SEVERITY, STATUSES, Authority, CheckedCitation,
                                      CheckReport, DirectoryRow, FoundCitation, ReviewDecision, worst_status)
from research.types.form import DEFAULT_STYLE, FORM_CODES, FORM_STYLES, STYLE_NAMES, FormEdit, FormIssue
from research.types.library import (KINDS, Chunk, CitationRow, Document, IndexManifest, IngestFailure, IngestReport,
                                    PageBreak, PageMap, SearchFilters, SearchHit)

__all__ = ["CITATION_KINDS", "DEFAULT_STYLE", "FORM_CODES", "FORM_STYLES", "KINDS", "PROBLEM_CODES", "SEVERITY",
           "STATUSES", "STYLE_NAMES", "Authority", "CheckReport", "CheckedCitation", "Chunk", "CitationRow",
           "DirectoryRow", "Document", "FormEdit", "FormIssue", "FoundCitation", "IndexManifest", "IngestFailure",
           "IngestReport", "PageBreak", "PageMap", "ReviewDecision", "SearchFilters", "SearchHit", "worst_status"]
