"""Plain text of one USLM section (USLM 1.0 U.S. Code and USLM 2.0 C.F.R.).

The rendering keeps the legal text only: one paragraph per line, each level's
label ("(a)", "(1)", "(A)") at the start of its line, editorial and
historical notes, amendment notes, source credits and footnote markers left
out. A level that opens directly with a child level prints both labels on one
line, as the printed Code does ("(a)(1) ...").
"""
from __future__ import annotations

from xml.etree.ElementTree import Element

from research.corpus.statute_text import normalize_space

LEVELS = frozenset(
    "subsection paragraph subparagraph clause subclause item subitem subsubitem "
    "proviso level section".split()
)
BLOCKS = frozenset(
    "chapeau content continuation p quotedContent note footnote heading subheading "
    "table thead tbody tfoot caption figure def".split()
)
# Editorial apparatus kept out of the text (the source credit goes to ``extra``).
SKIPPED = frozenset(
    "notes sourceCredit source authority editorialNote toc layout img colgroup".split()
)
SKIPPED_NOTE_ROLES = frozenset({"approval"})


def local_name(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def is_skipped(el: Element) -> bool:
    name = local_name(el.tag)
    if name in SKIPPED:
        return True
    if name == "ref" and el.get("class") == "footnoteRef":
        return True  # "So in original" markers of the U.S. Code
    if name == "sup" and (el.text or "").strip().replace(" ", "").isdigit():
        return not (el.tail or "").startswith("\u2044")  # a footnote mark, not a fraction
    if name == "note":
        # A U.S. Code note inside a heading is an editorial footnote; C.F.R.
        # notes ("Note:", examples, extracts) are regulation text.
        return el.get("type") == "footnote" or el.get("role") in SKIPPED_NOTE_ROLES
    return False


def inline_text(el: Element) -> str:
    """Text of an element without its skipped parts, on one line."""
    parts = [el.text or ""]
    for child in el:
        if not is_skipped(child):
            parts.append(inline_text(child))
        parts.append(child.tail or "")
    return normalize_space("".join(parts))


class _Renderer:
    """Walks a section; ``state`` says whether the open line holds only a label."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.buf: list[str] = []
        self.state = ""  # "label", "heading" or "" (content written)

    def flush(self) -> None:
        line = normalize_space("".join(self.buf))
        if line:
            self.lines.append(line)
        self.buf = []
        self.state = ""

    def write(self, text: str | None, keep_state: bool = False) -> None:
        if text:
            self.buf.append(text)
            if not keep_state and text.strip():
                self.state = ""

    def open_block(self, nested_level: bool = False) -> None:
        # Text that only carries a label continues on the label's line.
        merge = self.state == "label" if nested_level else self.state in ("label", "heading")
        if not merge:
            self.flush()

    def element(self, el: Element) -> None:
        if not is_skipped(el):
            name = local_name(el.tag)
            if name in LEVELS:
                self.level(el)
            elif name == "tr":
                self.row(el)
            elif name in BLOCKS:
                self.block(el)
            else:
                self.children(el)
        self.write(el.tail)

    def children(self, el: Element) -> None:
        self.write(el.text)
        for child in el:
            self.element(child)

    def block(self, el: Element) -> None:
        self.open_block()
        self.children(el)
        self.flush()

    def row(self, el: Element) -> None:
        self.flush()
        cells = [inline_text(cell) for cell in el if local_name(cell.tag) in ("td", "th")]
        self.write(" | ".join(cell for cell in cells if cell))
        self.flush()

    def level(self, el: Element) -> None:
        if self.state == "label":
            self.buf = ["".join(self.buf).rstrip()]  # "(a)(1)", as printed
        self.open_block(nested_level=True)
        for child in el:
            name = local_name(child.tag)
            if name == "num":
                self.write(inline_text(child) + " ", keep_state=True)
                self.state = "label"
            elif name == "heading" and self.state in ("label", "heading"):
                self.write(inline_text(child) + " ", keep_state=True)
                self.state = "heading"
            else:
                self.element(child)
                continue
            self.write(child.tail, keep_state=True)
        self.flush()


def section_body(section: Element) -> list[str]:
    """Lines of the section's text after its number and heading."""
    renderer = _Renderer()
    for child in section:
        if local_name(child.tag) in ("num", "heading"):
            continue
        renderer.element(child)
    renderer.flush()
    return renderer.lines
