"""Citation validation (research.citations.validate.pipeline and friends) on real library text.

The library here is built from corpora/ (tests/support/library.py): Bleecker St.
Tenants Corp. v. Bleeker Jones LLC, 16 N.Y.3d 272, 945 N.E.2d 484, 920
N.Y.S.2d 291 (2011); D.G. v. K.S., 444 N.J. Super. 423 (Ch. Div. 2015); People
v. Naranjo, 200 Colo. 11 (1980); Commonwealth v. Furr, 454 Mass. 101 (2009);
two 1 B.T.A. 15 cases; US Code titles 9 and 17 (2013), part of title 42
(2023), 27 C.F.R. parts 400-499 (2018). The briefs in tests/assets/briefs/check_*.txt
quote those opinions, with one planted fault each.
"""
from __future__ import annotations

import subprocess
import sys

import pytest

from research.citations.extract.pipeline import extract_citations
from research.citations.validate.pipeline import check_citations, check_text
from research.citations.validate.common import Finding
from research.citations.validate.names import names_match
from research.citations.validate.quotes import find_quote, fold, pin_ranges
from research.citations.validate.reporters import date_problem, is_known
from research.types import PROBLEM_CODES
from support.paths import BRIEFS, brief


def by_text(report, text: str, nth: int = 0):
    found = [c for c in report.citations if c.found.text == text]
    assert len(found) > nth, [c.found.text for c in report.citations]
    return found[nth]


# --- one brief per problem code ----------------------------------------------

@pytest.mark.parametrize("code, cited, problems, status, says", [
    ("not_in_library", "539 U.S. 244", {"not_in_library"}, "unverified",
     ["does not hold 539 U.S. 244", "known reporter"]),
    ("unknown_reporter", "33 Umbrella 422", {"unknown_reporter"}, "invalid", ["\u201cUmbrella\u201d"]),
    ("reporter_date_mismatch", "500 F.2d 100", {"reporter_date_mismatch", "not_in_library"}, "invalid",
     ["F.2d ran from 1924 to 1993", "dates this case 2019"]),
    ("page_inside_other_case", "16 N.Y.3d 280", {"page_inside_other_case"}, "invalid",
     ["Bleecker St. Tenants Corp. v. Bleeker Jones LLC", "page 272 to 288", "Varghese"]),
    ("case_name_mismatch", "444 N.J. Super. 423", {"case_name_mismatch"}, "warning",
     ["The library has 444 N.J. Super. 423 as D.G. v. K.S. (2015); the brief names it Smith v. Jones."]),
    ("year_mismatch", "454 Mass. 101", {"year_mismatch"}, "warning", ["to 2009 (decided 2009-06-12)", "gives 2007"]),
    ("pin_cite_out_of_range", "444 N.J. Super. 423", {"pin_cite_out_of_range"}, "warning",
     ["pin cite 470", "page 423 to 469"]),
    ("quote_not_found", "16 N.Y.3d 272", {"quote_not_found"}, "warning",
     ["does leave open this possibility", "not in Bleecker"]),
    ("quote_on_other_page", "16 N.Y.3d 272", {"quote_on_other_page"}, "warning",
     ["on page 275 of 16 N.Y.3d", "pin-cited page 280"]),
    ("quote_misattributed", "444 N.J. Super. 423", {"quote_misattributed"}, "warning",
     ["not in D.G. v. K.S.", "appears in Commonwealth v. Furr, 454 Mass. 101 (2009), at page 102"]),
    ("statute_section_not_found", "17 U.S.C. \u00a7 9999", {"statute_section_not_found"}, "invalid",
     ["no \u00a7 9999", "release point 113-31"]),
    ("unresolved_reference", "Id.", {"unresolved_reference"}, "warning", ["does not refer to any earlier"]),
    ("unchecked_reference", "Id.", {"unchecked_reference"}, "unverified",
     ["Refers to J.A. 45 (the joint appendix)", "record of the case", "not checked"]),
])
def test_each_problem_code(check_store, code, cited, problems, status, says):
    report = check_text(brief(f"check_{code}.txt"), store=check_store)
    item = by_text(report, cited)
    assert set(item.problems) == problems
    assert item.status == status == max((PROBLEM_CODES[p] for p in problems),
                                         key=["unverified", "warning", "invalid"].index)
    assert len(item.messages) == len(item.problems)
    for phrase in says:
        assert any(phrase in m for m in item.messages), item.messages
    assert [c.status for c in report.citations if c is not item] == ["verified"] * (len(report.citations) - 1)


def test_every_problem_code_has_a_brief():
    codes = {path.stem[len("check_"):] for path in BRIEFS.glob("check_*.txt")}
    assert set(PROBLEM_CODES) <= codes


