"""Opinion and user-document ingesters: page maps, metadata, sniffing, errors.

The central property: at the offset a page map gives for a page, the text is
the text printed right after that page's marker in the source.
"""
from __future__ import annotations

import gzip
import io
import json
import re
import shutil
import zipfile
from functools import lru_cache
from pathlib import Path

import pytest

from research.corpus import cap_static, cap_v1, courtlistener, docx, fastcase, pdf, plaintext
from research.corpus.opinion_build import unique_ids
from research.corpus.opinion_meta import clean_case_name, iso_date, opinion_id, parse_cite
from research.corpus.pagination import Anchor, ReporterCite, build_page_maps
from research.errors import IngestError
from research.types import Document
from support.documents import ingest_error
from support.paths import OPINIONS

FASTCASE = fastcase.INGESTER
CAP = cap_v1.INGESTER
CL = courtlistener.INGESTER
FISHER = OPINIONS / "opinion_fisher_v_texas_2013_slip.txt"


@lru_cache(maxsize=None)
def read(relative: str, kind: str = "") -> Document:
    path = OPINIONS / relative
    ingester = {
        "fastcase": FASTCASE, "cap_v1": CAP, "scotus": CL,
        "plain": plaintext.PlainTextIngester(kind="opinion"),
    }[kind or relative.split("/")[0]]
    return next(iter(ingester.read(path)))


def page_text(doc: Document, citation: str, label: str, length: int) -> str:
    page_map = doc.page_map_for(citation)
    assert page_map is not None, f"{doc.id} has no map for {citation}"
    offset = page_map.offset_of(label)
    assert offset is not None, f"{citation} has no page {label}"
    return re.sub(r"\s+", " ", doc.text[offset: offset + length * 2])[:length]


# (source file, reporter, page, text printed right after the page's marker in the source)
PAGE_STARTS = [
    ("fastcase/NE2d_945_945ne2d484.xml", "945 N.E.2d 484", "485",
     "year–period. Each renewal option term was to “commence on th"),
    ("fastcase/NE2d_945_945ne2d484.xml", "920 N.Y.S.2d 291", "292",
     "year–period. Each renewal option term was to “commence on th"),
    ("fastcase/NE2d_945_945ne2d484.xml", "16 N.Y.3d 272", "275",
     "option and the lessor did not provide notice of the existenc"),
    ("fastcase/NE2d_945_945ne2d484.xml", "16 N.Y.3d 272", "280",
     "as valid because they give lessees estates akin to fees simp"),
    ("fastcase/NE2d_945_945ne2d484.xml", "945 N.E.2d 484", "488",
     "by the majority do not demonstrate that options to renew lea"),
    ("fastcase/NE2d_945_945ne2d484.xml", "920 N.Y.S.2d 291", "295",
     "by the majority do not demonstrate that options to renew lea"),
    ("fastcase/A3d_100_100a3d1004_Replace2.xml", "153 Conn. App. 266", "267",
     "The defendant, Anthony Dyous, appeals from the judgment of t"),
    ("fastcase/A3d_100_100a3d1004_Replace2.xml", "100 A.3d 1004", "1006",
     "On appeal, the defendant claims that (1) the order of contin"),
    ("fastcase/A3d_100_100a3d1004_Replace2.xml", "153 Conn. App. 266", "275",
     "are inadequate to offset the voluminous evidence that such r"),
    ("cap_v1/case_1.json", "444 N.J. Super. 423", "429",
     "WAUTERS, J.S.C. This case involves issues of custody, remova"),
    ("cap_v1/case_1.json", "444 N.J. Super. 423", "435",
     "“(1) that the biological or adoptive parent consented to, an"),
    ("cap_v1/case_1.json", "444 N.J. Super. 423", "450",
     "offers after school child-care programs that are free and in"),
    ("cap_v1/case_1.json", "444 N.J. Super. 423", "469",
     "from the sale of her Costa Rica residence toward the support"),
    ("cap_v1/case_6.json", "200 Colo. 11", "12",
     "J. D. MacFarlane, Attorney General, Richard F. Hennessey, De"),
    ("cap_v1/case_6.json", "200 Colo. 11", "13",
     "The defendant, Rojorlo Roy Naranjo, appeals his conviction f"),
    ("cap_v1/bta_case_2.json", "1 B.T.A. 15", "17",
     "motion of the Commissioner to dismiss is broad enough to inc"),
    ("scotus/cl-cluster-4151832.json", "slip op.", "2",
     "The state police dispatcher identified the plate as being re"),
    ("scotus/cl-cluster-4151832.json", "slip op.", "4",
     "___, ___ (2015) (slip op., at 9). Samuel’s estate and Daniel"),
    ("scotus/cl-cluster-4151832.json", "slip op.", "1 (GINSBURG, J., concurring)",
     "SUPREME COURT OF THE UNITED STATES RAY WHITE, ET AL. v. DANIE"),
    ("opinion_fisher_v_texas_2013_slip.txt", "slip op.", "2 (Syllabus)",
     "under the Fourteenth Amendment,” 438 U. S., at 287, using a "),
]


