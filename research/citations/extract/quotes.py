"""Attach quoted passages to the citation they support. Stdlib only.

A brief quotes, then cites: ``"fair use is a defense." Smith, 1 F.3d at 5.``
or cites, then quotes in the same sentence: ``Smith held, 1 F.3d at 5, that
"..."``. A quote goes to the first citation after it when only punctuation,
signals or a balanced parenthetical such as "(emphasis added)" come between,
or when the citation is in the same sentence; otherwise to the citation
just before it in the same sentence. Quotes inside a citation's own
parenthetical belong to that citation when the parenthetical is the quote
('Smith, 1 F.3d at 5 (explaining that "...")'), to the citation quoted in
it otherwise ("(quoting ...)"), never to the next citation. A block
quotation (an indented paragraph, found by research.citations.extract.normalize)
supports the citation that begins the line after it.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Callable

from research.citations.extract.records import CASE_LIKE, Cite

_MARK = re.compile(r'["\n]')
_MAX_QUOTE = 4000
_SENTENCE_END = re.compile(r"(?<![A-Z])(?<!\bv)(?<!\bCo)(?<!\bInc)[.?!]['\"]?\s+\S")
_MAX_GAP = 150
_OPENING = re.compile(r"[(\[]\s*$")
# what may stand between a citation and a quotation that is its explanatory
# parenthetical: '16 N.Y.3d 272, 280 (2011) (explaining that "...")'
_PAREN_LEAD = re.compile(r"[^()]*(?:\([^()]*\)[^()]*)*\((?:[a-z][a-z ,]{0,40}?)?\s?")
_NESTED = re.compile(r"\b(?:quoting|citing|in turn)\b")
_MIN_PAREN_WORDS = 5
# what may come between a quotation ending a sentence and the citation that begins the next
_SIGNAL_WORDS = r"(?:[Ss]ee|[Aa]lso|[Cc]f\.|[Ee]\.g\.|[Aa]ccord|[Bb]ut|[Cc]ompare|[Cc]ontra|generally)"
_SIGNALS_ONLY = re.compile(rf"[\s,;]*(?:{_SIGNAL_WORDS}[\s,;]*)*")
_NAME_PART = re.compile(rf"[\s,;]*(?:{_SIGNAL_WORDS}[\s,;]*)*"
                        r"(?:(?:[A-Z][\w.'’&-]*|of|the|to|and|for|on|in|de|ex|rel\.|&),?\s?)*")


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
    gap = _OPENING.sub("", gap)  # '"..." (People v. Smith (2011) 51 Cal.4th 1, 5.)': California style
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


@dataclass(frozen=True)
class Quote:
    open: int   # offset of the opening quote mark
    close: int  # offset of the closing quote mark
    start: int  # content span, surrounding spaces trimmed
    end: int
    block: bool = False  # an indented block quotation, without marks


def find_quotes(text: str, direction: Callable[[int], str | None] | None = None,
                *, min_words: int = 2) -> list[Quote]:
    """Quoted passages within a paragraph. ``direction(pos)`` tells whether
    the mark at ``pos`` was written as an opening or a closing quote (curly
    quotes in the original), so that one stray mark does not shift every
    pair after it; plain marks alternate."""
    quotes, opened = [], None
    for m in _MARK.finditer(text):
        pos = m.start()
        if m.group() == "\n":
            opened = None
            continue
        kind = direction(pos) if direction else None
        if kind == "open" or (kind is None and opened is None):
            opened = pos
        elif opened is not None:
            quote = _trimmed(text, opened, pos)
            if quote and len(text[quote.start:quote.end].split()) >= min_words:
                quotes.append(quote)
            opened = None
    return quotes


def _trimmed(text: str, open_at: int, close_at: int) -> Quote | None:
    content = text[open_at + 1:close_at]
    if not content.strip() or close_at - open_at > _MAX_QUOTE:
        return None
    lead = len(content) - len(content.lstrip())
    return Quote(open_at, close_at, open_at + 1 + lead, open_at + 1 + len(content.rstrip()))


def _attach(members: dict[int, list[Cite]], cite: Cite, quote: Quote) -> None:
    for member in members.get(cite.group, [cite]):
        member.quote = (quote.start, quote.end)


def attach_quotes(cites: list[Cite], text: str, *, direction: Callable[[int], str | None] | None = None,
                  min_words: int = 2, blocks: list[tuple[int, int]] = (), quotes: list[Quote] | None = None) -> None:
    """Set ``quote`` (content span) on the citations that quoted passages
    support; ``blocks`` are block quotations (spans without quotation marks);
    ``quotes``: find_quotes(text, direction) when the caller has it already."""
    top = _top_level(cites)
    starts = [c.full_start for c in top]
    members: dict[int, list[Cite]] = {}
    for cite in top:
        if cite.kind in CASE_LIKE:
            members.setdefault(cite.group, []).append(cite)
    found = find_quotes(text, direction, min_words=min_words) if quotes is None else [
        q for q in quotes if len(text[q.start:q.end].split()) >= min_words]
    _parenthetical_quotes(top, starts, members, [q for q in found if _inside_citation(top, starts, q.open)], text)
    quotes = [q for q in found if not _inside_citation(top, starts, q.open)]
    quotes = sorted(quotes + [Quote(a, b, a, b, block=True) for a, b in blocks], key=lambda q: q.open)
    used = _quotes_then_citation(top, starts, members, quotes, text)
    _citation_then_quotes(top, starts, members, [q for n, q in enumerate(quotes) if n not in used], text)


def _parenthetical_quotes(top, starts, members, quotes: list[Quote], text: str) -> None:
    """'Smith, 1 F.3d at 5 ("...")': a quotation that is a citation's own
    explanatory parenthetical is that citation's (one after "quoting" is not)."""
    for quote in quotes:
        owner = top[bisect_right(starts, quote.open) - 1]
        lead = text[owner.end:quote.open]
        # '(“Section 1983”)', '(the “Act”)' define a name; they quote nothing
        defines = len(text[quote.start:quote.end].split()) < _MIN_PAREN_WORDS
        if owner.quote is None and not defines and _PAREN_LEAD.fullmatch(lead) and not _NESTED.search(lead):
            _attach(members, owner, quote)


