"""Case names as written before a citation. Stdlib only.

eyecite drops procedural prefixes and stops at lowercase words, so it
reports "Estate of Parker" for "In re Estate of Parker", "Salazar v.
Davidson" for "People ex rel. Salazar v. Davidson" and "NE Plus Ultra v.
Wilson" for "N.P.U., Inc. d/b/a NE Plus Ultra v. Wilson". Here we walk back
word by word from the comma before the citation and stop at the start of the
sentence or clause: a signal ("See", "cf."), a lowercase prose word, a
sentence end ("defense.", "Texas." but not "Corp." or "Calif."), a
bracket, a quote or a semicolon. Names eyecite spans are trimmed the same way
("65 Allergan W.C." after a footnote number, "Texas. Johnson").
"""
from __future__ import annotations

import re

_INNER_LOWER = {
    "of", "the", "and", "for", "de", "del", "la", "le", "du", "des", "von", "van", "der", "ex", "rel.",
    "d/b/a", "a/k/a", "n/k/a", "f/k/a", "at", "re", "v.", "v", "vs.", "et", "al.", "&", "ex.", "y", "da",
    "parte", "to", "on",
}
_SIGNALS = {"see", "see,", "also", "also,", "e.g.,", "e.g.", "cf.", "cf.,", "accord", "accord,", "but",
            "compare", "contra", "citing", "quoting", "with", "generally", "i.e.,"}
_LEADING_DROP = {
    "In", "Under", "As", "Also", "And", "But", "Because", "Since", "While", "When", "Although", "Applying",
    "Citing", "Quoting", "Following", "Like", "Unlike", "Per", "Accord", "See", "See,", "Cf.", "Compare",
    "Contra", "Thus", "Moreover", "Here", "There", "This", "That", "Further", "Finally", "Similarly",
    "Likewise", "Indeed", "Then", "After", "Before", "Later", "Later,", "Thus,", "Accordingly,", "E.g.,",
    "Therefore,", "However,", "Moreover,", "Similarly,", "Indeed,", "Here,", "Again,", "Again",
}
_PREFIXES = ("In re ", "In the Matter of ", "Matter of ", "Ex parte ", "In the Interest of ",
             "Application of ", "Petition of ", "Estate of ", "Succession of ", "Adoption of ", "Appeal of ",
             "Appeals of ", "Marriage of ", "Guardianship of ", "Custody of ", "Will of ", "Claim of ",
             "Commitment of ", "Care and Protection of ")
CASE_SHAPE = re.compile(r"\sv\.?\s|\svs\.\s|^(?:In re|Ex parte|In the Matter of|Matter of|In the Interest of)\s")
_MAX_WORDS = 30


def _stops(word: str) -> bool:
    """Does ``word`` (scanning right to left) lie outside the case name?"""
    if not word or any(ch in word for ch in '";:()[]_\u00a7') or word.startswith("'"):
        return True  # "___," is a blank page: a citation, not a name
    bare = word.rstrip(",")
    if bare.lower() in _SIGNALS or bare in ("Id.", "Ibid.", "Ibid"):
        return True
    if re.fullmatch(r"\d+[,.]?|\d+[-–]\d+[,.]|[-—–]{5,}", word):  # "12,", "538-39.", "——————"
        return True
    if word[0].islower() and bare not in _INNER_LOWER:
        return True
    return False


# Abbreviations of four letters or more, with a vowel, that end with a period
# inside case names (Bluebook T6, T10 and common variants), lower case. Shorter
# ones ("Co.", "Ins.") and ones without a vowel ("Mgmt.", "Hldg.") never end a
# sentence here.
_ABBREVIATIONS = frozenset("""
    acad acct admin admx advert aero agcy agric alta annot appl apts archit ariz assoc assocs assur auth
    auto balt bankr bapt benj broad bros bull calif cath cent cert chas chem circ cmty cmtys cnty coal
    coll colo comm commcn commcns commn commr comms commw comp comput conf conn conserv consol const
    constr cont contl coop corp corps corr corrs crim dem dept deriv dirs dist distrib dists educ elec
    elecs elect elem empl emps engr enter enters ents envt envtl episc equal equip examr exam exch exec
    exrs expl febr feder fedn found gdns glob govt groc guar hist hosp hosps hous ibid illum impr indem
    indep indus info insur inst intell intl invest invs judgt just juv labs liab libr litig ltda luth
    mach magaz maint mass mech meml merch meth metro mich minn misc miss mont mortg mtge muni natl nebr
    negl okla parl penn pers petrol pharm pharms phil phila photo presb pres priv prob prod prods profl
    prog prop props prot prov pship psych publ publg publn redev refin regl regs regul rehab relig
    reprod repub resol resp rlty robt saml schs scis secur secy sept serv servs socs socy sols solns spec
    subcomm super supp supr supt surg surv tech techs telecomm temp tenn term terr thos trans transcon transp
    treas unif univ util utils veh vill wash wisc
""".split())


_END_MARKS = frozenset(".?!\"'")


def _sentence_end(word: str) -> bool:
    """"defense." ends a sentence; "Co.", "Educ.", "rel." and "U.S." do not."""
    if word[-1:] not in _END_MARKS:
        return False
    return word not in _INNER_LOWER and bool(re.fullmatch(r"[a-z]{3,}[.?!][\"']?|[A-Za-z]*[a-z]{2}[?!]", word))


def _capital_sentence_end(word: str) -> bool:
    """"Texas." or "Amendment." ends a sentence; "Corp.", "Calif.", "Mgmt." do not."""
    if word[-1:] not in _END_MARKS:
        return False
    m = re.fullmatch(r"([A-Z][A-Za-z]{3,})\.[\"']?", word)
    if not m:
        return False
    bare = m.group(1)
    return bare.lower() not in _ABBREVIATIONS and bool(re.search(r"[aeiouAEIOU]", bare[1:]))