@pytest.mark.parametrize("source, citation, label, expected", PAGE_STARTS)
def test_page_starts_with_the_text_after_its_marker(source, citation, label, expected):
    kind = "plain" if source.endswith(".txt") else ""
    assert page_text(read(source, kind), citation, label, len(expected)) == expected


@pytest.mark.parametrize("source, citation, first, last, count", [
    ("cap_v1/case_1.json", "444 N.J. Super. 423", "423", "469", 43),
    ("fastcase/NE2d_945_945ne2d484.xml", "16 N.Y.3d 272", "272", "288", 16),
    ("fastcase/NE2d_945_945ne2d484.xml", "945 N.E.2d 484", "484", "494", 11),
    ("fastcase/NE2d_945_945ne2d484.xml", "920 N.Y.S.2d 291", "291", "301", 11),
    ("cap_v1/no_author_tag.json", "105 T.C. 126", "126", "141", 16),  # from pgmap word counts
])
def test_page_maps_cover_the_case(source, citation, first, last, count):
    page_map = read(source).page_map_for(citation)
    offsets = [b.offset for b in page_map.breaks]
    assert (page_map.first_page, page_map.last_page, len(page_map.breaks)) == (first, last, count)
    assert page_map.breaks[0].offset == 0 and offsets == sorted(offsets) and len(set(offsets)) == len(offsets)


def test_bleecker_has_one_map_per_reporter_in_citation_order():
    doc = read("fastcase/NE2d_945_945ne2d484.xml")
    assert doc.id == "op/16-ny3d-272"
    assert doc.title == "Bleecker St. Tenants Corp. v. Bleeker Jones LLC"
    assert doc.citations == ("16 N.Y.3d 272", "945 N.E.2d 484", "920 N.Y.S.2d 291", "2011 NY Slip Op 01360")
    assert [m.citation for m in doc.page_maps] == list(doc.citations[:3])
    # One marker "[945 N.E.2d 485 , 920 N.Y.S.2d 292]" starts two pages at one offset.
    assert doc.page_maps[1].offset_of("485") == doc.page_maps[2].offset_of("292")
    assert (doc.court, doc.jurisdiction, doc.date) == ("Court of Appeals of New York", "N.Y.", "2011-02-24")


def test_pgmap_word_counts_split_a_paragraph_between_pages():
    doc = read("cap_v1/no_author_tag.json")
    # pgmap="157(52) 158(11)": 52 words on scan page 157 (printed 127), 11 on 158.
    assert page_text(doc, "105 T.C. 126", "128", 44) == "petitioners are not entitled to a deduction "


def test_misplaced_marker_is_dropped_so_pages_ascend():
    doc = read("fastcase/SE2d_592_592SE2d124_GA_Pag.xml")  # "[592 S.E.2d 126]" sits before 125
    labels = [int(b.label) for b in doc.page_map_for("592 S.E.2d 124").breaks]
    assert labels == sorted(labels) and labels[:2] == [124, 125]