def test_fully_verified_brief(check_store):
    report = check_text(brief("check_verified.txt"), store=check_store)
    assert [c.found.text for c in report.citations] == [
        "16 N.Y.3d 272", "945 N.E.2d 484", "Id.", "supra", "444 N.J. Super. 423", "200 Colo. 11",
        "612 P.2d 1106", "200 Colo. at 15", "454 Mass. 101", "17 U.S.C. \u00a7 107", "9 U.S.C. \u00a7 4",
        "27 C.F.R. \u00a7 447.31"]
    assert report.summary == {"verified": 12, "warning": 0, "unverified": 0, "invalid": 0}
    assert all(c.authority is not None and c.authority.source == "library" for c in report.citations)
    statute = by_text(report, "17 U.S.C. \u00a7 107")
    assert statute.authority.doc_id == "usc/17/107"
    assert statute.notes == ("Checked against U.S. Code, release point 113-31 (July 2013); "
                             "the law may have changed since.",)
    assert by_text(report, "Id.").authority.doc_id == "op/16-ny3d-272"


@pytest.mark.parametrize("nth, cited, status, problems", [
    (0, "16 N.Y.3d 272", "verified", ()),
    (0, "945 N.E.2d 484", "verified", ()),              # quote on 487, pin 487 in the N.E.2d pages
    (0, "920 N.Y.S.2d 291", "verified", ()),
    (1, "16 N.Y.3d 272", "verified", ()),
    (1, "945 N.E.2d 484", "warning", ("quote_on_other_page",)),  # same quote, pin 490
    (2, "16 N.Y.3d 272", "verified", ()),               # eyecite's "945" pin is the parallel's volume
    (0, "945 N.E.2d 486", "invalid", ("page_inside_other_case",)),
])
def test_parallel_citations(check_store, nth, cited, status, problems):
    item = by_text(check_text(brief("check_parallel.txt"), store=check_store), cited, nth)
    assert (item.status, item.problems) == (status, problems)
    assert item.authority is not None and item.authority.doc_id == "op/16-ny3d-272"


def test_parallel_wrong_first_page_names_the_case(check_store):
    item = by_text(check_text(brief("check_parallel.txt"), store=check_store), "945 N.E.2d 486")
    assert "seems to mean that case but gives the wrong first page (484)" in item.messages[0]


@pytest.mark.parametrize("nth, cited, pin, status, problems, doc_id", [
    (0, "Id.", "275", "verified", (), "op/16-ny3d-272"),
    (1, "Id.", "276", "verified", (), "op/16-ny3d-272"),
    (2, "Id.", "299", "warning", ("pin_cite_out_of_range",), "op/16-ny3d-272"),
    (3, "Id.", "435", "verified", (), "op/444-njsuper-423"),     # quotes "tri-parent relationship"
    (0, "supra", "278", "verified", (), "op/16-ny3d-272"),       # quotes from page 278
    (0, "945 N.E.2d at 487", "487", "verified", (), "op/16-ny3d-272"),
    (4, "Id.", "\u00a7 108", "verified", (), "usc/17/108"),
    (0, "id.", "\u00a7 9998", "invalid", ("statute_section_not_found",), None),
])
def test_id_and_supra_chains(check_store, nth, cited, pin, status, problems, doc_id):
    item = by_text(check_text(brief("check_chains.txt"), store=check_store), cited, nth)
    assert item.found.pin_cite == pin
    assert (item.status, item.problems) == (status, problems)
    assert (item.authority.doc_id if item.authority else None) == doc_id


def test_short_form_inherits_doubt_about_its_antecedent(check_store):
    report = check_text("Smith v. Jones, 33 Umbrella 422 (2010). Id. at 425.", store=check_store)
    assert [(c.found.text, c.status) for c in report.citations] == [
        ("33 Umbrella 422", "invalid"), ("Id.", "invalid")]
    assert report.citations[1].messages[0].startswith("Refers to 33 Umbrella 422.")


# --- statutes, rules, constitutions ------------------------------------------------