def _trim_leading(words: list[str]) -> list[str]:
    while words and (words[0] in _LEADING_DROP or words[0][0].islower() or words[0] in ("&", "v.")):
        if words[0] == "In" and len(words) > 1 and words[1] in ("re", "the", "Re"):
            break
        words = words[1:]
    return words


def looks_like_case_name(name: str) -> bool:
    """"A v. B", "In re A", "Ex parte A", "Estate of A" ..."""
    return bool(CASE_SHAPE.search(name)) or name.startswith(_PREFIXES)


def case_name_before(text: str, start: int) -> str:
    """Case name ending at the ", " just before offset ``start`` ("" if none);
    it starts at ``text.rfind(name, 0, start)``."""
    name = name_before(text, start)
    return name if looks_like_case_name(name) else ""


def name_before(text: str, start: int, *, max_words: int = _MAX_WORDS) -> str:
    """Capitalised name ending at the ", " just before ``start`` ("Gilmer")."""
    head = text[max(0, start - 400):start].rstrip()
    if not head.endswith(","):
        return ""
    head = head[:-1].rstrip()
    # "People v. A.V. (In re A.V.)": a second name in brackets after the first
    also = _ALSO_NAMED.search(head)
    if also:
        head = head[:also.start()]
    kept = _words_back(head.split(" "), max_words)
    kept = _trim_leading(name_start(" ".join(kept)).split())
    name = " ".join(kept).strip(" ,")
    return f"{name} {also.group().strip()}" if name and also else name


_ALSO_NAMED = re.compile(r"\s\((?:In re|Ex parte|Matter of|[A-Z][\w.'&-]*\s(?:v\.|ex rel\.))\s[^()]{1,80}\)$")


def _words_back(words: list[str], max_words: int) -> list[str]:
    """The name's words, walking back from the comma before the citation."""
    kept: list[str] = []
    for word in reversed(words):
        line_start = "\n" in word  # "\nMcCook Metals, 249 F.3d at 334": the name starts the line
        word = word.rsplit("\n", 1)[-1]
        if not word or _sentence_end(word) or len(kept) >= max_words:
            break
        if not kept and re.fullmatch(r"\d+(?:[-–]\d+)?", word):  # a pin: "63 Haw. at 456-57, 629 P.2d"
            break
        if _stops(word):
            if word[:1] in "([" and word[1:2].isupper() and not _stops(word[1:]):
                kept.append(word[1:])  # "(People v. Guiuan, 18 Cal.4th 558"
            break
        kept.append(word)
        if line_start:
            break
    return kept[::-1]


_SUPRA_BEFORE = re.compile(r"\bsupra(?:\snotes?\s\d+)?,$")


def short_name_before(text: str, start: int, *, max_words: int = 8) -> str:
    """Name of a short form ending at the ", " before ``start``, skipping a
    "supra, ": "Baures" in "N.J.S.A. 2A:34-53, Baures, supra, 167 N.J. at 98"."""
    base = max(0, start - 400)
    supra = _SUPRA_BEFORE.search(text[base:start].rstrip())
    return name_before(text, base + supra.start() if supra else start, max_words=max_words)


def clean_short_name(name: str) -> str:
    """"Later, Nieves" -> "Nieves": drop sentence openers from a short name."""
    return " ".join(_trim_leading(name.split())).strip(" ,")


def name_start(name: str) -> str:
    """The name from its first party word: "65 Allergan W.C." (footnote
    number) -> "Allergan W.C."; "Texas. Johnson" (end of the sentence
    before) -> "Johnson"; "[Baures" -> "Baures"."""
    words = name.split()
    # the sentence end lies before the first party: never after "v."
    versus = next((i for i, w in enumerate(words) if w in ("v.", "v", "vs.")), len(words) - 1)
    for i in range(min(versus, len(words) - 1) - 1, -1, -1):
        ends = _sentence_end(words[i]) or _capital_sentence_end(words[i]) or (
            words[i].endswith(".") and words[i + 1] in _LEADING_DROP)  # "Act. In Smith v. Robinson"
        if ends and words[i + 1][:1].isupper():
            words = words[i + 1:]
            break
    while len(words) > 1 and re.fullmatch(r"\d{1,4}[.,]?", words[0]) and words[1][:1].isupper():
        words = words[1:]
    name = " ".join(words).lstrip("\"' ")
    if name[:1] in "([" and not any(ch in name for ch in ")]"):
        name = name[1:]  # "(People v. Guiuan" but not "(JBA) (JGM)"
    return name


_SUPRA_TAIL = re.compile(r"[,;]?\s*\bsupra\b[,;.]?\s*$")
_COMPANY_SUFFIX = re.compile(r"(?:Inc|Ltd|L\.?L\.?C|L\.?L\.?P|L\.?P|P\.?C|P\.?A|N\.?A|S\.?A|Co|Corp|et al)\.?")


def short_form_name(name: str) -> str:
    """Short name of a short form or supra: "N.J.S.A. 2A:34-53, Baures, supra"
    -> "Baures" (the last clause; a company suffix keeps the one before)."""
    parts = re.split(r"\s*;\s*", _SUPRA_TAIL.sub("", name))[-1].split(", ")
    kept = parts[-1:]
    if len(parts) > 1 and _COMPANY_SUFFIX.fullmatch(kept[0].strip()):
        kept = parts[-2:]
    return name_start(", ".join(kept).strip(" ,"))


def split_parties(name: str) -> tuple[str, str]:
    parts = re.split(r"\s+v\.?\s+|\s+vs\.\s+", name, maxsplit=1)
    return (parts[0], parts[1]) if len(parts) == 2 else ("", name)