@pytest.mark.parametrize("source, kind, expected", [
    ("fastcase/NE2d_945_945ne2d484.xml", "", ("16 N.Y.3d 272", "945 N.E.2d 484", "920 N.Y.S.2d 291",
                                              "2011 NY Slip Op 01360")),
    ("fastcase/A3d_100_100a3d1004_Replace2.xml", "", ("153 Conn. App. 266", "100 A.3d 1004")),
    ("fastcase/NW2d_753_753NW2d552_1.xml", "", ("2008 WI App 98", "753 N.W.2d 552")),
    ("cap_v1/case_1.json", "", ("444 N.J. Super. 423", "133 A.3d 703")),
    ("cap_v1/case_6.json", "", ("200 Colo. 11", "612 P.2d 1106")),
    ("cap_v1/ibid_citation.json", "", ("7 Ct. Cl. 65",)),  # "1 Ct. Cls. R., p. 270, ..." is no cite
])
def test_citations_official_first_in_canonical_form(source, kind, expected):
    assert read(source, kind).citations == expected


@pytest.mark.parametrize("source, doc_id, title", [
    ("fastcase/NE2d_945_945ne2d484.xml", "op/16-ny3d-272", "Bleecker St. Tenants Corp. v. Bleeker Jones LLC"),
    ("fastcase/NW2d_753_753NW2d552_1.xml", "op/2008-wiapp-98", "Town of Merrimac v. Village of Merrimac"),
    ("cap_v1/case_1.json", "op/444-njsuper-423", "D.G. v. K.S."),
    ("cap_v1/case_6.json", "op/200-colo-11", "People v. Naranjo"),
    ("scotus/cl-cluster-4151832.json", "cl/4151832", "White v. Pauly"),
])
def test_ids_are_stable_and_derived_from_the_official_cite(source, doc_id, title):
    ingester = FASTCASE if source.startswith("fastcase") else CAP if source.startswith("cap") else CL
    first, second = (next(iter(ingester.read(OPINIONS / source))) for _ in range(2))
    assert first.id == second.id == doc_id and first.title == title
    assert first.content_hash == second.content_hash and first.page_maps == second.page_maps


@pytest.mark.parametrize("source, metadata_only, absent", [
    ("cap_v1/per_curiam_example.json", True, "PER CURIAM"),
    ("cap_v1/bankruptcy_case_1.json", True, "Sample text"),
    ("cap_v1/bta_case_1.json", False, ""),
])
def test_metadata_only_cap_cases_keep_head_matter_and_are_flagged(source, metadata_only, absent):
    doc = read(source)
    assert doc.extra["metadata_only"] is metadata_only
    assert doc.citations and doc.text.strip()  # still citable: the head matter is the text
    if absent:
        assert absent not in doc.text


def test_fastcase_body_with_literal_tags_is_read_whole():
    # An XML parser stops CaseHtml at the first literal <SMALL>; the raw field does not.
    doc = read("fastcase/NW2d_753_753NW2d552_1.xml")
    assert len(doc.text) > 10_000 and "certiorari" in doc.text[-3000:]


@pytest.mark.parametrize("source, kind, present", [
    ("fastcase/NE2d_945_945ne2d484.xml", "", "Kramer Levin Naftalis & Frankel LLP"),
    ("fastcase/SE2d_592_592SE2d124_GA_Pag.xml", "", "verdict of $1 million"),
    ("cap_v1/case_1.json", "", "Chamlin, Rosen, Uliano & Witherington"),
    ("cap_v1/joined_by_example.json", "", "Justice Thomas"),  # malformed XML still read
    ("scotus/cl-cluster-4106440.json", "", "SUPREME COURT OF THE UNITED STATES"),
    ("opinion_fisher_v_texas_2013_slip.txt", "plain", "The University of Texas at Austin considers race"),
])
def test_entities_decoded_and_no_markup_left(source, kind, present):
    text = read(source, kind).text
    assert present in text
    assert not re.search(r"&(?:amp|lt|gt|quot|nbsp|#\d+|#x[0-9a-f]+);|</?[a-zA-Z][^>\n]{0,40}>", text)
    assert "\u00a0" not in text and "[945 N.E.2d" not in text and "*429" not in text


