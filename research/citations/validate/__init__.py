"""Check extracted citations against the library and the citation directory."""
from research.citations.validate.pipeline import check_citations, check_text

__all__ = ["check_citations", "check_text"]
