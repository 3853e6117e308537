"""Citation form (research.citations.form), one table per form code, on real
citations: real cases and statutes, most of them as real opinions in
../shared/data/opinions wrote them (Pratt v. Webster "(D.C.Cir.1982)",
Burke v. Foss "334 NW2d 861", Hand v. Hand "391 N.J.Super. 102", Moore v.
Texas "470 S.W. 3d, at 526"), the rest with the one error planted that the
row is about. Each row: style, text, the citation (as written) the flag is
on, the code, and the corrected citation (None: the check cannot know it).
"""
from __future__ import annotations

import pytest

from research.citations.form import form_report
from research.citations.validate import check_text
from research.types import Authority

HALL = "Hall Street Assocs., L.L.C. v. Mattel, Inc."
BLEECKER = "Bleecker St. Tenants Corp. v. Bleeker Jones LLC"


def checked(text: str, style: str = "bluebook"):
    return form_report(check_text(text, store=None), style)


def flagged(text: str, style: str = "bluebook") -> dict[str, tuple[list[str], str | None]]:
    """{citation as written: ([codes], corrected)} for every citation with a form flag."""
    return {" ".join(c.found.text.split()): ([f.code for f in c.form], c.corrected)
            for c in checked(text, style).citations if c.form}


def assert_flag(style, text, cite, code, corrected):
    found = flagged(text, style)
    assert cite in found, f"no flag on {cite!r}: {found}"
    codes, got = found[cite]
    assert code in codes
    assert got == corrected


