"""Check a citation's pin cite and quotation against the document it refers to.

Pages come from the page map of the reporter the citation names, so a pin
to a parallel citation ("945 N.E.2d at 490") is checked against the N.E.2d
pages. A quotation missing from the cited document is searched for in the
rest of the library (full-text search for its words and word pairs, then
the same tolerant matcher on the best candidates), to say where it really
comes from.
"""
from __future__ import annotations

from research.citations.validate.common import Context, Finding, as_int, describe, page_map_of
from research.citations.validate.quotes import (alterations, find_quote, has_digits, pin_ranges, quote_pieces,
                                                rare_words)
from research.types import Document, FoundCitation, PageMap, SearchFilters

_CANDIDATES = 12  # other documents tried for a misattributed quotation
_QUERY_WORDS = 60
_CHARS_PER_PAGE = 200     # an opinion's text shorter than this per reported page is a fragment
_MIN_OPINION_CHARS = 1000  # the same, for opinions without page numbers
_SHOWN = 70       # characters of a quotation repeated in a message
_DISTINCTIVE_WORDS = 5    # a quotation shorter than this is never said to come from elsewhere
_DISTINCTIVE_CHARS = 25   # letters and digits
_QUOTED_WORDS = 4         # shorter quoted words are a term or a phrase, not a quotation to check


def check_pin_and_quote(finding: Finding, c: FoundCitation, pin: str, ctx: Context,
                        cited: FoundCitation | None = None) -> None:
    """``cited`` names the reporter whose pages ``pin`` refers to (c itself
    for full and short case citations, the antecedent for id. and supra)."""
    cited = cited or c
    ranges = pin_ranges(pin)
    doc = finding.doc
    if doc is None:
        if finding.row is None and (ranges or c.quote) and "not_in_library" in finding.codes():
            return  # the not_in_library message already says what could not be checked
        if c.quote and finding.row is None:
            finding.note("The quotation could not be checked: the library does not hold this case.")
        return
    page_map = page_map_of(doc, cited.volume, cited.reporter) if cited.reporter else _only_map(doc)
    if ranges:
        _check_pin(finding, pin, ranges, page_map, doc, cited)
    if c.quote:
        _check_quote(finding, c.quote, pin, ranges, page_map, doc, ctx, year=c.year)


def _only_map(doc: Document) -> PageMap | None:
    return doc.page_maps[0] if doc.page_maps else None


def _reporter_volume(cited: FoundCitation) -> str:
    return f"{cited.volume} {cited.reporter}".strip()


def _check_pin(finding: Finding, pin: str, ranges: list[tuple[int, int]], page_map: PageMap | None,
               doc: Document, cited: FoundCitation) -> None:
    if page_map is None:
        what = _reporter_volume(cited) or "this case"
        finding.note(f"The library has no page numbers for {doc.title} in {what}; "
                     f"the pin cite {pin} was not checked.")
        return
    first, last = as_int(page_map.first_page), as_int(page_map.last_page)
    if first is None or last is None:
        return
    outside = [(a, b) for a, b in ranges if a < first or b > last]
    if outside:
        finding.add("pin_cite_out_of_range",
                    sentence(f"The pin cite {pin} is outside {doc.title}, which runs from page {first} to "
                             f"{last} of {page_map.volume} {page_map.reporter}"))


def locate(quote: str, doc: Document, ctx: Context) -> tuple[list[tuple[int, int]], bool]:
    """Spans of ``doc.text`` holding the quotation, and whether they were
    found on letters alone (past numbers in the source)."""
    spans = find_quote(quote, ctx.folded(doc))
    if spans or has_digits(quote):
        return spans, False
    spans = find_quote(quote, ctx.folded(doc, letters=True))
    return spans, bool(spans)


def _check_quote(finding: Finding, quote: str, pin: str, ranges: list[tuple[int, int]],
                 page_map: PageMap | None, doc: Document, ctx: Context, *, year: str = "") -> None:
    spans, loose = locate(quote, doc, ctx)
    shown = _shown(quote)
    if spans:
        allowed = alterations(quote, doc.text[spans[0][0]:spans[0][1]], loose=loose)
        if allowed:
            finding.note(f"The quotation was matched allowing {_listing(allowed)}.")
    if not spans:
        unchecked = _unchecked(quote, shown, doc, year)
        if unchecked:
            finding.note(unchecked)
        else:
            _not_in_document(finding, quote, shown, doc, ctx)
        return
    if page_map is None:
        if ranges:
            finding.note(f"The quotation is in {doc.title}; the library has no page numbers for this "
                         f"reporter, so its page was not checked.")
        return
    pages = [page_map.pages_between(start, end) for start, end in spans]
    if not ranges or any(_overlaps(p, ranges) for p in pages):
        return
    places = list(dict.fromkeys(_page_span(p) for p in pages))
    where = f"page {places[0]}" if len(places) == 1 else f"pages {', '.join(places[:-1])} and {places[-1]}"
    finding.add("quote_on_other_page",
                f"The quotation {shown} is in {doc.title} on {where} of {page_map.volume} "
                f"{page_map.reporter}, not on the pin-cited page {pin}.")


