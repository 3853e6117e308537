"""Check extracted citations against the library, reporters-db and the citation directory."""
from research.citations.validate.names import distinctive, words
from research.citations.validate.pipeline import check_citations, check_text
from research.citations.validate.reporters import date_problem, is_known

__all__ = ["check_citations", "check_text", "date_problem", "distinctive", "is_known", "words"]