# form code -> rows: style, text, the citation (as written) flagged, the corrected citation
TABLES = {
    "reporter_abbreviation": [
        ("bluebook", f"See {HALL}, 552 US 576, 582 (2008).", "552 US 576", f"{HALL}, 552 U.S. 576, 582 (2008)"),
        ("bluebook", f"The option is valid. {BLEECKER}, 16 NY3d 272 (2011).", "16 NY3d 272",
         f"{BLEECKER}, 16 N.Y.3d 272 (2011)"),
        ("bluebook", "See Burke v. Foss, 334 NW2d 861, 864 (S.D. 1983).", "334 NW2d 861",
         "Burke v. Foss, 334 N.W.2d 861, 864 (S.D. 1983)"),
        ("scotus", f"See {HALL}, 552 US 576, 582 (2008).", "552 US 576", f"{HALL}, 552 U. S. 576, 582 (2008)"),
    ],
    "reporter_spacing": [
        ("bluebook", "See Kyocera Corp. v. Prudential-Bache Trade Servs., Inc., 341 F. 3d 987, 994 (9th Cir. 2003).",
         "341 F. 3d 987", "Kyocera Corp. v. Prudential-Bache Trade Servs., Inc., 341 F.3d 987, 994 (9th Cir. 2003)"),
        ("bluebook", "Hand v. Hand, 391 N.J.Super. 102, 105 (App. Div. 2007).", "391 N.J.Super. 102",
         "Hand v. Hand, 391 N.J. Super. 102, 105 (App. Div. 2007)"),
        ("scotus", "See Ashe v. Swenson, 397 U.S. 436, 443 (1970).", "397 U.S. 436",
         "Ashe v. Swenson, 397 U. S. 436, 443 (1970)"),
        ("scotus", "The CCA erred. 470 S.W. 3d, at 526.", "470 S.W. 3d, at 526", "470 S. W. 3d, at 526"),
    ],
    "code_name": [
        ("bluebook", "The award may be vacated. 9 USC 10(a)(2).", "9 USC 10(a)(2)", "9 U.S.C. § 10(a)(2)"),
        ("bluebook", "The award may be vacated. 9 U.S.C.A. § 10.", "9 U.S.C.A. § 10", "9 U.S.C. § 10"),
        ("bluebook", "See 20 CFR § 404.1520(g).", "20 CFR § 404.1520(g)", "20 C.F.R. § 404.1520(g)"),
        ("scotus", "See 42 U.S.C. §1983.", "42 U.S.C. §1983", "42 U. S. C. §1983"),
    ],
    "section_symbol": [
        ("bluebook", "Jurisdiction lies under 28 U.S.C. 1331.", "28 U.S.C. 1331", "28 U.S.C. § 1331"),
        ("bluebook", "He was sentenced under 18 U.S.C. §1028A(a)(1).", "18 U.S.C. §1028A(a)(1)", "18 U.S.C. § 1028A(a)(1)"),
        ("bluebook", "The statute reaches both. 42 U.S.C. § 1981-1983.", "42 U.S.C. § 1981-1983",
         "42 U.S.C. §§ 1981-1983"),
        ("scotus", "See 42 U. S. C. § 1983.", "42 U. S. C. § 1983", "42 U. S. C. §1983"),
    ],
    "court_parenthetical": [
        ("bluebook", "See Kyocera Corp. v. Prudential-Bache, 341 F.3d 987 (9th Cir 2003) (en banc).", "341 F.3d 987",
         "Kyocera Corp. v. Prudential-Bache, 341 F.3d 987 (9th Cir. 2003)"),
        ("bluebook", "Jd. at 49 (quoting Pratt v. Webster, 673 F.2d 408, 420 (D.C.Cir.1982)).", "673 F.2d 408",
         "Pratt v. Webster, 673 F.2d 408, 420 (D.C. Cir. 1982)"),
        ("bluebook", f"The option is valid. {BLEECKER}, 16 N.Y.3d 272 (N.Y. 2011).", "16 N.Y.3d 272",
         f"{BLEECKER}, 16 N.Y.3d 272 (2011)"),
        ("bluebook", "See Burke v. Foss, 334 N.W.2d 861, 864 (SD 1983).", "334 N.W.2d 861",
         "Burke v. Foss, 334 N.W.2d 861, 864 (S.D. 1983)"),
        ("bluebook", "See Wallace v. Buttar, 378 F.3d 182, 189 (2004).", "378 F.3d 182", None),
        ("scotus", "See Kyocera Corp. v. Prudential-Bache, 341 F. 3d 987 (9th Cir. 2003).", "341 F. 3d 987",
         "Kyocera Corp. v. Prudential-Bache, 341 F. 3d 987 (CA9 2003)"),
    ],
    "ordinal": [
        ("bluebook", "See Wallace v. Buttar, 378 F.3d 182, 189 (2nd Cir. 2004).", "378 F.3d 182",
         "Wallace v. Buttar, 378 F.3d 182, 189 (2d Cir. 2004)"),
        ("bluebook", "See Roditis v. United States, 122 F.3d 108 (2nd Cir.1997).", "122 F.3d 108",
         "Roditis v. United States, 122 F.3d 108 (2d Cir. 1997)"),
        ("bluebook", "See Bodine v. Warden, 217 F.3d 1012 (3rd Cir. 2000).", "217 F.3d 1012",
         "Bodine v. Warden, 217 F.3d 1012 (3d Cir. 2000)"),
    ],
    "case_name_abbreviation": [
        ("bluebook", "See Warnock v. Pecos County, 88 F.3d 341, 343 (5th Cir. 1996).", "88 F.3d 341",
         "Warnock v. Pecos Cnty., 88 F.3d 341, 343 (5th Cir. 1996)"),
        ("bluebook", "The claim is plausible. Bell Atlantic Corp. v. Twombly, 550 U.S. 544, 570 (2007).", "550 U.S. 544",
         "Bell Atl. Corp. v. Twombly, 550 U.S. 544, 570 (2007)"),
        ("bluebook", "See Mudd v. Department of Veterans Affairs, 120 M.S.P.R. 365, ¶ 7 (2013).", "120 M.S.P.R. 365",
         "Mudd v. Dep't of Veterans Affairs, 120 M.S.P.R. 365, ¶ 7 (2013)"),
    ],
    "pin_form": [
        ("bluebook", "See Commonwealth v. Huot, 380 Mass. 403, 409-410 (1980).", "380 Mass. 403",
         "Commonwealth v. Huot, 380 Mass. 403, 409-10 (1980)"),
        ("bluebook", f"See {HALL}, 552 U.S. 576, at 582 (2008).", "552 U.S. 576", f"{HALL}, 552 U.S. 576, 582 (2008)"),
        ("bluebook", f"See {HALL}, 552 U.S. 576 (2008). The Court agreed. Id., at 5.", "Id.", "Id. at 5"),
        ("bluebook", "See Smith v. Jones, 100 F.3d 1, 5 (2d Cir. 1999). Smith, 100 F.3d at 1198-1200.",
         "100 F.3d at 1198", "Smith, 100 F.3d at 1198-200"),
        ("bluebook", "See Yeager v. United States, 557 U.S. 110 (2009). Yeager, 557 U.S., at 124.", "557 U.S., at 124",
         "Yeager, 557 U.S. at 124"),
        ("scotus", "See Yeager v. United States, 557 U. S. 110 (2009). Id. at 120.", "Id.", "Id., at 120"),
        ("scotus", "See Carey v. Piphus, 435 U. S. 247, 257-58 (1978).", "435 U. S. 247",
         "Carey v. Piphus, 435 U. S. 247, 257-258 (1978)"),
    ],
    "parallel_order": [
        ("bluebook", f"See {BLEECKER}, 945 N.E.2d 484, 16 N.Y.3d 272 (2011).", "945 N.E.2d 484",
         f"{BLEECKER}, 16 N.Y.3d 272, 945 N.E.2d 484 (2011)"),
        ("bluebook", "See Schriro v. Summerlin, 124 S. Ct. 2519, 542 U.S. 348 (2004).", "124 S. Ct. 2519",
         "Schriro v. Summerlin, 542 U.S. 348, 124 S. Ct. 2519 (2004)"),
    ],
}
CASES = [(code, *row) for code, rows in TABLES.items() for row in rows]