def test_footnotes_follow_the_paragraph_that_cites_them():
    text = read("cap_v1/case_1.json").text
    mark = text.index("K.S.,[1] DEFENDANT.")
    note = text.index("[1] Initials have been used")
    assert mark < note < text.index("WAUTERS, J.S.C.") and text.count("[1] Initials") == 1


@pytest.mark.parametrize("path, accepted_by", [
    ("cap_v1/case_1.json", "cap_v1"),
    ("cap_v1/per_curiam_example.json", "cap_v1"),
    ("cap_static/us/1/cases/0002-01.json", "cap_static"),
    ("cap_static", "cap_static"),
    ("cap_static/us/1", "cap_static"),
    ("scotus/cl-cluster-4151832.json", "courtlistener"),
    ("courtlistener_texts", "courtlistener"),
    ("fastcase/NE2d_945_945ne2d484.xml", "fastcase"),
    ("opinion_fisher_v_texas_2013_slip.txt", "plaintext"),
    ("README.md", "plaintext"),
])
def test_each_format_is_recognised_by_exactly_one_ingester(path, accepted_by):
    modules = (fastcase, cap_v1, cap_static, courtlistener, plaintext, pdf, docx)
    accepting = [m.INGESTER.name for m in modules if m.INGESTER.accepts(OPINIONS / path)]
    assert accepting == [accepted_by]


def test_cap_static_folder_reads_every_case_with_page_labels(tmp_path):
    root = tmp_path / "cap_static"
    shutil.copytree(OPINIONS / "cap_static", root)
    html = root / "us" / "1" / "html" / "0002-01.html"
    # The fixtures have no page labels; add one as CAP's static HTML writes them.
    html.write_text(html.read_text().replace(
        "Case text 1", 'Case text 1<a class="page-label" data-label="3" data-citation-index="1">*3</a>'))
    docs = list(cap_static.INGESTER.read(root))
    assert len(docs) == 6 and all(d.kind == "opinion" and d.citations for d in docs)
    doc = next(d for d in docs if d.title == "Foo1 v. Bar1" and d.source.endswith("us/1/cases/0002-01.json"))
    page_map = doc.page_map_for("1 U.S. 2")
    assert [b.label for b in page_map.breaks] == ["2", "3"]
    assert doc.text[page_map.offset_of("3"):].startswith("Case text 2")
    assert "[1] Case text 3" in doc.text and "*3" not in doc.text


def test_courtlistener_folder_skips_seeds_and_titles_from_caption():
    docs = {d.id: d for d in CL.read(OPINIONS / "courtlistener_texts")}
    assert sorted(docs) == ["cl/1", "cl/1056001", "cl/154001", "cl/198001"]
    first = docs["cl/1"]
    assert first.title == "United States v. Noel Dávila-González"
    assert first.court == "United States Court of Appeals for the First Circuit" and first.jurisdiction == "us"
    assert first.extra["docket_number"] == "No. 08-2575" and first.extra["courtlistener_id"] == "1"
    assert docs["cl/1056001"].title == "Elton Bowers v. State"
    assert docs["cl/154001"].title == "CourtListener opinion 154001"
    assert all(d.citations == () and d.kind == "opinion" for d in docs.values())
    assert "Zimble & Brettler" in docs["cl/198001"].text  # "&amp;" left in CourtListener's plain text


@pytest.mark.parametrize("source, kind, doc_id", [
    ("opinion_fisher_v_texas_2013_slip.txt", "opinion", "slip/us-11-345"),  # slip running heads found
    ("README.md", "document", None),
])
def test_default_plain_text_ingester_recognises_slip_opinions(source, kind, doc_id):
    doc = next(iter(plaintext.INGESTER.read(OPINIONS / source)))
    assert doc.kind == kind and (doc_id is None or doc.id == doc_id)


