"""Citation shapes eyecite misses, matched on normalised text. Stdlib only.

eyecite (reporters-db) does not know "42 U.S.C. 1983" (no section sign),
"42 U.S.C. § 2000e-2" (hyphenated section), lists of sections, the federal
rules of procedure and evidence, C.F.R. without "§", and reporters that are
not in reporters-db at all ("33 Umbrella 422", which is what an invented
citation often looks like). Each finder yields ``Added`` records with
offsets into the normalised text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator


@dataclass(frozen=True)
class Added:
    kind: str
    start: int
    end: int
    volume: str
    reporter: str
    page: str
    pin_cite: str = ""
    sections: tuple[str, ...] = ()
    what: str = ""  # for sources that are not citations: what they are ("the joint appendix")


_SECTION = r"\d+[A-Za-z]{0,4}(?:[-.:]\d+[A-Za-z]{0,4}){0,3}"
_SUBSECTIONS = r"(?:\((?:[A-Za-z0-9]{1,5})\))*"
_JOINER = r"(?:\s?[-,]\s?|\s(?:and|through|to|&)\s)"
# a listed section is not the title of the next citation ("§ 1983 and 28 U.S.C.")
_NOT_TITLE = r"(?!\s?(?:U\.?\s?S\.?\s?C|C\.?\s?F\.?\s?R|[A-Z]))"
_SECTIONS = rf"(?P<sections>{_SECTION}{_SUBSECTIONS}(?:{_JOINER}(?:§\s?)?{_SECTION}{_SUBSECTIONS}{_NOT_TITLE})*)"
_MARKER = r"(?P<marker>§§?|[Ss]ections?|[Ss]ecs?\.|[Pp]arts?|pts?\.)"
_ET_SEQ = r"(?P<etseq>,?\s(?:et\s?seq\.?|ff\.))?"

USC = re.compile(
    r"(?<![\w.])(?P<title>\d{1,2}),?\s?(?P<code>U\.?\s?S\.?\s?C\.?(?:\s?(?P<suffix>[ASU])\.?)?|United States Code)"
    rf"(?![A-Za-z]),?\s(?:{_MARKER}\s?)?{_SECTIONS}{_ET_SEQ}"
)
CFR = re.compile(
    r"(?<![\w.])(?P<title>\d{1,2})\s?(?P<code>C\.?\s?F\.?\s?R\.?)"
    rf"(?![A-Za-z]),?\s(?:{_MARKER}\s?)?{_SECTIONS}{_ET_SEQ}"
)
_RULE_SETS = {
    "civ": "Fed. R. Civ. P.", "crim": "Fed. R. Crim. P.", "app": "Fed. R. App. P.",
    "evid": "Fed. R. Evid.", "bankr": "Fed. R. Bankr. P.",
    "frcp": "Fed. R. Civ. P.", "fre": "Fed. R. Evid.", "frap": "Fed. R. App. P.",
    "frcrp": "Fed. R. Crim. P.", "frbp": "Fed. R. Bankr. P.",
}
FED_RULE = re.compile(
    r"(?<![\w.])(?:Fed(?:eral|\.)?\s?R(?:ules?|\.)?\s?(?:of\s)?"
    r"(?P<set>Civ(?:il|\.)?|Crim(?:inal|\.)?|App(?:ellate|\.)?|Evid(?:ence|\.)?|Bankr(?:uptcy|\.)?)"
    r"(?:\s?P(?:roc(?:edure|\.)?|\.))?"
    r"|(?P<abbr>FRCP|FRE|FRAP|FRCrP|FRBP|F\.R\.C\.P\.|F\.R\.E\.|F\.R\.A\.P\.))"
    r",?\s(?:[Rr]ule\s)?(?P<rule>\d+(?:\.\d+)?)(?P<sub>(?:\([A-Za-z0-9]{1,4}\))*)"
)
PUB_L = re.compile(r"(?<![\w.])Pub(?:lic|\.)?\s?L(?:aw|\.)?\s?(?:No\.\s?)?(?P<num>\d{1,3}-\d{1,4})(?![\w-])")
STAT = re.compile(r"(?<![\w.])(?P<vol>\d{1,3})\sStat\.\s(?P<page>\d{1,5})(?![\w-])")

# volume, capitalised reporter words (an ordinal series "2d" allowed), page.
UNKNOWN = re.compile(
    r"(?<![\w.§/:-])(?P<volume>[1-9]\d{0,3}) "
    r"(?P<reporter>[A-Z][A-Za-z.'&]*(?: (?:[A-Z][A-Za-z.'&]*|\d(?:d|th|st|nd|rd)\.?|&|of))*?)"
    r" (?P<page>[1-9]\d{0,5})(?![\w-]|\.\d)"
)
_CODE_WORDS = re.compile(
    r"U\.?S\.?C|C\.?F\.?R|Stat\b|Pub\b|Reg\b|Code\b|Const\b|Amend|Cong\b|Sess\b|Rule|"
    r"No\.?$|Nos\b|Civ\b|Cr\b|Crim\b|Misc\b|Cv\b|Docket|Art\b|Ch\b|Sec\b|Part\b|Title\b|"
    r"Section|Chapter|Article|Page|Vol\b|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
)
_NAME_BEFORE = re.compile(
    r"(?:\bv\.?|\bvs\.|\bIn re|\bIn the Matter of|\bMatter of|\bEx parte|\bex rel\.)\s[^;()\n]{1,160}?,\s$"
)
_COMMA_NAME_BEFORE = re.compile(r"[A-Z][\w.'&-]*(?:\s[\w.'&-]+){0,8},\s$")
_YEAR_AFTER = re.compile(r"(?:,\s?\d+(?:-\d+)?)*\s?\([^()\n]{0,60}?\b(?:1[6-9]\d\d|20\d\d)\)")
_WORD_THEN_PERIOD = re.compile(r"[A-Z][a-z]{6,}\.")  # "Respondent." ends a sentence
_DOCKET_BEFORE = re.compile(r"(?:\bNos?\.|\bIndex|\bDocket|\bCase)\s?$")


def _section_list(raw: str) -> tuple[str, ...]:
    """"106-107" -> ("106", "107"); "1961-68" -> ("1961", "1968"); "2000e-2"
    stays one section."""
    parts = re.split(r"\s?[,&]\s?|\s(?:and|through|to)\s|\s?§\s?", raw)
    out: list[str] = []
    for part in parts:
        part = re.sub(r"\(.*$", "", part).strip(" -")
        halves = part.split("-")
        if len(halves) == 2 and all(h.isdigit() for h in halves):
            first, last = halves
            last = first[:len(first) - len(last)] + last if len(last) < len(first) else last
            if int(last) > int(first):
                out.extend((first, last))
                continue
        if part:
            out.append(part)
    return tuple(out)


# "28 U.S.C. § 1441.2": U.S. Code section numbers have no period, so ".2"
# after one is a footnote marker after the end of the sentence.
_FOOTNOTE_AFTER = re.compile(r"\.\d{1,2}$")


def _code_name(m: re.Match, base: str) -> str:
    suffix = m.groupdict().get("suffix")
    return f"{base[:-1]}.{suffix}." if suffix else base


_PLURAL = re.compile(r"§§|[Ss]ections|[Ss]ecs\.|[Pp]arts|pts\.")
_FIRST = re.compile(rf"{_SECTION}(?P<sub>{_SUBSECTIONS})")


def _code_citations(regex: re.Pattern, kind: str, base: str, text: str) -> Iterator[Added]:
    for m in regex.finditer(text):
        raw, end = m.group("sections"), m.end()
        first = _FIRST.match(raw)
        if not _PLURAL.fullmatch(m.group("marker") or ""):
            # one "§" cites one section (maybe a range "1981-1983"), not a list
            end = m.start("sections") + first.end() if not m.group("etseq") else end
            raw = first.group()
            if base == "U.S.C." and not first.group("sub") and _FOOTNOTE_AFTER.search(raw):
                raw = _FOOTNOTE_AFTER.sub("", raw)
                end = m.start("sections") + len(raw)
        sections = _section_list(raw)
        if not sections:
            continue
        pin = first.group("sub") if len(sections) == 1 else ""
        pin = (pin + (" et seq." if m.group("etseq") else "")).strip()
        yield Added(kind, m.start(), end, m.group("title"), _code_name(m, base), sections[0], pin, sections)


TITLE_SECTION = re.compile(
    rf"(?<![\w.])[Ss]ection (?P<section>{_SECTION})(?P<sub>{_SUBSECTIONS}) of [Tt]itle (?P<title>\d{{1,2}})"
    r"(?: of the United States Code| of the U\.S\. Code)?(?![\w])")


def find_code_citations(text: str) -> Iterator[Added]:
    """U.S.C. and C.F.R. in every common spelling, with or without "§"."""
    yield from _code_citations(USC, "statute", "U.S.C.", text)
    yield from _code_citations(CFR, "regulation", "C.F.R.", text)
    for m in TITLE_SECTION.finditer(text):
        yield Added("statute", m.start(), m.end(), m.group("title"), "U.S.C.", m.group("section"),
                    m.group("sub"), (m.group("section"),))


# State codes eyecite does not know: "Utah Code § 76-5-302", "8 Del. C. § 141",
# "Mass. Gen. Laws ch. 93A, § 2", "RCW 26.09.191", "735 ILCS 5/2-1001".
_STATE_SECTION = r"\d+(?:[A-Za-z]{1,3}\d*)?(?:[-.:/]\d+(?:[A-Za-z]{1,3}\d*)?){0,4}"  # 2D1.1, 13A-6-61
_CODE_WORD = r"(?!(?:See|Id|Cf|But|And|Also|Under|In|The|Section|Sec|Part)\b)(?:[A-Z][A-Za-z']*\.?|[A-Z](?:\.[A-Z])+\.?)"
STATE_CODE = re.compile(
    rf"(?<![\w.])(?:(?P<title>\d{{1,3}})\s)?(?P<code>(?:(?:{_CODE_WORD}|&)\s?){{0,5}}"
    r"(?:Code(?:\sAnn\.)?|Stat(?:s|utes)?\.?(?:\sAnn\.)?|Laws(?:\sAnn\.)?|C\.(?:S\.)?|[A-Z]\.[A-Z]\.[A-Z]\.(?:[A-Z]\.)?))"
    rf"(?P<chapter>,?\s(?:ch|c)\.\s\w+,)?\s§\s?(?P<section>{_STATE_SECTION})(?P<sub>{_SUBSECTIONS})"
)
_STATE_ABBREVIATIONS = (
    r"R\.C\.|O\.R\.C\.|MCL|M\.C\.L\.|MCLA|RCW|G\.S\.|N\.C\.G\.S\.|N\.J\.S\.A\.|N\.J\.S\.|K\.S\.A\.|"
    r"A\.R\.S\.|NRS|ORS|Minn\.\sStat\.|Wis\.\sStat\.|Fla\.\sStat\.|La\.\sR\.S\.|Ohio\sRev\.\sCode"
)
STATE_NO_SIGN = re.compile(
    rf"(?<![\w.])(?P<code>{_STATE_ABBREVIATIONS})\s(?:§\s?)?(?P<section>{_STATE_SECTION})(?P<sub>{_SUBSECTIONS})"
    rf"(?P<etseq>\set\sseq\.)?(?![\w])"
)
ILCS = re.compile(rf"(?<![\w.])(?P<title>\d{{1,3}})\sILCS\s(?P<section>\d+/{_STATE_SECTION})(?P<sub>{_SUBSECTIONS})")


def find_state_codes(text: str) -> Iterator[Added]:
    """State statutes; the caller keeps eyecite's reading where it has one."""
    for regex in (STATE_CODE, STATE_NO_SIGN, ILCS):
        for m in regex.finditer(text):
            groups = m.groupdict()
            code = groups.get("code") or "ILCS"
            if code in ("Id.", "Section", "Sec.", "Part"):
                continue
            pin = (groups.get("sub") or "") + (" et seq." if groups.get("etseq") else "")
            volume = groups.get("title") or (groups.get("chapter") or "").strip(" ,").split(" ")[-1]
            yield Added("statute", m.start(), m.end(), volume, code.strip(),
                        m.group("section"), pin.strip(), (m.group("section"),))


