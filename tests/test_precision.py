"""A flag must mean something is wrong (issue 12): the checker on real legal
writing. Inputs are the sentences quoted in the issue, sentences of the
shared real opinions (shipped in corpora/; quoted here with their document
id), and the brief-style texts in tests/assets/briefs/real_style/ (written
for the project). Only documents of the tuning half of
benchmarks/real_text_flags.py are used whole.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from research.citations.extract.normalize import block_quotes, normalize
from research.citations.extract.pipeline import extract_citations
from research.citations.validate.pipeline import check_text
from research.citations.validate.quotes import alterations, find_quote, fold
from research.corpus.io import read_corpus
from support.paths import BRIEFS, CORPORA

REAL_STYLE = BRIEFS / "real_style"


def cite(text: str, written: str):
    found = [c for c in extract_citations(text) if c.text == written]
    assert found, [c.text for c in extract_citations(text)]
    return found[0]


# --- sources that are not reporters ---------------------------------------------------

@pytest.mark.parametrize("text, written, kind", [
    # the examples
    ("See Levine, Implicit Bias, 39 J. Applied Soc. Psychology 1953 (2009).", "39 J. Applied Soc. Psychology 1953",
     "journal"),
    ("See Gold, Forensic Practice, 44 J. Am. Acad. Psychiatry & L. 96 (2016).", "44 J. Am. Acad. Psychiatry & L. 96",
     "journal"),
    ("Convention on the Rights of the Child, 30 I. L. M. 260 (1991).", "30 I. L. M. 260", "treaty"),
    ("Officers of the United States Within the Meaning of the Appointments Clause, 31 Op. O. L. C. 73, 77 (2007).",
     "31 Op. O. L. C. 73", "agency"),
    # cl/4151825 (Pena-Rodriguez v. Colorado): English reports
    ("This rule originated in Vaise v. Delaval, 1 T. R. 11, 99 Eng. Rep. 944 (K. B. 1785).", "1 T. R. 11",
     "foreign_case"),
    ("This rule originated in Vaise v. Delaval, 1 T. R. 11, 99 Eng. Rep. 944 (K. B. 1785).", "99 Eng. Rep. 944",
     "foreign_case"),
    # cl/4156357: a periodical cited by author and title
    ("Kaye, Tribute to Judge Guido Calabresi, 70 N. Y. U. Annual Survey Am. L. 33, 34 (2014).",
     "70 N. Y. U. Annual Survey Am. L. 33", "journal"),
    ("See Restatement (Second) of Torts § 286 (1965).", "Restatement (Second) of Torts § 286", "secondary"),
    ("the bill adopts it. H. R. Rep. No. 100-711, p. 23 (1988).", "H. R. Rep. No. 100-711, p. 23", "secondary"),
    # fabricated reporters stay unknown, with or without a periodical-looking word
    ("Smith v. Jones, 33 Umbrella 422 (2001).", "33 Umbrella 422", "unknown_reporter"),
    ("In re Marsh, 7 Imaginary L. Rep. 301 (2004).", "7 Imaginary L. Rep. 301", "unknown_reporter"),
    ("Smith v. Jones, 12 Fake J. 45 (1999).", "12 Fake J. 45", "unknown_reporter"),
])
def test_source_kinds(text, written, kind):
    assert cite(text, written).kind == kind


@pytest.mark.parametrize("text", [
    # PDF running headers are not citations ("2011 Case 2", "721 Case 2")
    "the motion was denied in 2011\nCase 2:11-cv-01234-ABC Document 56 Filed 01/02/12 Page 3 of 20\nand",
    "See id. at 721\nCase 2:11-cv-01234 Document 56 Filed 01/02/12 Page 4 of 20\n",
    "Case: 12-40605       Document: 00512089761         Page: 1     Date Filed: 12/19/2012",
    # internal cross-references are not citations (cl/4422001, cl/4164893)
    "The filing of a notice of appeal is a claim-processing rule, Part II-A, supra, meaning that",
    "As explained in Part II-B-2, supra, and n. 4, supra, the rule holds.",
    "principles of statutory interpretation require it. See supra, at 7.",
])
def test_not_citations(text):
    assert [c for c in extract_citations(text) if c.kind != "id"] == []


# --- what id. and supra refer to --------------------------------------------------------

@pytest.mark.parametrize("text, written, refers_kind, refers_to", [
    ("The agency imposed a penalty. App. to Pet. for Cert. 12a. The judge affirmed. Id., at 13a.", "Id.",
     "record", "App. to Pet. for Cert. 12a"),
    ("The penalty was $40,000. J. A. 45. Petitioner sought review. Ibid.", "Ibid.", "record", "J. A. 45"),
    ("The witness hesitated. Tr. 12. She then answered. Id. at 13.", "Id.", "record", "Tr. 12"),
    ("Plaintiff filed the complaint. ECF No. 5. It was served. Id. at 2.", "Id.", "record", "ECF No. 5"),
    ("The court so found. R. 33. Id. at 34.", "Id.", "record", "R. 33"),
    # cl/4164893 (Bank of America Corp. v. Miami): the record appendix
    ("and residents,” App.\n225; id., at 409 (similar). That unlawful conduct led", "id.", "record", "App. 225"),
    # cl/6336016: Pennsylvania notes of testimony
    ("door in. N.T., 3/11/21, at 6-8. Complainant testified that he called. Id. at 8-13.", "Id.", "record",
     "N.T., 3/11/21, at 6-8"),
    # California record cites with a volume
    ("She could not see his face. (2 RT 301-303.) (Id. at p. 305.)", "Id.", "record", "2 RT 301-303"),
    # a record form defined in brackets
    ("on hearsay grounds. Notes of Testimony (N.T.), 11/28/18, at 4. In support of his motion, counsel "
     "argued so. Id. at 4-5.", "Id.", "record", "Notes of Testimony (N.T.), 11/28/18, at 4"),
    ("See ante, at 15. The Court says so. Ibid.", "Ibid.", "opinion", "ante, at 15"),
    ("(hereinafter \"Mem. Op.\"). IFIC mounted its own defense. Id. at 5.", "Id.", "named",
     '(hereinafter "Mem. Op.")'),
    ("Stillman, Taken, The New Yorker, Aug. 12 & 19, 2013, pp. 54-56. In one case. Id., at 49.", "Id.", "", ""),
    ("Id. at 5. The remaining claims fail.", "Id.", "nothing", ""),
    ("Smith v. Jones, 1 U.S. 1 (1990). Id. at 900.", "Id.", "nofit", "1 U.S. 1"),
    ("Nobody, supra, at 5.", "supra", "nothing", "Nobody"),
    # a supra's name written earlier as a whole word (a book, an article), not inside a longer word
    ("The treatise by Shafer explains the rule. Shafer, supra, at 5.", "supra", "named", "Shafer"),
    ("Shaferson explained the rule. Shafer, supra, at 5.", "supra", "nothing", "Shafer"),
    ("As (Shafer) explains, the rule holds. Shafer, supra, at 5.", "supra", "named", "Shafer"),
])
def test_reference_antecedents(text, written, refers_kind, refers_to):
    found = cite(text, written)
    assert (found.refers_kind, found.refers_to) == (refers_kind, refers_to)


@pytest.mark.parametrize("text, written, antecedent", [
    # cl/4164893: "(quoting § 2000e-5(b))" inside an id.'s parenthetical is not the next id.'s antecedent
    ("Thompson v. North American Stainless, LP, 562 U. S. 170 (2011). Id., at 173 (quoting §2000e–5(b)). "
     "We unanimously concluded so. Id., at 175–178.", "Id.", "562 U. S. 170"),
    # cl/4180002 style: the parallel short form after an id. follows the id.
    ("Commonwealth v. Kuykendall, 2 A.3d 559 (Pa. Super. 2010). It held so. Id. at 565, 128 A.3d at 779.",
     "128 A.3d at 779", "2 A.3d 559"),
    # a slip opinion: "Id., at ___" fits a blank page
    ("Lexmark Int'l, Inc. v. Static Control Components, Inc., 572 U. S. ___, ___ (2014) (slip op., at 7). "
     "Lexmark, 572 U. S., at ___. Id., at ___ (slip op., at 10).", "Id.", "572 U. S. ___"),
    ("See L. Shafer, Injunctions 12 (2d ed. 1990). Id. at 14.", "Id.", "L. Shafer, Injunctions 12 (2d ed. 1990)"),
    ("West v. United States, 100 A.3d 1076 (2014). Wester v. Missouri, 134 S.W.3d 757 (2004). West, supra, at 1086.",
     "supra", "100 A.3d 1076"),
])
def test_reference_resolution(text, written, antecedent):
    found = extract_citations(text)
    ref = next(c for c in found if c.text == written)
    assert ref.antecedent is not None and found[ref.antecedent].text == antecedent


# --- case names ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, written, name", [
    # cl/4168363 syllabus: "Pp. 9-10." then the judgment below
    ("whether it adheres to its prior reading. Pp. 9–10.\n478 S. W. 3d 306, reversed in part.", "478 S. W. 3d 306", ""),
    # cl/4151829: sentence text before the name
    ("purposes of the Rehabilitation Act. In Smith v. Robinson, 468 U. S. 992 (1984), the Court held",
     "468 U. S. 992", "Smith v. Robinson"),
    ("U.S. Const. amend. VI.    In Crawford v. Washington, 541 U.S. 36, 53-54 (2004),", "541 U.S. 36",
     "Crawford v. Washington"),
    ("See Ex parte Young, 209 U.S. 123 (1908).", "209 U.S. 123", "Ex parte Young"),
    ("See In re Gault, 387 U.S. 1 (1967).", "387 U.S. 1", "In re Gault"),
    ("See United States ex rel. Kessinger v. Smith, 100 F.3d 5 (1990).", "100 F.3d 5",
     "United States ex rel. Kessinger v. Smith"),
    ("The cases agree. In re Gilead Scis. Sec. Litig., 536 F.3d 1049, 1055 (9th Cir. 2008).", "536 F.3d 1049",
     "In re Gilead Scis. Sec. Litig."),
    ("As the court held in People v. A.V. (In re A.V.), 11 Cal. App. 5th 697 (2017).", "11 Cal. App. 5th 697",
     "People v. A.V. (In re A.V.)"),
    ("ofthe Texas Code of Criminal Procedure Ex-Parte 418 SW 2d 824 826, Texas Criminal Appeals 1967.",
     "418 SW 2d 824", ""),
])
def test_case_names(text, written, name):
    assert cite(text, written).case_name == name


# --- statutes --------------------------------------------------------------------------------

@pytest.mark.parametrize("text, written, sections", [
    ("and the Racketeer Influenced and Corrupt Organizations Act, 18 U.S.C. §§ 1961-68.",
     "18 U.S.C. §§ 1961-68", ("1961", "1968")),
    ("See 42 U.S.C. §§ 12131-12165.", "42 U.S.C. §§ 12131-12165", ("12131", "12165")),
    ("Defendants removed the action under 28 U.S.C. § 1441.2 Plaintiff did not move to remand.",
     "28 U.S.C. § 1441", ("1441",)),
    ("See 27 C.F.R. § 447.31.", "27 C.F.R. § 447.31", ("447.31",)),
    ("See 42 U.S.C. § 2000e-2.", "42 U.S.C. § 2000e-2", ("2000e-2",)),
])
def test_statute_forms(text, written, sections):
    assert cite(text, written).sections == sections


def test_pleading_paper_and_page_headers():
    """Margin line numbers, running headers, a title number and a reporter
    split over line breaks (tests/assets/briefs/real_style/district_motion.txt)."""
    text = (REAL_STYLE / "district_motion.txt").read_text(encoding="utf-8")
    found = extract_citations(text)
    assert any(c.volume == "28" and c.page == "1441" and c.sections == ("1441",) for c in found)
    hernandez = next(c for c in found if c.page == "959")
    assert (hernandez.reporter, hernandez.case_name) == ("F. Supp. 3d", "Hernandez v. City of San Jose")
    assert not [c for c in found if c.kind == "unknown_reporter"]
    assert all(text[c.start:c.end] == c.text for c in found)


@pytest.mark.parametrize("original, normalized", [
    ("1  foo under 28\n2  U.S.C. § 1915A.\n3  bar\n4  baz\n5  qux\n6  a\n7  b\n8  c\n9  d\n10 e\n11 f",
     " foo under 28 U.S.C. § 1915A. bar baz qux a b c d e f"),
    ("Foo bar.\n\nJ-A22036-21\n\nShafer, supra at 266.\n\n- 17 -\n\nJ-A22036-21\n\nmore\n\nJ-A22036-21\n\nend",
     "Foo bar.\nShafer, supra at 266.\n- 17 -\nmore\nend"),
])
def test_layout_is_not_text(original, normalized):
    assert normalize(original).text == normalized


# --- slip opinions -----------------------------------------------------------------------------

@pytest.mark.parametrize("text, status, problems", [
    # the directory's row was read from another opinion: a different year or a partly different name is a note
    ("Bd. of Governors of the Fed. Reserve Sys., 463 F.3d 239 (2d Cir. 2006).", "verified", ()),
    ("Inner City Press v. Fed. Reserve, 463 F.3d 239 (2d Cir. 2007).", "verified", ()),
    # a name with nothing in common is still a warning: a real citation given a made-up name
    ("Smith v. Jones, 463 F.3d 239 (2d Cir. 2006).", "warning", ("case_name_mismatch",)),
])
def test_machine_read_directory_rows_are_evidence(check_store, tmp_path, text, status, problems):
    from research.citations.directory.table import CITED_IN, Directory, insert_rows
    from research.types import DirectoryRow

    directory = Directory(tmp_path / "directory.sqlite3")
    row = DirectoryRow("463 F.3d 239", "463", "F.3d", "239", "Inner City Press/Community on the Move v. Fed. Reserve",
                       "ca2", "2006", source=f"{CITED_IN}Some opinion (2018), cl/1")
    with directory.transaction() as conn:
        insert_rows(conn, [row], "test")
    (item,) = check_text(text, store=check_store, directory=directory).citations
    assert (item.status, item.problems) == (status, problems)


def test_blank_page_names_match_strictly(check_store, tmp_path):
    """"Luna, 577 U. S. ___ (2015)" (cl/4162535) is not Montgomery v. Louisiana."""
    from research.citations.directory.table import Directory, insert_rows
    from research.types import DirectoryRow

    directory = Directory(tmp_path / "directory.sqlite3")
    with directory.transaction() as conn:
        insert_rows(conn, [DirectoryRow("577 U.S. ___", "577", "U.S.", "", "Montgomery v. Louisiana", "scotus",
                                        "2016")], "test")
    text = "disputes.\nLuna, 577 U. S. ___ (2015) (per curiam)."
    (item,) = check_text(text, store=check_store, directory=directory).citations
    assert (item.status, item.problems) == ("unverified", ("not_in_library",))


def test_blank_page_cite_is_checked_by_name_only(check_store, tmp_path):
    """"United States v. Castleman, 572 U. S. ___" is never matched to
    another case the directory knows in 572 U. S."""
    from research.citations.directory.table import Directory, insert_rows
    from research.types import DirectoryRow

    directory = Directory(tmp_path / "directory.sqlite3")
    rows = [DirectoryRow("572 U.S. ___", "572", "U.S.", "", "Petrella v. Metro-Goldwyn-Mayer, Inc.", "scotus", "2014"),
            DirectoryRow("572 U.S. ___", "572", "U.S.", "", "United States v. Castleman", "scotus", "2014")]
    with directory.transaction() as conn:
        insert_rows(conn, rows, "test")
    text = ("United States v. Castleman, 572 U. S. ___ (2014). Petrella v. Metro-Goldwyn-Mayer, Inc., 572 U. S. "
            "___ (2013). Hall v. Florida, 572 U. S. ___ (2014).")
    report = check_text(text, store=check_store, directory=directory)
    assert [(c.status, c.problems) for c in report.citations] == [
        ("verified", ()), ("warning", ("year_mismatch",)), ("unverified", ("not_in_library",))]
    assert report.citations[0].authority.name == "United States v. Castleman"
    assert "checked only by name and year" in report.citations[2].messages[0]


@pytest.mark.parametrize("text, year, pin", [
    ("Lexmark Int'l, Inc. v. Static Control Components, Inc., 572 U. S. ___, ___ (2014) (slip op., at 7).",
     "2014", "___"),
    ("Elonis v. United States, 575 U. S. ___, ___–___ (2015) (slip op., at 9–13).", "2015", "___-___"),
    ("Arthur v. Dunn, 580 U. S. ____ (2017).", "2017", ""),
])
def test_slip_opinion_forms(text, year, pin):
    (found,) = [c for c in extract_citations(text) if c.kind == "case"]
    assert (found.page, found.year, found.pin_cite) == ("", year, pin)


# --- quotations as lawyers quote ------------------------------------------------------------

SOURCE = ("The Court has long held that the rule applies. We have stated this as the established doctrine "
          "of this court. Nor do the drafts seem to have had any relation to anything due on these "
          "contracts.3 The statute reaches a carrier that knowingly violates the rules with 13 respect "
          "to prison conditions and [4] nothing more.")


@pytest.mark.parametrize("quote, allowed", [
    ("[t]he rule applies", ("bracketed alterations ([t]he)",)),
    ("[T]he rule applies", ("bracketed alterations ([t]he)", "changed capitalization")),
    ("the Court has long held", ("changed capitalization",)),
    ("We have stated this . . . doctrine of this court", ("omissions (ellipses)",)),
    ("We have stated this.... doctrine of this court", ("omissions (ellipses)",)),
    ("the established doctrine of [the] court", ("bracketed insertions",)),
    ("We have stated [sic] this as the established doctrine", ("[sic]",)),
    ("any relation to anything due on these contracts. The statute", ()),
    ("knowingly violates the rules with respect to prison conditions", ()),
    ("to prison conditions and nothing more", ("footnote markers in the source",)),
])
def test_quotation_alterations(quote, allowed):
    spans = find_quote(quote, fold(SOURCE)) or find_quote(quote, fold(SOURCE, letters=True))
    assert spans, quote
    loose = not find_quote(quote, fold(SOURCE))
    found = alterations(quote, SOURCE[spans[0][0]:spans[0][1]], loose=loose)
    assert set(allowed) <= set(found)


STATUTE = ("A district court of three judges shall be convened when an action is filed challenging the "
           "constitutionality of the apportionment of any statewide legislative body. Whoever knowingly executes, "
           "or attempts to execute, a scheme or artifice to defraud a financial institution.")


@pytest.mark.parametrize("quote", [
    # a bracket glued to a word replaces some of its letters (cl/4151827, cl/4106441 style)
    "challeng[ed] the constitutionality of . . . the apportionment of [a] statewide legislative body",
    "knowingly execut[e] a scheme . . . to defraud a financial institution.",
    "[t]he constitutionality of the apportionment",
])
def test_glued_brackets_replace_letters(quote):
    assert find_quote(quote, fold(STATUTE))


@pytest.mark.parametrize("quote", [
    "We have stated this as the established doctrine of this circuit",   # a changed word
    "knowingly violates the rules with 30 respect",                      # a number must match
])
def test_misquotations_still_fail(quote):
    assert not find_quote(quote, fold(SOURCE)) and not find_quote(quote, fold(SOURCE, letters=True))


def test_block_quotation_found():
    text = ("The court explained:\n\n        [T]he lessee then had 60 days to exercise such\n"
            "        renewal option.\n\nBleecker St. Tenants Corp. v. Bleeker Jones LLC, 16 N.Y.3d 272, 278 (2011).")
    (start, end), = block_quotes(text)
    assert text[start:end].startswith("[T]he lessee") and text[start:end].endswith("option.")
    assert cite(text, "16 N.Y.3d 272").quote.startswith("[T]he lessee then had 60 days")


@pytest.mark.parametrize("text, status, problems", [
    # the quotation in the citation's own parenthetical is checked, on its page
    ('See Bleecker St. Tenants Corp. v. Bleeker Jones LLC, 16 N.Y.3d 272, 280 (2011) (explaining that '
     '"[t]he lessee then had 60 days to exercise such renewal option").', "warning", ("quote_on_other_page",)),
    # California style: the citation in brackets after the quotation
    ('"[T]he lessee then had 60 days to exercise such renewal option." (Bleecker St. Tenants Corp. v. Bleeker '
     'Jones LLC (2011) 16 N.Y.3d 272, 275.)', "verified", ()),
    # a defined name in brackets is not a quotation
    ('Plaintiff sued under 17 U.S.C. § 107 ("Section 107").', "verified", ()),
    # a quotation that ends its sentence is not the next sentence's citation's
    ('Counsel urged the court "to give the defendant a reasonable sentence in this case." Turning to the '
     '17 U.S.C. § 107 factors, counsel argued on.', "verified", ()),
    # "(emphasis added)" between the quotation and its citation; internal quotation marks
    ('The court held "[t]he lessee then had 60 days to exercise such renewal option" (emphasis added). '
     'Bleecker St. Tenants Corp. v. Bleeker Jones LLC, 16 N.Y.3d 272, 275 (2011).', "verified", ()),
    ("The court held \"[t]he lessee then had 60 days to exercise such 'renewal option.'\" "
     'Bleecker St. Tenants Corp. v. Bleeker Jones LLC, 16 N.Y.3d 272, 275 (2011).', "verified", ()),
    # a term in quotation marks is too short to check as a quotation (a note, not a flag)
    ('Under the "first sale doctrine," which is codified at 17 U.S.C. § 109(a), the owner may sell.',
     "verified", ()),
    # a statute quoted as in force in an earlier year than the library's text: not checkable
    ('The court may act "if the jurisdiction of that court was based on the old rule." 17 U.S.C. § 107 (1990).',
     "verified", ()),
    # but a changed quotation of the text the library holds is still found out
    ('Fair use is "for purposes such as criticism, comment, news reporting, teaching, dancing." 17 U.S.C. § 107.',
     "warning", ("quote_not_found",)),
])
def test_quotations_attached_as_lawyers_write(check_store, text, status, problems):
    (item,) = check_text(text, store=check_store).citations
    assert (item.status, item.problems) == (status, problems)


def test_alterations_are_reported(check_store):
    text = ('The options were "exercisable pursuant to the lease agreement and . . . inherently appurtenant to '
            'the lease." Bleecker St. Tenants Corp. v. Bleeker Jones LLC, 16 N.Y.3d 272, 278 (2011).')
    (item,) = check_text(text, store=check_store).citations
    assert item.status == "verified"
    assert "The quotation was matched allowing omissions (ellipses)." in item.notes


def test_string_citation_quote_may_come_from_any_citation(check_store):
    """'"…" A; B.' with B not held: the quotation may be B's, so no flag."""
    text = ('Title II covers any federally funded "program or activity of a public entity whatever." '
            '17 U.S.C. § 107; 29 U.S.C. § 794(a).')
    first = check_text(text, store=check_store).citations[0]
    assert first.status == "verified" and "quote_not_found" not in first.problems


