"""Reading briefs for checking (research.corpus.read_input, research.citations.check.check_files):
UTF-8 text kept exactly as decoded, PDF with each citation's page, Word body,
tables and footnotes, and clear errors naming the file.

Text is from tests/assets/briefs/cli_memo_excerpt.txt (real library
citations; "Smith v. Jones, 444 N.J. Super. 430" is deliberately fabricated).
"""
from __future__ import annotations


import pytest

from research.citations.check import check_files
from research.citations.extract.pipeline import extract_citations
from research.corpus import read_input
from research.errors import IngestError
from research.types import CheckReport, IngestFailure
from support.documents import write_docx, write_pdf
from support.paths import BRIEFS

MEMO = BRIEFS / "cli_memo_excerpt.txt"
NY = "Bleecker St. Tenants Corp. v. Bleeker Jones LLC, 16 N.Y.3d 272, 275, 945 N.E.2d 484 (2011)."
NJ = "D.G. v. K.S., 444 N.J. Super. 423, 429 (Ch. Div. 2015)."
USC = "The fair use of a copyrighted work \u201cfor purposes such as criticism\u201d is lawful. 17 U.S.C. \u00a7 107."


@pytest.mark.parametrize("data", [
    MEMO.read_bytes(),
    MEMO.read_bytes().replace(b"\n", b"\r\n"),           # Windows line ends stay two characters
    b"\xef\xbb\xbf" + MEMO.read_bytes(),                  # a byte-order mark is character 0
    ("\u00a0" + NJ.replace(" ", "\u00a0", 3) + "\n" + USC).encode("utf-8"),  # non-breaking spaces
])
def test_text_offsets_point_into_the_file_decoded_as_utf8(tmp_path, data):
    path = tmp_path / "brief.txt"
    path.write_bytes(data)
    source = read_input(path)
    content = data.decode("utf-8")
    assert source.text == content and source.page_of is None
    found = extract_citations(source.text)
    assert {"444 N.J. Super. 423", "17 U.S.C. \u00a7 107"} <= {c.citation for c in found}
    assert all(content[c.start:c.end] == c.text for c in found)


@pytest.mark.parametrize("name, data, problem", [
    ("scan.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file, not text"),
    ("brief.txt", NJ.encode("utf-8") + b" \xa7 107 caf\xe9", "not UTF-8 text (byte 0xa7 at position 56)"),
    ("empty.txt", b" \n\n", "empty file"),
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "old Word .doc format"),
    ("broken.pdf", b"%PDF-1.4\nthis is not a PDF body", "PDF"),
    ("broken.docx", b"PK\x03\x04 not really a zip", "corrupt or unreadable Word file"),
])
def test_unreadable_input_names_the_file_and_the_problem(tmp_path, name, data, problem):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(IngestError) as caught:
        read_input(path)
    assert str(path) in str(caught.value) and problem in str(caught.value)


@pytest.mark.parametrize("make, problem", [
    (lambda tmp: tmp / "missing.txt", "no such file"),
    (lambda tmp: tmp, "is a folder"),
])
def test_missing_file_or_folder_is_an_error(tmp_path, make, problem):
    with pytest.raises(IngestError, match=problem):
        read_input(make(tmp_path))


def test_pdf_keeps_the_page_of_each_citation(tmp_path):
    path = write_pdf(tmp_path / "brief.pdf", [["MEMORANDUM OF LAW", NY], [USC, NJ], ["Respectfully submitted."]])
    source = read_input(path)
    pages = {c.citation: source.page_of(c.start) for c in extract_citations(source.text)}
    assert pages == {"16 N.Y.3d 272": 1, "945 N.E.2d 484": 1, "17 U.S.C. \u00a7 107": 2, "444 N.J. Super. 423": 2}
    assert source.page_of(len(source.text) - 1) == 3


def test_docx_body_table_and_footnotes_are_all_checked(tmp_path):
    path = write_docx(tmp_path / "memo.docx", paragraphs=["MEMORANDUM", NY],
                      table=[["Authority", "Citation"], ["Fair use", "17 U.S.C. \u00a7 107"]],
                      footnotes=[NJ])
    source = read_input(path)
    found = extract_citations(source.text)
    assert [c.citation for c in found] == ["16 N.Y.3d 272", "945 N.E.2d 484", "17 U.S.C. \u00a7 107",
                                           "444 N.J. Super. 423"]
    assert all(source.text[c.start:c.end] == c.text for c in found)


def test_a_broken_file_does_not_stop_the_others(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(NJ, encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    results = list(check_files([bad, tmp_path / "gone.txt", good], store=None))
    assert [type(r) for r in results] == [IngestFailure, IngestFailure, CheckReport]
    assert [r.path for r in results[:2]] == [str(bad), str(tmp_path / "gone.txt")]
    assert "binary file" in results[0].problem and results[1].problem == "no such file"
    assert [c.found.citation for c in results[2].citations] == ["444 N.J. Super. 423"]


BOMB_DOCTYPE = ('<!DOCTYPE w:footnotes [<!ENTITY a "lollollollol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
                '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>')


def test_word_footnotes_declaring_entities_are_refused_not_expanded(tmp_path):
    """Every XML part the project parses itself goes through defusedxml (research.corpus.base.parse_xml)."""
    import zipfile

    made = write_docx(tmp_path / "made.docx", paragraphs=[NY], footnotes=["See note."])
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(bomb, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/footnotes.xml":
                data = data.replace(b"?><w:footnotes", b"?>" + BOMB_DOCTYPE.encode() + b"<w:footnotes", 1)
                data = data.replace(b"See note.", b"&c;")
            target.writestr(item, data)
    with pytest.raises(IngestError) as caught:
        read_input(bomb)
    assert str(bomb) in str(caught.value) and "refused unsafe XML" in caught.value.problem
