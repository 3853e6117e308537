"""The citation directory: known citations without text (shipped list, CourtListener bulk files)."""
from research.citations.directory.table import Directory, insert_rows, open_directory

__all__ = ["Directory", "insert_rows", "open_directory"]
