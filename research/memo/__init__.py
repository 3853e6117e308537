"""Draft research memos: select authorities, cut quotations, render, self-check."""
from research.memo.write import Memo, save, write_memo

__all__ = ["Memo", "save", "write_memo"]
