"""Extraction bugs found while validating against the library, each fixed at
its source and pinned here: pins, supra names, references, case-name starts."""
from __future__ import annotations

import functools
import re

import pytest

from research.citations.extract.pipeline import extract_citations
from support.paths import BRIEFS, CORPORA



def squash(s: str) -> str:
    return re.sub(r"\s+", " ", s)


# --- known extraction bugs, fixed ----------------------------------------------------
# Real text: corpora/ (research.corpus.io.read_corpus), tests/assets/briefs/check_*.txt
# and short excerpts of opinions in corpora/ quoted below (public domain).



@functools.lru_cache(maxsize=None)
def corpus_citations(file: str, doc_id: str):
    from research.corpus.io import read_corpus

    text = next(d.text for d in read_corpus(CORPORA / file) if d.id == doc_id)
    return text, extract_citations(text)


# 1. the volume of the next parallel citation is not a pin cite
@pytest.mark.parametrize("text, pins", [
    ("People v. Naranjo, 200 Colo. 11, 612 P.2d 1106 (1980).", ["", ""]),
    ("Bleecker St. Tenants Corp. v. Bleeker Jones LLC, 16 N.Y.3d 272, 945 N.E.2d 484 (2011).", ["", ""]),
    ("Bleecker St. Tenants Corp. v. Bleeker Jones LLC, 16 N.Y.3d 272, 275, 945 N.E.2d 484, 486 (2011).",
     ["275", "486"]),
    ("Roe v. Wade, 410 U.S. 113, 93 S. Ct. 705, 35 L. Ed. 2d 147 (1973).", ["", "", ""]),
    ("In the Interest of V.A., 212 N.J. 1, 8, 50 A.3d 610 (2012)", ["8", ""]),
    ("Mathews v. Weber, 423 U.S. 261, 270-71, 96 S. Ct. 549, 554-55 (1976).", ["270-71", "554-55"]),
    ("Castro v. Mortgage Lenders Network USA, Inc., 158 Conn. App. 371, 373 n.3, 119 A.3d 1 (2015).",
     ["373 n.3", ""]),
    ("500 F.2d 100, 200 F. Supp. 50 (9th Cir. 1970)", ["", ""]),
])
def test_next_parallel_volume_is_not_a_pin(text, pins):
    found = extract_citations(text)
    assert [c.pin_cite for c in found] == pins
    assert len({c.group for c in found}) == 1


@pytest.mark.parametrize("brief, cite, pin, parallel", [
    ("check_verified.txt", "16 N.Y.3d 272", "278", "945 N.E.2d 484"),
    ("check_verified.txt", "945 N.E.2d 484", "487", "16 N.Y.3d 272"),
    ("check_verified.txt", "200 Colo. 11", "14", "612 P.2d 1106"),
    ("check_verified.txt", "612 P.2d 1106", "", "200 Colo. 11"),
    ("check_chains.txt", "16 N.Y.3d 272", "", "945 N.E.2d 484"),
])
def test_parallel_pins_in_briefs(brief, cite, pin, parallel):
    found = extract_citations((BRIEFS / brief).read_text(encoding="utf-8"))
    by_text = {c.text: c for c in found}
    assert by_text[cite].pin_cite == pin
    assert by_text[cite].group == by_text[parallel].group


@pytest.mark.parametrize("file, doc_id, cite, parallel", [
    ("opinions_cap_v1.jsonl.gz", "op/200-colo-11", "200 Colo. 1", "612 P.2d 1099"),
    ("opinions_cap_v1.jsonl.gz", "op/444-njsuper-423", "167 N.J. 91", "770 A.2d 214"),
    ("opinions_fastcase.jsonl.gz", "op/279-neb-94", "278 Neb. 165", "769 N.W.2d 343"),
])
def test_parallel_pins_in_opinions(file, doc_id, cite, parallel):
    _, found = corpus_citations(file, doc_id)
    firsts = [c for c in found if c.text == cite and c.kind == "case"]
    assert firsts and all(c.pin_cite == "" for c in firsts)
    for c in firsts:
        assert found[c.index + 1].text == parallel and found[c.index + 1].group == c.group


