"""Citation extraction: research.citations.extract.pipeline and friends.

Case names in invented examples ("Smith v. Jones") test extraction only.
Real text: tests/assets/briefs/fisher_2013_excerpt.txt (Fisher v. University
of Texas, 570 U.S. 297 (2013), slip opinion, via freelawproject/eyecite
tests/assets/opinion.txt, BSD-2-Clause) and ocr_motion_excerpt.txt (a RECAP
filing, CourtListener OCR sample from medelman17/eyecite-ts, MIT).
"""
from __future__ import annotations

import logging
import re
import subprocess
import sys

import pytest

from research.citations.extract.pipeline import extract_citations, split_pieces
from research.citations.extract.normalize import normalize
from support.paths import BRIEFS



def one(text: str, kind: str | None = None):
    found = [c for c in extract_citations(text) if kind is None or c.kind == kind]
    assert len(found) == 1, found
    return found[0]


def squash(s: str) -> str:
    return re.sub(r"\s+", " ", s)


# --- shapes eyecite misses -------------------------------------------------

@pytest.mark.parametrize("text, kind, volume, reporter, page, pin, sections", [
    ("42 U.S.C. 1983", "statute", "42", "U.S.C.", "1983", "", ("1983",)),
    ("42 USC 1983", "statute", "42", "U.S.C.", "1983", "", ("1983",)),
    ("15 USC § 78j", "statute", "15", "U.S.C.", "78j", "", ("78j",)),
    ("42 U.S.C.A. § 1983", "statute", "42", "U.S.C.A.", "1983", "", ("1983",)),
    ("42 U.S.C.A. 1983(a)", "statute", "42", "U.S.C.A.", "1983", "(a)", ("1983",)),
    ("17 U.S.C. §§ 106-107", "statute", "17", "U.S.C.", "106", "", ("106", "107")),
    ("17 U.S.C. §§ 106, 107 and 108", "statute", "17", "U.S.C.", "106", "", ("106", "107", "108")),
    ("42 U.S.C. § 2000e-2(a)(1)", "statute", "42", "U.S.C.", "2000e-2", "(a)(1)", ("2000e-2",)),
    ("42 U.S.C. Sec. 1983", "statute", "42", "U.S.C.", "1983", "", ("1983",)),
    ("42 U.S.C. § 1983 et seq.", "statute", "42", "U.S.C.", "1983", "et seq.", ("1983",)),
    ("section 1983 of title 42", "statute", "42", "U.S.C.", "1983", "", ("1983",)),
    ("Fed. R. Civ. P. 12(b)(6)", "rule", "", "Fed. R. Civ. P.", "12", "(b)(6)", ("12",)),
    ("Fed.R.Civ.P. 56", "rule", "", "Fed. R. Civ. P.", "56", "", ("56",)),
    ("Fed. R. Evid. 702", "rule", "", "Fed. R. Evid.", "702", "", ("702",)),
    ("Fed. R. App. P. 4(a)(1)(A)", "rule", "", "Fed. R. App. P.", "4", "(a)(1)(A)", ("4",)),
    ("Fed. R. Crim. P. 11", "rule", "", "Fed. R. Crim. P.", "11", "", ("11",)),
    ("Federal Rule of Civil Procedure 23", "rule", "", "Fed. R. Civ. P.", "23", "", ("23",)),
    ("27 C.F.R. § 646.155", "regulation", "27", "C.F.R.", "646.155", "", ("646.155",)),
    ("27 C.F.R. 646.155", "regulation", "27", "C.F.R.", "646.155", "", ("646.155",)),
    ("40 C.F.R. § 122.26(b)(14)", "regulation", "40", "C.F.R.", "122.26", "(b)(14)", ("122.26",)),
    ("Pub. L. No. 94-553", "statute", "", "Pub. L.", "94-553", "", ("94-553",)),
    ("U.S. Const. amend. XIV, § 1", "constitution", "", "U.S. Const.", "amend. XIV", "§ 1", ("amend. XIV",)),
    ("U.S. Const. art. I, § 8, cl. 3", "constitution", "", "U.S. Const.", "art. I", "§ 8, cl. 3", ("art. I",)),
    ("N.Y. Const. art. I, § 6", "constitution", "", "N.Y. Const.", "art. I", "§ 6", ("art. I",)),
    ("Utah Code § 76-5-302", "statute", "", "Utah Code", "76-5-302", "", ("76-5-302",)),
    ("RCW 26.09.191", "statute", "", "RCW", "26.09.191", "", ("26.09.191",)),
])
def test_added_patterns(text, kind, volume, reporter, page, pin, sections):
    cite = one(f"See {text}.")
    assert (cite.kind, cite.volume, cite.reporter, cite.page, cite.pin_cite, cite.sections) == (
        kind, volume, reporter, page, pin, sections)
    assert f"See {text}."[cite.start:cite.end] == cite.text