# --- statutes the library holds whole ----------------------------------------------------------

@pytest.mark.parametrize("text, status, problems", [
    ("35 U.S.C. § 399", "invalid", ("statute_section_not_found",)),   # past the last section
    ("35 U.S.C. § 45", "invalid", ("statute_section_not_found",)),    # between two chapters
    ("35 U.S.C. § 101", "verified", ()),
    ("18 U.S.C. §§ 1961-68", "unverified", ("not_in_library",)),     # title 18 is not in the test library
])
def test_titles_held_whole(check_store, text, status, problems):
    (item,) = check_text(f"See {text}.", store=check_store).citations
    assert (item.status, item.problems) == (status, problems)


# --- reporter dates ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, status", [
    ("Guidance, 31 Op. O. L. C. 73, 77 (2007).", "unverified"),          # agency opinions: still published
    ("State v. Bode, 144 Ohio St. 3d 155 (1985).", "unverified"),        # Ohio St. 3d began in 1982
    ("Andrews v. Cervantes, 493 F.2d 1047, 1052 (9th Cir. 2007).", "invalid"),  # cl/10054001: F.2d ended 1993
    ("People v. Lopez, 200 Colo. 11 (1995).", "warning"),                # reporters-db's years, not checked
])
def test_reporter_date_evidence(text, status):
    (item,) = check_text(text, store=None).citations
    assert item.status == status


