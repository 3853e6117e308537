"""Find citations in text: eyecite plus the shapes it misses, resolved short forms, quotations."""
from research.citations.extract.pipeline import extract_citations, split_pieces
from research.citations.extract.sources import source_kind, source_name

__all__ = ["extract_citations", "source_kind", "source_name", "split_pieces"]