@pytest.mark.parametrize("text, expected", [
    ("See 42 U.S.C. § 1983 and 28 U.S.C. § 1331.", ["42 U.S.C. § 1983", "28 U.S.C. § 1331"]),
    ("Pub. L. No. 94-553, 90 Stat. 2541 (1976)", ["Pub. L. No. 94-553", "90 Stat. 2541"]),
    ("under 17 U.S.C. § 107 and Fed. R. Civ. P. 56(a)", ["17 U.S.C. § 107", "Fed. R. Civ. P. 56(a)"]),
])
def test_neighbouring_statutes_are_separate(text, expected):
    assert [c.text for c in extract_citations(text)] == expected


# --- unknown reporters -------------------------------------------------------

@pytest.mark.parametrize("text, volume, reporter, page, name", [
    ("Smith v. Jones, 33 Umbrella 422 (2001).", "33", "Umbrella", "422", "Smith v. Jones"),
    ("See Doe v. Roe, 12 Fake Rptr. 45, 47 (1999).", "12", "Fake Rptr.", "45", "Doe v. Roe"),
    ("In re Marsh, 7 Imaginary L. Rep. 301.", "7", "Imaginary L. Rep.", "301", "In re Marsh"),
])
def test_unknown_reporter_found(text, volume, reporter, page, name):
    cite = one(text)
    assert (cite.kind, cite.volume, cite.reporter, cite.page, cite.case_name) == (
        "unknown_reporter", volume, reporter, page, name)


@pytest.mark.parametrize("text", [
    "On May 5, 2019 the court entered 3 Orders 12 days apart.",
    "Pub. L. 94-553 amended the Act in 1976.",
    "42 U.S.C. 1983 provides a remedy.",
    "The 3 Defendants filed 12 motions in 2019.",
    "Smith v. Jones, No. 12 Civ. 345 (S.D.N.Y. 2019).",
    "SUSAN L. CARNEY, 10 Circuit Judges. 11",
    "Petitioner, v. LORETTA E. LYNCH, UNITED STATES ATTORNEY GENERAL, 20 Respondent. 21",
    "Varghese v. China Southern Airlines Co., 925 F.3d 1339 (11th Cir. 2019).",
    "Section 5 Title 42 Part 12 of the plan.",
])
def test_no_unknown_reporter_false_positive(text):
    assert [c for c in extract_citations(text) if c.kind == "unknown_reporter"] == []


def test_periodless_known_reporter_is_a_case():
    cite = one("Halm Instrument Co. v. Sigma Eng'g Serv., Inc., 42 FRD 416, 421 (WDPa 1967).")
    assert (cite.kind, cite.reporter, cite.page, cite.pin_cite, cite.year) == ("case", "F.R.D.", "416", "421", "1967")


# --- cases, groups, parentheticals ----------------------------------------

def test_parallel_citations_share_group_year_and_name():
    text = "Nieves v. State, 16 N.Y.3d 272, 945 N.E.2d 484 (2011)."
    first, second = extract_citations(text)
    assert (first.text, second.text) == ("16 N.Y.3d 272", "945 N.E.2d 484")
    assert first.group == second.group
    assert first.year == second.year == "2011"
    assert first.case_name == second.case_name == "Nieves v. State"


@pytest.mark.parametrize("text, group_sizes", [
    ("In the Interest of V.A., 212 N.J. 1, 8, 50 A.3d 610 (2012)", [2]),
    ("Smith v. Jones, 100 F.3d 200 (2d Cir. 1990); Doe v. Roe, 50 F.2d 10 (1980).", [1, 1]),
    ("410 U.S. 113, 93 S. Ct. 705, 35 L. Ed. 2d 147 (1973)", [3]),
])
def test_parallel_grouping(text, group_sizes):
    found = extract_citations(text)
    sizes = [sum(1 for c in found if c.group == g) for g in sorted({c.group for c in found})]
    assert sizes == group_sizes


