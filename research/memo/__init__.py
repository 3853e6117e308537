"""Draft research memos: select authorities, cut quotations, render, self-check."""
from research.memo.llm import load_llm
from research.memo.write import Memo, save, self_checked, write_memo

__all__ = ["Memo", "load_llm", "save", "self_checked", "write_memo"]
