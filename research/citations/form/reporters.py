"""Reporter form: abbreviation, spacing and ordinal of the reporter as
written ("552 US 576", "100 F. 3d 200", "F.2nd"), and the order of a
parallel citation ("945 N.E.2d 484, 16 N.Y.3d 272"). The right spelling is
the reporters-db edition (Bluebook) or the Supreme Court's spacing of it.
"""
from __future__ import annotations

import re
from typing import Sequence

from research.citations.form import tables
from research.citations.form.edits import apply, one_line
from research.citations.form.layout import pins_end, reporter_span, short_reporter_span
from research.types import FormEdit, FormIssue, FoundCitation



def style_form(edition: str, style: str) -> str:
    """The reporter as ``style`` writes it: the Supreme Court puts a space
    after each period ("F. 3d", "N. Y. S. 2d", "U. S.") unless its table row
    gives another spelling ("Fed. Appx.")."""
    info = tables.reporter_info(edition)
    if style != "scotus":
        return info.bluebook if info is not None and info.bluebook else edition
    if info is not None and info.scotus:
        return info.scotus
    return re.sub(r"\.(?=[A-Za-z0-9])", ". ", edition)


def fix_ordinals(text: str) -> str:
    """"2nd" -> "2d", "3rd" -> "3d" (not "12th" or "13th")."""
    suffixes = tables.ordinal_suffixes()
    return re.sub(r"(?<!1)(?<=\d)(nd|rd)\b", lambda m: suffixes.get(m.group(1), m.group(1)), text)


def _code(written: str, right: str, edition: str) -> str | None:
    """Which form code a written reporter earns, or None when it is not
    surely a spelling of ``edition``."""
    if tables.is_edition(written) and written != edition:
        return None  # the spelling of another reporter: not ours to correct
    bare, right_bare = re.sub(r"\s", "", written), re.sub(r"\s", "", right)
    if bare == right_bare:
        return "reporter_spacing"
    if re.sub(r"\s", "", fix_ordinals(written)) == right_bare:
        return "ordinal"
    known = tables.key(written) == tables.key(edition) or tables.variant_edition(written) == edition
    return "reporter_abbreviation" if known or written == edition else None


_MESSAGES = {
    "reporter_spacing": "Spacing of the reporter: {right} (Bluebook rule 6.1(a): no space between "
                        "adjacent single capitals or ordinals, a space around longer abbreviations).",
    "ordinal": "Ordinal in the reporter: {right}, not {written} (\"2d\", \"3d\", rule 6.2(b)).",
    "reporter_abbreviation": "The reporter is abbreviated {right}, not {written}.",
}
_SCOTUS_SPACING = "Spacing of the reporter in the Supreme Court's style: {right} (a space after each period)."


def _not_ours(written: str, right: str, found: FoundCitation) -> bool:
    """Written as it should be (a typographic apostrophe is still an
    apostrophe), or not a reporter we can speak for: a nominative reporter
    inside ("5 U.S. (1 Cranch) 137"), a comma ("12 Thompson, 9" is a line
    number and a name), a public-domain citation that reporters-db reads as a
    reporter ("2022 PA Super 6")."""
    neutral = re.fullmatch(r"(?:19|20)\d\d", found.volume) and re.fullmatch(r"[A-Z][A-Z ]*", written)
    return written == right or "(" in written or "," in written or bool(neutral)


def reporter_issue(text: str, found: FoundCitation, style: str) -> FormIssue | None:
    """The reporter of a full or short case citation as ``style`` spells it."""
    if not tables.is_edition(found.reporter):
        return None
    if style == "scotus" and not tables.is_court_reporter(found.reporter):
        return None  # the Court spells specialty reporters its own way
    if style_form(found.reporter, style) == "-":
        return None  # "Op. OLC" and "Op. O. L. C.": the Court writes both
    spans = short_reporter_span(text, found) if found.kind == "short_case" else None
    span = spans[0] if spans else reporter_span(text, found) if found.kind == "case" else None
    if span is None:
        return None
    written, right = text[span[0]:span[1]], style_form(found.reporter, style)
    if _not_ours(one_line(written).replace("\u2019", "'"), right, found):
        return None
    code = _code(one_line(written).replace("\u2019", "'"), right, found.reporter)
    if code is None:
        return None
    template = _SCOTUS_SPACING if style == "scotus" and code == "reporter_spacing" else _MESSAGES[code]
    # keep the writer's typographic apostrophe ("F. App\u2019x")
    edit = FormEdit(span[0], span[1], right.replace("'", "\u2019") if "\u2019" in written else right)
    suggestion = one_line(apply(text, (edit,), found.start, found.end))
    return FormIssue(code, template.format(right=f"\u201c{right}\u201d", written=f"\u201c{one_line(written)}\u201d"),
                     suggestion, (edit,))


def _rank(found: FoundCitation) -> int:
    if tables.is_neutral(found.reporter):
        return 1
    info = tables.reporter_info(found.reporter)
    return info.order if info is not None else 0


def parallel_issue(text: str, members: Sequence[FoundCitation], edits: Sequence[FormEdit]) -> FormIssue | None:
    """A parallel citation out of order: public-domain citation first, then
    the official reporter, then unofficial ones (rule 10.3.1, B10.1.3)."""
    ranks = [_rank(m) for m in members]
    if len(members) < 2 or 0 in ranks or ranks == sorted(ranks):
        return None
    segments = []
    for i, member in enumerate(members):
        end = pins_end(text, member.end)
        if i + 1 < len(members) and end > members[i + 1].start:
            return None
        segments.append((member.start, end))
    order = sorted(range(len(members)), key=lambda i: ranks[i])
    pieces = [apply(text, edits, *segments[i]) for i in order]
    replacement = ", ".join(one_line(p) for p in pieces)
    edit = FormEdit(segments[0][0], segments[-1][1], replacement)
    first = members[order[0]]
    message = (f"Parallel citations go official reporter first: {first.volume} {first.reporter} {first.page} "
               f"before {members[0].volume} {members[0].reporter} {members[0].page} (rule 10.3.1).")
    return FormIssue("parallel_order", message, replacement, (edit,))