def test_slip_opinion_running_heads_are_removed_and_mapped():
    doc = read("opinion_fisher_v_texas_2013_slip.txt", "plain")
    assert (doc.id, doc.title, doc.date) == ("slip/us-11-345", "Fisher v. University of Texas at Austin",
                                             "2013-06-24")
    assert doc.extra["slip_cite"] == "570 U.S. ___" and doc.jurisdiction == "us"
    assert "Cite as: 570 U. S." not in doc.text
    page_map = doc.page_maps[0]
    assert page_map.reporter == "slip op." and page_map.breaks[0].offset == 0
    assert page_map.page_at(doc.text.index("The University of Texas at Austin considers race")) == "1 (Syllabus)"


def test_scotus_preamble_before_the_first_running_head_is_dropped():
    doc = read("scotus/cl-cluster-4106440.json")  # Sireci v. Florida: plain_text begins with a head
    assert doc.text.startswith("SUPREME COURT OF THE UNITED STATES")
    assert doc.date == "2016-12-12" and doc.court == "Supreme Court of the United States"


def test_star_pagination_in_plain_text_gives_the_reporter_map(tmp_path):
    # D.G. v. K.S. as plain text with CAP's inline "*428" page numbers.
    markup = json.loads((OPINIONS / "cap_v1/case_1.json").read_text())["casebody"]["data"]
    plain = re.sub(r"<[^>]+>", " ", re.sub(r"</p>", "\n\n", markup)).replace("&amp;", "&")
    path = tmp_path / "dg.txt"
    path.write_text(plain, encoding="utf-8")
    doc = next(iter(plaintext.PlainTextIngester(kind="opinion", citation="444 N.J. Super. 423").read(path)))
    page_map = doc.page_map_for("444 N.J. Super. 423")
    assert len(page_map.breaks) == 43 and "*450" not in doc.text
    assert page_text(doc, "444 N.J. Super. 423", "450", 30) == "offers after school child-care"


@pytest.mark.parametrize("labels, kept", [
    (["126", "125", "127"], ["124", "125", "127"]),  # a marker placed before its predecessor
    (["125", "130", "126", "127"], ["124", "125", "126", "127"]),  # a stray high label
    (["125", "126", "120", "127"], ["124", "125", "126", "127"]),  # a footnote's page at the end
    (["124", "125"], ["124", "125"]),  # the first page's own marker is not a second break
])
def test_page_breaks_keep_the_longest_ascending_run(labels, kept):
    anchors = [Anchor("k", label, 10 * (i + 1)) for i, label in enumerate(labels)]
    maps = build_page_maps([ReporterCite("k", "592 S.E.2d 124", "S.E.2d", "592", "124")], anchors, 1000)
    assert [b.label for b in maps[0].breaks] == kept


@pytest.mark.parametrize("raw, expected", [
    ("Bleecker St. Tenants Corp.. v. Bleeker Jones Llc", "Bleecker St. Tenants Corp. v. Bleeker Jones LLC"),
    ("VISCUSI v. PROGRESSIVE UNIVERSAL INS. CO.", "Viscusi v. Progressive Universal Ins. Co."),
    ("Haleakal v. Univ. of Hawai&lsquo;i", "Haleakal v. Univ. of Hawai‘i"),
    ("Rivera v.  Kleinman", "Rivera v. Kleinman"),
    ("IN RE KNC", "In re KNC"),
])
def test_case_names_are_tidied(raw, expected):
    assert clean_case_name(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("09-30-2014", "2014-09-30"), ("2011-03-3", "2011-03-03"), ("9-14-2007", "2007-09-14"),
    ("Feb. 24, 2011", "2011-02-24"), ("1871-12", "1871"), ("", ""),
])
def test_dates_become_iso(raw, expected):
    assert iso_date(raw) == expected


@pytest.mark.parametrize("cite, canonical, doc_id", [
    ("153 Conn.App. 266", "153 Conn. App. 266", "op/153-connapp-266"),
    ("204 Cal.Rptr.3d 539", "204 Cal. Rptr. 3d 539", "op/204-calrptr3d-539"),
    ("134 Hawai'i 86", "134 Haw. 86", "op/134-haw-86"),
    ("2018 IL App (1st) 152522", "2018 IL App (1st) 152522", "op/2018-ilapp1st-152522"),
])
def test_citations_are_canonical_and_ids_use_reporter_letters(cite, canonical, doc_id):
    parsed = parse_cite(cite)
    assert str(parsed) == canonical and opinion_id(parsed) == doc_id


