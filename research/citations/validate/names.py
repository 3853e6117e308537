"""Does the case name a brief gives match the case at that citation?

Tolerant of what Bluebook style does to names: T6 abbreviations (Dep't,
Co., Ass'n, Corp., Inc., Univ. ...), "&" for "and", "et al.", leading
"The", "In re", signals left in front of a name, typographic apostrophes,
case and punctuation; and of short names (one party, or the first words
of a party: "Bleecker St. Tenants" for "Bleecker St. Tenants Corp. v.
Bleeker Jones LLC", "Baures, supra"). A name matches when, for each party
the brief names, at least half of its distinctive words (not "v.", "the",
"People", "Inc." ...) match some word of the real name: exactly, as a known
abbreviation, as an abbreviation by contraction or truncation, or within a
small typo.
"""
from __future__ import annotations

import re
import unicodedata

from research.jurisdictions import STATES

# Bluebook T6 and common case-name abbreviations (full word -> abbreviation,
# both without punctuation); both sides are reduced to the abbreviation.
_T6 = {
    "academy": "acad", "administration": "admin", "administrative": "admin", "administrator": "adm'r",
    "america": "am", "american": "am", "and": "&", "associate": "assoc", "associates": "assocs",
    "association": "assn", "atlantic": "atl", "authority": "auth", "automobile": "auto",
    "avenue": "ave", "board": "bd", "broadcasting": "broad", "brotherhood": "bhd", "brothers": "bros",
    "building": "bldg", "business": "bus", "casualty": "cas", "center": "ctr", "central": "cent",
    "chemical": "chem", "coalition": "coal", "college": "coll", "commission": "commn",
    "commissioner": "commr", "committee": "comm", "communication": "commcn", "communications": "commcns",
    "community": "cmty", "company": "co", "compensation": "comp", "condominium": "condo",
    "congressional": "cong", "consolidated": "consol", "construction": "constr", "continental": "cont",
    "cooperative": "coop", "corporation": "corp", "correction": "corr", "corrections": "corr",
    "county": "cnty", "defense": "def", "department": "dept", "development": "dev",
    "director": "dir", "discount": "disc", "distributing": "distrib", "distribution": "distrib",
    "district": "dist", "division": "div", "east": "e", "eastern": "e", "economic": "econ",
    "economics": "econ", "education": "educ", "educational": "educ", "electric": "elec",
    "electronic": "elec", "electronics": "elecs", "employee": "emp", "employees": "emps",
    "employer": "emp", "employers": "emps", "employment": "emp", "engineering": "eng",
    "enterprise": "enter", "enterprises": "enters", "entertainment": "ent", "environment": "env",
    "environmental": "envtl", "equality": "equal", "equipment": "equip", "examiner": "exam'r",
    "exchange": "exch", "executive": "exec", "export": "exp", "federal": "fed", "federation": "fedn",
    "fidelity": "fid", "finance": "fin", "financial": "fin", "foundation": "found",
    "general": "gen", "government": "govt", "guaranty": "guar", "hospital": "hosp",
    "housing": "hous", "human": "hum", "illuminating": "illum", "improvement": "impr",
    "incorporated": "inc", "indemnity": "indem", "independent": "indep", "industrial": "indus",
    "industries": "indus", "industry": "indus", "information": "info", "institute": "inst",
    "institution": "inst", "insurance": "ins", "international": "intl", "investment": "inv",
    "laboratories": "labs", "laboratory": "lab", "liability": "liab", "limited": "ltd",
    "litigation": "litig", "machine": "mach", "machinery": "mach", "maintenance": "maint",
    "management": "mgmt", "manufacturer": "mfr", "manufacturers": "mfrs", "manufacturing": "mfg",
    "maritime": "mar", "market": "mkt", "marketing": "mktg", "mechanical": "mech",
    "medical": "med", "medicine": "med", "memorial": "mem", "merchant": "merch",
    "metropolitan": "metro", "mortgage": "mortg", "mountain": "mtn", "municipal": "mun",
    "mutual": "mut", "national": "natl", "north": "n", "northern": "n", "organization": "org",
    "pacific": "pac", "partnership": "pship", "pharmaceutical": "pharm", "pharmaceuticals": "pharms",
    "preservation": "pres", "probation": "prob", "product": "prod", "production": "prod",
    "products": "prods", "professional": "profl", "property": "prop", "properties": "props",
    "protection": "prot", "public": "pub", "publication": "publn", "publishing": "publg",
    "railroad": "rr", "railway": "ry", "refining": "ref", "regional": "regl", "rehabilitation": "rehab",
    "reproduction": "reprod", "resource": "res", "resources": "res", "restaurant": "rest",
    "retirement": "ret", "road": "rd", "savings": "sav", "school": "sch", "schools": "schs",
    "science": "sci", "secretary": "secy", "security": "sec", "securities": "sec", "service": "serv",
    "services": "servs", "society": "socy", "south": "s", "southern": "s", "steamship": "ss",
    "street": "st", "subcommittee": "subcomm", "surety": "sur", "system": "sys", "systems": "sys",
    "technology": "tech", "telecommunication": "telecomm", "telephone": "tel",
    "telegraph": "tel", "temporary": "temp", "township": "twp", "transcontinental": "transcon",
    "transport": "transp", "transportation": "transp", "trustee": "tr", "trustees": "trs",
    "turnpike": "tpk", "uniform": "unif", "university": "univ", "utility": "util",
    "utilities": "utils", "village": "vill", "west": "w", "western": "w",
}
# Bluebook T10 state names, one-word ones ("New York" is "N.Y." -> "ny" anyway).
_STATES = {name.lower(): abbr.lower().replace(".", "") for name, abbr in STATES.items()
           if " " not in name and name.isascii()}
