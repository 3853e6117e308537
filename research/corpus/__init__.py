"""Ingesters: each reads one real-world format into ``research.types.Document``;
the project's corpus files; a user's brief read as the text to check."""
from research.corpus.base import Ingester, peek
from research.corpus.inputs import CHECKABLE, InputText, read_input
from research.corpus.io import corpus_files, read_corpus, write_corpus
from research.corpus.registry import ReadResult, default_ingesters, read_paths

__all__ = ["CHECKABLE", "Ingester", "InputText", "ReadResult", "corpus_files", "default_ingesters", "peek",
           "read_corpus", "read_input", "read_paths", "write_corpus"]