def test_cases_sharing_a_first_page_get_distinct_ids():
    docs = unique_ids([read("cap_v1/bta_case_1.json"), read("cap_v1/bta_case_2.json")])
    assert [d.id for d in docs] == ["op/1-bta-15-appeal-of-day", "op/1-bta-15-appeal-of-baron"]


# --- user documents -----------------------------------------------------------------

def make_pdf(pages: list[str]) -> bytes:
    """A minimal valid PDF, one line of Helvetica text per page, written by hand."""
    count = len(pages)
    objects = ["<< /Type /Catalog /Pages 2 0 R >>",
               f"<< /Type /Pages /Kids [{' '.join(f'{3 + 2 * i} 0 R' for i in range(count))}] /Count {count} >>"]
    for i, text in enumerate(pages):
        stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET"
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {4 + 2 * i} 0 R "
                       f"/Resources << /Font << /F1 {3 + 2 * count} 0 R >> >> >>")
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
    objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out, offsets = io.BytesIO(b"%PDF-1.4\n"), []
    out.seek(0, 2)
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode())
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    out.write("".join(f"{o:010d} 00000 n \n" for o in offsets).encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


PDF_PAGES = ["The rule against perpetuities does not apply to options to renew leases.",
             "Options to renew are part of the present interest of the lessee."]


def test_pdf_pages_are_mapped(tmp_path):
    path = tmp_path / "brief.pdf"
    path.write_bytes(make_pdf(PDF_PAGES))
    doc = next(iter(pdf.PdfIngester(collection="matter-42").read(path)))
    assert doc.kind == "document" and doc.collection == "matter-42" and re.fullmatch(r"user/[0-9a-f]{16}", doc.id)
    page_map = doc.page_maps[0]
    assert page_map.reporter == "pdf" and [b.label for b in page_map.breaks] == ["1", "2"]
    for label, text in zip(("1", "2"), PDF_PAGES):
        assert doc.text[page_map.offset_of(label):].startswith(text)
    assert page_map.page_at(doc.text.index("present interest")) == "2"


@pytest.mark.parametrize("name, content, problem", [
    ("corrupt.pdf", b"%PDF-1.4\nthis is not a pdf body\n%%EOF\n", "corrupt"),
    ("truncated.pdf", make_pdf(PDF_PAGES)[:200], "corrupt"),
    ("empty.pdf", b"", "empty"),
    ("blank.pdf", make_pdf([""]), "no extractable text"),
])
def test_bad_pdfs_raise_ingest_error_naming_the_file(tmp_path, name, content, problem):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(IngestError) as error:
        list(pdf.INGESTER.read(path))
    assert name in str(error.value) and problem in error.value.problem


def test_encrypted_pdf_raises_ingest_error(tmp_path):
    from pypdf import PdfReader, PdfWriter

    plain = tmp_path / "plain.pdf"
    plain.write_bytes(make_pdf(PDF_PAGES))
    writer = PdfWriter(clone_from=PdfReader(str(plain)))
    writer.encrypt("secret", algorithm="RC4-128")
    locked = tmp_path / "locked.pdf"
    with open(locked, "wb") as handle:
        writer.write(handle)
    with pytest.raises(IngestError, match="locked.pdf: encrypted"):
        list(pdf.INGESTER.read(locked))


FOOTNOTES_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:id="1"><w:p><w:r><w:t>See 16 N.Y.3d 272, 280.</w:t></w:r></w:p></w:footnote>'
    "</w:footnotes>")