@pytest.mark.parametrize("text, status, problems, says", [
    ("9 U.S.C. \u00a7 4", "verified", (), "release point 113-31"),
    ("17 U.S.C. \u00a7\u00a7 106-107", "verified", (), "release point 113-31"),
    ("27 C.F.R. \u00a7 447.31", "verified", (), "2018 edition"),
    ("42 U.S.C. \u00a7 1983", "verified", (), "April 2023"),
    ("17 U.S.C. \u00a7 123", "invalid", ("statute_section_not_found",), "holds the whole title"),
    ("27 C.F.R. \u00a7 447.99", "invalid", ("statute_section_not_found",), "holds part 447"),
    ("42 U.S.C. \u00a7 1395", "unverified", ("not_in_library",), "holds only part of 42 U.S.C."),
    ("27 C.F.R. \u00a7 9.1", "unverified", ("not_in_library",), "holds only part of 27 C.F.R."),
    ("26 U.S.C. \u00a7 501", "unverified", ("not_in_library",), "does not hold title 26"),
    ("Cal. Penal Code \u00a7 187", "unverified", ("not_in_library",), "does not hold Cal. Penal Code"),
    ("Fed. R. Civ. P. 12(b)(6)", "unverified", ("not_in_library",), "court rules (Fed. R. Civ. P.)"),
    ("U.S. Const. amend. XIV, \u00a7 1", "unverified", ("not_in_library",), "constitutions"),
])
def test_statutes_and_rules(check_store, text, status, problems, says):
    (item,) = check_text(f"See {text}.", store=check_store).citations
    assert (item.status, item.problems) == (status, problems)
    assert says in " ".join(item.messages + item.notes)


# --- the parts, on their own -----------------------------------------------------

@pytest.mark.parametrize("cited, real, same", [
    ("Bleecker St. Tenants", "Bleecker St. Tenants Corp. v. Bleeker Jones LLC", True),
    ("Bleecker Street Tenants Corp. v. Bleeker Jones, L.L.C.", "Bleecker St. Tenants Corp. v. Bleeker Jones LLC", True),
    ("D. G. v. K. S.", "D.G. v. K.S.", True),
    ("Dep\u2019t of Human Res. v. Johnson", "Department of Human Resources v. Johnson", True),
    ("Wester v. Mo. Dep't of Labor & Indus. Relations",
     "Wester v. Missouri Department of Labor & Industrial Relations", True),
    ("Attorney Grievance Commission v. Zhang", "Attorney Grievance Comm'n of Md. v. Zhang", True),
    ("Nat'l Ass'n of Mfrs. v. Dep't of Def.", "National Association of Manufacturers v. Department of Defense", True),
    ("State v. Hatcher", "The State v. Hatcher", True),
    ("In re A.V.", "People v. A.V. (In re A.V.)", True),
    ("Gratz v. Bollinger et al.", "Gratz v. Bollinger", True),
    ("People v. Sammy Naranjo", "People v. Naranjo", True),
    ("Baures, supra", "Baures v. Lewis", True),
    ("(See People v. E.M.", "People v. E.M.", True),
    ("65 Allergan W.C.", "Fortis Advisors LLC v. Allergan W.C. Hldg. Inc.", True),
    ("Smith v. Jones", "D.G. v. K.S.", False),
    ("People v. Smith", "People v. Naranjo", False),
    ("Commonwealth v. Furr", "Commonwealth v. Brown", False),
    ("Madison Teachers v. Walker", "Madison Teachers, Inc. v. Scott", False),
    ("Varghese v. China Southern Airlines Co.", "Smith v. China Southern Airlines Co.", False),
    ("United States v. Smith", "United States v. Jones", False),
])
def test_names_match(cited, real, same):
    assert names_match(cited, real) is same


@pytest.mark.parametrize("text", [
    "Under N.J.S.A. 2A:34-53, Baures, supra, 167 N.J. at 98, the court must.",
    "The court applied see N.J.S.A. 2A:34-53; Baures, supra, 167 N.J. at 98.",
])
def test_supra_names_from_extraction_match_the_case(text):
    """The statute before a supra is cut off by extraction, not by the name matcher."""
    from research.citations.extract.pipeline import extract_citations

    supra = [c for c in extract_citations(text) if c.kind in ("supra", "short_case")]
    assert supra and all(names_match(c.case_name, "Baures v. Lewis") for c in supra)


@pytest.mark.parametrize("quote, found", [
    ("But our holding does not leave open this possibility", True),
    ("[b]ut our holding does not leave open this possibility", True),           # changed first letter
    ("our  holding\ndoes not leave open this pos-\nsibility", True),            # whitespace, hyphenation
    ("\u201c[O]ur holding does not leave open this possibility . . . an option exercisable by a former "
     "tenant no longer in possession is not a renewal option\u201d", True),    # ellipsis
    ("our holding does not leave open this possibility\u2026 [it] is an option to enter into a new lease", True),
    ("a \u2018prohibition against remote vesting\u2019", True),                # typographic quotes
    ("But our holding does leave open this possibility", False),                # a word dropped
    ("our holding does not leave open this possibility . . . the rule against perpetuities applies", False),
])
def test_tolerant_quote_matching(check_store, quote, found):
    doc = check_store.get("op/16-ny3d-272")
    assert bool(find_quote(quote, fold(doc.text))) is found


@pytest.mark.parametrize("pin, ranges", [
    ("431-32", [(431, 432)]), ("275, 280", [(275, 275), (280, 280)]), ("*5", [(5, 5)]),
    ("431 n.3", [(431, 431)]), ("99-101", [(99, 101)]), ("(a)(1)", []), ("", []),
])
def test_pin_ranges(pin, ranges):
    assert pin_ranges(pin) == ranges