# 2. supra: the short name only, and a short form's parallel is a short form
@pytest.mark.parametrize("text, cite, name", [
    ("Under N.J.S.A. 2A:34-53, Baures, supra, 167 N.J. at 98, the court must.", "167 N.J. at 98", "Baures"),
    ("The court applied see N.J.S.A. 2A:34-53; Baures, supra, 167 N.J. at 98.", "167 N.J. at 98", "Baures"),
    ("The court applied see N.J.S.A. 2A:34-53; Baures, supra, 167 N.J. at 98.", "supra", "Baures"),
    ("[Baures, supra, 167 N.J. at 115-16, 770 A.2d 214 (emphasis added).]", "167 N.J. at 115", "Baures"),
    ("It applies to the Court, Booker, supra, at 245.", "supra", "Booker"),
    ("Indeed, in Johnson v. Commissioner of Correction, supra, 330 Conn. 520, this court", "supra",
     "Johnson v. Commissioner of Correction"),
    ("(In re D.B., supra, 58 Cal.4th at p. 945.)", "58 Cal.4th at p. 945", "In re D.B."),
    ("See Wilson Audio Specialties, Inc., supra, 343 F.Supp.3d at 665.", "343 F.Supp.3d at 665",
     "Wilson Audio Specialties, Inc."),
])
def test_supra_names(text, cite, name):
    found = next(c for c in extract_citations(text) if c.text == cite)
    assert found.case_name == name
    assert text[found.full_start:found.full_end].startswith(name)


_BAURES = "Baures v. Lewis, 167 N.J. 91, 770 A.2d 214 (2001). "
_JOHNSON = ("Johnson v. Commissioner of Correction, 330 Conn. 520, 198 A.3d 52 (2019). "
            "Breton v. Commissioner of Correction, 325 Conn. 640 (2017). ")


@pytest.mark.parametrize("text, cite, antecedent, pin", [
    (_BAURES + "See N.J.S.A. 2A:34-53, Baures, supra, 167 N.J. at 118, 770 A.2d 214, and more.",
     "770 A.2d 214", "770 A.2d 214", ""),
    (_BAURES + "The criteria in Baures, supra, 167 N.J. at 116-17 [770 A.2d 214] apply.",
     "770 A.2d 214", "770 A.2d 214", ""),
    ("Neitzke v. Williams, 490 U.S. 319, 109 S.Ct. 1827 (1989). Neitzke, 490 U.S. at 324, 109 S.Ct. 1827.",
     "109 S.Ct. 1827", "109 S.Ct. 1827", ""),
    (_JOHNSON + "Johnson v. Commissioner of Correction, supra, 330 Conn. 538-39.", "330 Conn. 538", "330 Conn. 520",
     "538-39"),
    (_JOHNSON + "See Johnson v. Commissioner of Correction, supra, 330 Conn. 520.", "330 Conn. 520", "330 Conn. 520",
     ""),
])
def test_parallel_of_a_short_form_is_a_short_form(text, cite, antecedent, pin):
    found = extract_citations(text)
    short = [c for c in found if c.text == cite][-1]
    leader = found[short.index - 1]
    assert (short.kind, short.pin_cite) == ("short_case", pin)
    assert "supra" not in short.case_name and short.case_name == leader.case_name
    assert short.group == leader.group
    assert found[short.antecedent].text == antecedent and found[short.antecedent].kind == "case"
    assert found[leader.antecedent].group == found[short.antecedent].group


def test_id_after_a_short_form_parallel():
    text = _JOHNSON + "Johnson v. Commissioner of Correction, supra, 330 Conn. 520. Id., 528."
    found = extract_citations(text)
    assert (found[-1].kind, found[-1].pin_cite, found[-1].antecedent) == ("id", "528", 0)


def test_baures_in_dg_v_ks():
    text, found = corpus_citations("opinions_cap_v1.jsonl.gz", "op/444-njsuper-423")
    assert not [c for c in found if c.kind == "case" and "supra" in c.case_name]
    baures = next(c for c in found if c.text == "167 N.J. 91" and c.kind == "case")
    shorts = [c for c in found if c.kind in ("supra", "short_case") and "Baures" in c.case_name]
    assert len(shorts) >= 10 and {c.case_name for c in shorts} == {"Baures"}
    assert {found[c.antecedent].group for c in shorts} == {baures.group}
    parallels = [c for c in shorts if c.text == "770 A.2d 214"]
    assert len(parallels) == 4 and all(found[c.antecedent].text == "770 A.2d 214" for c in parallels)