def add_footnotes_part(path: Path) -> None:
    """python-docx cannot write footnotes: add the part, its relationship and type."""
    with zipfile.ZipFile(path) as source:
        files = {name: source.read(name) for name in source.namelist()}
    rels = "word/_rels/document.xml.rels"
    files[rels] = files[rels].replace(b"</Relationships>", (
        b'<Relationship Id="rIdFn1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/footnotes" Target="footnotes.xml"/></Relationships>'))
    files["[Content_Types].xml"] = files["[Content_Types].xml"].replace(b"</Types>", (
        b'<Override PartName="/word/footnotes.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>'))
    files["word/footnotes.xml"] = FOOTNOTES_XML.encode()
    with zipfile.ZipFile(path, "w") as target:
        for name, data in files.items():
            target.writestr(name, data)


def test_docx_reads_paragraphs_tables_and_footnotes(tmp_path):
    import docx as python_docx

    document = python_docx.Document()
    document.add_heading("Memo on lease renewal options", level=1)
    document.add_paragraph("Renewal options are not subject to EPTL 9-1.1(b).")
    table = document.add_table(rows=2, cols=2)
    for (row, col), value in {(0, 0): "Case", (0, 1): "Cite", (1, 0): "Bleecker", (1, 1): "16 N.Y.3d 272"}.items():
        table.cell(row, col).text = value
    document.add_paragraph("Conclusion follows the table.")
    path = tmp_path / "memo.docx"
    document.save(str(path))
    add_footnotes_part(path)
    doc = next(iter(docx.DocxIngester(collection="drafts").read(path)))
    assert doc.kind == "document" and doc.collection == "drafts" and doc.id.startswith("user/")
    text = doc.text
    assert text.index("EPTL 9-1.1(b)") < text.index("Bleecker | 16 N.Y.3d 272") < text.index("Conclusion")
    assert "[1] See 16 N.Y.3d 272, 280." in text


@pytest.mark.parametrize("name, content", [
    ("broken.docx", b"PK\x03\x04 not really a zip"),
    ("empty.docx", b""),
])
def test_bad_docx_raises_ingest_error_naming_the_file(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(IngestError, match=re.escape(name)):
        list(docx.INGESTER.read(path))


@pytest.mark.parametrize("name, content, problem", [
    ("empty.txt", b"  \n", "empty file"),
    ("latin1.txt", "Caf\u00e9 au lait".encode("latin-1"), "not UTF-8"),
])
def test_bad_text_files_raise_ingest_error(tmp_path, name, content, problem):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(IngestError, match=f"{name}: {problem}"):
        list(plaintext.INGESTER.read(path))


def test_user_text_file_is_a_document_with_a_content_id(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text("# Research notes\n\nBleecker, 16 N.Y.3d 272, at 280.\n", encoding="utf-8")
    doc = next(iter(plaintext.PlainTextIngester(collection="mine").read(path)))
    again = next(iter(plaintext.PlainTextIngester(collection="mine").read(path)))
    assert (doc.kind, doc.title, doc.collection) == ("document", "Research notes", "mine")
    assert doc.id == again.id and re.fullmatch(r"user/[0-9a-f]{16}", doc.id)


def test_courtlistener_texts_asset_manifest_matches_its_texts():
    with gzip.open(OPINIONS / "courtlistener_texts" / "texts.json.gz", "rt", encoding="utf-8") as handle:
        texts = json.load(handle)
    manifest = json.loads((OPINIONS / "courtlistener_texts" / "manifest.json").read_text())
    assert sorted(texts) == sorted(str(e["id"]) for e in manifest)


FASTCASE_BOMB = """<?xml version="1.0"?>
<!DOCTYPE Case [<!ENTITY a "lollollollol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<Case><ShortName>A v. B</ShortName><CaseHtml>&b;</CaseHtml></Case>
"""


@pytest.mark.parametrize("content, problem", [
    (FASTCASE_BOMB, "refused unsafe XML"),
    ("<Case><ShortName>A v. B</ShortName><CaseHtml>", "malformed Fastcase XML"),
])
def test_fastcase_xml_declaring_entities_or_broken_is_refused(tmp_path, content, problem):
    error = ingest_error(FASTCASE, tmp_path / "case.xml", content)
    assert str(tmp_path / "case.xml") in str(error) and problem in error.problem
