"""Recall on planted form errors: take correctly formed citations from real
published opinions, plant one form error of each kind, and measure that the
form check raises the right code and that ``corrected`` gives back the
citation as it was.

Source: the same yardsticks and fixed split as benchmarks/form_precision.py
(report half by default): every full case citation that is the first
citation of its case in its opinion, has a case name and a court-and-date
parenthetical, and draws no form flag as written; every U.S.C. / C.F.R.
citation that draws none. Each plant is checked in the opinion's text around
the citation (1,200 characters before, 400 after), extraction included.

Plants (Bluebook style), one per citation, up to --per-code citations each:
  reporter_abbreviation  a reporters-db variant of the reporter without its periods ("F3d", "NE2d", "US")
  reporter_spacing       a reporters-db variant differing only in spaces ("F. 3d", "S.Ct.", "N.E. 2d")
  code_name              "U.S.C." -> "USC" or "U.S.C.A.", "C.F.R." -> "CFR"
  section_symbol         "§ 1983" -> "1983" or "§1983"
  court_parenthetical    "9th Cir." -> "9th Cir", "(2d Cir.2004)", or the court the reporter shows
                         added ("16 N.Y.3d 272 (N.Y. 2011)")
  missing_year           the whole court-and-date parenthetical removed
  ordinal                "2d Cir."/"3d Cir." -> "2nd Cir."/"3rd Cir."
  case_name_abbreviation a T6 abbreviation in the name written out ("Corp." -> "Corporation")
  pin_form               a pin range written in full ("582-83" -> "582-583") or "at" before a pin
  short_form_first       the full citation replaced by its short form, the full one given later
  parallel_order         the members of a parallel citation swapped

For missing_year (and a court left out, reported on its own line), the year
and court come from what the substance check matched the citation to; the
plant gives it as a complete citation directory would (CourtListener's
bulk data imported), since nothing in the text any longer says the year.
The figure without that source is printed beside it (detection only). A
year is planted missing only where the court table knows the court
written (a court spelled "(Tex. App.—Houston [14th Dist.] 2012)" cannot be
given back by any directory).

Usage: python benchmarks/form_recall.py [--half report|tuning] [--per-code 80] [--seed 13] [--show 3]
"""
from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).parent))
from form_precision import split  # noqa: E402  (the same yardstick and split)

from research.types import FORM_CODES, Authority, FoundCitation  # noqa: E402

BEFORE, AFTER = 1200, 400
_CASE_NAME = re.compile(r"\sv\.\s|^(?:In re|Ex parte|Matter of)\s")


@dataclass(frozen=True)
class Site:
    """A correctly formed citation in its window of text."""

    doc: str
    text: str                      # the window
    start: int                     # the whole citation: name (or first member) ...
    end: int                       # ... to the end of its date parenthetical (or the statute)
    members: tuple[FoundCitation, ...]
    court: tuple[int, int] | None  # the court as written, in the window
    year: str
    kind: str                      # "case" or "statute"


@dataclass(frozen=True)
class Plant:
    text: str
    start: int          # the planted citation's span in ``text``
    end: int
    expected: str       # the citation as it read before
    authority: Authority | None = None   # what a full directory would give for it


def _one(text: str) -> str:
    return " ".join(text.split())


def _window(text: str, start: int, end: int) -> tuple[str, int]:
    lo = max(0, start - BEFORE)
    lo = text.rfind(" ", 0, lo) + 1 if lo else 0
    return text[lo:min(len(text), end + AFTER)], lo