# 3. "Name at PAGE" references to a party of an earlier full citation
_BLEECKER = "Bleecker St. Tenants Corp. v. Bleeker Jones LLC, 16 N.Y.3d 272, 945 N.E.2d 484 (2011). "


@pytest.mark.parametrize("after, kind, cite, name, pin", [
    ("Later, Bleecker at 281.", "reference", "Bleecker at 281", "Bleecker", "281"),
    ("See Bleecker St. Tenants at 279-80.", "reference", "Bleecker St. Tenants at 279-80", "Bleecker St. Tenants",
     "279-80"),
    ("The lessee relies on Bleeker Jones at 282.", "reference", "Bleeker Jones at 282", "Bleeker Jones", "282"),
    ("(Bleecker at 281).", "reference", "Bleecker at 281", "Bleecker", "281"),
    ("See Bleecker St. Tenants, 16 N.Y.3d at 281.", "short_case", "16 N.Y.3d at 281", "Bleecker St. Tenants", "281"),
])
def test_references_found(after, kind, cite, name, pin):
    text = _BLEECKER + after
    found = extract_citations(text)
    ref = found[-1]
    assert (ref.kind, ref.text, ref.case_name, ref.pin_cite) == (kind, cite, name, pin)
    assert text[ref.start:ref.end] == cite
    assert ref.antecedent == 0


@pytest.mark.parametrize("text", [
    _BLEECKER + "The court at 5 p.m. heard argument. Plaintiff at 3 percent interest.",
    _BLEECKER + "Plaintiff at 3 filed a reply. Bleecker at 5 p.m. called, at 10:30 again.",
    "People v. Naranjo, 200 Colo. 11, 612 P.2d 1106 (1980). People at 5 and Colorado at 7.",
    "Bleecker at 281 is cited before the case. " + _BLEECKER,
    _BLEECKER + "Bleecker at 25 years old and Tenants at 4.",
])
def test_no_false_references(text):
    assert [c.text for c in extract_citations(text) if c.kind == "reference"] == []


def test_id_after_reference_resolves():
    found = extract_citations(_BLEECKER + "Bleecker at 281. Id. at 282.")
    assert [(c.kind, c.antecedent) for c in found[2:]] == [("reference", 0), ("id", 0)]


@pytest.mark.parametrize("file, doc_id", [
    ("opinions_courtlistener.jsonl.gz", "cl/10516069"),  # "Def.'s Reply at 6.", "Pls.' Reply at 2"
    ("opinions_fastcase.jsonl.gz", "op/16-ny3d-272"),
])
def test_no_references_in_opinions_without_them(file, doc_id):
    _, found = corpus_citations(file, doc_id)
    assert [c.text for c in found if c.kind == "reference"] == []