@pytest.mark.parametrize("text, cite, year, court, parenthetical", [
    # eyecite gives Doe the year of the case quoted in its parenthetical
    ("Doe v. Roe, 50 F.2d 10 (explaining the rule) (quoting Smith v. Jones, 100 F.3d 200 (2d Cir. 1990)).",
     "50 F.2d 10", "", "", "explaining the rule"),
    ("Doe v. Roe, 50 F.2d 10 (explaining the rule) (quoting Smith v. Jones, 100 F.3d 200 (2d Cir. 1990)).",
     "100 F.3d 200", "1990", "2d Cir.", ""),
    # ... and 100 F.3d the year of the Supreme Court's denial
    ("Smith v. Jones, 100 F.3d 200, cert. denied, 500 U.S. 1 (1991).", "100 F.3d 200", "", "", ""),
    ("Smith v. Jones, 100 F.3d 200 (en banc) (2d Cir. 1990).", "100 F.3d 200", "1990", "2d Cir.", "en banc"),
    ("Smith v. Jones, 100 F.3d 200 (2d Cir. 1990) (discussing Roe (1973)).", "100 F.3d 200", "1990", "2d Cir.",
     "discussing Roe (1973)"),
    ("Smith v. Jones, 100 F.3d 200 (describing the 1987 amendments).", "100 F.3d 200", "", "",
     "describing the 1987 amendments"),
    ("See People v. Smith (2011) 51 Cal.4th 1, 5 [describing rule].", "51 Cal.4th 1", "2011", "",
     "describing rule"),
    ("Mesa Operating Co. v. Cal. Union Ins. Co., 986 S.W.2d 749, 753 (Tex. App.-Dallas 1999, pet. denied)",
     "986 S.W.2d 749", "1999", "Tex. App.-Dallas", ""),
])
def test_year_comes_from_own_parenthetical(text, cite, year, court, parenthetical):
    found = next(c for c in extract_citations(text) if c.text == cite)
    assert (found.year, found.court, found.parenthetical) == (year, court, parenthetical)


@pytest.mark.parametrize("text, name", [
    ("See, e.g., Gerlich v. DOJ, 711 F.3d 161, 173 (D.C. Cir. 2013)", "Gerlich v. DOJ"),
    ("In re Estate of Parker, 25 S.W.3d 611, 616 (Mo. App. 2000)", "In re Estate of Parker"),
    ("People ex rel. Salazar v. Davidson, 79 P.3d 1221 (Colo. 2003)", "People ex rel. Salazar v. Davidson"),
    ("N.P.U., Inc. d/b/a NE Plus Ultra v. Wilson Audio Specialties, Inc., 343 F.Supp.3d 661 (W.D. Tex. 2018)",
     "N.P.U., Inc. d/b/a NE Plus Ultra v. Wilson Audio Specialties, Inc."),
    ("Lane bore the burden of proof. See Brown v. RK Hall Constr., Ltd., 500 S.W.3d 1 (Tex. 2016)",
     "Brown v. RK Hall Constr., Ltd."),
    ("See People v. Smith (2011) 51 Cal.4th 1, 5 [describing rule].", "People v. Smith"),
    ("The Court decided Alice Corp. v. CLS Bank International, 573 U.S. 208 (2014).",
     "Alice Corp. v. CLS Bank International"),
])
def test_case_names(text, name):
    assert one(text, "case").case_name == name


# --- resolution --------------------------------------------------------------

_FILLER = "The parties dispute the standard of review on appeal here. " * 8


def test_id_supra_short_resolved_across_pieces():
    text = (f"{_FILLER}\nNieves v. State, 16 N.Y.3d 272, 945 N.E.2d 484 (2011).\n{_FILLER}\n"
            f"Id. at 486.\n{_FILLER}\nNieves, supra, at 280.\n{_FILLER}\nSee 16 N.Y.3d at 281.\n"
            f"{_FILLER}\nSmith v. Jones, 100 F.3d 200 (2d Cir. 1990).\n{_FILLER}\nJones at 207.")
    assert len(split_pieces(normalize(text).text, 600)) > 5
    found = extract_citations(text, chunk_size=600)
    by_text = {c.text: c for c in found}
    kinds = {c.kind: c for c in found}
    ny, ne, f3d = by_text["16 N.Y.3d 272"], by_text["945 N.E.2d 484"], by_text["100 F.3d 200"]
    assert kinds["id"].antecedent == ne.index  # pin 486 lies in the N.E.2d report
    assert kinds["supra"].antecedent == ny.index
    assert kinds["short_case"].antecedent == ny.index
    assert kinds["reference"].antecedent == f3d.index
    assert found == extract_citations(text)  # same answer with one piece