@pytest.mark.parametrize("code, style, text, cite, corrected", CASES,
                         ids=[f"{c[0]}-{c[1]}-{n}" for n, c in enumerate(CASES)])
def test_each_code_on_real_citations(code, style, text, cite, corrected):
    assert_flag(style, text, cite, code, corrected)


@pytest.mark.parametrize("style, text, cite, corrected", [
    ("bluebook", "See also Stolt-Nielsen S.A. v. AnimalFeeds Int'l Corp., 559 U.S. 662. The rule holds.",
     "559 U.S. 662", None),
    # the year another citation of the case gives
    ("bluebook", "See Wallace v. Buttar, 378 F.3d 182 (2d Cir. 2004); see also Wallace v. Buttar, 378 F.3d 182, 189.",
     None, None),
    ("scotus", "See Miller-El v. Cockrell, 537 U. S. 322, 336. The rule holds.", "537 U. S. 322", None),
])
def test_missing_year(style, text, cite, corrected):
    if cite is None:  # cited in full before: the repeat may leave the year out
        assert not any("missing_year" in codes for codes, _ in flagged(text, style).values())
    else:
        assert_flag(style, text, cite, "missing_year", corrected)


def test_missing_year_is_filled_from_what_the_case_was_matched_to():
    from dataclasses import replace

    from research.citations.form import check_form

    text = "See also Stolt-Nielsen S.A. v. AnimalFeeds Int'l Corp., 559 U.S. 662. The rule holds."
    report = check_text(text, store=None)
    known = Authority("", "Stolt-Nielsen S.A. v. AnimalFeeds Int'l Corp.", "559 U.S. 662", court="scotus",
                      year="2010", source="directory")
    items = check_form(text, tuple(replace(c, authority=known) for c in report.citations))
    assert items[0].corrected == "Stolt-Nielsen S.A. v. AnimalFeeds Int'l Corp., 559 U.S. 662 (2010)"
    assert [f.suggestion for f in items[0].form] == ["(2010)"]


def test_short_form_first():
    text = ("The burden shifts. Hyer, 957 A.2d at 810. We agree. Hyer v. Dep't of Transp., Bureau of Driver "
            "Licensing, 957 A.2d 807, 810 (Pa. Commw. Ct. 2008).")
    assert_flag("bluebook", text, "957 A.2d at 810", "short_form_first",
                "Hyer v. Dep't of Transp., Bureau of Driver Licensing, 957 A.2d 807, 810 (Pa. Commw. Ct. 2008)")


# United States v. Fizer (6th Cir. 2024), double-spaced as filed
WESBY = (
    'warrant a prudent man in believing that the arrestee had committed or was committing an offense.”\n\n'
    'Hoover v. Walsh, 682 F.3d 481, 499 (6th Cir. 2012) (brackets omitted) (quoting Arnold v. Wilder,\n\n'
    '657 F.3d 353, 363 (6th Cir. 2011)). Viewed through that lens, the troopers here could reasonably\n\n'
    'have believed that, once Fizer fled, he had violated Michigan’s fleeing and eluding statute and\n\n'
    '                                                -7-\n\n'
    'No. 23-1766, United States v. Fizer\n\n'
    'could be arrested—no matter how reasonably Fizer feared the initial detention. See District of\n\n'
    'Columbia v. Wesby, 583 U.S. 48, 56-57 (2018).'
    "\n\n       Fizer\u2019s argument is rooted in the Supreme Court\u2019s reasonable suspicion cases. Those cases\n\n"
    "stand for the proposition that")


