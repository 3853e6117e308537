"""Research memos on the small real library: structure, quotations as spans,
page-spanning pin cites, the relevance floor, the self-check, the stand-in
model's fabrications, and the three output formats."""
from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest

from research.citations.validate.pipeline import check_text
from research.memo.write import self_checked, write_memo
from research.memo.bluebook import case_parts, court_abbreviation, pin_label, statute_citation
from research.memo.quotes import make_quote, pick_quotes, sentence_spans, separate_opinion_at, word_overlap
from research.memo.build import select_authorities
from research.memo.render import DISCLAIMER, NO_AUTHORITY, Draft
from research.types import SearchHit
from support.llm import FABRICATIONS, KEPT, SCRIPT, ScriptedLLM

QUESTIONS = {
    "fair_use": ("factors for deciding whether copying a copyrighted work for criticism or teaching is fair",
                 "usc/17/107"),
    "perpetuities": ("does the rule against perpetuities apply to an option to renew a commercial lease",
                     "op/16-ny3d-272"),
    "vacatur": ("on what grounds can a court vacate an arbitration award", "usc/9/10"),
}
OFF_TOPIC = "how do I bake sourdough bread with a crispy crust"
HEADINGS = ("Question Presented", "Short Answer", "Governing Law", "Cases", "Table of Authorities", "Sources")


def _fold(text: str) -> str:
    return "".join(ch.lower() for ch in text if ch.isalnum())


@pytest.fixture(scope="module")
def memos(searcher):
    """One memo per question, built once for the module."""
    return {name: write_memo(q, searcher=searcher, store=searcher.store, today="2026-11-26")
            for name, (q, _) in QUESTIONS.items()}


@pytest.mark.parametrize("name", sorted(QUESTIONS))
def test_memo_structure(memos, name):
    memo = memos[name]
    assert memo.markdown.startswith("# **MEMORANDUM**")
    for line in (DISCLAIMER, "**To:**", "**From:**", "**Date:** 2026-11-26", f"**Re:** {QUESTIONS[name][0]}"):
        assert line in memo.markdown
    positions = [memo.markdown.index(f"## {h}\n") for h in HEADINGS]
    assert positions == sorted(positions)
    assert QUESTIONS[name][1] in [a.doc_id for a in memo.authorities]
    assert "Citation self-check" in memo.markdown.split("---")[-1]


@pytest.mark.parametrize("name", sorted(QUESTIONS))
def test_every_quotation_is_a_span_on_sentence_boundaries(memos, searcher, name):
    quotes = memos[name].quotes
    assert quotes
    for authority, quote in quotes:
        text = searcher.store.get(authority.doc_id).text
        assert text[quote.start:quote.end] == quote.text
        assert quote.start == 0 or not text[quote.start - 1].isalnum()
        assert quote.end == len(text) or not text[quote.end].isalnum()
        ending = quote.text.rstrip("\u201d\u2019\"')")
        assert ending[-1] in ".?!;:" or re.search(r"[;,] (or|and)$", ending)  # a whole list item


@pytest.mark.parametrize("name", sorted(QUESTIONS))
def test_self_check_verified_everything(memos, searcher, name):
    memo = memos[name]
    assert memo.check.citations and all(c.status == "verified" for c in memo.check.citations)
    checked = {_fold(c.found.quote) for c in memo.check.citations if c.found.quote}
    assert all(_fold(q.text) in checked for _, q in memo.quotes)
    # The memo as shipped checks clean again, independently.
    body = memo.markdown.split("## Removed unverified content")[0]
    assert check_text(body, store=searcher.store).summary["verified"] == len(memo.check.citations)


def test_cases_carry_bluebook_citation_with_pin_and_year(memos):
    memo = memos["perpetuities"]
    case = next(a for a in memo.authorities if a.doc_id == "op/16-ny3d-272")
    pins = [q.pin for q in case.quotes]
    assert all(re.fullmatch(r"\d+(-\d+)?", p) for p in pins)
    assert f"*Bleecker St. Tenants Corp. v. Bleeker Jones LLC*, 16 N.Y.3d 272, {pins[0]} (2011)" in memo.markdown


