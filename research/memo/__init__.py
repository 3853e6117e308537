"""Draft research memos: select authorities, cut quotations, render, self-check."""
from research.memo.build import DEFAULT_AUTHORITIES, DEFAULT_FURTHER
from research.memo.llm import load_llm
from research.memo.write import Memo, save, self_checked, write_memo

__all__ = ["DEFAULT_AUTHORITIES", "DEFAULT_FURTHER", "Memo", "load_llm", "save", "self_checked", "write_memo"]