def sites(docs) -> list[Site]:
    """Correctly formed citations of ``docs`` (no form flag under the Bluebook)."""
    from research.citations.extract import extract_citations
    from research.citations.form import check_form
    from research.citations.form.layout import date_paren, name_span, parens_after, pins_end
    from research.citations.validate import check_citations

    out = []
    for doc in docs:
        found = extract_citations(doc.text)
        checked = check_form(doc.text, check_citations(doc.text, found, store=None), "bluebook")
        flagged = {item.found.group for item in checked if item.form}
        seen: set[tuple] = set()
        groups = defaultdict(list)
        for cite in found:
            if cite.kind in ("case", "statute", "regulation"):
                groups[cite.group].append(cite)
        for group, members in groups.items():
            first = members[0]
            key = (first.volume, first.reporter, first.page)
            if key in seen or group in flagged:
                continue
            seen.add(key)
            if first.kind != "case":
                if first.reporter in ("U.S.C.", "C.F.R.") and "§" in first.text:
                    window, lo = _window(doc.text, first.start, first.end)
                    out.append(Site(doc.id, window, first.start - lo, first.end - lo, (first,), None, "", "statute"))
                continue
            named = name_span(doc.text, first)
            parens = parens_after(doc.text, pins_end(doc.text, members[-1].end))
            date = date_paren(doc.text, parens[0]) if parens else None
            whole = doc.text[named[0]:date.paren.end] if named and date else ""
            if named is None or date is None or any(m.kind != "case" or "," in m.text for m in members) \
                    or re.search(r",(?=\S)", whole):  # "377 Mass. 461,472": not well formed as written
                continue
            if not _CASE_NAME.search(first.case_name) or re.fullmatch(r"(?:19|20)\d\d", first.volume):
                continue  # a short name, or a year in the citation (WL, public-domain): not held to the year rule
            window, lo = _window(doc.text, named[0], date.paren.end)
            shifted = tuple(replace(m, start=m.start - lo, end=m.end - lo, full_start=m.full_start - lo,
                                    full_end=m.full_end - lo) for m in members)
            court = (date.court[0] - lo, date.court[1] - lo) if date.court[1] > date.court[0] else None
            out.append(Site(doc.id, window, named[0] - lo, date.paren.end - lo, shifted, court, date.year, "case"))
    return out


def _swap(site: Site, start: int, end: int, new: str, authority: Authority | None = None) -> Plant:
    """``site`` with window[start:end] replaced by ``new``."""
    text = site.text[:start] + new + site.text[end:]
    shift = len(new) - (end - start)
    return Plant(text, site.start, site.end + shift, _one(site.text[site.start:site.end]), authority)


def _reporter_span(site: Site, member: FoundCitation) -> tuple[int, int] | None:
    from research.citations.form.layout import reporter_span

    return reporter_span(site.text, member)


def _variants(edition: str) -> list[str]:
    from reporters_db import REPORTERS

    return sorted({v for clusters in REPORTERS.values() for c in clusters
                   for v, e in c["variations"].items() if e == edition})


def plant_spacing(site: Site, rng: random.Random) -> Plant | None:
    member = site.members[0]
    span = _reporter_span(site, member)
    options = [v for v in _variants(member.reporter) if re.sub(r"\s", "", v) == re.sub(r"\s", "", member.reporter)
               and v != member.reporter and not v.endswith(".") == (not member.reporter.endswith("."))]
    if not span or not options:
        return None
    curly = "\u2019" in site.text[span[0]:span[1]]  # keep the writer's apostrophe: only spacing is planted
    return _swap(site, *span, rng.choice(options).replace("'", "\u2019" if curly else "'"))


def plant_abbreviation(site: Site, rng: random.Random) -> Plant | None:
    member = site.members[0]
    span = _reporter_span(site, member)
    bare = re.sub(r"[\s.]", "", member.reporter)
    options = [v for v in _variants(member.reporter) if re.sub(r"[\s.]", "", v) == bare and "." not in v]
    return _swap(site, *span, rng.choice(options)) if span and options and bare != member.reporter else None


def plant_court(site: Site, rng: random.Random) -> Plant | None:
    from research.citations.form import tables

    if site.text[site.end - 1] != ")":
        return None
    if site.court:
        written = site.text[site.court[0]:site.court[1]]
        if written.endswith(".") and rng.random() < 0.5:
            return _swap(site, site.court[1] - 1, site.court[1], "")
        gap = re.match(r"\s+", site.text[site.court[1]:])
        return _swap(site, site.court[1], site.court[1] + gap.end(), "") if gap else None
    info = tables.reporter_info(site.members[0].reporter)
    court = tables.court_by_id(info.court) if info and info.court not in ("", "-") else None
    if court is None:
        return None
    at = site.text.rindex("(", 0, site.end) + 1
    return _swap(site, at, at, court.bluebook + " ")


def _directory(site: Site) -> Authority:
    from research.citations.form import tables

    court = tables.court_by_spelling(_one(site.text[site.court[0]:site.court[1]])) if site.court else None
    return Authority("", "", "", court=court.id if court else "", year=site.year, source="directory")