def test_statutes_cite_subsection_and_edition(memos):
    memo = memos["fair_use"]
    fair_use = next(a for a in memo.authorities if a.doc_id == "usc/17/107")
    assert all(q.cite == f"17 U.S.C. \u00a7 107{q.label}" for q in fair_use.quotes)
    assert "U.S. Code, release point 113-31 (July 2013)" in memo.markdown
    law_at = memo.markdown.index("## Governing Law")
    assert memo.markdown.index("17 U.S.C. \u00a7 107,", law_at) < memo.markdown.index("## Cases")


@pytest.mark.parametrize("doc_id, question, cite, words", [
    ("usc/17/107", "the purpose and character of the use commercial nature", "17 U.S.C. \u00a7 107(1)",
     "(1) the purpose and character of the use"),
    ("usc/9/10", "the arbitrators were guilty of misconduct in refusing to postpone the hearing",
     "9 U.S.C. \u00a7 10(a)(3)", "(3) where the arbitrators were guilty of misconduct"),
    ("usc/35/101", "whoever invents any new and useful process", "35 U.S.C. \u00a7 101", "Whoever invents"),
])
def test_statute_quote_cites_the_subsection_it_sits_in(searcher, doc_id, question, cite, words):
    doc = searcher.store.get(doc_id)
    chunks = list(searcher.store.chunks(doc_id))
    quotes = pick_quotes(doc, chunks, question, word_overlap, limit=1)
    best = max(quotes, key=lambda q: q.score)
    assert best.cite == cite and best.text.startswith(words) and doc.text[best.start:best.end] == best.text


def test_page_spanning_quotation_cites_both_pages(searcher):
    doc = searcher.store.get("op/444-njsuper-423")
    page_map = doc.page_map_for("444 N.J. Super. 423")
    start, end = next((a, b) for a, b in sentence_spans(doc, 8000, 9000)
                      if len(page_map.pages_between(a, b)) == 2)
    quote = make_quote(doc, start, end)
    assert quote.text == doc.text[start:end] and quote.pin == "432-33"
    name, rest = case_parts(doc, quote.pin)
    report = check_text(f"\u201c{quote.display}\u201d {name}{rest}.", store=searcher.store)
    assert [c.status for c in report.citations] == ["verified"]
    assert rest == ", 444 N.J. Super. 423, 432-33 (N.J. Super. Ct. Ch. Div. 2015)"


@pytest.mark.parametrize("pages, label", [
    ((), ""), (("278",), "278"), (("431", "432"), "431-32"), (("99", "100"), "99-100"),
    (("1", "2"), "1-2"), (("1198", "1199", "1200"), "1198-200"), (("1002", "1004"), "1002-04"),
])
def test_pin_label(pages, label):
    assert pin_label(pages) == label


@pytest.mark.parametrize("doc_id, label, expected", [
    ("usc/17/107", "(1)", "17 U.S.C. \u00a7 107(1)"),
    ("usc/11/362", "(a)(1)", "11 U.S.C. \u00a7 362(a)(1)"),
    ("usc/9/10", "", "9 U.S.C. \u00a7 10"),
])
def test_statute_citation(searcher, doc_id, label, expected):
    assert statute_citation(searcher.store.get(doc_id), label) == expected


@pytest.mark.parametrize("doc_id, court", [
    ("op/16-ny3d-272", ""), ("op/444-njsuper-423", "N.J. Super. Ct. Ch. Div."),
])
def test_court_parenthetical(searcher, doc_id, court):
    doc = searcher.store.get(doc_id)
    assert court_abbreviation(doc, doc.primary_citation) == court


def test_no_relevant_authority_says_so(searcher):
    memo = write_memo(OFF_TOPIC, searcher=searcher, store=searcher.store)
    assert memo.authorities == () and memo.quotes == []
    assert NO_AUTHORITY in memo.markdown
    assert memo.check.citations == ()
    assert memo.to_json()["authorities"] == []