@pytest.mark.parametrize("style, text", [
    # correctly formed, or a style that real courts use on purpose: no flag
    ("bluebook", f"See {HALL}, 552 U.S. 576, 582 (2008); 9 U.S.C. § 10(a)(2)."),
    ("bluebook", "In Bell Atlantic Corp. v. Twombly, 550 U.S. 544 (2007), the Court held that a claim must be "
                 "plausible."),  # a textual sentence keeps the words of the name
    ("bluebook", "See Grimes v. District of Columbia, 89 A.3d 107, 112 (D.C. 2014)."),  # a place named as a party
    ("bluebook", WESBY),  # a double-spaced opinion breaks "District of\n\nColumbia", a place named as a party
    ("bluebook", "See Moniz v. Cox, 512 F. App\u2019x 495, 497 (6th Cir. 2013)."),  # a typographic apostrophe
    ("bluebook", "(People v. Wilkins (2013) 56 Cal. 4th 333, 351.)"),  # California: the year before the citation
    ("bluebook", "See State ex rel. Kalal v. Circuit Court, 2004 WI 58, ¶ 45, 271 Wis. 2d 633, 681 N.W.2d 110."),
    ("bluebook", "See Hutchens v. Hankins, 63 N.C. App. 1, 14, 303 S.E.2d 584, 592, disc. review denied, "
                 "309 N.C. 191, 305 S.E.2d 734 (1983)."),  # the history's year stands for both
    ("bluebook", "See Washington v Sow, 127 A.D.3d 492, 492-93 [1st Dept 2015]."),  # New York's brackets
    ("bluebook", "See Brown v. Firstsource, 2018 WL 4538412, at *2 (E.D. Pa. Sept. 21, 2018). Brown, "
                 "2018 WL 4538412, at *3."),  # a Westlaw short form
    ("scotus", "See Yeager v. United States, 557 U. S. 110, 120, n. 4 (2009). Yeager, 557 U. S., at 124. Id., at "
               "125. See 42 U. S. C. §1983; Whiting v. Traylor, 85 F. 3d 581, 584–586 (CA11 1996)."),
    ("scotus", "See Buck v. Dretke, 2006 WL 8411481, *2 (SD Tex., July 24, 2006)."),
    # the Court leaves out a court the text names, here by the initials it gave it (Moore v. Texas)
    ("scotus", "The Texas Court of Criminal Appeals (CCA)1 declined to\nadopt the judgment recommended by the "
               "state habeas\ncourt.2 In the CCA\u2019s view, the habeas court erroneously\n"
               "\u2014\u2014\u2014\u2014\u2014\u2014\n  1 The CCA is Texas\u2019 court of last resort in criminal "
               "cases. See Tex.\n\nConst., Art. 5, \u00a75.\n  2 Under Texas law, the CCA, not the court of first "
               "instance, is \u201cthe\n\nultimate factfinder\u201d in habeas corpus proceedings.\nemployed "
               "intellectual-disability guides currently used in\nthe medical community rather than the 1992 "
               "guides\nadopted by the CCA in Ex parte Briseno, 135 S. W. 3d 1\n(2004)."),
    ("scotus", "Nautilus, Inc. v. Biosig Instruments, Inc., 572 U. S. ___, ___ (2014) (slip op., at 14)."),
    ("scotus", "SUPREME COURT OF THE UNITED STATES\n\nSyllabus\n\nThe Court so held in Gerstein v. Pugh, 420 U. S. "
               "103. Pp. 2-3.\n\nNOTICE: This opinion is subject to formal revision before publication."),
])
def test_no_flag(style, text):
    assert flagged(text, style) == {}


JACOBS = "Commonwealth v. Jacobs, 284 A.2d 717, 719"
WALLACE = "Wallace v. Buttar, 378 F.3d 182, 189"
KYOCERA = "Kyocera Corp. v. Prudential-Bache, 341 F. 3d 987, 990"


