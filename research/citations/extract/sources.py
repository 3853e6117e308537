"""What a citation-like shape is when it is not a U.S. case, statute or rule.

* ``source_kind(abbreviation)``: a volume-abbreviation-page shape that
  reporters-db does not know may be a law review ("44 Harv. L. Rev. 100"),
  a treaty source ("30 I. L. M. 260"), an agency publication ("31 Op. O. L.
  C. 73") or a foreign report ("99 Eng. Rep. 944"): "journal", "treaty",
  "agency", "foreign_case", or "" when no table knows it; then
  ``unnamed_periodical`` tells a periodical cited by author and title from
  an unknown (perhaps fabricated) reporter cited after a case name.
* ``find_secondary(text)``: restatements, legislative materials,
  dictionaries and books cited by edition ("(5th ed. 1984)"), reported as
  kind "secondary".
* ``find_record_cites(text)`` and ``find_opinion_references(text)``: the
  record of the case ("App. to Pet. for Cert. 12a", "J. A. 45", "Tr. 12",
  "ECF No. 5") and other opinions in the same case ("ante, at 5", "post, at
  3"), and names a document defines ("(hereinafter "Mem. Op.")"). They are
  not citations and are never reported; they are what an "Id." after them
  refers to.

The tables are data files in ``research/citations/data`` (sources.tsv,
journal_words.txt, record_cites.tsv) with their sources in their headers. Offsets are into the normalised text.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator, NamedTuple

from research.citations.data import read_table
from research.citations.extract.patterns import Added
from research.rules import reporter_key

SOURCE_KINDS = ("journal", "treaty", "agency", "foreign_case", "secondary")
ANCHOR_KINDS = ("record", "opinion", "document", "named", "section")  # antecedents that are not citations


@lru_cache(maxsize=1)
def _known_sources() -> dict[str, tuple[str, str]]:
    """Abbreviation key -> (kind, name) from sources.tsv and reporters-db's journals."""
    from reporters_db import JOURNALS

    table = {reporter_key(abbr): ("journal", entries[0].get("name", abbr)) for abbr, entries in JOURNALS.items()}
    table.update({reporter_key(abbr): (kind, name) for kind, abbr, name in read_table("sources.tsv")})
    return table


@lru_cache(maxsize=1)
def _journal_words() -> frozenset[str]:
    return frozenset(row[0].lower() for row in read_table("journal_words.txt"))


@lru_cache(maxsize=1)
def _listed() -> dict[str, str]:
    return {reporter_key(abbr): kind for kind, abbr, _ in read_table("sources.tsv")}


def source_kind(abbreviation: str, *, reporter: bool = False) -> str:
    """"journal", "treaty", "agency", "foreign_case", or "" (see the module
    doc), for an abbreviation listed in a table. ``reporter``: it is a
    reporters-db reporter, so only this project's own list can say otherwise
    (reporters-db's journal list has abbreviations such as "N.J." that are
    reporters too)."""
    if reporter:
        return _listed().get(reporter_key(abbreviation), "")
    known = _known_sources().get(reporter_key(abbreviation))
    return known[0] if known else ""


def unnamed_periodical(abbreviation: str) -> bool:
    """Cited without a case name before it, a title with a periodical word
    ("J.", "Rev.", "L.J.", "Survey": journal_words.txt) or "L." (Law) is a
    periodical: "Kaye, Tribute to Judge Calabresi, 70 N. Y. U. Annual Survey
    Am. L. 33". After a case name ("In re Marsh, 7 Imaginary L. Rep. 301") it
    claims to be a reporter, and an unknown one is reported as such."""
    words = {w.lower() for w in re.split(r"\s+|(?<=\.)(?=[A-Z])", abbreviation) if w}
    return bool(words & _journal_words()) or "l." in words


def source_name(abbreviation: str) -> str:
    known = _known_sources().get(reporter_key(abbreviation))
    return known[1] if known else ""


# --- the record and the opinions of the same case ---------------------------

class RecordForm(NamedTuple):
    label: str
    what: str


_LOCATOR = r"\d+[a-z]{0,2}(?::\d+)?(?:\s?[-–]\s?\d+[a-z]{0,2}(?::\d+)?)?(?![\w.]\d)"
# A capitalised abbreviation just before ("Cal. App.", "Fed. R.", "U.S. App.")
# makes a short form part of a reporter or rule name, not a record cite.
_ABBREVIATION_BEFORE = re.compile(r"\b(?!Id\.|Ibid\.|See\b|Cf\.|No\.)[A-Z][a-z]{0,5}\.\s?$")
_SHORT_FORMS = ("App.", "R.", "Tr.", "Doc.", "Ex.", "Br.", "Dkt.")