@pytest.mark.parametrize("text, antecedent_text", [
    ("Fed. R. Civ. P. 12(b)(6). Id.", "Fed. R. Civ. P. 12(b)(6)"),
    ("42 U.S.C. 1983. Id.", "42 U.S.C. 1983"),
    ("17 U.S.C. § 107. Id. § 108.", "17 U.S.C. § 107"),
    ("Smith v. Jones, 33 Umbrella 422 (2001). Smith, supra, at 425.", "33 Umbrella 422"),
])
def test_short_forms_after_added_citations(text, antecedent_text):
    found = extract_citations(text)
    short = found[-1]
    assert found[short.antecedent].text == antecedent_text


def test_id_section_pin():
    assert one("17 U.S.C. § 107. Id. § 108(a).", "id").pin_cite == "§ 108(a)"


def test_id_with_impossible_pin_is_unresolved():
    assert one("Smith v. Jones, 100 F.3d 200 (1990). Id. at 900.", "id").antecedent is None


# --- quotes --------------------------------------------------------------------

@pytest.mark.parametrize("text, cite, quote", [
    ('The court held that "fair use is a defense." Smith v. Jones, 100 F.3d 200, 205 (2d Cir. 1990).',
     "100 F.3d 200", "fair use is a defense."),
    ('Courts must "look to the whole record" (emphasis added). Id. at 5.', "Id.", "look to the whole record"),
    ('The Court in Smith, 100 F.3d at 205, explained that "the rule is settled law" here.',
     "100 F.3d at 205", "the rule is settled law"),
])
def test_quote_attached(text, cite, quote):
    found = next(c for c in extract_citations(text) if c.text == cite)
    assert found.quote == quote
    assert text[found.quote_start:found.quote_end] == quote


def test_quote_in_parenthetical_not_given_to_next_citation():
    text = ('Smith v. Jones, 100 F.3d 200 (2d Cir. 1990) (holding "the rule is settled law"). '
            'Doe v. Roe, 50 F.2d 10 (1980).')
    # the parenthetical's quotation is the citation's own (issue 12), never the next one's
    assert [c.quote for c in extract_citations(text)] == ["the rule is settled law", ""]


def test_quote_of_a_different_sentence_is_not_attached():
    text = '"The rule is settled law," the dissent said. The majority disagreed entirely with it. Doe v. Roe, 50 F.2d 10.'
    assert one(text).quote == ""


def test_curly_quotes_pair_despite_a_stray_mark():
    text = 'It rained 12" that day. The court held \u201cthis is the rule here.\u201d Smith v. Jones, 100 F.3d 200.'
    assert one(text).quote == "this is the rule here."


@pytest.mark.parametrize("text, canonical", [
    ("Nieves v. State, 16 N.Y.3d 272 (2011)", "16 N.Y.3d 272"),
    ("D.G. v. K.S., 444 N.J.Super. 423 (Ch. Div. 2015)", "444 N.J. Super. 423"),
    ("17 U.S.C. 107", "17 U.S.C. § 107"),
    ("Cal. Penal Code § 187", "Cal. Penal Code § 187"),
    ("90 Stat. 2541", "90 Stat. 2541"),
    ("80 Fed. Reg. 100", "80 Fed. Reg. 100"),
    ("Fed. R. Evid. 702", "Fed. R. Evid. 702"),
    ("U.S. Const. amend. XIV", "U.S. Const. amend. XIV"),
])
def test_canonical_citation(text, canonical):
    assert one(text).citation == canonical


# --- normalisation and offsets --------------------------------------------------

@pytest.mark.parametrize("text, expected_citations", [
    ("See Smith v.\nJones, 16 N.Y.3d\n272, 945\u00a0N.E.2d 484 (2011).", ["16 N.Y.3d 272", "945 N.E.2d 484"]),
    ("17 U.S.C.\u202f§\u202f107; 42 U.S.C. S 1983", ["17 U.S.C. § 107", "42 U.S.C. § 1983"]),
    ("Smith v. Jones, 100 F.3d 200, 205\u2013\n06 (2d Cir. 1990)", ["100 F.3d 200"]),
    ("In D.G. v. K.S., 444 N.J. Su-\nper. 423 (Ch. Div. 2015)", ["444 N.J. Super. 423"]),
    ("Peterson v. Lee, 300 F. Supp. 3d --- (N.D. Cal. 2024)", ["300 F. Supp. 3d ___"]),
])
def test_offsets_point_into_original(text, expected_citations):
    found = extract_citations(text)
    assert [c.text for c in found] == [text[c.start:c.end] for c in found]
    assert [normalize(c.text).text for c in found] == expected_citations


