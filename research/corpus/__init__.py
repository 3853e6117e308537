"""Ingesters: each reads one real-world format into ``research.types.Document``;
the project's corpus files; a user's brief read as the text to check.

``build_corpora`` and ``build_opinion_corpora`` (the maintainers' corpus
builds) load on first use: they import every ingester.
"""
from __future__ import annotations

import importlib
from typing import Any

from research.corpus.base import Ingester, parse_xml, peek
from research.corpus.inputs import CHECKABLE, InputText, read_input
from research.corpus.io import corpus_files, read_corpus, write_corpus
from research.corpus.limits import outside_link
from research.corpus.registry import ReadResult, default_ingesters, read_paths

_LAZY = {"build_corpora": "research.corpus.build", "build_opinion_corpora": "research.corpus.opinion_build"}
__all__ = ["CHECKABLE", "Ingester", "InputText", "ReadResult", "build_corpora", "build_opinion_corpora",
           "corpus_files", "default_ingesters", "outside_link", "parse_xml", "peek", "read_corpus", "read_input", "read_paths",
           "write_corpus"]


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'research.corpus' has no attribute {name!r}")
    return getattr(importlib.import_module(_LAZY[name]), name)