def plant_missing_year(site: Site, rng: random.Random) -> Plant | None:
    from research.citations.form import tables

    if site.court and tables.court_by_spelling(_one(site.text[site.court[0]:site.court[1]])) is None:
        return None  # "(Tex. App.—Houston [14th Dist.] 2012)": no directory gives that court back
    if site.text[site.end - 1] != ")":
        return None  # New York's "[1996]": its own style, not the Bluebook's parenthetical
    at = site.text.rindex("(", 0, site.end)
    gap = len(site.text[:at]) - len(site.text[:at].rstrip())
    return _swap(site, at - gap, site.end, "", _directory(site))


def plant_missing_court(site: Site, rng: random.Random) -> Plant | None:
    if not site.court or site.text[site.end - 1] != ")":
        return None
    gap = re.match(r"\s*", site.text[site.court[1]:])
    return _swap(site, site.court[0], site.court[1] + gap.end(), "", _directory(site))


def plant_ordinal(site: Site, rng: random.Random) -> Plant | None:
    if not site.court:
        return None
    m = re.search(r"\b([23])d\b", site.text[site.court[0]:site.court[1]])
    if m is None:
        return None
    at = site.court[0] + m.start(1) + 1
    return _swap(site, at, at + 1, "nd" if m.group(1) == "2" else "rd")


def plant_case_name(site: Site, rng: random.Random) -> Plant | None:
    from research.citations.form import tables
    from research.citations.form.names import is_citation_sentence

    if not is_citation_sentence(site.text, site.start, site.end):
        return None
    words = {v.abbreviation: w for w, v in tables.case_name_words().items() if not w.endswith("s")}
    name_end = site.members[0].start
    hits = [m for m in re.finditer(r"[A-Z][\w']*\.?", site.text[site.start:name_end]) if m.group() in words]
    if not hits:
        return None
    m = rng.choice(hits)
    return _swap(site, site.start + m.start(), site.start + m.end(), words[m.group()])


def plant_pin(site: Site, rng: random.Random) -> Plant | None:
    from research.citations.form.layout import pin_items, pins_end

    member = site.members[0]
    pins = pin_items(site.text, member.start, pins_end(site.text, member.end))
    if not pins:
        return None
    pin = pins[0]
    short = re.fullmatch(r"(\d+)([-–])(\d+)", pin.group("pin"))
    if short and len(short.group(3)) < len(short.group(1)):
        first, last = short.group(1), short.group(3)
        full = first[:len(first) - len(last)] + last
        return _swap(site, pin.start("pin") + short.start(3), pin.end("pin"), full)
    if re.fullmatch(r"\d+", pin.group("pin")):
        return _swap(site, pin.start("pin"), pin.start("pin"), "at ")
    return None


def plant_parallel(site: Site, rng: random.Random) -> Plant | None:
    from research.citations.form.layout import pins_end

    if len(site.members) != 2:
        return None
    a, b = site.members
    a_end, b_end = pins_end(site.text, a.end), pins_end(site.text, b.end)
    if a_end > b.start:
        return None
    first, second = site.text[a.start:a_end], site.text[b.start:b_end]
    return _swap(site, a.start, b_end, f"{second}, {first}")


def plant_short_first(site: Site, rng: random.Random) -> Plant | None:
    """"Smith v. Jones, 100 F.3d 1, 5 (2d Cir. 1999)" -> "Jones, 100 F.3d at 5", and the full
    citation (without the pin) given in a sentence after the paragraph."""
    from research.citations.form.layout import pin_items, pins_end

    member = site.members[0]
    if len(site.members) != 1 or " v. " not in member.case_name:
        return None
    pins = pin_items(site.text, member.start, pins_end(site.text, member.end))
    if len(pins) != 1 or not re.fullmatch(r"\d+", pins[0].group("pin")):
        return None
    name = member.case_name.split(" v. ")[0].split()[-1].strip(",")
    if not re.fullmatch(r"[A-Z][a-z]{2,}", name):
        return None  # "Co. v. Warner": not a name a short form would use
    short = f"{name}, {member.volume} {member.reporter} at {pins[0].group('pin')}"
    paren = site.text[site.text.rindex("(", 0, site.end):site.end]
    full = f"{site.text[site.start:member.end]} {paren}".replace(", ,", ",")
    text = site.text[:site.start] + short + site.text[site.end:] + f"\n\nSee {full}.\n"
    return Plant(text, site.start, site.start + len(short), _one(site.text[site.start:site.end]))