@pytest.mark.parametrize("reporter, year, problem, checked", [
    ("F.2d", "2019", True, True), ("F.2d", "1990", False, False), ("F.2d", "1910", True, True),
    ("N.Y.3d", "2003", False, False),                # its first volume holds cases from late 2003
    ("Colo.", "1980", False, False), ("Umbrella", "2010", False, False), ("U.S.", "", False, False),
    ("U.S.", "1803", False, False), ("Mass.", "1821", False, False),  # early volumes numbered retroactively
    # corrected dates (research/citations/data/reporter_dates.tsv)
    ("F. Supp.", "1995", False, False), ("F. Supp.", "1999", True, True), ("F.R.D.", "1973", False, False),
    ("Ohio St. 3d", "1985", False, False), ("Op. O.L.C.", "2007", False, False), ("F.3d", "2023", True, True),
    # reporters-db's years for series nobody checked are evidence only: a note, not invalid
    ("Colo.", "1995", True, False), ("N.Y.S.3d", "1990", False, False),
])
def test_reporter_dates(reporter, year, problem, checked):
    message, trusted = date_problem(reporter, year)
    assert (bool(message), trusted) == (problem, checked)


@pytest.mark.parametrize("reporter, known", [
    ("N.J. Super.", True), ("N.J.Super.", True), ("F. 2d", True), ("WL", True), ("Umbrella", False), ("", False)])
def test_known_reporters(reporter, known):
    assert is_known(reporter) is known


@pytest.mark.parametrize("codes, status", [
    ((), "verified"), (("not_in_library",), "unverified"), (("not_in_library", "year_mismatch"), "warning"),
    (("quote_not_found", "page_inside_other_case", "not_in_library"), "invalid"),
])
def test_worst_problem_decides(codes, status):
    finding = Finding()
    for code in codes:
        finding.add(code, f"message for {code}")
    assert finding.status == status


# --- cases sharing a page, no library, PDF pages --------------------------------------

@pytest.mark.parametrize("text, status, doc_id", [
    ("Appeal of Day, 1 B.T.A. 15 (1924).", "verified", "op/1-bta-15-appeal-of-day"),
    ("Appeal of Baron, 1 B.T.A. 15 (1924).", "verified", "op/1-bta-15-appeal-of-baron"),
    ("Appeal of Smith, 1 B.T.A. 15 (1924).", "warning", "op/1-bta-15-appeal-of-baron"),
])
def test_two_cases_on_one_page(check_store, text, status, doc_id):
    (item,) = check_text(text, store=check_store).citations
    assert (item.status, item.authority.doc_id) == (status, doc_id)
    if status == "warning":
        assert "as Appeal of Baron (1924) and Appeal of Day (1924)" in item.messages[0]


def test_a_fragmentary_text_proves_nothing_about_a_quotation(check_store):
    # The library holds only the caption and syllabus start of this opinion (1,234 characters, 12 pages).
    text = ('The Court held that "a foreign government may be sued for declaratory relief." Permanent Mission of '
            'India to the United Nations v. City of New York, 551 U.S. 193, 199 (2007).')
    (item,) = check_text(text, store=check_store).citations
    assert (item.status, item.problems) == ("verified", ())
    assert any("holds only part of the text" in note for note in item.notes)


def test_without_a_library_nothing_is_called_fake():
    report = check_text(brief("check_verified.txt"), store=None)
    assert report.summary["invalid"] == 0 and report.summary["verified"] == 0
    assert all(c.problems == ("not_in_library",) for c in report.citations if c.found.kind != "id")


def test_check_citations_matches_check_text_and_fills_pdf_pages(check_store):
    text = brief("check_verified.txt")
    direct = check_citations(text, extract_citations(text), store=check_store)
    report = check_text(text, store=check_store, file="memo.txt", page_of=lambda offset: 1 + offset // 1000)
    assert [c.status for c in direct] == [c.status for c in report.citations]
    assert report.file == "memo.txt"
    assert [c.pdf_page for c in report.citations] == [1 + c.found.start // 1000 for c in report.citations]


def test_checking_imports_nothing_heavy(tmp_path):
    script = (
        "import sys\n"
        "from research.citations.validate.pipeline import check_text\n"
        "report = check_text(open(sys.argv[1]).read(), store=None)\n"
        "heavy = [m for m in ('torch', 'faiss', 'gradio', 'llama_index', 'onnxruntime', 'sentence_transformers')"
        " if m in sys.modules]\n"
        "print(len(report.citations), heavy)\n"
    )
    path = BRIEFS / "check_verified.txt"
    out = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "12 []"