def test_self_check_drops_a_wrong_pin_and_rebuilds(memos, searcher):
    memo = memos["perpetuities"]
    case = next(a for a in memo.authorities if a.doc_id == "op/16-ny3d-272")
    wrong = replace(case.quotes[0], pin="9999", cite="16 N.Y.3d 272, 9999")
    bad = replace(case, quotes=(wrong,) + case.quotes[1:])
    draft = replace(memo.draft, authorities=tuple(bad if a is case else a for a in memo.draft.authorities),
                    footer="", removed=())
    fixed = self_checked(draft, store=searcher.store)
    assert all(c.status == "verified" for c in fixed.check.citations)
    assert "9999" not in fixed.markdown.split("## Removed unverified content")[0]
    assert any("9999" in item for item in fixed.removed)


def test_stand_in_model_fabrications_are_all_removed(searcher):
    llm = ScriptedLLM(script=SCRIPT)
    memo = write_memo(QUESTIONS["fair_use"][0], searcher=searcher, store=searcher.store, llm=llm)
    assert llm.prompts and "the nature of the copyrighted work" in llm.prompts[0]
    checked_part, removed_part = memo.markdown.split("## Removed unverified content")
    assert KEPT in checked_part
    for what, sentence in FABRICATIONS.items():
        assert sentence not in checked_part, what
        assert any(sentence.split(" ", 3)[-1][:30] in item for item in memo.removed), what
    for marker in ("123 F.3d 456", "\u00a7 9999", "\u00a7 1983", "Miller v. Acme", "always void",
                   "automatically a fair use"):
        assert marker not in checked_part and marker in removed_part
    assert all(c.status == "verified" for c in memo.check.citations)


def test_docx_reopens_with_italic_case_names_and_a_table(memos, tmp_path):
    from docx import Document as WordDocument

    path = memos["perpetuities"].save_docx(tmp_path / "memo.docx")
    doc = WordDocument(str(path))
    italic = {run.text for p in doc.paragraphs for run in p.runs if run.italic}
    assert "Bleecker St. Tenants Corp. v. Bleeker Jones LLC" in italic
    assert doc.tables and doc.tables[0].rows[0].cells[0].text == "Authority"
    toa_names = {run.text for row in doc.tables[0].rows for p in row.cells[0].paragraphs for run in p.runs
                 if run.italic}
    assert "Bleecker St. Tenants Corp. v. Bleeker Jones LLC" in toa_names
    text = "\n".join(p.text for p in doc.paragraphs)
    assert DISCLAIMER in text and "Citation self-check" in doc.sections[0].footer.paragraphs[0].text


def test_html_has_italics_and_table(memos):
    page = memos["perpetuities"].html()
    assert "<em>Bleecker St. Tenants Corp. v. Bleeker Jones LLC</em>" in page
    assert "<table>" in page and "<script" not in page and "http" not in page


def test_json_schema(memos, searcher):
    data = json.loads(json.dumps(memos["fair_use"].to_json()))
    assert set(data) == {"question", "memo_markdown", "authorities", "quotes", "check"}
    assert set(data["check"]) == {"verified", "warning", "unverified", "invalid"}
    assert all(set(a) == {"doc_id", "citation", "title", "further"} for a in data["authorities"])
    for q in data["quotes"]:
        assert set(q) == {"doc_id", "citation", "pin", "start", "end", "text"}
        assert searcher.store.get(q["doc_id"]).text[q["start"]:q["end"]] == q["text"]


def test_cli_memo_json_and_files(small_library, tmp_path):
    from click.testing import CliRunner

    from research.cli.main import cli

    base = ["--home", str(small_library.home), "--corpora", str(small_library.corpora_dir),
            "--model-cache", str(small_library.models_dir)]
    runner = CliRunner()
    result = runner.invoke(cli, base + ["memo", QUESTIONS["vacatur"][0], "--json", "--out", str(tmp_path / "m.md")])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout.strip().splitlines()[-1])
    assert data["authorities"][0]["doc_id"] == "usc/9/10"
    assert (tmp_path / "m.md").read_text(encoding="utf-8") == data["memo_markdown"]


