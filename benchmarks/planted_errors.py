"""Planted errors: does the checker catch every class, and does it leave
correct citations alone?

Briefs are written from the shipped library (opinions with page maps, U.S.
Code titles held whole): each brief holds several correct citations (full
citations with a quotation on the pin-cited page, parallel citations, short
forms, id., supra, statutes with a quotation, a record cite followed by an
id.) and one planted error of a class. A class is detected when the planted
citation carries the class's problem code; a false alarm is a correct
citation flagged (warning or invalid), and a correct library citation that
is not verified is counted too.

Classes: case_name_mismatch, year_mismatch, pin_cite_out_of_range,
page_inside_other_case, quote_not_found, quote_on_other_page (the quotation
at various distances from the pin, through full citations, short forms,
id. and supra), quote_misattributed, not_in_library, unknown_reporter,
reporter_date_mismatch, statute_section_not_found (inside and past the
end of titles held whole), unresolved_reference.

Usage: python benchmarks/planted_errors.py [--home DIR] [--per-class 40] [--seed 7] [--verbose]
"""
from __future__ import annotations

import argparse
import logging
import random
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from research.settings import Settings
from research.types import Document

_SENTENCE = re.compile(r"(?<=[.!?] )[A-Z][^\"“”‘’'\n\[\]()*§]{50,220}?[a-z]{3}\.(?= )")
_CITING = re.compile(r"\bId\b|\bv\.|\bsupra\b|\bibid\b|\d+ [A-Z][\w.]* \d")  # a sentence that cites
_FAKE_REPORTERS = ("Umbrella", "Fed. Gen. Rptr.", "N. Cent. Rep.", "Pac. Coast Rptr.", "Amer. Juris. Rptr.",
                   "S. Plains Rep.", "Cont. App. Rptr.", "Atl. Coast Rptr.")
_ENDED = (("F.2d", 1995, 2020), ("F. Supp.", 2000, 2020), ("So. 2d", 2009, 2020), ("A.2d", 2011, 2020),
          ("P.2d", 2001, 2020), ("S.W.2d", 2000, 2020), ("N.E.", 1950, 2000), ("F.", 1930, 1990))
_NEW_WORDS = ("nevertheless", "unreasonable", "particularly", "consequently", "substantially", "ordinarily")
_FILLER = ("The parties dispute how the governing rule applies to these facts.",
           "We address each argument in turn.",
           "Counsel for both sides addressed the question at oral argument.")


@dataclass(frozen=True)
class Source:
    """A library opinion to cite: names, citations, pages and quotable sentences."""

    doc: Document
    short: str
    cites: tuple[str, ...]          # official first, then parallels
    first: int
    last: int
    sentences: tuple[tuple[str, int], ...]  # (sentence, page in the first page map)


_GENERIC = {"People", "State", "Commonwealth", "United", "In", "Estate", "Department", "City", "County", "Town",
            "Village", "Appeal", "Matter", "Attorney", "Board"}


def _short(title: str) -> str:
    """A short name a brief would use: a distinctive party's first words."""
    parties = [p for p in title.split(" v. ") if p.split()[0] not in _GENERIC] or title.split(" v. ")
    words = parties[0].split()[:3]
    while len(words) > 1 and words[-1].lower().strip(",") in ("of", "&", "for", "the", "and"):
        words.pop()
    return " ".join(words).rstrip(",")


def _sources(store) -> list[Source]:
    out = []
    for doc in store.iter_documents(kind="opinion"):
        if (not doc.page_maps or not doc.citations or not doc.title or doc.extra.get("shared_first_page")
                or "(" in doc.title):
            continue
        pm = doc.page_maps[0]
        if not (pm.first_page.isdigit() and pm.last_page.isdigit()) or int(pm.last_page) - int(pm.first_page) < 4:
            continue
        sentences = []
        for a, b in zip(pm.breaks, pm.breaks[1:] + (None,)):
            end = b.offset if b else len(doc.text)
            for m in _SENTENCE.finditer(doc.text, a.offset, end):
                if len(m.group().split()) >= 8 and a.label.isdigit() and not _CITING.search(m.group()):
                    sentences.append((m.group()[:-1], int(a.label)))
        if len(sentences) >= 6:
            cites = tuple(p.citation for p in doc.page_maps)
            out.append(Source(doc, _short(doc.title), cites, int(pm.first_page), int(pm.last_page), tuple(sentences)))
    return out