@lru_cache(maxsize=1)
def _record_table() -> tuple[re.Pattern, tuple[RecordForm, ...]]:
    rows = read_table("record_cites.tsv")
    forms = "|".join(f"(?P<f{i}>{pattern})" for i, (_, pattern, _) in enumerate(rows))
    regex = re.compile(
        rf"(?=[A-Z\d])(?<![\w.'’])(?:{forms}),?\s?(?:at\s)?(?:(?:pp?|pg)\.\s?|(?:Item\s)?Nos?\.\s?|¶¶?\s?|#\s?)?"
        rf"(?P<loc>{_LOCATOR}(?:,\s?{_LOCATOR})*)")
    return regex, tuple(RecordForm(label, what) for label, _, what in rows)


def find_record_cites(text: str) -> Iterator[Added]:
    """"App. 185-197, 244-245", "J. A. 45", "Tr. 12:3-5", "ECF No. 5" ..."""
    regex, forms = _record_table()
    for m in regex.finditer(text):
        form = next(f for i, f in enumerate(forms) if m.group(f"f{i}") is not None)
        if form.label in _SHORT_FORMS and _ABBREVIATION_BEFORE.search(text, max(0, m.start() - 8), m.start()):
            continue
        yield Added("record", m.start(), m.end(), "", form.label, m.group("loc"), what=form.what)


_OPINION_REFERENCE = re.compile(r"(?<![\w.])(?P<which>ante|post),?\s(?:at\s)?(?P<loc>_{2,}|\d+(?:[-–]\d+)?)")


def find_opinion_references(text: str) -> Iterator[Added]:
    """"ante, at 5" (an earlier opinion in this case), "post, at 3" (a later one)."""
    for m in _OPINION_REFERENCE.finditer(text):
        what = "an earlier opinion in this case" if m.group("which") == "ante" else "a later opinion in this case"
        yield Added("opinion", m.start(), m.end(), "", m.group("which"), m.group("loc"), what=what)


_HEREINAFTER = re.compile(r"\((?:hereinafter|hereafter),?\s(?:cited\sas\s)?[\"']?(?P<name>[^()\"\n]{1,60}?)[\"']?\)")


_URL = re.compile(r"(?<![\w/])(?:https?://|www\.)[^\s<>\"]+[\w/]")


def find_defined_names(text: str) -> Iterator[Added]:
    """"(hereinafter "Mem. Op.")": whatever was just cited is named, so an
    id. after it refers to it; so does a web address."""
    for m in _HEREINAFTER.finditer(text):
        yield Added("named", m.start(), m.end(), "", m.group("name"), "", what="a source named earlier")
    for m in _URL.finditer(text):
        yield Added("named", m.start(), m.end(), "", "web page", "", what="a web page")


# "[945 N.E.2d 485 , 920 N.Y.S.2d 292]", "[279 Neb. 98]": a page break of a
# reporter printed into the text, not a citation (after a pin cite the same
# bracket is a parallel citation: "167 N.J. at 116-17 [770 A.2d 214]").
_PAGE_MARK = re.compile(r"\[\s*(?:\d{1,4}\s[A-Z][\w.' ]{0,24}?\s\d{1,5}\s*[,;]?\s*)+\]")
_PIN_BEFORE = re.compile(r"(?:\d|\bat\s\d+(?:[-–]\d+)?)\s*$")


def page_marks(text: str) -> list[tuple[int, int]]:
    """Spans of reporter page-break markers in the text."""
    return [m.span() for m in _PAGE_MARK.finditer(text)
            if not _PIN_BEFORE.search(text, max(0, m.start() - 20), m.start())]


# A supra that points inside the document: "Part II-B-2, supra", "n. 4, supra",
# "see supra, at 7", "supra Part III".
_PLACE = (r"(?:(?:Parts?|Pt\.|Section|Sec\.|§§?|Subpart|Point|Division|Appendix|nn?\.|notes?|footnotes?|fn\.)"
          r"\s?[\dIVXLC]+[\w\-–.]*(?:,?\s(?:and|&)\s[\dIVXLC]+[\w\-–.]*)?|[IVXLC]+(?:[-–][A-Z0-9]+)+)")
_PLACE_BEFORE = re.compile(rf"(?:^|[\s(\[;])(?:{_PLACE}),?\s*$")


def is_internal_supra(text: str, start: int, name: str) -> bool:
    """Is the supra at ``start`` (its name as read: ``name``) a cross-reference
    to another part of the same document rather than a citation?"""
    if name:
        return bool(re.fullmatch(_PLACE, name))
    before = text[max(0, start - 60):start]
    return not before.rstrip().endswith(",") or bool(_PLACE_BEFORE.search(before))