def find_rules(text: str) -> Iterator[Added]:
    """Federal rules: Fed. R. Civ. P. 12(b)(6), Fed. R. Evid. 702, FRCP 56."""
    for m in FED_RULE.finditer(text):
        key = (m.group("set") or m.group("abbr") or "").lower().replace(".", "")
        key = {"fed": "", "frcp": "frcp"}.get(key, key)
        name = _RULE_SETS.get(key[:5]) or _RULE_SETS.get(key[:4]) or _RULE_SETS.get(key[:3])
        if name is None:
            continue
        yield Added("rule", m.start(), m.end(), "", name, m.group("rule"), m.group("sub"),
                    (m.group("rule"),))


CONSTITUTION = re.compile(
    r"(?<![\w.])(?P<where>U\.\s?S\.|[A-Z][a-z]{1,5}\.|N\.\s?[A-Z]\.|[A-Z]\.\s?[A-Z]\.)\s?Const\.,?"
    r"\s(?P<part>art\.|amend\.|pmbl\.)\s?(?P<num>[IVXLC]+\b|\d+\b)?"
    r"(?P<pin>(?:,\s?§\s?\d+)?(?:,\s?cl\.\s?\d+)?)"
)


def find_constitutions(text: str) -> Iterator[Added]:
    """U.S. Const. amend. XIV, § 1; U.S. Const. art. I, § 8, cl. 3; N.Y. Const. art. I, § 6."""
    for m in CONSTITUTION.finditer(text):
        where = re.sub(r"\s", "", m.group("where")).replace("U.S.", "U.S. ")
        page = f"{m.group('part')} {m.group('num') or ''}".strip()
        yield Added("constitution", m.start(), m.end(), "", f"{where.strip()} Const.", page,
                    m.group("pin").strip(" ,"), (page,))


