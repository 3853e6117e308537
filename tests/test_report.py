"""Report renderers (research.citations.report.render, report_html) on citations
really extracted from brief text, with statuses set here so that every
status and every escaping hazard is rendered whatever validation decides.

cli_memo_excerpt.txt quotes real library opinions (16 N.Y.3d 272,
444 N.J. Super. 423) and 17 U.S.C. § 107; its "Smith v. Jones,
444 N.J. Super. 430" is deliberately fabricated: page 430 lies inside D.G. v. K.S.
"""
from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser

import pytest

from research.citations.extract.pipeline import extract_citations
from research.citations.report.render import CSV_FIELDS, FORMATS, render, report_to_dict
from research.types import Authority, CheckedCitation, CheckReport
from support.paths import BRIEFS

MEMO = BRIEFS / "cli_memo_excerpt.txt"

HOSTILE = ('The court said "<script>alert(1)</script> | a, b; \'c\' & d" in Smith & Co. v. <b>Jones</b>, '
           "444 N.J. Super. 430, 431 (App. Div. 2015).\nSee 17 U.S.C. § 107.\n")

# citation text -> (status, problems, messages, authority)
VERDICTS = {
    "16 N.Y.3d 272": ("verified", (), (), Authority("op/16-ny3d-272", "Bleecker St. Tenants Corp. v. Bleeker Jones LLC",
                                                    "16 N.Y.3d 272", "Court of Appeals of New York", "2011")),
    "444 N.J. Super. 430": ("invalid", ("page_inside_other_case",),
                            ("444 N.J. Super. 430 falls inside D.G. v. K.S., 444 N.J. Super. 423-469 <script>",),
                            None),
    "17 U.S.C. § 107": ("warning", ("quote_not_found", "year_mismatch"),
                        ("quotation not found in 17 U.S.C. § 107 (2013 edition)", "cited 2015, decided 2013"),
                        Authority("usc/17/107", "Fair use", "17 U.S.C. § 107", "", "2013", edition="2013")),
}


def make_report(text: str, file: str = "memo.txt") -> CheckReport:
    items = []
    for found in extract_citations(text):
        status, problems, messages, authority = VERDICTS.get(found.text, ("unverified", ("not_in_library",),
                                                                          ("not in the library",), None))
        items.append(CheckedCitation(found, status, problems, messages, authority,
                                     notes=("checked against the 2013 edition",), pdf_page=None))
    return CheckReport(file=file, text=text, citations=tuple(items))


@pytest.fixture(scope="module")
def memo() -> CheckReport:
    return make_report(MEMO.read_text(encoding="utf-8"), file=str(MEMO))


@pytest.fixture(scope="module")
def hostile() -> CheckReport:
    return make_report(HOSTILE, file="<script>.txt")


def test_json_object_has_exactly_the_documented_schema(memo):
    data = json.loads(render([memo], "json"))
    assert set(data) == {"file", "style", "citations", "summary"}
    assert set(data["summary"]) == {"verified", "warning", "unverified", "invalid"}
    assert sum(data["summary"].values()) == len(data["citations"]) == 6
    for item in data["citations"]:
        assert set(item) == {"text", "start", "end", "kind", "status", "problems", "messages",
                             "authority", "pin_cite", "quote", "notes", "pdf_page", "authority_source",
                             "form", "corrected"}
        assert memo.text[item["start"]:item["end"]] == item["text"]
        assert isinstance(item["problems"], list) and isinstance(item["messages"], list)
        assert isinstance(item["pin_cite"], str) and isinstance(item["quote"], str)
        assert item["authority"] is None or set(item["authority"]) == {"doc_id", "name", "citation", "court", "year"}


@pytest.mark.parametrize("text, status, problems, authority_id, pin", [
    ("16 N.Y.3d 272", "verified", [], "op/16-ny3d-272", "275"),
    ("444 N.J. Super. 430", "invalid", ["page_inside_other_case"], None, "431"),
    ("17 U.S.C. § 107", "warning", ["quote_not_found", "year_mismatch"], "usc/17/107", ""),
    ("Id.", "unverified", ["not_in_library"], None, "275"),
])
def test_json_citation_values(memo, text, status, problems, authority_id, pin):
    item = next(c for c in report_to_dict(memo)["citations"] if c["text"] == text)
    assert (item["status"], item["problems"], item["pin_cite"]) == (status, problems, pin)
    assert (item["authority"] or {}).get("doc_id") == authority_id