def test_missing_llm_extra_gives_a_clear_error():
    pytest.importorskip("llama_index.core")
    try:
        import llama_index.llms.openai_like  # noqa: F401
        pytest.skip("the optional extra is installed")
    except ImportError:
        pass
    from research.errors import ModelUnavailable
    from research.memo.llm import load_llm

    with pytest.raises(ModelUnavailable, match="llama-index-llms-openai-like"):
        load_llm(base_url="http://127.0.0.1:9/v1", model="x")


def test_empty_draft_renders_without_authority():
    draft = Draft(question="q", date="d", to="t", author="a", authorities=())
    assert self_checked(draft, store=None).check.citations == ()


@pytest.mark.parametrize("offset, opinion", [
    (5000, ""), (11227, "Read, J., concurring"), (30000, "Graffeo, J., dissenting"),
])
def test_separate_opinions_are_labelled(searcher, offset, opinion):
    doc = searcher.store.get("op/16-ny3d-272")
    assert separate_opinion_at(doc, offset) == opinion


def _hit(store, chunk, rank):
    doc = store.get(chunk.doc_id)
    return SearchHit(rank=rank, doc_id=doc.id, kind=doc.kind, title=doc.title, citation=doc.primary_citation,
                     pin="", score=1.0, start=chunk.start, end=chunk.end, text=chunk.text, chunk_id=chunk.id,
                     matched_by=("dense",))


def test_concurrence_quote_carries_parenthetical_and_stays_out_of_short_answer(searcher):
    """Passages of Judge Read's concurrence (from offset 11227) and of the statute on leases."""
    store = searcher.store
    read = [c for c in store.chunks("op/16-ny3d-272") if 11227 <= c.start < 14000][:2]
    lease = list(store.chunks("usc/11/362"))[:1]
    hits = [_hit(store, c, i + 1) for i, c in enumerate(lease + read)]
    question = "is an option to renew a lease outside the historic prohibition against remote vesting"
    selection = select_authorities(question, hits, store=store, score=word_overlap, k=2, floor=0.0)
    draft = Draft(question=question, date="2026-11-26", to="t", author="a", authorities=selection.authorities,
                  docs={a.doc_id: store.get(a.doc_id) for a in selection.authorities})
    memo = self_checked(draft, store=store)
    case = next(a for a in memo.authorities if a.doc_id == "op/16-ny3d-272")
    separate = [q for q in case.quotes if q.opinion]
    assert separate and all(q.opinion == "Read, J., concurring" for q in separate)
    short = memo.markdown.split("## Short Answer")[1].split("## Governing Law")[0]
    for q in separate:
        assert f"16 N.Y.3d 272, {q.pin} (2011) ({q.opinion})." in memo.markdown
        assert q.display not in short


def test_pin_comes_from_the_reporter_cited(searcher):
    """Without the official reporter's pages, the memo cites the parallel
    reporter whose pages it has, never an official volume with another
    reporter's page."""
    doc = searcher.store.get("op/16-ny3d-272")
    parallel_only = replace(doc, page_maps=tuple(pm for pm in doc.page_maps if pm.citation != "16 N.Y.3d 272"))
    start, end = next(s for s in sentence_spans(doc, 11000, 14000) if not re.search(r"\d", doc.text[s[0]:s[1]]))
    quote = make_quote(parallel_only, start, end)
    expected = pin_label(doc.page_map_for("945 N.E.2d 484").pages_between(start, end))
    assert quote.cite == f"945 N.E.2d 484, {expected}"
    name, rest = case_parts(parallel_only, quote.pin)
    report = check_text(f"\u201c{quote.display}\u201d {name}{rest}.", store=searcher.store)
    assert [c.status for c in report.citations] == ["verified"]
