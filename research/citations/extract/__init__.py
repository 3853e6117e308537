"""Find citations in text: eyecite plus the shapes it misses, resolved short forms, quotations."""
from research.citations.extract.pipeline import extract_citations, split_pieces

__all__ = ["extract_citations", "split_pieces"]