def test_json_several_reports_are_one_object_per_line(memo, hostile):
    lines = render([memo, hostile, memo], "json").splitlines()
    assert [json.loads(line)["file"] for line in lines] == [memo.file, "<script>.txt", memo.file]


def test_csv_one_row_per_citation_and_round_trips_hostile_text(hostile):
    rows = list(csv.DictReader(io.StringIO(render([hostile], "csv"), newline="")))
    assert tuple(rows[0]) == CSV_FIELDS
    assert len(rows) == len(hostile.citations)
    invalid = next(r for r in rows if r["status"] == "invalid")
    assert invalid["quote"] == "<script>alert(1)</script> | a, b; 'c' & d"
    assert hostile.text[int(invalid["start"]):int(invalid["end"])] == invalid["text"] == "444 N.J. Super. 430"
    warning = next(r for r in rows if r["status"] == "warning")
    assert warning["problems"] == "quote_not_found;year_mismatch"
    assert (warning["authority_doc_id"], warning["authority_year"]) == ("usc/17/107", "2013")


def test_text_marks_each_citation_in_the_document_and_lists_reasons(memo):
    out = render([memo], "text")
    assert "[[444 N.J. Super. 430 | #5 INVALID: page_inside_other_case]]" in out
    assert "[[16 N.Y.3d 272 | #1 VERIFIED]]" in out
    assert "    page_inside_other_case: 444 N.J. Super. 430 falls inside D.G. v. K.S." in out
    assert "#3 Id.  [? UNVERIFIED]  (id, line 5, refers to #1)" in out
    assert out.rstrip().endswith("6 citations: 1 verified, 1 warning, 3 unverified, 1 invalid ---")
    document = out.split("--- Citations in")[0]
    assert re.sub(r"\[\[(.*?) \| #\d+ [^\]]*\]\]", r"\1", document).strip() == f"=== {memo.file} ===\n" + memo.text.strip()


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.urls: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.urls += [v for k, v in attrs if k in ("src", "href") and v and not v.startswith("#")]

    def handle_data(self, data):
        self.text.append(data)


def test_html_is_self_contained_and_labels_status_without_colour(hostile):
    page = render([hostile], "html")
    parsed = _Collector()
    parsed.feed(page)
    assert "script" not in parsed.tags and parsed.urls == []
    assert "http://" not in page and "https://" not in page and "@import" not in page
    text = "".join(parsed.text)
    assert "\u2717 INVALID #" in text and "\u26a0" not in text
    assert "<script>alert(1)</script>" in text  # shown as text, not run
    assert "&lt;script&gt;" in page and "<b>Jones" not in page
    assert "default-src 'none'" in page


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_renders_and_neutralises_script(hostile, fmt):
    out = render([hostile], fmt)
    assert "444 N.J. Super. 430" in out
    if fmt in ("html", "md"):
        assert "<script>" not in out and "&lt;script&gt;" in out
    if fmt == "json":
        assert json.loads(out)["citations"][0]["quote"].startswith("<script>")


def test_markdown_table_cells_are_escaped(hostile):
    rows = [line for line in render([hostile], "md").splitlines() if line.startswith("| ")]
    assert len(rows) == 1 + len(hostile.citations)
    widths = {len(re.findall(r"(?<!\\)\|", row)) for row in rows}
    assert widths == {12}  # no unescaped "|" from the quote breaks a row


def test_unknown_format_is_refused(memo):
    with pytest.raises(ValueError, match="unknown report format"):
        render([memo], "pdf")


def test_csv_cells_cannot_become_spreadsheet_formulas(memo):
    from dataclasses import replace

    first = replace(memo.citations[0], messages=("=HYPERLINK(1)",), notes=("-2 pages",))
    report = replace(memo, file="@brief.txt", citations=(first,))
    (row,) = csv.DictReader(io.StringIO(render([report], "csv"), newline=""))
    assert (row["file"], row["messages"], row["notes"], row["text"]) == \
        ("'@brief.txt", "'=HYPERLINK(1)", "'-2 pages", "16 N.Y.3d 272")