_T6 = {full: abbr.replace("'", "") for full, abbr in {**_T6, **_STATES}.items()}
# Words that say nothing about which case it is.
_FILLER = {"v", "vs", "versus", "the", "of", "a", "an", "in", "re", "matter", "ex", "rel", "parte",
           "et", "al", "&", "for", "on", "behalf", "to", "at", "supra", "id", "ibid"}
_GENERIC = {"people", "state", "states", "united", "us", "usa", "commonwealth", "city", "county", "cnty",
            "town", "village", "vill", "inc", "co", "corp", "llc", "ltd", "lp", "llp", "pc", "na", "plc",
            "government", "govt", "commissioner", "commr", "estate", "doe", "unknown", "parties",
            "others", "respondent", "petitioner", "appellant", "appellee", "plaintiff", "defendant",
            # procedural openings: "Appeal of Day" is not "Appeal of Baron"
            "appeal", "application", "petition", "marriage", "adoption", "guardianship", "custody",
            "interest", "welfare", "commitment", "disciplinary", "proceedings", "proceeding"}
_SIGNALS = re.compile(r"^(?:(?:see|also|e\.g\.|cf\.|accord|but|contra|compare|with|and|citing|quoting|"
                      r"in|under|as|held|holding|generally)[\s,]+)+", re.IGNORECASE)
_PARENS = re.compile(r"\([^)]*\)")
_LEADING = re.compile(r"^[\s(\[,;:.]+")
_VERSUS = re.compile(r"\s+v(?:s)?\.?\s+")  # lower case: "R. S. V. P. Int'l" is one party
_ALSO_NAMED = re.compile(r"\(((?:In re|Ex parte|Matter of|In the Matter of)\s[^()]+)\)")
_WORD = re.compile(r"[a-z0-9&]+")
_TYPO_RATIO = 85


def _ascii(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[\u2018\u2019\u02bb\u02bc`']", "", text)


def words(name: str) -> list[str]:
    """Normalised words of a case name: ASCII, lower case, T6-abbreviated,
    initials joined ("D. G." -> "dg"), bare numbers dropped."""
    name = _SIGNALS.sub("", _LEADING.sub("", _ascii(name)))
    name = re.sub(r"\b([A-Z])\.\s?(?=[A-Z]\.)", r"\1", name)  # D. G. -> DG.
    tokens = _WORD.findall(name.lower().replace(".", ""))
    return [_T6.get(token, token) for token in tokens if not token.isdigit()]


def _parties(name: str) -> list[str]:
    return [p for p in _VERSUS.split(name) if p.strip()]


def distinctive(tokens: list[str]) -> list[str]:
    return [t for t in tokens if t not in _FILLER and t not in _GENERIC]


def _abbreviates(short: str, full: str) -> bool:
    """"res" ~ "resources", "assn" ~ "association", "intl" ~ "international"."""
    if len(short) < 2 or len(short) >= len(full) or short[0] != full[0]:
        return False
    if full.startswith(short):
        return len(short) >= 3
    position = 0
    for ch in short:
        position = full.find(ch, position) + 1
        if position == 0:
            return False
    return short[-1] == full[-1]


def word_matches(cited: str, real: str, *, strict: bool = False) -> bool:
    """``strict``: the same word, or one cut short of the other ("Luna" is
    not "Louisiana"), for a case identified by its name alone."""
    if strict:
        short, full = sorted((cited, real), key=len)
        return full.startswith(short) and (len(short) >= 3 or short == full)
    if cited == real or _abbreviates(cited, real) or _abbreviates(real, cited):
        return True
    from rapidfuzz.fuzz import ratio

    return min(len(cited), len(real)) >= 4 and ratio(cited, real) >= _TYPO_RATIO


def names_match(cited: str, real: str, *, strict: bool = False) -> bool:
    """Is ``cited`` (as the brief writes it) a name of the case called ``real``?

    Each party the brief names must have at least half of its distinctive
    words in the real name ("People v. Sammy Naranjo" is People v. Naranjo;
    "Madison Teachers v. Walker" is not Madison Teachers, Inc. v. Scott).
    A second name in brackets is a name of the case too: "Webb Co. v. First
    City Bank (In re Softalk Pub. Co.)" is In re Softalk Pub. Co."""
    return any(_one_name_matches(a, b, strict) for a in _names(cited) for b in _names(real))


def _names(name: str) -> list[str]:
    return [_PARENS.sub(" ", name), *_ALSO_NAMED.findall(name)]


def _one_name_matches(cited: str, real: str, strict: bool) -> bool:
    real_words = words(real)
    if not words(cited) or not real_words:
        return True  # nothing to compare: not a mismatch
    parties = [distinctive(words(party)) for party in _parties(cited)]
    parties = [p for p in parties if p] or [[w for w in words(cited) if w not in _FILLER]]
    return all(_enough(party, real_words, strict) for party in parties)


def _enough(wanted: list[str], real_words: list[str], strict: bool = False) -> bool:
    matched = sum(any(word_matches(w, r, strict=strict) for r in real_words) for w in wanted)
    return 2 * matched >= len(wanted)


def shares_a_word(cited: str, real: str) -> bool:
    """Does any distinctive word of ``cited`` match a word of ``real``?"""
    real_words = words(_PARENS.sub(" ", real))
    return any(word_matches(w, r) for w in distinctive(words(_PARENS.sub(" ", cited))) for r in real_words)


def best_match(cited: str, names: list[str], *, strict: bool = False) -> int | None:
    """Index of the first of ``names`` that ``cited`` matches, or None."""
    for i, name in enumerate(names):
        if names_match(cited, name, strict=strict):
            return i
    return None