def _quotes_then_citation(top, starts, members, quotes: list[Quote], text: str) -> set[int]:
    """'"fair use is a defense." Smith, 1 F.3d at 5.' The nearest quote wins."""
    used: set[int] = set()
    for n in range(len(quotes) - 1, -1, -1):
        quote = quotes[n]
        i = bisect_left(starts, quote.close + 1)
        gap = text[quote.close + (0 if quote.block else 1):top[i].full_start] if i < len(top) else ""
        if i < len(top) and _ends_sentence(text, quote) and not _opens_citation(gap, top[i]):
            continue  # '"... case." Turning to the 18 U.S.C. § 3553(a) factors': a new sentence
        if i < len(top) and top[i].quote is None and (_same_sentence(gap) or _after_block(quote, gap)):
            _attach(members, top[i], quote)
            used.add(n)
    return used


def _ends_sentence(text: str, quote: Quote) -> bool:
    return not quote.block and text[quote.end - 1:quote.end] in (".", "?", "!")


def _opens_citation(gap: str, cite: Cite) -> bool:
    """After a quotation that ends a sentence, does the citation begin the
    next one (after signals, and for a case the rest of its name)?"""
    flat = _without_parens(_OPENING.sub("", gap))
    if flat is None:
        return False
    return bool(_SIGNALS_ONLY.fullmatch(flat) or (cite.kind in CASE_LIKE and _NAME_PART.fullmatch(flat)))


def _after_block(quote: Quote, gap: str) -> bool:
    """A block quotation supports the citation that begins the line after it."""
    return quote.block and not gap.strip(" \n")


def _citation_then_quotes(top, starts, members, quotes: list[Quote], text: str) -> None:
    """'Smith, 1 F.3d at 5, held that "..."': the first quote after it wins."""
    for quote in quotes:
        i = bisect_left(starts, quote.close + 1)
        before = top[i - 1] if i > 0 else None
        if (before is not None and before.quote is None and before.full_end <= quote.open
                and _same_sentence(text[before.full_end:quote.open])):
            _attach(members, before, quote)
