"""HTML and CAP casebody XML to readable text, with page anchors.

A lenient tree (``html.parser``) rather than an XML parser: published
opinion markup is often not well formed (unclosed tags, stray end tags), and
entities must be decoded either way. The renderer writes into a
``TextBuilder`` so page markers of every kind become offsets in the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Callable

from research.corpus.pagination import Marker, TextBuilder, write_with_markers

VOID = frozenset("br hr img meta link input wbr col area base source".split())
SKIP = frozenset("script style head title noscript".split())
BLOCKS = frozenset(
    """p div center blockquote h1 h2 h3 h4 h5 h6 li ul ol dl dt dd table tr thead
    tbody section article aside header footer pre figure figcaption hr
    casebody parties docketnumber court decisiondate otherdate attorneys judges
    opinion author summary syllabus headnotes disposition footnote citation
    headmatter head-matter correction""".split()
)
_FOOTNOTE_TOKEN = re.compile(r"^\s*(?:FN)?[\d*†‡§]{1,4}\.?\s*$")


@dataclass
class Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list["Node | str"] = field(default_factory=list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()


class _TreeParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root")
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag):
        # Close up to the matching open tag; an end tag never opened is noise.
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse_markup(markup: str) -> Node:
    parser = _TreeParser()
    parser.feed(markup)
    parser.close()
    return parser.root


def footnote_label(node: Node) -> str | None:
    """Label of a footnote element (CAP ``<footnote label>``, ``<aside class=footnote>``)."""
    if node.tag == "footnote":
        return node.attrs.get("label", "")
    if node.tag == "aside" and "footnote" in node.attrs.get("class", ""):
        return node.attrs.get("data-label", "")
    return None


def mark_labels(node: Node) -> list[str]:
    """Footnote labels referenced inside ``node``, in order."""
    labels = []
    for sub in node.iter():
        if sub.tag == "footnotemark" or "footnotemark" in sub.attrs.get("class", ""):
            labels.append(sub.text().strip())
    return labels


class Renderer:
    """Walks a tree into a TextBuilder.

    ``finder`` turns bracket markers inside text into anchors (Fastcase);
    ``page_key`` names the reporter of CAP page tags by citation index;
    ``relocate_footnotes`` moves each footnote after the paragraph citing it,
    so that the page map attributes it to the page it is printed on.
    """

    def __init__(self, builder: TextBuilder, finder: Callable[[str], list[Marker]] | None = None,
                 page_key: Callable[[str], str] | None = None, relocate_footnotes: bool = False):
        self.builder = builder
        self.finder = finder
        self.page_key = page_key or (lambda index: index or "1")
        self.relocate = relocate_footnotes
        self._pre = 0
        self._in_footnote = 0

    def render(self, node: Node | str) -> None:
        if isinstance(node, str):
            self._data(node)
        elif node.tag in SKIP:
            return
        elif self._page_tag(node):
            return
        elif node.tag == "br":
            self.builder.block("\n")
        elif node.tag in ("td", "th"):
            self.builder.block(" ")
            self.render_children(node)
            self.builder.block(" ")
        elif self._footnote_ref(node):
            return
        elif node.tag == "pre" and "inline" in node.attrs.get("class", ""):
            self._pre += 1  # CourtListener splits one <pre> around each linked cite
            self.render_children(node)
            self._pre -= 1
        elif node.tag in BLOCKS or footnote_label(node) is not None:
            self._block(node)
        else:
            self.render_children(node)

    def render_children(self, node: Node) -> None:
        footnotes = self._footnotes(node) if self.relocate else {}
        moved = {id(n) for n in footnotes.values()}
        for child in node.children:
            if id(child) in moved:
                continue
            self.render(child)
            if footnotes and isinstance(child, Node):
                for label in mark_labels(child):
                    if label in footnotes:
                        self.render(footnotes.pop(label))
        for leftover in footnotes.values():
            self.render(leftover)

    def _footnotes(self, node: Node) -> dict[str, Node]:
        found = {}
        for child in node.children:
            if isinstance(child, Node) and footnote_label(child):
                found.setdefault(footnote_label(child), child)
        return found

    def _data(self, text: str) -> None:
        if self._pre:
            self.builder.write_raw(text)
        else:
            write_with_markers(self.builder, text, self.finder)

    def _block(self, node: Node) -> None:
        self.builder.block("\n\n")
        label = footnote_label(node)
        self._pre += node.tag == "pre"
        self._in_footnote += label is not None
        if label:
            self.builder.write(f"[{label}] ")
            self._footnote_body(node)
        else:
            self.render_children(node)
        self._pre -= node.tag == "pre"
        self._in_footnote -= label is not None
        self.builder.block("\n\n")

    def _footnote_body(self, node: Node) -> None:
        """The first paragraph of a footnote runs on from its ``[label]``."""
        first = next((c for c in node.children if isinstance(c, Node) and c.tag == "p"), None)
        for child in node.children:
            if child is first:
                self.render_children(child)
                self.builder.block("\n\n")
            else:
                self.render(child)

    def _page_tag(self, node: Node) -> bool:
        """CAP page tags: ``<page-number label>`` and ``<a class="page-label">``."""
        is_cap = node.tag == "page-number"
        is_static = node.tag == "a" and "page-label" in node.attrs.get("class", "")
        if not (is_cap or is_static):
            return False
        label = node.attrs.get("label") or node.attrs.get("data-label") or ""
        index = node.attrs.get("citation-index") or node.attrs.get("data-citation-index") or "1"
        # Page tags inside footnotes would run backwards against the main text.
        if label and not self._in_footnote:
            self.builder.anchor(self.page_key(index), label)
        inner = node.text().strip()
        if inner and inner.lstrip("*") != label:
            self.render_children(node)  # malformed tag wrapping real text
        return True

    def _footnote_ref(self, node: Node) -> bool:
        """Footnote references become ``[1]`` so digits never fuse with a cite."""
        if node.tag == "a" and node.attrs.get("href", "").startswith("#ref_"):
            return True  # back-link inside a footnote: its label is written already
        mark = node.tag == "footnotemark" or "footnotemark" in node.attrs.get("class", "")
        text = node.text().strip()
        if node.tag in ("sup", "small") and not self.builder.at_paragraph_start:
            mark = bool(_FOOTNOTE_TOKEN.match(text)) and node.tag == "sup"
        if not mark or not text:
            return False
        self.builder.write(f"[{text.rstrip('.')}]")
        return True


def markup_to_text(markup: str, builder: TextBuilder | None = None, **options) -> TextBuilder:
    """Render HTML/XML ``markup`` into ``builder`` (a new one by default)."""
    builder = TextBuilder() if builder is None else builder
    Renderer(builder, **options).render(parse_markup(markup))
    return builder