@dataclass
class Brief:
    text: str
    planted: str = ""        # the planted citation's text
    planted_at: int = -1     # its offset in text
    expected: str = ""       # the problem code it should carry
    correct: tuple = ()      # offsets of citations that are correct and from the library


class Writer:
    """Builds a brief piece by piece, remembering where citations are."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.correct: list[int] = []
        self.planted_at = -1
        self.planted = ""

    @property
    def size(self) -> int:
        return sum(len(p) + 1 for p in self.parts)

    def add(self, text: str, *, correct: str = "", planted: str = "") -> None:
        base = self.size
        for cite, store in ((correct, self.correct), (planted, None)):
            if cite:
                at = base + text.index(cite)
                if store is None:
                    self.planted_at, self.planted = at, cite
                else:
                    store.append(at)
        self.parts.append(text)

    def brief(self, expected: str) -> Brief:
        return Brief(" ".join(self.parts), self.planted, self.planted_at, expected, tuple(self.correct))


def edited(sentence: str, rng: random.Random) -> str:
    """The sentence as a lawyer might quote it: an altered first letter, an
    omission, "[sic]", or as it stands."""
    words = sentence.split()
    how = rng.choice(("as is", "bracket", "ellipsis", "four dots", "sic", "lower"))
    if how == "bracket":
        words[0] = f"[{words[0][0].lower()}]{words[0][1:]}"
    elif how in ("ellipsis", "four dots") and len(words) > 10:
        i = rng.randint(3, len(words) - 6)
        words[i:i + rng.randint(1, 3)] = [". . ." if how == "ellipsis" else "...."]
    elif how == "sic":
        words.insert(rng.randint(2, len(words) - 1), "[sic]")
    elif how == "lower":
        words[0] = words[0].lower()
    return " ".join(words)


def _cite_sentence(src: Source, rng: random.Random, w: Writer, *, planted: str = "", name: str = "",
                   cite: str = "", year: str = "", quote: str = "", pin: str = "") -> None:
    sentence, page = rng.choice(src.sentences)
    quote = quote or edited(sentence, rng)
    pin = pin or str(page)
    cite = cite or src.cites[0]
    parallel = f", {src.cites[1]}" if len(src.cites) > 1 and not planted and rng.random() < 0.5 else ""
    text = (f"The court explained that “{quote}.” {name or src.doc.title}, {cite}, {pin}{parallel} "
            f"({year or src.doc.year}).")
    w.add(text, correct="" if planted else cite, planted=cite if planted else "")


def _correct_block(sources: list[Source], rng: random.Random, w: Writer, statutes: list) -> None:
    """Correct citations of every form."""
    src = rng.choice(sources)
    _cite_sentence(src, rng, w)
    sentence, page = rng.choice(src.sentences)
    sentence = edited(sentence, rng)
    form = rng.choice(("id", "short", "supra"))
    if form == "id":
        w.add(f"It added that “{sentence}.” Id. at {page}.", correct="Id.")
    elif form == "short":
        volume, _, rest = src.cites[0].partition(" ")
        reporter = rest.rsplit(" ", 1)[0]
        short = f"{volume} {reporter} at {page}"
        w.add(f"See also {src.short}, {short} (“{sentence}.”).", correct=short)
    else:
        w.add(f"As {src.short}, supra, at {page}, put it, “{sentence}.”", correct="supra")
    w.add(rng.choice(_FILLER))
    if statutes:
        cite, text = rng.choice(statutes)
        w.add(f"The statute provides that “{text}.” {cite}.", correct=cite)
    w.add("The record shows the notice was sent. J.A. 45. It was received. Id. at 46.")


def plant(kind: str, sources: list[Source], statutes: list, missing: list[str], absent: list[str],
          rng: random.Random) -> Brief:
    """A brief with correct citations and one planted error of class ``kind``;
    ``missing`` are well-formed case citations the library does not hold,
    ``absent`` statute sections that do not exist."""
    w = Writer()
    if kind == "unresolved_reference":
        w.add("Id. at 5. The remaining claims fail for the same reasons.", planted="Id.")
    _correct_block(sources, rng, w, statutes)
    src = rng.choice(sources)
    other = rng.choice([s for s in sources if s is not src])
    if kind == "case_name_mismatch":
        _cite_sentence(src, rng, w, planted="x", name=other.doc.title)
    elif kind == "year_mismatch":
        _cite_sentence(src, rng, w, planted="x", year=str(int(src.doc.year) - rng.choice((2, 3, 4))))
    elif kind == "pin_cite_out_of_range":
        _cite_sentence(src, rng, w, planted="x", pin=str(src.last + rng.randint(2, 9)), quote="")
    elif kind == "page_inside_other_case":
        volume, _, rest = src.cites[0].partition(" ")
        reporter = rest.rsplit(" ", 1)[0]
        page = rng.randint(src.first + 1, src.last - 1)
        w.add(f"See {src.doc.title}, {volume} {reporter} {page} ({src.doc.year}).", planted=f"{volume} {reporter} {page}")
    elif kind == "quote_not_found":
        sentence, page = rng.choice(src.sentences)
        words = sentence.split()
        longest = max(range(1, len(words)), key=lambda i: len(words[i].strip(",;:")))
        words[longest] = rng.choice([n for n in _NEW_WORDS if n != words[longest]])
        _cite_sentence(src, rng, w, planted="x", quote=" ".join(words), pin=str(page))
    elif kind == "quote_on_other_page":
        _wrong_page(src, rng, w)
    elif kind == "quote_misattributed":
        sentence, _ = rng.choice(other.sentences)
        _cite_sentence(src, rng, w, planted="x", quote=sentence, pin=str(rng.randint(src.first, src.last)))
    elif kind == "not_in_library":
        cite = rng.choice(missing)
        w.add(f"See Harlan v. Westbrook Supply Co., {cite} (2005).", planted=cite)
    elif kind == "unknown_reporter":
        cite = f"{rng.randint(3, 400)} {rng.choice(_FAKE_REPORTERS)} {rng.randint(10, 900)}"
        w.add(f"See Harlan v. Westbrook Supply Co., {cite} ({rng.randint(1990, 2020)}).", planted=cite)
    elif kind == "reporter_date_mismatch":
        reporter, low, high = rng.choice(_ENDED)
        cite = f"{rng.randint(100, 900)} {reporter} {rng.randint(10, 900)}"
        w.add(f"See Harlan v. Westbrook Supply Co., {cite} ({rng.randint(low, high)}).", planted=cite)
    elif kind == "statute_section_not_found":
        cite = rng.choice(absent)
        w.add(f"The claim also arises under {cite}.", planted=cite)
    w.add(rng.choice(_FILLER))
    return w.brief(kind)


def _wrong_page(src: Source, rng: random.Random, w: Writer) -> None:
    """The quotation from one page, the pin on another, in one of several forms."""
    sentence, page = rng.choice(src.sentences)
    sentence = edited(sentence, rng)
    wrong = rng.choice([p for p in range(src.first, src.last + 1) if abs(p - page) >= 2])
    form = rng.choice(("full", "id", "short", "supra", "range", "paren", "california", "block"))
    if form in ("full", "range"):
        pin = f"{wrong}-{wrong + 1}" if form == "range" and wrong + 1 < page - 1 else str(wrong)
        _cite_sentence(src, rng, w, planted="x", quote=sentence, pin=pin)
        return
    cite, title, year = src.cites[0], src.doc.title, src.doc.year
    if form == "paren":
        w.add(f"See {title}, {cite}, {wrong} ({year}) (explaining that “{sentence}”).", planted=cite)
        return
    if form == "california":
        w.add(f"The court agreed: “{sentence}.” ({title} ({year}) {cite}, {wrong}.)", planted=cite)
        return
    if form == "block":
        lines = [sentence[i:i + 60] for i in range(0, len(sentence), 60)]
        block = "\n".join("        " + line for line in lines)
        w.add(f"The court explained:\n\n{block}.\n\n{title}, {cite}, {wrong} ({year}).", planted=cite)
        return
    _cite_sentence(src, rng, w)
    volume, _, rest = src.cites[0].partition(" ")
    reporter = rest.rsplit(" ", 1)[0]
    if form == "id":
        w.add(f"The court continued: “{sentence}.” Id. at {wrong}.", planted="Id.")
    elif form == "short":
        short = f"{volume} {reporter} at {wrong}"
        w.add(f"The court continued: “{sentence}.” {src.short}, {short}.", planted=short)
    else:
        w.add(f"The court continued: “{sentence}.” {src.short}, supra, at {wrong}.", planted="supra")


def _statutes(store) -> tuple[list, list[str]]:
    """(citation, quotable sentence) of sections of titles held whole, and
    citations of sections those titles do not have."""
    by_title: dict[str, list[int]] = defaultdict(list)
    quotable = []
    for doc in store.iter_documents(kind="statute"):
        cite = doc.primary_citation
        m = re.fullmatch(r"(\d+) U\.S\.C\. § (\d+)", cite)
        if not m or m.group(1) not in ("1", "9", "11", "17", "35", "18", "28"):
            continue
        by_title[m.group(1)].append(int(m.group(2)))
        for s in re.findall(r"(?<=[.;:] )[a-z][^\"“”\n\[\]()]{40,160}?[a-z]{3}(?=[.;])", doc.text)[:2]:
            quotable.append((cite, s))
    missing = []
    for title, sections in by_title.items():
        held = set(sections)
        gaps = [n for n in range(min(sections), max(sections)) if n not in held]
        missing += [f"{title} U.S.C. § {n}" for n in gaps[::max(1, len(gaps) // 6)][:6]]
        missing.append(f"{title} U.S.C. § {max(sections) + 7}")
    return quotable, missing


def _not_held(store, directory, rng: random.Random) -> list[str]:
    out = []
    while len(out) < 40:
        cite = (str(rng.randint(100, 999)), rng.choice(("F.3d", "F. Supp. 2d", "N.E.2d", "P.3d", "S.W.3d")),
                str(rng.randint(10, 1200)))
        if not store.find_citation(" ".join(cite)) and not (directory and directory.lookup(*cite)):
            out.append(" ".join(cite))
    return out


def _find(report, at: int):
    return next((c for c in report.citations if c.found.start == at), None)


CLASSES = ("case_name_mismatch", "year_mismatch", "pin_cite_out_of_range", "page_inside_other_case",
           "quote_not_found", "quote_on_other_page", "quote_misattributed", "not_in_library", "unknown_reporter",
           "reporter_date_mismatch", "statute_section_not_found", "unresolved_reference")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, default=None)
    parser.add_argument("--per-class", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    from research.citations.validate.pipeline import check_text
    from research.library import open_directory, open_library

    settings = Settings() if args.home is None else Settings(home=args.home)
    rng = random.Random(args.seed)
    with open_library(settings) as store:
        directory = open_directory(settings)
        sources = _sources(store)
        statutes, absent = _statutes(store)
        not_held = _not_held(store, directory, rng)
        detected, missed = Counter(), defaultdict(list)
        correct = alarms = unverified = 0
        alarm_examples = []
        for kind in CLASSES:
            for _ in range(args.per_class):
                brief = plant(kind, sources, statutes, not_held, absent, rng)
                report = check_text(brief.text, store=store, directory=directory)
                item = _find(report, brief.planted_at)
                if item is not None and brief.expected in item.problems:
                    detected[kind] += 1
                else:
                    missed[kind].append((brief, item))
                for at in brief.correct:
                    ok = _find(report, at)
                    correct += 1
                    if ok is None or ok.status in ("warning", "invalid"):
                        alarms += 1
                        alarm_examples.append((brief, ok))
                    elif ok.status != "verified" and ok.found.kind not in ("id",):
                        unverified += 1
        print(f"{len(sources)} library opinions and {len(statutes)} statute sentences to cite; "
              f"{args.per_class} briefs per class, seed {args.seed}")
        print(f"{'class':28s} detected")
        for kind in CLASSES:
            print(f"{kind:28s} {detected[kind] / args.per_class:.3f} ({detected[kind]}/{args.per_class})")
        print(f"correct citations: {correct}; flagged (false alarms): {alarms}; library citations not "
              f"verified: {unverified}")
        if args.verbose:
            for kind, items in missed.items():
                for brief, item in items[:3]:
                    print(f"\nMISSED {kind}: {brief.planted!r} -> "
                          f"{(item.status, item.problems, item.messages) if item else 'not found'}\n  {brief.text}")
            for brief, item in alarm_examples[:5]:
                print(f"\nFALSE ALARM: {(item.found.text, item.status, item.messages) if item else 'not found'}"
                      f"\n  {brief.text}")


if __name__ == "__main__":
    main()