def plant_code(site: Site, rng: random.Random) -> Plant | None:
    m = re.search(r"U\.S\.C\.|C\.F\.R\.", site.text[site.start:site.end])
    if m is None:
        return None
    new = rng.choice(["USC", "U.S.C.A."]) if m.group() == "U.S.C." else "CFR"
    return _swap(site, site.start + m.start(), site.start + m.end(), new)


def plant_section(site: Site, rng: random.Random) -> Plant | None:
    m = re.search(r"§(\s+)(?=\d)", site.text[site.start:site.end])
    if m is None or "§§" in site.text[site.start:site.end]:
        return None
    cut = (m.start(), m.end()) if rng.random() < 0.5 else (m.start(1), m.end(1))
    return _swap(site, site.start + cut[0], site.start + cut[1], "")


PLANTS: dict[str, tuple[str, Callable]] = {
    "reporter_abbreviation": ("case", plant_abbreviation), "reporter_spacing": ("case", plant_spacing),
    "code_name": ("statute", plant_code), "section_symbol": ("statute", plant_section),
    "court_parenthetical": ("case", plant_court), "missing_year": ("case", plant_missing_year),
    "ordinal": ("case", plant_ordinal), "case_name_abbreviation": ("case", plant_case_name),
    "pin_form": ("case", plant_pin), "short_form_first": ("case", plant_short_first),
    "parallel_order": ("case", plant_parallel), "court_parenthetical (court left out)": ("case", plant_missing_court),
}


def check_plant(plant: Plant, code: str, with_authority: bool) -> tuple[bool, bool, object]:
    """(the code was raised on the planted citation, corrected == what it was, the item)."""
    from research.citations.extract import extract_citations
    from research.citations.form import check_form
    from research.citations.validate import check_citations

    found = extract_citations(plant.text)
    checked = check_citations(plant.text, found, store=None)
    if with_authority and plant.authority is not None:
        checked = tuple(replace(item, authority=plant.authority)
                        if plant.start <= item.found.start < plant.end and item.found.kind == "case" else item
                        for item in checked)
    checked = check_form(plant.text, checked, "bluebook")
    hits = [item for item in checked if plant.start <= item.found.start < plant.end
            or item.found.start <= plant.start < item.found.end]
    base = code.split(" ")[0]
    raised = [item for item in hits if any(f.code == base for f in item.form)]
    item = raised[0] if raised else (hits[0] if hits else None)
    restored = bool(raised) and item.corrected == plant.expected
    return bool(raised), restored, item


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--half", choices=("report", "tuning"), default="report")
    parser.add_argument("--per-code", type=int, default=80)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--show", type=int, default=3, help="misses to print per code")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    pool = sites(split("bluebook")[args.half])
    print(f"{len(pool)} correctly formed citations in the {args.half} half "
          f"({sum(s.kind == 'case' for s in pool)} case, {sum(s.kind == 'statute' for s in pool)} statute)")
    print(f"{'code':40s} {'plants':>6s} {'raised':>7s} {'raised+corrected':>17s}")
    worst = 1.0
    for code in list(FORM_CODES) + ["court_parenthetical (court left out)"]:
        kind, make = PLANTS[code]
        rng = random.Random(f"{args.seed}-{code}")
        candidates = [s for s in pool if s.kind == kind]
        rng.shuffle(candidates)
        tally, misses, bare = [0, 0, 0], [], 0
        for site in candidates:
            plant = make(site, rng)
            if plant is None:
                continue
            raised, restored, item = check_plant(plant, code, with_authority=True)
            if plant.authority is not None:
                bare += check_plant(plant, code, with_authority=False)[0]
            tally = [tally[0] + 1, tally[1] + raised, tally[2] + restored]
            if not restored:
                misses.append((site.doc, plant, item))
            if tally[0] >= args.per_code:
                break
        n, raised, restored = tally
        worst = min(worst, restored / n) if n else worst
        extra = f"   (without a directory: raised {bare / n:.3f})" if n and code in (
            "missing_year", "court_parenthetical (court left out)") else ""
        print(f"{code:40s} {n:6d} {raised / max(n, 1):7.3f} {restored / max(n, 1):17.3f}{extra}")
        for doc, plant, item in misses[:args.show]:
            got = (item.corrected, [f.code for f in item.form]) if item else "no citation found"
            print(f"      miss {doc}: expected {plant.expected!r}; got {got}")
    print(f"lowest raised+corrected rate: {worst:.3f} ({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