def _unchecked(quote: str, shown: str, doc: Document, year: str) -> str:
    """Why a quotation missing from ``doc`` proves nothing ("" if it does)."""
    if not has_full_text(doc):
        return f"The library holds only part of the text of {doc.title}, so the quotation {shown} could not be checked."
    if len(quote.split()) < _QUOTED_WORDS:
        return (f"{shown} is not in {doc.title}; it is too short to be checked as a quotation (a term, a "
                f"name or a phrase in quotation marks).")
    if doc.kind in ("statute", "regulation") and year and doc.year and year != doc.year:
        return (f"The brief cites the {year} text; the library's is {doc.edition or doc.year}, and the "
                f"quotation {shown} is not in it, so it could not be checked against the text cited.")
    return ""


def _listing(items: tuple[str, ...]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def sentence(text: str) -> str:
    """End with one period, even after an abbreviation ("200 Colo.")."""
    return text if text.endswith(".") else text + "."


def has_full_text(doc: Document) -> bool:
    """False for opinions held as metadata or a fragment (some corpus
    sources give a caption and a few lines): a quotation missing from them
    proves nothing."""
    if doc.kind != "opinion":
        return True
    if str(doc.extra.get("metadata_only", "")).lower() == "true":
        return False
    page_map = _only_map(doc)
    first, last = (as_int(page_map.first_page), as_int(page_map.last_page)) if page_map else (None, None)
    pages = last - first + 1 if first is not None and last is not None and last >= first else 0
    return len(doc.text) >= (_CHARS_PER_PAGE * pages if pages else _MIN_OPINION_CHARS)


def _overlaps(pages: tuple[str, ...], ranges: list[tuple[int, int]]) -> bool:
    numbers = [as_int(p) for p in pages]
    return any(n is not None and a <= n <= b for n in numbers for a, b in ranges)


def _page_span(pages: tuple[str, ...]) -> str:
    return pages[0] if len(pages) == 1 else f"{pages[0]}-{pages[-1]}"


def _shown(quote: str) -> str:
    text = " ".join(quote.split())
    if len(text) > _SHOWN:
        text = text[:_SHOWN].rstrip() + " \u2026"
    return "\u201c" + text + "\u201d"


def _not_in_document(finding: Finding, quote: str, shown: str, doc: Document, ctx: Context) -> None:
    found = elsewhere(quote, doc, ctx) if distinctive(quote) else None
    cited = describe(doc)
    if found is None:
        searched = ctx.memo.get(("searched", quote, doc.kind))
        edition = (f" The library's text is {doc.edition}; the wording may have changed since."
                   if doc.edition else "")
        finding.add("quote_not_found", f"The quotation {shown} is not in {cited}"
                    + (", nor, by a full-text search, anywhere else in the library." if searched else ".")
                    + edition)
        return
    other, start, end = found
    page_map = _only_map(other)
    page = page_map.page_at(start) if page_map else None
    at = f", at page {page}" if page else ""
    finding.add("quote_misattributed",
                f"The quotation {shown} is not in {cited}; it appears in {describe(other)}{at}.")


def distinctive(quote: str) -> bool:
    """Long enough to say where it comes from: "program or activity" occurs in
    many sections, so finding it in another one proves no misattribution."""
    pieces = quote_pieces(quote)
    return len(quote.split()) >= _DISTINCTIVE_WORDS and sum(map(len, pieces)) >= _DISTINCTIVE_CHARS


def elsewhere(quote: str, cited: Document, ctx: Context) -> tuple[Document, int, int] | None:
    """The library document (not ``cited``) holding the quotation, with its span.
    A statute's quotation is looked for in other statutes only: opinions
    quote statutes, and naming one would mislead."""
    key = ("elsewhere", quote, cited.id)
    if key not in ctx.memo:
        ctx.memo[key] = _search(quote, cited, ctx)
    return ctx.memo[key]  # type: ignore[return-value]


def _search(quote: str, cited: Document, ctx: Context) -> tuple[Document, int, int] | None:
    if ctx.store is None or not rare_words(quote):
        return None
    # The quotation itself is the query: its words, and its adjacent pairs as phrases.
    query = " ".join(quote.split()[:_QUERY_WORDS])
    filters = SearchFilters(kind=cited.kind) if cited.kind in ("statute", "regulation") else None
    hits = ctx.store.lexical_search(query, k=_CANDIDATES * 4, filters=filters)
    ctx.memo[("searched", quote, cited.kind)] = bool(hits)  # no hits at all: no search text
    candidates = dict.fromkeys(chunk_id.rpartition("#")[0] for chunk_id, _ in hits)
    candidates.pop(cited.id, None)
    for doc_id in list(candidates)[:_CANDIDATES]:
        doc = ctx.doc(doc_id)
        spans = find_quote(quote, ctx.folded(doc)) if doc is not None else []  # exact text: evidence
        if spans:
            return doc, spans[0][0], spans[0][1]
    return None