# "(Id. at p. 305.)", "(Ibid.)", "(Id. ¶ 22.)": California style puts the
# citation in brackets, where eyecite does not look for "Id.".
BRACKETED_ID = re.compile(
    r"(?<=[(\[])(?P<id>Id\.|Ibid\.?)(?:,?\s(?:at\s)?(?P<pin>(?:pp?\.\s?|¶¶?\s?)?\d+(?:[-–]\d+)?))?(?=[.,;)\]\s])")


def find_bracketed_ids(text: str) -> Iterator[Added]:
    for m in BRACKETED_ID.finditer(text):
        pin = re.sub(r"^(?:pp?\.|¶¶?)\s?", "", m.group("pin") or "")
        yield Added("id", m.start(), m.end("id"), "", "", "", pin)


def find_session_laws(text: str) -> Iterator[Added]:
    """Pub. L. No. 94-553 and 90 Stat. 2541 (eyecite merges the two wrongly)."""
    for m in PUB_L.finditer(text):
        yield Added("statute", m.start(), m.end(), "", "Pub. L.", m.group("num"), "", (m.group("num"),))
    for m in STAT.finditer(text):
        yield Added("statute", m.start(), m.end(), m.group("vol"), "Stat.", m.group("page"), "",
                    (m.group("page"),))


