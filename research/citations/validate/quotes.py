"""Find a brief's quotation in a document, tolerantly, and say on which pages.

Both texts are folded to their letters and digits, lower-cased, so that
typographic quotes, dashes, whitespace, line-end hyphenation ("gov-\\nern")
and a changed first letter ("[t]he" for "The") do not matter. An ellipsis
or a bracketed insertion ("[Congress]") splits the quotation into pieces
that must appear in order, close together; a bracket glued to a word
replaces a few letters of it ("challeng[ed]" for "challenging",
"invention[s]" for "invention"); "[sic]" is dropped. Footnote
markers such as "[3]" in the document are skipped, and a quotation without
numbers may be matched on the document's letters alone, past line numbers
and footnote numbers ("with 13 respect to"). Words themselves must match
exactly: a changed word is a misquotation, which is what the check is for.
``alterations`` says which of these liberties a match took.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

_ELLIPSIS = re.compile(r"(?:\.\s*){3,}|\u2026")
# A bracket glued to letters alters a word ("[t]he", "defendant[s]"): keep its
# letters. A free-standing bracket replaces words ("[Congress] intended"): a gap.
_GLUED = re.compile(r"(?<=\w)\[(\w+)\]|\[(\w+)\](?=\w)")
_FREE_BRACKET = re.compile(r"\[[^\]]*\]")
_SIC = re.compile(r"\[\s*sic\s*\]", re.IGNORECASE)
_FOOTNOTE_MARK = re.compile(r"\[\d{1,3}\]|\*\d+")
_ALNUM = re.compile(r"[^\W_]+")
_LETTERS = re.compile(r"[^\W\d_]+")
_MIN_PIECE = 3          # folded characters: shorter pieces ("a", "of") are dropped
_MAX_GAP = 2000         # folded characters allowed between consecutive pieces
_GLUED_GAP = 40         # source letters a glued bracket may stand for ("execut[e]" for "executes, or attempts to execute")
_MAX_STARTS = 50        # occurrences of the first piece tried


class Folded(NamedTuple):
    """Letters and digits of a text, lower-cased. Folded character ``i``
    comes from offset ``origins[k] + i - starts[k]`` of the original text,
    where run ``k`` is the last with ``starts[k] <= i`` (runs are the
    original's unbroken stretches of letters and digits)."""

    text: str
    starts: list[int]
    origins: list[int]

    def offset(self, i: int) -> int:
        k = bisect_right(self.starts, i) - 1
        return self.origins[k] + i - self.starts[k]


def fold(text: str, *, skip: re.Pattern | None = _FOOTNOTE_MARK, letters: bool = False) -> Folded:
    """``letters``: keep letters only, so that line numbers and footnote
    numbers in the source ("with 13 respect to", "action.3 The") vanish."""
    if skip is not None and skip.search(text):
        text = skip.sub(lambda m: " " * len(m.group()), text)  # keep offsets, lose the marks
    parts: list[str] = []
    starts: list[int] = []
    origins: list[int] = []
    size = 0
    for m in (_LETTERS if letters else _ALNUM).finditer(text):
        run = m.group().lower()
        if len(run) != len(m.group()):  # a few letters lower-case to two characters
            run = "".join(ch.lower()[0] for ch in m.group())
        parts.append(run)
        starts.append(size)
        origins.append(m.start())
        size += len(run)
    return Folded("".join(parts), starts, origins)


def _pieces(quote: str) -> list[tuple[str, int]]:
    """The folded pieces of a quotation, in order, each with the most source
    characters allowed before it: a few for the letters a glued bracket
    replaced ("challeng[ed]" for "challenging"), many for an omission."""
    text = _SIC.sub(" ", quote)
    text = _GLUED.sub(lambda m: "\x00", text)
    text = _ELLIPSIS.sub("\x01", _FREE_BRACKET.sub("\x01", text))
    out: list[tuple[str, int]] = []
    gap = 0
    for part, mark in zip(re.split(r"[\x00\x01]", text), ["\x00"] + re.findall(r"[\x00\x01]", text)):
        gap = max(gap, _MAX_GAP if mark == "\x01" else _GLUED_GAP)
        piece = fold(part, skip=None).text
        if len(piece) >= _MIN_PIECE:
            out.append((piece, gap))
            gap = 0
        elif piece:
            gap = _MAX_GAP  # a dropped short piece ("a") may stand anywhere between
    return out


def quote_pieces(quote: str) -> list[str]:
    """The folded pieces of a quotation, in order."""
    return [piece for piece, _ in _pieces(quote)]


def find_quote(quote: str, folded: Folded) -> list[tuple[int, int]]:
    """Spans [start, end) of the original text where the quotation appears
    (each occurrence of its first piece that the other pieces follow)."""
    pieces = _pieces(quote)
    if not pieces:
        return []
    spans = []
    first = pieces[0][0]
    start = folded.text.find(first)
    while start >= 0 and len(spans) < _MAX_STARTS:
        end = _follow(folded.text, pieces, start)
        if end is not None:
            spans.append((folded.offset(start), folded.offset(end - 1) + 1))
        start = folded.text.find(first, start + 1)
    return spans


def _follow(text: str, pieces: list[tuple[str, int]], start: int) -> int | None:
    """End (folded) of the pieces found in order from ``start``, or None."""
    end = start + len(pieces[0][0])
    for piece, gap in pieces[1:]:
        at = text.find(piece, end, end + gap + len(piece))
        if at < 0:
            return None
        end = at + len(piece)
    return end


def has_digits(quote: str) -> bool:
    """A quotation with numbers is never matched letters-only: "60 days" is not "30 days"."""
    return any(ch.isdigit() for ch in _SIC.sub(" ", quote))


def alterations(quote: str, source: str, *, loose: bool = False) -> tuple[str, ...]:
    """How the quotation departs from ``source`` (the text it was matched in),
    as a lawyer edits a quotation: what the match allowed."""
    found = []
    checks = ((_SIC.search(quote), "[sic]"), (_GLUED.search(quote), "bracketed alterations ([t]he)"),
              (_FREE_BRACKET.search(_GLUED.sub("", _SIC.sub("", quote))), "bracketed insertions"),
              (_ELLIPSIS.search(quote), "omissions (ellipses)"),
              (re.search(r"[\"'\u2018-\u201f]", quote.strip("\"'\u2018-\u201f ")), "quotation marks inside it"),
              (_first_letter(quote) != _first_letter(source), "changed capitalization"),
              (_FOOTNOTE_MARK.search(source), "footnote markers in the source"),
              (loose, "numbers in the source (line numbers or footnote numbers)"))
    for present, label in checks:
        if present:
            found.append(label)
    return tuple(found)


def _first_letter(text: str) -> str:
    m = re.search(r"[^\W\d_]", _GLUED.sub(lambda g: g.group(1) or g.group(2), _SIC.sub("", text)))
    return m.group() if m else ""


def pin_ranges(pin: str) -> list[tuple[int, int]]:
    """Pages a pin cite names: "431-32" -> [(431, 432)]; "275, 280" ->
    [(275, 275), (280, 280)]; "*5" -> [(5, 5)]; "431 n.3" -> [(431, 431)];
    "" or "(a)(1)" -> []."""
    ranges = []
    for part in re.split(r",|&|\band\b", pin):
        m = re.match(r"\s*(?:at\s+)?\*?(\d+)(?:\s*[-\u2010-\u2014]+\s*\*?(\d+))?", part)
        if not m:
            continue
        first, last = int(m[1]), m[2]
        ranges.append((first, _range_end(m[1], last) if last else first))
    return ranges


def _range_end(first: str, last: str) -> int:
    """"431-32" -> 432: a shortened end keeps the first page's leading digits."""
    if len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    return max(int(first), int(last))


def rare_words(quote: str, *, limit: int = 8) -> list[str]:
    """The quotation's longest distinct words, as a stand-in for its rarest."""
    seen = dict.fromkeys(w.lower() for w in re.findall(r"[A-Za-z]{4,}", quote))
    return sorted(seen, key=len, reverse=True)[:limit]
