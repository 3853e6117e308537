"""Caselaw Access Project API v1 case JSON (``casebody.data`` is XML).

Page tags ``<page-number label="13" citation-index="1">`` give the map of the
official reporter. Some volumes (Tax Court) have no page tags but a
``pgmap="157(52) 158(11)"`` attribute per paragraph (scan page and word
counts); those are turned into page tags when they agree with the case's
first and last page. Footnotes are moved after the paragraph that cites them,
near the page they are printed on.

A case whose casebody holds no opinion text (metadata only, or a placeholder
such as "Sample text") is still read: its text is the head matter only and
``extra["metadata_only"]`` is True, so citation checks can still find it.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping

from research.corpus.opinion_markup import Node, Renderer, parse_markup
from research.corpus.opinion_meta import (Cite, clean_case_name, iso_date, jurisdiction_of,
                                          normalise_jurisdiction, opinion_id, order_cites, parse_cite)
from research.corpus.opinion_sniff import CAP_V1, json_kind, load_json
from research.corpus.pagination import ReporterCite, TextBuilder, build_page_maps
from research.errors import IngestError
from research.types import Document

MIN_OPINION_CHARS = 40  # below this the opinion element is a placeholder
_PGMAP = re.compile(r"(\d+)(?:\((\d+)\))?")


class CapV1Ingester:
    name = "cap_v1"

    def __init__(self, source: Callable[[Path], str] | None = None, collection: str = "library"):
        self.source = source or str
        self.collection = collection

    def accepts(self, path: Path) -> bool:
        return json_kind(Path(path)) == CAP_V1

    def read(self, path: Path) -> Iterator[Document]:
        path = Path(path)
        try:
            data = load_json(path)
        except (OSError, ValueError) as exc:
            raise IngestError(path, f"cannot read CAP JSON: {exc}") from exc
        if not isinstance(data, dict) or not data.get("citations"):
            raise IngestError(path, "not a CAP case: no citations")
        yield cap_document(data, self.source(path), self.collection)


def cap_cites(data: Mapping[str, Any]) -> tuple[list[Cite], list[str]]:
    """CAP citations in CAP's order (official first) and the unparseable rest."""
    cites, other = [], []
    entries = sorted(data.get("citations") or [], key=lambda c: c.get("type") != "official")
    for entry in entries:
        cite = parse_cite(entry.get("cite", ""))
        if cite:
            cites.append(cite)
        else:
            other.append(entry.get("cite", ""))
    return cites, other


def cap_metadata(data: Mapping[str, Any]) -> dict[str, Any]:
    """Document fields shared by CAP v1 and CAP static cases (text aside)."""
    cites, other = cap_cites(data)
    if not cites:
        raise ValueError("no parseable citation")
    court = (data.get("court") or {}).get("name", "")
    juris = (data.get("jurisdiction") or {}).get("name", "")
    ordered = order_cites(cites)
    extra = {"cap_id": data.get("id"), "docket_number": data.get("docket_number") or ""}
    if other:
        extra["other_citations"] = other
    if data.get("notes"):
        extra["source_note"] = data["notes"]
    return dict(
        id=opinion_id(ordered[0]), kind="opinion",
        title=clean_case_name(data.get("name_abbreviation") or data.get("name") or str(cites[0])),
        citations=tuple(str(c) for c in ordered), court=court,
        jurisdiction=normalise_jurisdiction(juris) or jurisdiction_of(court),
        date=iso_date(data.get("decision_date")), extra=extra, cites=cites,
    )


def cap_document(data: Mapping[str, Any], source: str, collection: str) -> Document:
    meta = cap_metadata(data)
    cites = meta.pop("cites")
    body = (data.get("casebody") or {}).get("data") or ""
    tree = parse_markup(body) if body.strip() else None
    if tree is not None and not _has_page_tags(tree):
        pgmap_to_page_tags(tree, str(data.get("first_page", "")), str(data.get("last_page", "")))
    metadata_only = tree is None or _opinion_chars(tree) < MIN_OPINION_CHARS
    builder = TextBuilder()
    if tree is None:
        builder.write(f"{data.get('name') or meta['title']}. {meta['court']}. {data.get('decision_date', '')}.")
    else:
        if metadata_only:
            _drop_opinions(tree)
        index_keys = {str(i): str(c) for i, c in enumerate(cites, start=1)}
        Renderer(builder, page_key=lambda i: index_keys.get(i, i), relocate_footnotes=True).render(tree)
    text = builder.text()
    official = ReporterCite(str(cites[0]), str(cites[0]), cites[0].reporter, cites[0].volume,
                            str(data.get("first_page") or cites[0].page), str(data.get("last_page") or ""))
    maps = build_page_maps([official], builder.anchors, len(text))
    extra = dict(meta.pop("extra"), metadata_only=metadata_only)
    return Document(text=text, source=source, collection=collection, page_maps=maps, extra=extra, **meta)


def _has_page_tags(tree: Node) -> bool:
    return any(node.tag == "page-number" for node in tree.iter())


def _opinion_chars(tree: Node) -> int:
    total = 0
    for node in tree.iter():
        if node.tag == "opinion":
            total += sum(len(_text_without(child, "author").strip()) for child in node.children)
    return total


def _text_without(node: Node | str, skip: str) -> str:
    if isinstance(node, str):
        return node
    if node.tag == skip:
        return ""
    return "".join(_text_without(child, skip) for child in node.children)


def _drop_opinions(tree: Node) -> None:
    for node in tree.iter():
        node.children = [c for c in node.children if not (isinstance(c, Node) and c.tag == "opinion")]


# --- pgmap: scan pages with word counts -------------------------------------------

def pgmap_to_page_tags(tree: Node, first_page: str, last_page: str) -> bool:
    """Insert ``<page-number>`` tags from ``pgmap`` attributes; False if unusable.

    ``pgmap`` counts scan pages; the shift to printed pages is taken from the
    first element and must land the last element on ``last_page``.
    """
    elements = [n for n in tree.iter() if n.attrs.get("pgmap")]
    if not elements or not (first_page.isdigit() and last_page.isdigit()):
        return False
    parsed = [(n, [(int(p), int(w or 0)) for p, w in _PGMAP.findall(n.attrs["pgmap"])]) for n in elements]
    shift = parsed[0][1][0][0] - int(first_page)
    if max(p for _, pages in parsed for p, _ in pages) - shift != int(last_page):
        return False
    current = parsed[0][1][0][0]
    for node, pages in parsed:
        words_before = 0
        for number, words in pages:
            if number != current:
                _insert_page_tag(node, str(number - shift), words_before)
                current = number
            words_before += words
    return True


def _insert_page_tag(node: Node, label: str, words_before: int) -> None:
    tag = Node("page-number", {"label": label, "citation-index": "1"})
    if words_before == 0:
        node.children.insert(0, tag)
    elif not _split_after_words(node, words_before, tag):
        node.children.append(tag)


def _split_after_words(node: Node, count: int, tag: Node) -> bool:
    """Put ``tag`` before word number ``count`` (0-based) of ``node``'s text."""
    seen = 0
    for i, child in enumerate(node.children):
        if isinstance(child, Node):
            words = len(child.text().split())
            if seen + words > count:
                return _split_after_words(child, count - seen, tag)
            seen += words
            continue
        matches = list(re.finditer(r"\S+", child))
        if seen + len(matches) > count:
            cut = matches[count - seen].start()
            node.children[i:i + 1] = [child[:cut], tag, child[cut:]]
            return True
        seen += len(matches)
    return False


INGESTER = CapV1Ingester()