# --- secondary sources --------------------------------------------------------

_TITLE_WORD = re.compile(r"(?:[A-Z][\w'’.&-]*|of|and|on|the|in|to|for|a|an|&|[A-Z]\.),?")
# (label, a word the text must hold, the pattern); a pattern starting with a
# date or "Dictionary" is the end of the citation, its title found by _title_start.
_SECONDARY = (
    ("Restatement", "Restatement", re.compile(
        r"(?<![\w.])Restatement\s(?:\((?:First|Second|Third|Fourth)\)\s)?(?:of\s(?:the\s)?)?"
        r"(?:[A-Z][\w'’]*,?\s(?:(?:of|and|the|&)\s)*){1,8}?(?:§§?\s?\d[\w.]*(?:\([\w]+\))*|ch\.\s?\d+)")),
    ("legislative materials", "Rep", re.compile(
        r"(?<![\w.])(?:H\.\s?R\.|S\.|H\.)\s?(?:Conf\.\s?)?(?:Rep|Rept|Doc)\.\s?(?:No\.\s?)?\d+[-–]\d+"
        r"(?:,\s?(?:pt\.\s?\d+,\s?)?(?:pp?\.\s?)?\d+(?:[-–]\d+)?)?")),
    ("legislative materials", "Cong.", re.compile(r"(?<![\w.])\d+\sCong\.\s?(?:Rec|Globe)\.\s\d+(?:[-–]\d+)?")),
    ("book", "Federalist", re.compile(r"(?<![\w.])The\sFederalist\sNo\.\s\d+(?:,\s?(?:pp?\.\s?)?\d+(?:[-–]\d+)?)?")),
)
_TITLED = (  # "The New Yorker, Aug. 12 & 19, 2013, pp. 54-56", "Black's Law Dictionary 1043"
    ("periodical", ", ", re.compile(
        r"(?<=,\s)(?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s\d{1,2}"
        r"(?:\s?(?:&|and|[-–])\s?\d{1,2})?,\s\d{4},\s(?:at\s|pp?\.\s)\d+(?:[-–]\d+)?")),
    ("dictionary", "ICTIONARY", re.compile(r"(?<=\s)(?:Dictionary|DICTIONARY)\s\d+(?:[-–]\d+)?")),
)
# "..., Prosser and Keeton on Law of Torts § 36, p. 229 (5th ed. 1984)": a book by its edition.
_EDITION = re.compile(
    r"(?=[§p\d])(?<![\w.])(?P<loc>§§?\s?\d[\w.-]*(?:,\s?(?:pp?\.\s?)?\d+(?:[-–]\d+)?)?|(?:pp?\.\s?)?\d+(?:[-–]\d+)?)"
    r"\s\((?:[^()\n]{0,60}?\s)?(?:\d+(?:st|nd|rd|th|d)\s|rev\.\s)?eds?\.(?:\s\d{4})?\)")
_MAX_TITLE_WORDS = 16
_SIGNAL = re.compile(r"(?:See|Cf\.|But|Compare|Accord|Contra)(?:\s(?:also|generally|e\.g\.,))?,?\s")


def _title_start(text: str, end: int) -> int:
    """Start of the title (and author) that ends at ``end``: capitalised
    words, initials and small joining words, back to a signal, a sentence
    end or a bracket."""
    words = text[max(0, end - 300):end].rstrip().split(" ")
    start, taken = end, 0
    for word in reversed(words):
        if taken >= _MAX_TITLE_WORDS or not _TITLE_WORD.fullmatch(word) or _SIGNAL.fullmatch(word + " "):
            break
        if re.fullmatch(r"[a-z]{3,}[.?!]", word):  # "defense." ends the sentence before
            break
        start -= len(word) + 1
        taken += 1
    start = text.find(text[start:end].lstrip(" ,"), start)
    return start if taken and text[start:start + 1].isupper() else end


def find_secondary(text: str) -> Iterator[Added]:
    """Restatements, legislative materials, dictionaries, and books by edition."""
    for label, word, regex in _SECONDARY:
        if word in text:
            yield from (Added("secondary", m.start(), m.end(), "", label, "") for m in regex.finditer(text))
    upper = text.upper() if "ictionary" in text else text
    for label, word, regex in _TITLED:
        for m in (regex.finditer(text) if word in upper else ()):
            start = _title_start(text, m.start())
            if start < m.start():
                yield Added("secondary", start, m.end(), "", label, "")
    for m in _EDITION.finditer(text):
        start = _title_start(text, m.start())
        if start < m.start():
            yield Added("secondary", start, m.end(), "", "book", "", m.group("loc"))
