"""Citation checking: ``extract`` finds citations in a document (eyecite plus
the shapes it misses), ``validate`` checks them against the library and the
``directory``, ``report`` renders the result; ``check_file`` does all of it
for a user's file. Importing this package imports nothing heavy: eyecite
loads on first use."""
from research.citations.build_directory import build_shipped_directory
from research.citations.check import check_file, check_files
from research.citations.extract import extract_citations
from research.citations.report import render
from research.citations.validate import check_citations, check_text

__all__ = ["build_shipped_directory", "check_citations", "check_file", "check_files", "check_text",
           "extract_citations", "render"]
