"""Statute and regulation ingesters: USLM XML (U.S. Code 2013, C.F.R. 2018) and
the Markdown U.S. Code (2023), on real excerpts under tests/assets/statutes/."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from research.corpus.io import read_corpus
from research.corpus.uscode_markdown import INGESTER as MARKDOWN
from research.corpus.uscode_markdown import chunk_files
from research.corpus.uslm import INGESTER as USLM
from research.errors import IngestError
from support.documents import ingest_error
from support.paths import CORPORA, STATUTES

XML = STATUTES / "uslm"
MD_ROOT = STATUTES / "uscode_markdown"


def _docs(ingester, path: Path) -> dict:
    return {doc.id: doc for doc in ingester.read(path)}


@pytest.fixture(scope="module")
def uslm_docs() -> dict:
    docs = {}
    for path in sorted(XML.glob("*.xml")):
        docs.update(_docs(USLM, path))
    return docs


@pytest.fixture(scope="module")
def md_docs() -> dict:
    return _docs(MARKDOWN, MD_ROOT)


USLM_CASES = [
    # id, citation, kind, title, phrases in order
    ("usc/17/107", "17 U.S.C. § 107", "statute", "Limitations on exclusive rights: Fair use",
     ["§ 107. Limitations on exclusive rights: Fair use\n", "the fair use of a copyrighted work",
      "\n(1) the purpose and character of the use", "\n(4) the effect of the use upon"]),
    ("usc/9/4", "9 U.S.C. § 4", "statute",
     "Failure to arbitrate under agreement; petition to United States court having jurisdiction "
     "for order to compel arbitration; notice and service thereof; hearing and determination",
     ["A party aggrieved by the alleged failure, neglect, or refusal of another to arbitrate"]),
    ("usc/17/106", "17 U.S.C. § 106", "statute", "Exclusive rights in copyrighted works",
     ["\n(1) to reproduce the copyrighted work in copies or phonorecords;"]),
    ("usc/4/104", "4 U.S.C. § 104", "statute",
     "Tax on motor fuel sold on military or other reservation reports to State taxing authority",
     ["\n(a) All taxes levied by any State", "\n(c) As used in this section"]),
    ("usc/35/155,155A", "35 U.S.C. §§ 155, 155A", "statute",
     "Repealed. Pub. L. 112–29, § 20(k), Sept. 16, 2011, 125 Stat. 335", ["[§§ 155, 155A. Repealed."]),
    ("cfr/27/646.155", "27 C.F.R. § 646.155", "regulation", "Forfeitures",
     ["§ 646.155 Forfeitures.\n(a) Any contraband cigarettes", "\n(b) Any vessel, vehicle or aircraft"]),
    ("cfr/27/478.25a", "27 C.F.R. § 478.25a", "regulation", "Responses to requests for information",
     ["at the National Tracing Center"]),
    ("cfr/27/478.39a", "27 C.F.R. § 478.39a", "regulation", "Reporting theft or loss of firearms",
     ["\n(a)(1) Each licensee shall report the theft or loss", "\n(2) When a firearm is stolen"]),
    ("cfr/27/447.32", "27 C.F.R. § 447.32", "regulation", "Application for registration and refund of fee",
     ["\n1 year | $250\n2 years | 500\n"]),
]


@pytest.mark.parametrize("doc_id,cite,kind,title,phrases", USLM_CASES)
def test_uslm_sections(uslm_docs, doc_id, cite, kind, title, phrases):
    doc = uslm_docs[doc_id]
    assert (doc.citations, doc.kind, doc.title) == ((cite,), kind, title)
    assert (doc.jurisdiction, doc.court, doc.collection) == ("us", "", "library")
    positions = [doc.text.find(phrase) for phrase in phrases]
    assert -1 not in positions and positions == sorted(positions)


@pytest.mark.parametrize("doc_id,absent", [
    ("usc/17/107", "General Background of the Problem"),  # House report note
    ("usc/17/107", "Pub. L. 102–492"),  # amendment note and source credit
    ("usc/4/104", "So in original"),  # footnote inside the heading
    ("usc/35/210", "58 Stat. 191); 1"),  # footnote mark <sup>1</sup>
    ("cfr/27/478.25", "T.D. ATF"),  # [source] note of the C.F.R.
    ("cfr/27/646.155", "<"),  # no markup
])
def test_uslm_text_leaves_out_notes(uslm_docs, doc_id, absent):
    assert absent not in uslm_docs[doc_id].text


@pytest.mark.parametrize("doc_id,date,edition,extra", [
    ("usc/17/107", "2013-07-26", "U.S. Code, release point 113-31 (July 2013)",
     {"title_number": "17", "section": "107", "chapter": "1"}),
    ("usc/35/155,155A", "2013-07-26", "U.S. Code, release point 113-31 (July 2013)",
     {"section": "155, 155A", "chapter": "14", "part": "II", "status": "repealed"}),
    ("usc/17/116A", "2013-07-26", "U.S. Code, release point 113-31 (July 2013)",
     {"status": "renumbered"}),
    ("cfr/27/646.155", "2017-04-01", "Code of Federal Regulations, 2018 edition (revised as of April 1, 2017)",
     {"title_number": "27", "section": "646.155", "chapter": "II", "part": "646"}),
    ("cfr/27/555.130", "2017-04-01", "Code of Federal Regulations, 2018 edition (revised as of April 1, 2017)",
     {"status": "reserved"}),
])
def test_uslm_edition_and_extra(uslm_docs, doc_id, date, edition, extra):
    doc = uslm_docs[doc_id]
    assert (doc.date, doc.edition) == (date, edition)
    assert {key: doc.extra.get(key) for key in extra} == extra


def test_uslm_source_credit_kept_in_extra_only(uslm_docs):
    doc = uslm_docs["usc/17/107"]
    assert doc.extra["source_credit"].startswith("(Pub. L. 94–553, title I, § 101")
    assert "Pub. L." not in doc.text


@pytest.mark.parametrize("name,known,expected", [
    ("usc09_excerpt.xml", {"uslm": "opengovfoundation/us-federal-code@b39fd6cf"},
     "opengovfoundation/us-federal-code@b39fd6cf:usc09_excerpt.xml"),
    ("usc09_excerpt.xml", {}, str(XML / "usc09_excerpt.xml")),
])
def test_uslm_source(name, known, expected):
    from research.corpus.uslm import UslmIngester
    doc = next(iter(UslmIngester(known_sources=known).read(XML / name)))
    assert doc.source == expected


MD_CASES = [
    ("usc/42/1983", "42 U.S.C. § 1983", "Civil action for deprivation of rights",
     ["§ 1983. Civil action for deprivation of rights\n",
      "Every person who, under color of any statute, ordinance, regulation, custom, or usage"]),
    ("usc/18/2", "18 U.S.C. § 2", "Principals",
     ["§ 2. Principals\n(a) Whoever commits an offense", "\n(b) Whoever willfully causes"]),
    # split over chunck-25 and chunck-26; paragraph headings joined to their text
    ("usc/18/25", "18 U.S.C. § 25", "Use of minors in crimes of violence",
     ["\n(a) Definitions. In this section", "\n(1) Crime of violence. The term",
      "\n(3) Uses. The term", "\n(b) Penalties. Any person who is 18 years",
      "\n(2) for each subsequent conviction"]),
    # split over thirteen chunks, 1598 to 1610 (chunck-16.md sorts among them by name)
    ("usc/18/3006A", "18 U.S.C. § 3006A", "Adequate representation of defendants",
     ["\n(a) Choice of Plan.", "\n(b) Appointment of Counsel.", "\n(c) Duration and Substitution",
      "\n(d) Payment for Representation.", "\n(e) Services Other Than Counsel.",
      "\n(f) Receipt of Other Payments.", "\n(g) Defender Organization.",
      "\n(A) Federal Public Defender Organization. A Federal Public Defender Organization shall",
      "\n(h) Rules and Reports.", "\n(i) Appropriations.", "\n(j) Districts Included.",
      "\n(k) Applicability in the District of Columbia."]),
    ("usc/18/4353", "18 U.S.C. § 4353",
     "Repealed. Pub. L. 107–273, div. A, title III, § 301(a), Nov. 2, 2002, 116 Stat. 1780",
     ["[§ 4353. Repealed. Pub. L. 107–273"]),
    ("usc/28/1932", "28 U.S.C. § 1932", "Judicial Panel on Multidistrict Litigation",
     ["§ 1932. Judicial Panel on Multidistrict Litigation\nThe Judicial Conference"]),
    ("usc/28/1932~2", "28 U.S.C. § 1932", "Revocation of earned release credit",
     ["\n(1) the claim was filed for a malicious purpose;"]),
]


@pytest.mark.parametrize("doc_id,cite,title,phrases", MD_CASES)
def test_markdown_sections(md_docs, doc_id, cite, title, phrases):
    doc = md_docs[doc_id]
    assert (doc.citations, doc.kind, doc.title) == ((cite,), "statute", title)
    assert (doc.date, doc.edition) == ("2023-04-01", "U.S. Code as of April 2023 (codexstanford markdown)")
    positions = [doc.text.find(phrase) for phrase in phrases]
    assert -1 not in positions and positions == sorted(positions)


@pytest.mark.parametrize("doc_id,repeated,count", [
    ("usc/18/3006A", "(g) Defender Organization.", 1),  # context heading repeated by two chunks
    ("usc/18/3006A", "PART", 0),
    ("usc/18/4353", "PART IV", 0),  # structure heading after the section in its chunk
    ("usc/18/351", " ,", 0),  # "section 3056 of this title )," residue of removed links
])
def test_markdown_joins_chunks_without_residue(md_docs, doc_id, repeated, count):
    assert md_docs[doc_id].text.count(repeated) == count


def test_markdown_chunks_sorted_by_number():
    names = [p.name for p in chunk_files(MD_ROOT / "title-18")]
    assert names.index("chunck-16.md") < names.index("chunck-25.md") < names.index("chunck-250.md")
    assert names.index("chunck-1599.md") + 1 == names.index("chunck-1600.md")


def test_markdown_u202f_headings_normalized(md_docs):
    raw = (MD_ROOT / "title-42" / "chunck-10544.md").read_text(encoding="utf-8")
    assert "§\u202f1983." in raw
    for doc in md_docs.values():
        assert "\u202f" not in doc.text + doc.title + "".join(doc.citations)
        assert doc.citations[0].count("§ ") == 1 and "U.S.C. §" in doc.citations[0]


@pytest.mark.parametrize("ingester,path", [(USLM, XML / "usc17_excerpt.xml"), (MARKDOWN, MD_ROOT)])
def test_ids_stable_across_reads(ingester, path):
    first = [(d.id, d.text) for d in ingester.read(path)]
    second = [(d.id, d.text) for d in ingester.read(path)]
    assert first == second and len({i for i, _ in first}) == len(first)


def test_markdown_title_folder_alone(md_docs):
    docs = _docs(MARKDOWN, MD_ROOT / "title-42")
    assert docs["usc/42/1983"].text == md_docs["usc/42/1983"].text
    assert MARKDOWN.accepts(MD_ROOT / "title-42") and MARKDOWN.accepts(MD_ROOT)


@pytest.mark.parametrize("path,accepted", [
    (XML / "usc17_excerpt.xml", True),
    (XML / "CFR-2018-title27-vol3_excerpt.xml", True),
    (MD_ROOT / "INDEX_derived.csv", False),
    (MD_ROOT / "title-18" / "chunck-2.md", False),
])
def test_uslm_accepts(path, accepted):
    assert USLM.accepts(path) is accepted
    assert MARKDOWN.accepts(path) is False


BOMB = """<?xml version="1.0"?>
<!DOCTYPE uscDoc [
 <!ENTITY a "lollollollollollollollollollol">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
]>
<uscDoc xmlns="http://xml.house.gov/schemas/uslm/1.0" identifier="/us/usc/t9"><main>&d;</main></uscDoc>
"""
XXE = """<?xml version="1.0"?>
<!DOCTYPE uscDoc [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<uscDoc xmlns="http://xml.house.gov/schemas/uslm/1.0" identifier="/us/usc/t9"><main>&secret;</main></uscDoc>
"""


@pytest.mark.parametrize("content,problem", [
    (BOMB, "unsafe XML"),
    (XXE, "unsafe XML"),
    ('<uscDoc xmlns="http://xml.house.gov/schemas/uslm/1.0"><main><section>', "malformed XML"),
    ('<uscDoc xmlns="http://xml.house.gov/schemas/uslm/1.0" identifier="/us/usc/t9"><main/></uscDoc>',
     "no sections"),
    ('<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>', "not a USLM document"),
])
def test_uslm_bad_input_raises_ingest_error(tmp_path, content, problem):
    error = ingest_error(USLM, tmp_path / "usc99.xml", content)
    assert str(tmp_path / "usc99.xml") in str(error) and problem in error.problem


def test_markdown_bad_input_raises_ingest_error(tmp_path):
    with pytest.raises(IngestError, match="no title-NN folders"):
        list(MARKDOWN.read(tmp_path))
    folder = tmp_path / "title-18"
    folder.mkdir()
    shutil.copy(MD_ROOT / "title-18" / "chunck-2.md", folder / "chunck-2.md")
    (folder / "chunck-3.md").write_text("# Title 18— CRIMES\n#### Section two\n\ntext\n", encoding="utf-8")
    with pytest.raises(IngestError) as caught:
        list(MARKDOWN.read(tmp_path))
    assert "chunck-3.md" in str(caught.value) and "section line" in caught.value.problem


@pytest.mark.parametrize("name,count,doc_id,phrase", [
    ("uscode_2013.jsonl.gz", 695, "usc/17/107", "the fair use of a copyrighted work"),
    ("cfr_2018.jsonl.gz", 344, "cfr/27/646.155", "contraband cigarettes"),
    ("uscode_2023.jsonl.gz", 2170, "usc/42/1983", "Every person who, under color of any statute"),
])
def test_corpus_files(name, count, doc_id, phrase):
    docs = {doc.id: doc for doc in read_corpus(CORPORA / name)}
    assert len(docs) == count and phrase in docs[doc_id].text
    assert all(doc.text.startswith(("§", "[§")) and doc.citations for doc in docs.values())