# Brackets mark an alteration by the quoting writer ("[t]he", "([Pa.] 1971)"): form is judged on what the
# citation says, and a correction keeps a bracketed court's brackets. Rows: style, text, {citation: (codes,
# corrected)} (empty: no flag).
@pytest.mark.parametrize("style, text, flags", [
    # as Commonwealth v. Bell (Pa. Super.) and Sanders v. State (Tenn. Crim. App.) quote them
    ("bluebook", "\u201c[T]he rule \u2018has no application where the question is whether certain things were said "
                 f"or written by a third person.\u2019\u201d {JACOBS} ([Pa.] 1971) . . . .", {}),
    ("bluebook", "He was convicted \u201cin accordance with the State of Tennessee v. Mackey, 553 S.W.2d 377 ([Tenn.] "
                 "1977),\u201d the court said.", {}),
    ("bluebook", f"See {JACOBS} ([Pa. ]1971).", {}),
    ("bluebook", f"See {WALLACE} (2[d] Cir. 2004).", {}),
    ("bluebook", f"See {WALLACE} (2d Cir. [2004]) [(en banc)].", {}),
    ("scotus", f"See {KYOCERA} ([CA9] 2003).", {}),
    # brackets elsewhere in a citation: pins, short forms, statutes, names
    ("bluebook", f"See {HALL}, 552 U.S. 576, 582-[83] (2008). Id. at 585 [n.3].", {}),
    ("scotus", "See Yeager v. United States, 557 U. S. 110, 120 (2009). Id., at [124].", {}),
    ("bluebook", "The statute says so. 42 U.S.C. \u00a7 1983[(a)].", {}),
    ("bluebook", "See Hall Street [Assocs.], L.L.C. v. Mattel, Inc., 552 U.S. 576, 582 (2008).", {}),
    # what the bracketed court says is still checked, and keeps its brackets
    ("bluebook", f"See {WALLACE} ([2nd Cir.] 2004).", {"378 F.3d 182": (["ordinal"], f"{WALLACE} ([2d Cir.] 2004)")}),
    ("bluebook", f"See {JACOBS} ([Pa.], 1971).", {"284 A.2d 717": (["court_parenthetical"], f"{JACOBS} ([Pa.] 1971)")}),
    ("bluebook", f"The option is valid. {BLEECKER}, 16 N.Y.3d 272 ([N.Y.] 2011).",
     {"16 N.Y.3d 272": (["court_parenthetical"], f"{BLEECKER}, 16 N.Y.3d 272 (2011)")}),
    ("scotus", f"See {KYOCERA} ([9th Cir.] 2003).",
     {"341 F. 3d 987": (["court_parenthetical"], f"{KYOCERA} ([CA9] 2003)")}),
])
def test_bracketed_alterations(style, text, flags):
    assert flagged(text, style) == flags


def test_every_citation_of_a_bad_brief_is_checked_and_statuses_do_not_change():
    text = (f"See {HALL}, 552 US 576, 582 (2008). 9 USC 10(a)(2); 9 U.S.C.A. § 10. See also Kyocera Corp. v. "
            "Prudential-Bache, 341 F.3d 987 (9th Cir 2003) (en banc); Stolt-Nielsen S.A. v.\nAnimalFeeds Int'l "
            "Corp., 559 U.S. 662. The rule holds. Wallace v. Buttar, 378 F.3d 182, 189 (2nd Cir. 2004). People v. "
            "Smith, 16 NY3d 272 (2011).")
    before = check_text(text, store=None)
    after = form_report(before)
    assert [c.status for c in after.citations] == [c.status for c in before.citations]
    assert [c.problems for c in after.citations] == [c.problems for c in before.citations]
    codes = {code for c in after.citations for code in (f.code for f in c.form)}
    assert codes == {"reporter_abbreviation", "code_name", "section_symbol", "court_parenthetical", "missing_year",
                     "ordinal"}
    assert after.style == "bluebook" and all(c.form for c in after.citations)


@pytest.mark.parametrize("unit, tail", [
    ("1 U.S. 1, ", ""),  # one run of adjacent citations: each looks for the next authority nearby only
    ("Smith, 2 U.S. at 5. ", "Smith v. Jones, 2 US 1 (2nd Cir 1990). "),  # short forms before their full citation
])
def test_form_work_is_linear_in_the_number_of_citations(unit, tail, monkeypatch):
    from research.citations.form import edits, run

    work = [0]
    new_authority, apply = run._new_authority, edits.apply

    def counted_new_authority(cite, first):
        work[0] += 1
        return new_authority(cite, first)

    def counted_apply(text, chosen, start=0, end=None):
        chosen = list(chosen)
        work[0] += len(chosen)
        return apply(text, chosen, start, end)

    monkeypatch.setattr(run, "_new_authority", counted_new_authority)
    monkeypatch.setattr(edits, "apply", counted_apply)
    report = checked(unit * 1500 + tail * 1500)
    assert len(report.citations) == (3000 if tail else 1500)
    assert work[0] <= 10 * len(report.citations), work[0]
