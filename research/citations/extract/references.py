"""What id., supra and short forms refer to, when it is not a full citation
of a case or statute. Stdlib only; works on ``Cite`` records in text order.

* ``resolve_ids``: "Id." and "Ibid." refer to the nearest earlier citation
  of any kind at their own level: a case, statute or rule, but also a record
  cite ("App. 225"), another opinion in the same case ("ante, at 5"), a
  bare section ("§ 1983") or a book. A citation quoted inside an earlier
  citation's parenthetical ("(quoting § 2000e-5(b))") is not what a later
  top-level id. refers to, nor is one cited inside a quotation. A pin
  cite that cannot lie in the case before
  ("Id. at 900" after "1 U.S. 1") means the id. refers to something else.
* ``unresolved_targets``: a supra that points inside the document ("Part
  II-B-2, supra", "see supra, at 7") is not a citation; a supra or short
  that no full citation matches refers to something named earlier (a book,
  an article) when its name occurs earlier in the text, and to nothing at
  all otherwise; a short form without a full citation names only its
  volume and page.

The outcome for a reference without a full-citation antecedent is a
``Refers`` in ``cite.extras["refers"]``.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Callable

from research.citations.extract.context import AFTER_ID, citation_end
from research.citations.extract.quotes import Quote
from research.citations.extract.records import FULL_KINDS, Cite
from research.citations.extract.sources import ANCHOR_KINDS, is_internal_supra

REFERENCE_KINDS = ("id", "short_case", "supra", "reference")
_DOCUMENT_PART = "another part of this document"


@dataclass(frozen=True)
class Refers:
    """What a reference refers to when it is not a full citation.

    ``kind``: "record", "opinion" (another opinion in the same case),
    "document" (a part of this document), "section" (a section of an unnamed
    code), "named" (a source named earlier, not a citation the checker
    reads), "short" (a short form with no full citation before it), "nofit"
    (the citation before cannot hold the pin cite), or "nothing" (nothing
    earlier at all). ``text`` is that thing as written.
    """

    kind: str
    text: str = ""
    what: str = ""


def resolve_ids(cites: list[Cite], text: str, *, fits: Callable[[Cite, str], bool],
                choose: Callable[[list[Cite], list[int], Cite], int], quotes: list[Quote]) -> None:
    """Set the antecedent (or ``extras["refers"]``) of every id. citation;
    ``quotes`` are the quoted passages of ``text``."""
    members: dict[int, list[int]] = {}
    for i, cite in enumerate(cites):
        if cite.kind in FULL_KINDS:
            members.setdefault(cite.group, []).append(i)
    quoted = [q.start for q in quotes], [q.end for q in quotes]
    last_top: Cite | None = None
    last_any: Cite | None = None
    reach = -1
    for cite in cites:
        top = last_top is None or cite.start >= reach or cite.group == last_top.group
        if top and cite.kind != "id" and _inside(quoted, cite.start):
            last_any = cite  # cited inside a quotation: the quoted text's, not the writer's
            continue
        previous = last_top if top else last_any
        if cite.kind == "id":
            _resolve_id(cite, previous, cites, members, fits, choose, text)
        elif _parallel_of_id(cite, previous, text):  # "Id. at 730, 128 A.3d at 779"
            cite.extras.pop("refers", None)
            _resolve_id(cite, previous, cites, members, lambda *_: True, choose, text)
        last_any = cite
        if top:
            last_top = cite
            reach = max(reach, citation_end(cite, text))


def _inside(spans: tuple[list[int], list[int]], pos: int) -> bool:
    starts, ends = spans
    i = bisect_right(starts, pos) - 1
    return i >= 0 and pos < ends[i]


def _parallel_of_id(cite: Cite, previous: Cite | None, text: str) -> bool:
    return (cite.kind == "short_case" and cite.antecedent is None and previous is not None
            and previous.kind == "id" and bool(AFTER_ID.fullmatch(text, previous.end, cite.start)))


def _resolve_id(cite: Cite, previous: Cite | None, cites: list[Cite], members: dict[int, list[int]],
                fits, choose, text: str) -> None:
    if previous is None:
        cite.extras["refers"] = Refers("nothing")
    elif previous.kind in REFERENCE_KINDS:
        target = previous.antecedent
        if target is not None:
            cite.antecedent = choose(cites, members.get(cites[target].group, [target]), cite)
        else:
            cite.extras["refers"] = previous.extras.get("refers") or Refers("nothing")
    elif previous.kind in ANCHOR_KINDS:
        cite.extras["refers"] = Refers(previous.kind, text[previous.start:previous.end], previous.extras.get("what", ""))
    elif previous.kind in FULL_KINDS:
        group = members.get(previous.group, [])
        if any(fits(cites[j], cite.pin_cite) for j in group):
            cite.antecedent = choose(cites, group, cite)
        else:
            cite.extras["refers"] = Refers("nofit", text[previous.start:previous.end])


def unresolved_targets(cites: list[Cite], text: str) -> None:
    """Internal supras become "document" anchors; every other supra or short
    form without an antecedent gets a ``Refers`` saying what it names."""
    earlier = _Written(text)
    for cite in cites:
        if cite.kind == "supra" and is_internal_supra(text, cite.start, cite.case_name):
            cite.kind, cite.antecedent = "document", None
            cite.extras["what"] = _DOCUMENT_PART
        elif cite.kind == "short_case" and cite.antecedent is None:
            cite.extras["refers"] = Refers("short", " ".join(p for p in (cite.volume, cite.reporter) if p))
        elif cite.kind == "supra" and cite.antecedent is None:
            cite.extras["refers"] = _named(cite, text, earlier)


def _named(cite: Cite, text: str, earlier: "_Written") -> Refers:
    """"named" when the supra's name is written earlier in the document,
    else "nothing"."""
    if not cite.case_name:
        return Refers("named", text[max(0, cite.start - 40):cite.start].strip(" ,"))
    first = cite.case_name.split(" v. ")[0].strip()
    if len(first) >= 2 and earlier.before(first, cite.full_start):
        return Refers("named", cite.case_name)
    return Refers("nothing", cite.case_name)


_WORD = re.compile(r"\w+")


class _Written:
    """Is a name written, as whole words, before a position of the text? The
    words of the text are indexed once, so that thousands of supras with
    names of their own do not each scan the text before them (quadratic)."""

    def __init__(self, text: str):
        self.text = text
        self._starts: dict[str, list[int]] | None = None

    def before(self, name: str, end: int) -> bool:
        head = _WORD.match(name)
        if head is None:  # starts with punctuation: search the text before
            return bool(re.compile(rf"(?<!\w){re.escape(name)}(?!\w)").search(self.text, 0, end))
        for start in self._index().get(head.group(), ()):
            stop = start + len(name)
            if stop > end:
                return False
            if self.text.startswith(name, start) and (stop == end or not _WORD.match(self.text, stop)):
                return True
        return False

    def _index(self) -> dict[str, list[int]]:
        if self._starts is None:
            self._starts = {}
            for m in _WORD.finditer(self.text):
                self._starts.setdefault(m.group(), []).append(m.start())
        return self._starts
