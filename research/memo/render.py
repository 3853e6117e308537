"""A memo as format-neutral blocks, and those blocks as Markdown and HTML.

    memo_blocks(draft) -> list[Block]
    to_markdown(blocks) -> (markdown, regions)   # regions: (start, end, key) of keyed blocks
    to_html(blocks, *, title) -> str             # one self-contained page

Runs carry italics, so the case name is italic in every format (asterisks in
Markdown, <em> in HTML, a real italic run in DOCX). Keyed blocks let the
self-check map a failed citation back to the quote or authority it came from.
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Sequence

from research.memo.bluebook import case_parts
from research.memo.build import MemoAuthority, further_authorities, in_memo_order, ordered, short_answer_quotes
from research.memo.quotes import Quote
from research.types import Document

DISCLAIMER = "Draft for attorney review. Not legal advice."
NO_AUTHORITY = ("No authority in the library is relevant enough to answer this question. The memo cites "
                "nothing rather than padding it with weak authority; broaden the question or add sources.")
Key = tuple[str, "int | None"]


@dataclass(frozen=True)
class Run:
    text: str
    italic: bool = False
    bold: bool = False


@dataclass(frozen=True)
class Block:
    kind: str  # title, heading, para, quote, bullet, table, footer
    runs: tuple[Run, ...] = ()
    rows: tuple[tuple[tuple[Run, ...], ...], ...] = ()
    key: Key | None = None


@dataclass(frozen=True)
class Draft:
    question: str
    date: str
    to: str
    author: str
    authorities: tuple[MemoAuthority, ...]
    docs: dict = field(default_factory=dict)  # doc_id -> Document, for citation parts
    discussion: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    uncitable: tuple[str, ...] = ()
    footer: str = ""


def cite_runs(a: MemoAuthority, doc: Document, pin: str = "", quote: Quote | None = None) -> tuple[Run, ...]:
    if a.is_law:
        return (Run(quote.cite if quote else a.citation),)
    name, rest = case_parts(doc, quote.pin if quote else pin)
    if quote is not None and quote.opinion:
        rest += f" ({quote.opinion})"  # a concurrence or dissent is not the court's holding
    return (Run(name, italic=True), Run(rest))


def quote_block(a: MemoAuthority, doc: Document, index: int) -> Block:
    q = a.quotes[index]
    runs = (Run(f"\u201c{q.display}\u201d "),) + cite_runs(a, doc, quote=q) + (Run("."),)
    return Block("quote", runs, key=(a.doc_id, index))


def _heading_blocks(d: Draft) -> list[Block]:
    return [Block("title", (Run("MEMORANDUM", bold=True),)),
            Block("para", (Run(DISCLAIMER, bold=True),)),
            Block("para", (Run("To: ", bold=True), Run(d.to))),
            Block("para", (Run("From: ", bold=True), Run(d.author))),
            Block("para", (Run("Date: ", bold=True), Run(d.date))),
            Block("para", (Run("Re: ", bold=True), Run(d.question))),
            Block("heading", (Run("Question Presented"),)),
            Block("para", (Run(d.question),))]


def _short_answer(d: Draft) -> list[Block]:
    out = [Block("heading", (Run("Short Answer"),))]
    if not d.authorities:
        more = (" Relevant slip opinions were found but cannot be verified: see \u201cRetrieved but not "
                "cited\u201d below." if d.uncitable else "")
        return out + [Block("para", (Run(NO_AUTHORITY + more),))]
    out.append(Block("para", (Run("The rule sentences most relevant to the question, quoted from the "
                                  "sources (the attorney draws the conclusion):"),)))
    return out + [quote_block(a, d.docs[a.doc_id], i) for a, i in short_answer_quotes(d.authorities)]


def _authority_blocks(a: MemoAuthority, doc: Document) -> list[Block]:
    head = cite_runs(a, doc, pin="")
    if a.is_law:
        head += (Run(f", {a.title}" + (f" (text of {a.edition})" if a.edition else "")),)
    else:
        head += (Run(f", {a.court}" if a.court else ""),)
    out = [Block("para", head, key=(a.doc_id, None))]
    out += [quote_block(a, doc, i) for i in range(len(a.quotes))]
    return out + [Block("para", (Run("Why retrieved: ", italic=True), Run(a.reason)))]


def none_among_principal(what: str, lower: Sequence[MemoAuthority], is_law: bool) -> str:
    """What a section with no principal authority says; it points to the further
    authorities when some of them are of its kind, rather than saying none was found."""
    if any(a.is_law == is_law for a in lower):
        return f"No {what} ranked among the principal authorities; see Further Authorities below."
    return f"No {what} relevant enough was retrieved."


def _body(d: Draft) -> list[Block]:
    law, cases = ordered(d.authorities)
    lower = further_authorities(d.authorities)
    out = [Block("heading", (Run("Governing Law"),))]
    if not law:
        out.append(Block("para", (Run(none_among_principal("statute or regulation", lower, True)),)))
    for a in law:
        out += _authority_blocks(a, d.docs[a.doc_id])
    out.append(Block("heading", (Run("Cases"),)))
    if not cases:
        out.append(Block("para", (Run(none_among_principal("case", lower, False)),)))
    for a in cases:
        out += _authority_blocks(a, d.docs[a.doc_id])
    return out


def _further(d: Draft) -> list[Block]:
    lower = further_authorities(d.authorities)
    if not lower:
        return []
    out = [Block("heading", (Run("Further Authorities"),)),
           Block("para", (Run("Ranked below the authorities above; each with its sentence closest to the "
                              "question. Read them before concluding that nothing else applies."),))]
    for a in lower:
        out += _authority_blocks(a, d.docs[a.doc_id])
    return out


def _discussion(d: Draft) -> list[Block]:
    if not d.discussion:
        return []
    out = [Block("heading", (Run("Discussion (generated; every quotation and citation in it verified)"),))]
    return out + [Block("para", (Run(text),), key=("llm", i)) for i, text in enumerate(d.discussion)]


def _table_of_authorities(d: Draft) -> list[Block]:
    if not d.authorities:
        return []
    rows = [(Run("Authority", bold=True),), (Run("Kind", bold=True),), (Run("Pin cites", bold=True),)]
    body = []
    for a in in_memo_order(d.authorities):
        pins = ", ".join(dict.fromkeys(q.pin or q.label or "\u2014" for q in a.quotes))
        body.append((cite_runs(a, d.docs[a.doc_id]), (Run(a.kind),), (Run(pins),)))
    return [Block("heading", (Run("Table of Authorities"),)),
            Block("table", rows=(tuple(rows),) + tuple(body), key=("toa", None))]


def _sources(d: Draft) -> list[Block]:
    if not d.authorities:
        return []
    out = [Block("heading", (Run("Sources"),))]
    for a in d.authorities:
        for q in a.quotes:
            where = f"page {q.pin}" if q.pin else (f"subsection {q.label}" if q.label else "section text")
            out.append(Block("bullet", (Run(f"{a.doc_id}, characters {q.start}\u2013{q.end} ({where})"),)))
    return out


def _uncitable(d: Draft) -> list[Block]:
    out: list[Block] = []
    if d.uncitable:
        out.append(Block("heading", (Run("Retrieved but not cited"),)))
        out.append(Block("para", (Run("Slip opinions without a reporter citation, which the self-check cannot "
                                      "verify; read them before relying on them:"),)))
        out += [Block("bullet", (Run(item),)) for item in d.uncitable]
    return out


def _removed(d: Draft) -> list[Block]:
    out: list[Block] = []
    if d.removed:
        out.append(Block("heading", (Run("Removed unverified content"),)))
        out += [Block("bullet", (Run(item),)) for item in d.removed]
    return out


def memo_blocks(d: Draft, *, checked_part: bool = False) -> list[Block]:
    """Every block; with ``checked_part`` only what the self-check reads (not the
    list of removed content, whose citations failed by definition, nor the footer)."""
    blocks = _heading_blocks(d) + _short_answer(d) + _body(d) + _further(d) + _discussion(d)
    blocks += _table_of_authorities(d) + _sources(d) + _uncitable(d)
    if checked_part:
        return blocks
    blocks += _removed(d)
    if d.footer:
        blocks.append(Block("footer", (Run(d.footer),)))
    return blocks


def _md_runs(runs: Sequence[Run]) -> str:
    out = []
    for r in runs:
        core = r.text.strip()
        if not core or not (r.italic or r.bold):
            out.append(r.text)
            continue
        lead, trail = r.text[: len(r.text) - len(r.text.lstrip())], r.text[len(r.text.rstrip()):]
        core = f"*{core}*" if r.italic else core
        core = f"**{core}**" if r.bold else core  # markers hug the words, spaces stay outside
        out.append(lead + core + trail)
    return "".join(out)


def _md_block(b: Block) -> str:
    if b.kind == "table":  # a list, not a pipe table: "|" would run into case names
        return "\n".join(f"- {_md_runs(row[0])} ({_md_runs(row[1])}; {_md_runs(row[2])})" for row in b.rows[1:])
    text = _md_runs(b.runs)
    prefix = {"title": "# ", "heading": "## ", "quote": "> ", "bullet": "- ", "footer": "---\n\n"}
    return prefix.get(b.kind, "") + text


def to_markdown(blocks: Sequence[Block]) -> tuple[str, list[tuple[int, int, Key]]]:
    parts, regions, at = [], [], 0
    for b in blocks:
        text = _md_block(b)
        if b.key is not None:
            regions.append((at, at + len(text), b.key))
        parts.append(text)
        at += len(text) + 2
    return "\n\n".join(parts) + "\n", regions


def _html_runs(runs: Sequence[Run]) -> str:
    out = []
    for r in runs:
        text = html.escape(r.text)
        text = f"<em>{text}</em>" if r.italic else text
        out.append(f"<strong>{text}</strong>" if r.bold else text)
    return "".join(out)


def _html_block(b: Block) -> str:
    if b.kind == "table":
        head = "".join(f"<th>{_html_runs(c)}</th>" for c in b.rows[0])
        body = "".join("<tr>" + "".join(f"<td>{_html_runs(c)}</td>" for c in row) + "</tr>" for row in b.rows[1:])
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    tag = {"title": "h1", "heading": "h2", "quote": "blockquote", "bullet": "li", "footer": "footer"}
    name = tag.get(b.kind, "p")
    return f"<{name}>{_html_runs(b.runs)}</{name}>"


_STYLE = ("body{font-family:Georgia,serif;max-width:46em;margin:2em auto;line-height:1.45}"
          "blockquote{margin:.6em 2em;color:#222}table{border-collapse:collapse}"
          "td,th{border:1px solid #999;padding:.3em .5em;text-align:left}"
          "footer{margin-top:2em;border-top:1px solid #999;font-size:.9em}")


def to_html(blocks: Sequence[Block], *, title: str = "Research memo") -> str:
    parts, in_list = [], False
    for b in blocks:
        if (b.kind == "bullet") != in_list:
            parts.append("<ul>" if not in_list else "</ul>")
            in_list = not in_list
        parts.append(_html_block(b))
    body = "\n".join(parts + (["</ul>"] if in_list else []))
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{html.escape(title)}"
            f"</title><style>{_STYLE}</style></head><body>\n{body}\n</body></html>\n")
