"""Headings and captions are not rules: where a unit's operative words begin, on real code text."""
from __future__ import annotations

import pytest

from research.corpus.io import read_corpus
from research.memo.quotes import pick_quotes, word_overlap
from research.settings import PROJECT_ROOT
from research.text.chunking import chunk_document, structural_units
from research.text.headings import body_start, is_caption, is_heading


@pytest.fixture(scope="module")
def code():
    wanted = {"usc/28/657", "usc/42/2000e-3", "usc/9/10", "usc/18/1708", "cfr/27/555.127", "usc/1/1", "usc/35/154"}
    found = {}
    for name in ("uscode_2013.jsonl.gz", "uscode_2023.jsonl.gz", "cfr_2018.jsonl.gz"):
        found.update({d.id: d for d in read_corpus(PROJECT_ROOT / "corpora" / name) if d.id in wanted})
    assert set(found) == wanted
    return found


@pytest.mark.parametrize(
    "doc_id, unit, heading, body",
    [
        # an inline title-case heading: "(a) Filing and Effect of Arbitration Award. An arbitration award ..."
        ("usc/28/657", 0, "Filing and Effect of Arbitration Award", "An arbitration award made by an arbitrator"),
        ("usc/28/657", 1, "(b) Sealing of Arbitration Award.", "The district court shall provide"),
        # a heading on a line of its own
        ("usc/42/2000e-3", 0, "(a) Discrimination for making charges", "It shall be an unlawful employment practice"),
        # the section line alone
        ("usc/9/10", 0, "\u00a7 10. Same; vacation; grounds; rehearing", "(a) In any of the following cases"),
        ("cfr/27/555.127", 0, "\u00a7 555.127 Daily summary", "In taking the inventory required"),
        # a paragraph that runs on with "; or" is not a heading line
        ("usc/18/1708", 0, "\u00a7 1708. Theft or receipt", "Whoever steals, takes, or abstracts, or by fraud"),
        # a unit that is only its heading ("(c) Continuation.\u2014"; its paragraphs are units of their own)
        ("usc/35/154", "(c)", "(c) Continuation.\u2014", "\n(1) Determination.\u2014 The term of a patent"),
        # no heading: the unit is all rule
        ("usc/9/10", 2, "", "(2) where there was evident partiality or corruption in the arbitrators"),
    ],
)
def test_the_rule_begins_after_the_heading(code, doc_id, unit, heading, body):
    doc = code[doc_id]
    units = structural_units(doc.text, statute=True)
    start, end, _ = units[unit] if isinstance(unit, int) else next(u for u in units if u[2] == unit)
    begins = body_start(doc.text, start, end)
    skipped = doc.text[start:begins]
    assert (heading in skipped) if heading else (skipped == "")
    assert doc.text[begins:].startswith(body)


@pytest.mark.parametrize(
    "sentence, heading",
    [
        ("(a) Filing and Effect of Arbitration Award.", True),
        ("(c) Trial de Novo of Arbitration Awards.", True),
        ("In General.", True),
        ("(2) where there was evident partiality or corruption in the arbitrators, or either of them;", False),
        ("Such award shall be entered as the judgment of the court after the time has expired for "
         "requesting a trial de novo.", False),
    ],
)
def test_is_heading(sentence, heading):
    assert is_heading(sentence) is heading


@pytest.mark.parametrize(
    "sentence, caption",
    [
        ("BLEECKER STREET TENANTS CORP., Respondent, v. BLEEKER JONES LLC et al., Appellants", True),
        ("SUPREME COURT OF THE UNITED STATES", True),
        ("The rule against perpetuities does not apply to an option to renew a lease.", False),
    ],
)
def test_is_caption(sentence, caption):
    assert is_caption(sentence) is caption


@pytest.mark.parametrize(
    "doc_id, question, never",
    [
        ("usc/28/657", "filing and effect of an arbitration award", "(a) Filing and Effect of Arbitration Award."),
        ("usc/28/657", "sealing of the arbitration award", "(b) Sealing of Arbitration Award."),
        ("usc/42/2000e-3", "discrimination for making charges or testifying",
         "(a) Discrimination for making charges, testifying, assisting, or participating in enforcement proceedings"),
        # a heading-only subsection is not quoted with its paragraphs either
        ("usc/35/154", "continuation determination of the term of a patent", "(c) Continuation."),
    ],
)
def test_a_heading_is_never_a_quoted_rule_sentence(code, doc_id, question, never):
    doc = code[doc_id]
    quotes = pick_quotes(doc, chunk_document(doc), question, word_overlap, limit=3)
    assert quotes
    for quote in quotes:
        assert not quote.text.startswith(never) and not is_heading(quote.text)
        assert doc.text[quote.start:quote.end] == quote.text
