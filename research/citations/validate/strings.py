"""Quotations before a string of citations.

'"…" Smith, 1 F.3d 1; see also Jones, 2 F.3d 2.' The quotation is attached
to the first citation after it, but it may come from any citation of the
string. A quotation missing from the first is a problem only when every
citation of the string is held by the library and none of them has it.
"""
from __future__ import annotations

import re
from typing import Sequence

from research.citations.validate.common import Context, Finding, describe
from research.citations.validate.passages import locate
from research.types import FoundCitation

_QUOTE_PROBLEMS = {"quote_not_found", "quote_misattributed"}
# what may stand between two citations of one string: separators and signals
_BETWEEN = re.compile(r"[\s,;]*(?:(?:see|also|cf\.|e\.\s?g\.|accord|but|compare|and|with|contra)[\s,;]*)*",
                      re.IGNORECASE)


def settle_string_quotes(text: str, found: Sequence[FoundCitation], findings: dict[int, Finding],
                         ctx: Context) -> None:
    for i, c in enumerate(found):
        codes = findings[i].codes() & _QUOTE_PROBLEMS
        if not codes or not c.quote:
            continue
        others = [findings[j] for j in _string_after(found, i, text)]
        holding = next((f.doc for f in others if f.doc is not None and locate(c.quote, f.doc, ctx)[0]), None)
        if holding is not None:
            findings[i].drop(codes)
            findings[i].note(f"The quotation is in {describe(holding)}, cited in the same sentence.")
        elif any(f.doc is None for f in others):
            findings[i].drop(codes)
            findings[i].note("The quotation is not in the first citation after it; it may come from another "
                             "citation of the same sentence, which the library does not hold, so it was not checked.")


def _string_after(found: Sequence[FoundCitation], i: int, text: str) -> list[int]:
    """Indexes of the other citations of the string that found[i] opens."""
    out, previous = [], found[i]
    for j in range(i + 1, len(found)):
        c = found[j]
        if c.group == previous.group:
            previous = c
            continue
        if c.start < previous.full_end or not _BETWEEN.fullmatch(text, previous.full_end, c.full_start):
            break
        out.append(j)
        previous = c
    return out