# --- whole real documents of the tuning half ----------------------------------------------

def _opinion(doc_id: str) -> str:
    for path in sorted(CORPORA.glob("opinions_*.jsonl.gz")):
        for doc in read_corpus(path):
            if doc.id == doc_id:
                return doc.text
    raise LookupError(doc_id)


@pytest.mark.parametrize("doc_id, flagged", [
    ("cl/4164893", []),                 # Bank of America Corp. v. Miami: record cites, slip opinions
    ("cl/4151829", []),                 # Fry v. Napoleon Community Schools
    ("cl/10054001", ["493 F.2d 1047"]),  # pleading paper; the opinion cites F.2d for a 2007 case (F.3d)
    ("cl/4151825", ["961 A. 2d 786"]),  # Pena-Rodriguez: A.2d dated 2012 (the series ended in 2010)
])
def test_real_opinions_flag_only_real_errors(check_store, doc_id, flagged):
    report = check_text(_opinion(doc_id), store=check_store)
    assert [c.found.text for c in report.citations if c.status in ("warning", "invalid")] == flagged


@pytest.mark.parametrize("name", ["merits_brief.txt", "district_motion.txt", "state_appeal.txt"])
def test_brief_style_texts_raise_no_flag(check_store, name):
    report = check_text((REAL_STYLE / name).read_text(encoding="utf-8"), store=check_store)
    assert [(c.found.text, c.problems) for c in report.citations if c.status in ("warning", "invalid")] == []
    assert Path(REAL_STYLE / name).stat().st_size > 1000