# 4. a case name starts at the party name
@pytest.mark.parametrize("text, cite, name", [
    # real excerpts (corpora/opinions_*): a sentence end or a footnote number before the name
    ("operation of the Fourteenth Amendment, it is applicable to\nthe States. Duncan v. Louisiana, 391 U. S. 145, "
     "149\u2013150\n(1968).", "391 U. S. 145", "Duncan v. Louisiana"),
    ("access to courts guaranteed by\n8  the Fourteenth Amendment.  Bounds v. Smith, 430 U.S. 817, 821 (1977).",
     "430 U.S. 817", "Bounds v. Smith"),
    ("when:\n\n65\n    Allergan W.C., 2020 WL 2498068, at *3 (second and third alterations in original)",
     "2020 WL 2498068", "Allergan W.C."),
    ("cargo shipped from Washington to Texas. Johnson, 2024 WL 5423041 at\n*1. The Johnson court held",
     "2024 WL 5423041", "Johnson"),
    ("remains with\n this Court. Mathews v. Weber, 423 U.S. 261, 270-71, 96 S. Ct. 549, 554-55 (1976)",
     "423 U.S. 261", "Mathews v. Weber"),
    # abbreviations inside names are not sentence ends
    ("(per curiam); Dock & Term. Eng. Co. v.\nPennsylvania R. Co., 82 F. 2d 19, 19\u201320 (CA3 1936);",
     "82 F. 2d 19", "Dock & Term. Eng. Co. v. Pennsylvania R. Co."),
    ("ivocal. Thompson v. Contl. Airlines, 18 S.W.3d 701, 704 n. 2 (Tex.App.-San Antonio 2000, no pet.)",
     "18 S.W.3d 701", "Thompson v. Contl. Airlines"),
    ("by the party.\u201d Natl. Loan Investors, L.P. v. Taylor, 79 S.W.3d 633, 636 (Tex.App.-Waco 2002)",
     "79 S.W.3d 633", "Natl. Loan Investors, L.P. v. Taylor"),
    ("The rule is old. U.S. v. Jones, 565 U.S. 400 (2012).", "565 U.S. 400", "U.S. v. Jones"),
    ("It was decided. Dep't of Revenue v. Kurth Ranch, 511 U.S. 767 (1994).", "511 U.S. 767",
     "Dep't of Revenue v. Kurth Ranch"),
    ("In Kansas. Brown v. Bd. of Educ., 347 U.S. 483 (1954).", "347 U.S. 483", "Brown v. Bd. of Educ."),
    ("See St. Paul Fire & Marine Ins. Co. v. Barry, 438 U.S. 531 (1978).", "438 U.S. 531",
     "St. Paul Fire & Marine Ins. Co. v. Barry"),
    ("It so held. Mesa Operating Co. v. Cal. Union Ins. Co., 986 S.W.2d 749, 753 (Tex. App. 1999)", "986 S.W.2d 749",
     "Mesa Operating Co. v. Cal. Union Ins. Co."),
    ("That was Tex. law. Texas Dep't of Hous. & Cmty. Affairs v. Inclusive Cmtys. Project, Inc., 576 U.S. 519 "
     "(2015).", "576 U.S. 519", "Texas Dep't of Hous. & Cmty. Affairs v. Inclusive Cmtys. Project, Inc."),
])
def test_case_name_starts_at_the_party(text, cite, name):
    found = next(c for c in extract_citations(text) if c.text == cite)
    assert found.case_name == name
    assert squash(text[found.full_start:found.full_end]).startswith(name)


@pytest.mark.parametrize("name, expected", [
    ("65 Allergan W.C.", "Allergan W.C."),
    ("Texas. Johnson", "Johnson"),
    ("Fourteenth Amendment. Bounds v. Smith", "Bounds v. Smith"),
    ("(People v. Guiuan", "People v. Guiuan"),
    ("(JBA) (JGM)", "(JBA) (JGM)"),
    ("U.S. v. Jones", "U.S. v. Jones"),
    ("Fortis Advisors LLC v. Allergan W.C. Hldg. Inc.", "Fortis Advisors LLC v. Allergan W.C. Hldg. Inc."),
    ("Smith v. Texas. Johnson", "Smith v. Texas. Johnson"),  # never cut after "v."
])
def test_name_start(name, expected):
    from research.citations.extract.names import name_start

    assert name_start(name) == expected


@pytest.mark.parametrize("name, expected", [
    ("N.J.S.A. 2A:34-53, Baures, supra", "Baures"),
    ("see N.J.S.A. 2A:34-53; Baures, supra", "Baures"),
    ("[Baures, supra", "Baures"),
    ("Wilson Audio Specialties, Inc., supra", "Wilson Audio Specialties, Inc."),
    ("Baures", "Baures"),
])
def test_short_form_name(name, expected):
    from research.citations.extract.names import short_form_name

    assert short_form_name(name) == expected


@pytest.mark.parametrize("file, doc_id, cite, name", [
    ("opinions_courtlistener.jsonl.gz", "cl/10516069", "2020 WL 2498068", "Allergan W.C."),
    ("opinions_courtlistener.jsonl.gz", "cl/10846001", "2024 WL 5423041", "Johnson"),
    ("opinions_scotus_ot2016.jsonl.gz", "cl/4151825", "391 U. S. 145", "Duncan v. Louisiana"),
])
def test_case_names_in_opinions(file, doc_id, cite, name):
    _, found = corpus_citations(file, doc_id)
    names = {c.case_name for c in found if squash(c.text) == cite}
    assert name in names
    assert not [n for n in names if n != name and n.endswith(name)]