def _looks_like_unknown_reporter(text: str, m: re.Match) -> bool:
    reporter = m.group("reporter")
    if _CODE_WORDS.search(reporter) or len(reporter) < 2 or _WORD_THEN_PERIOD.fullmatch(reporter):
        return False
    before = text[max(0, m.start() - 200):m.start()]
    if _DOCKET_BEFORE.search(before[:-1] if before.endswith(" ") else before):
        return False
    name = _NAME_BEFORE.search(before)
    # "v. LORETTA E. LYNCH, ATTORNEY GENERAL, 20 Respondent. 21": a caption
    name_context = bool(name) and not name.group().isupper()
    # "Fake Rptr.", "F.C.C.R." but not "Circuit Judges." (pleading-paper line numbers)
    words = reporter.split()
    abbreviation = "." in reporter and all(
        (w[0].isupper() or w[0].isdigit() or w in ("&", "of")) and (not w.endswith(".") or len(w) <= 6)
        for w in words)
    year_after = bool(_YEAR_AFTER.match(text, m.end()))
    comma_name = name_context or bool(_COMMA_NAME_BEFORE.search(before))
    return (name_context or abbreviation) and (year_after or comma_name)


def find_unknown_reporters(text: str) -> Iterator[Added]:
    """Volume-reporter-page shapes whose reporter eyecite does not know.

    Candidates overlapping a known citation are dropped by the caller; here
    we only keep shapes with a case-name context ("Smith v. Jones, ") or a
    reporter-like abbreviation, plus a year parenthetical or a name before.
    """
    for m in UNKNOWN.finditer(text):
        if _looks_like_unknown_reporter(text, m):
            yield Added("unknown_reporter", m.start(), m.end(), m.group("volume"),
                        m.group("reporter"), m.group("page"))
