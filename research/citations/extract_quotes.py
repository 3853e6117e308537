"""Attach quoted passages to the citation they support. Stdlib only.

A brief quotes, then cites: ``"fair use is a defense." Smith, 1 F.3d at 5.``
or cites, then quotes in the same sentence: ``Smith held, 1 F.3d at 5, that
"..."``. A quote goes to the first citation after it when only punctuation,
signals or a balanced parenthetical such as "(emphasis added)" come between,
or when the citation is in the same sentence; otherwise to the citation
just before it in the same sentence. Quotes inside a citation's own
parenthetical ("(quoting ...)") belong to that parenthetical, not to the
next citation.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from research.citations.extract_records import Cite

_QUOTE = re.compile(r'"([^"\n]{2,4000}?)"')
_SENTENCE_END = re.compile(r"(?<![A-Z])(?<!\bv)(?<!\bCo)(?<!\bInc)[.?!]['\"]?\s+\S")
_MAX_GAP = 300


def _without_parens(gap: str) -> str | None:
    """Gap text with balanced parentheticals removed; None if unbalanced."""
    out, depth = [], 0
    for ch in gap:
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
            if depth < 0:
                return None
        elif depth == 0:
            out.append(ch)
    return "".join(out) if depth == 0 else None


def _same_sentence(gap: str) -> bool:
    if len(gap) > _MAX_GAP or "\n" in gap:
        return False
    flat = _without_parens(gap)
    return flat is not None and not _SENTENCE_END.search(flat)


def _inside_citation(cites: list[Cite], starts: list[int], pos: int) -> bool:
    """Is ``pos`` inside a citation's own span (e.g. its parenthetical)?"""
    i = bisect_right(starts, pos) - 1
    return i >= 0 and pos < cites[i].full_end


def _top_level(cites: list[Cite]) -> list[Cite]:
    """Citations not nested in an earlier citation's parenthetical."""
    out: list[Cite] = []
    reach = -1
    for cite in cites:
        if cite.start >= reach or (out and cite.group == out[-1].group):
            out.append(cite)
        reach = max(reach, cite.full_end)
    return out


def _group_of(cites: list[Cite], first: Cite) -> list[Cite]:
    return [c for c in cites if c.group == first.group] if first.kind in ("case", "unknown_reporter") else [first]


def _quotes(text: str, min_words: int) -> list[tuple[int, int]]:
    """Content spans of quoted passages, without surrounding spaces."""
    spans = []
    for m in _QUOTE.finditer(text):
        content = m.group(1)
        if len(content.split()) >= min_words:
            lead = len(content) - len(content.lstrip())
            spans.append((m.start(1) + lead, m.start(1) + len(content.rstrip())))
    return spans


def attach_quotes(cites: list[Cite], text: str, *, min_words: int = 2) -> None:
    """Set ``quote`` (content span) on the citations that quoted passages support."""
    top = _top_level(cites)
    starts = [c.full_start for c in top]
    for q_start, q_end in _quotes(text, min_words):
        if _inside_citation(top, starts, q_start):
            continue
        close = text.index('"', q_end)  # the closing quote mark
        i = bisect_left(starts, close + 1)
        after = top[i] if i < len(top) else None
        if after is not None and _same_sentence(text[close + 1:after.full_start]) and after.quote is None:
            for member in _group_of(top, after):
                member.quote = (q_start, q_end)
            continue
        before = top[i - 1] if i > 0 else None
        opening = text.rindex('"', 0, q_start)
        if (before is not None and before.quote is None and before.full_end <= opening
                and _same_sentence(text[before.full_end:opening])):
            for member in _group_of(top, before):
                member.quote = (q_start, q_end)
