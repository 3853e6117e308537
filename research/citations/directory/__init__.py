"""The citation directory: known citations without text (shipped list, CourtListener bulk files)."""
from research.citations.directory.bulk_import import (import_courtlistener, load_shipped, open_directory, read_rows,
                                                      write_shipped)
from research.citations.directory.table import CITED_IN, FILE_NAME, SHIPPED_NAME, Directory, insert_rows

__all__ = ["CITED_IN", "FILE_NAME", "SHIPPED_NAME", "Directory", "import_courtlistener", "insert_rows",
           "load_shipped", "open_directory", "read_rows", "write_shipped"]
