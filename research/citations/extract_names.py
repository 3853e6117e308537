"""Case names as written before a citation. Stdlib only.

eyecite drops procedural prefixes and stops at lowercase words, so it
reports "Estate of Parker" for "In re Estate of Parker", "Salazar v.
Davidson" for "People ex rel. Salazar v. Davidson" and "NE Plus Ultra v.
Wilson" for "N.P.U., Inc. d/b/a NE Plus Ultra v. Wilson". Here we walk back
word by word from the comma before the citation and stop at the start of the
sentence or clause: a signal ("See", "cf."), a lowercase prose word, a
sentence end ("defense."), a bracket, a quote or a semicolon.
"""
from __future__ import annotations

import re

_INNER_LOWER = {
    "of", "the", "and", "for", "de", "del", "la", "le", "du", "des", "von", "van", "der", "ex", "rel.",
    "d/b/a", "a/k/a", "n/k/a", "f/k/a", "at", "re", "v.", "v", "vs.", "et", "al.", "&", "ex.", "y", "da",
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
             "Application of ", "Petition of ", "Estate of ", "Succession of ", "Adoption of ")
_CASE_SHAPE = re.compile(r"\sv\.?\s|\svs\.\s|^(?:In re|Ex parte|In the Matter of|Matter of|In the Interest of)\s")
_MAX_WORDS = 30


def _stops(word: str) -> bool:
    """Does ``word`` (scanning right to left) lie outside the case name?"""
    if not word or any(ch in word for ch in '";:()[]\u00a7') or word.startswith("'"):
        return True
    bare = word.rstrip(",")
    if bare.lower() in _SIGNALS:
        return True
    if re.fullmatch(r"\d+[,.]?", word):
        return True
    if word[0].islower() and bare not in _INNER_LOWER:
        return True
    return False


def _sentence_end(word: str) -> bool:
    """"defense." ends a sentence; "Co.", "Educ.", "rel." and "U.S." do not."""
    return word not in _INNER_LOWER and bool(re.fullmatch(r"[a-z]{3,}[.?!][\"']?|[A-Za-z]*[a-z]{2}[?!]", word))


def _trim_leading(words: list[str]) -> list[str]:
    while words and (words[0] in _LEADING_DROP or words[0][0].islower() or words[0] in ("&", "v.")):
        if words[0] == "In" and len(words) > 1 and words[1] in ("re", "the", "Re"):
            break
        words = words[1:]
    return words


def case_name_before(text: str, start: int) -> str:
    """Case name ending at the ", " just before offset ``start`` ("" if none);
    it starts at ``text.rfind(name, 0, start)``."""
    name = name_before(text, start)
    return name if _CASE_SHAPE.search(name) or name.startswith(_PREFIXES) else ""


def name_before(text: str, start: int, *, max_words: int = _MAX_WORDS) -> str:
    """Capitalised name ending at the ", " just before ``start`` ("Gilmer")."""
    head = text[max(0, start - 400):start].rstrip()
    if not head.endswith(","):
        return ""
    words = head[:-1].rstrip().split(" ")
    kept: list[str] = []
    for word in reversed(words):
        if "\n" in word or _stops(word) or _sentence_end(word) or len(kept) >= max_words:
            break
        kept.append(word)
    kept = _trim_leading(list(reversed(kept)))
    return " ".join(kept).strip(" ,")


def clean_short_name(name: str) -> str:
    """"Later, Nieves" -> "Nieves": drop sentence openers from a short name."""
    return " ".join(_trim_leading(name.split())).strip(" ,")


def split_parties(name: str) -> tuple[str, str]:
    parts = re.split(r"\s+v\.?\s+|\s+vs\.\s+", name, maxsplit=1)
    return (parts[0], parts[1]) if len(parts) == 2 else ("", name)