def test_quote_offsets_with_curly_quotes():
    text = "The Court said \u201cthis is the\u00a0rule of decision.\u201d Smith v. Jones, 100 F.3d 200 (1990)."
    cite = one(text)
    assert cite.quote == "this is the rule of decision."
    assert text[cite.quote_start:cite.quote_end] == "this is the\u00a0rule of decision."


@pytest.mark.parametrize("original", [
    "Super-\nior Court, 42 U.S.C. Sec. 1983 and \u201cquoted\u201d text\u00ad here.\n\n  Next  para",
    "a\u200bb  c\t\td\n e",
])
def test_normalize_offset_map(original):
    norm = normalize(original)
    for m in re.finditer(r"\S+", norm.text):
        start, end = norm.offsets.span(m.start(), m.end())
        assert 0 <= start <= end <= len(original)
        if "§" not in m.group():  # "Sec." becomes "§" only after a code name
            assert normalize(original[start:end]).text == m.group()


# --- real text -------------------------------------------------------------------

def test_fisher_excerpt():
    text = (BRIEFS / "fisher_2013_excerpt.txt").read_text(encoding="utf-8")
    found = extract_citations(text)
    assert all(text[c.start:c.end] == c.text for c in found)
    by_pin = {(c.kind, c.pin_cite): c for c in found}
    bakke = next(c for c in found if squash(c.text) == "438 U. S. 265")
    grutter = next(c for c in found if squash(c.text) == "539 U. S. 306")
    assert by_pin[("id", "287")].antecedent == bakke.index
    assert by_pin[("id", "325")].antecedent == grutter.index
    assert by_pin[("short_case", "334")].antecedent == grutter.index
    assert by_pin[("short_case", "305")].case_name == "Bakke"
    richmond = next(c for c in found if c.case_name == "Richmond v. J. A. Croson Co.")
    assert (richmond.year, richmond.pin_cite) == ("1989", "505")
    assert richmond.quote.startswith("'[B]ecause racial characteristics")
    assert richmond.parenthetical.startswith("quoting Fullilove v. Klutznick")


def test_ocr_excerpt():
    text = (BRIEFS / "ocr_motion_excerpt.txt").read_text(encoding="utf-8")
    found = extract_citations(text)
    assert all(text[c.start:c.end] == c.text for c in found)
    assert sum(c.kind == "case" for c in found) >= 5
    assert not [c for c in found if c.kind == "unknown_reporter"]


# --- eyecite speed-ups keep eyecite's answers ---------------------------------------

def test_window_tokenizer_matches_eyecite_tokenizer():
    from eyecite.tokenizers import default_tokenizer

    from research.citations.extract.engine import engine

    text = normalize((BRIEFS / "fisher_2013_excerpt.txt").read_text(encoding="utf-8")).text
    text += " " + normalize((BRIEFS / "ocr_motion_excerpt.txt").read_text(encoding="utf-8")).text
    assert engine().tokenizer.tokenize(text) == default_tokenizer.tokenize(text)


@pytest.mark.parametrize("paren", ["2d Cir.", "S.D.N.Y.", "Mo. App.", "D. Mass.", "Cal. Ct. App.", "WDPa", "Tex.", ""])
def test_cached_court_lookup_matches_eyecite(paren):
    from research.citations.extract.engine import EYECITE_COURT_BY_PAREN, engine

    assert engine().court_by_paren(paren) == EYECITE_COURT_BY_PAREN(paren)


# --- hygiene -----------------------------------------------------------------------

def test_no_eyecite_warnings_leak(caplog):
    text = "Griswold v. Connecticut, 381 U.S. 479 (1965). Id. at 495. Griswold, 381 U.S. at 485."
    with caplog.at_level(logging.DEBUG):
        found = extract_citations(text)
    assert [c.kind for c in found] == ["case", "id", "short_case"]
    assert not [r for r in caplog.records if "overlap" in r.getMessage()]


def test_other_eyecite_logging_untouched():
    extract_citations("Roe v. Wade, 410 U.S. 113 (1973).")
    assert logging.getLogger("eyecite").filters == []
    assert logging.getLogger().filters == []


def test_checking_does_not_import_torch_and_import_is_lazy():
    code = ("import sys, research.citations.extract.pipeline as e\n"
            "lazy = 'eyecite' not in sys.modules\n"
            "e.extract_citations('Roe v. Wade, 410 U.S. 113 (1973). 17 U.S.C. 107.')\n"
            "print(lazy, 'torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "False"]


@pytest.mark.parametrize("text", ["", "   \n\n ", "No citations here at all."])
def test_empty_and_citation_free_text(text):
    assert extract_citations(text) == []
