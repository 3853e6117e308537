"""Memo relevance: which sentences are quoted, and in what order authorities appear."""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from research.corpus.io import read_corpus
from research.memo.build import MemoAuthority, ordered, short_answer_quotes
from research.memo.quotes import Quote, pick_quotes, quotable_spans, relevance_scorer, word_overlap
from research.settings import PROJECT_ROOT
from research.text.chunking import chunk_document

WANTED = {"usc/28/1332", "usc/18/1708", "usc/9/1", "usc/35/102", "usc/18/3571"}


@pytest.fixture(scope="module")
def code():
    found = {}
    for name in ("uscode_2013.jsonl.gz", "uscode_2023.jsonl.gz"):
        found.update({d.id: d for d in read_corpus(PROJECT_ROOT / "corpora" / name) if d.id in WANTED})
    assert set(found) == WANTED
    return found


@pytest.mark.parametrize(
    "doc_id, question, starts, holds",
    [
        # the lead-in with its paragraphs: the rule runs from "(a)" into "(1) citizens of different States"
        ("usc/28/1332", "original jurisdiction of civil actions where the amount in controversy exceeds $75,000 "
                        "between citizens of different States",
         "(a) The district courts shall have original jurisdiction", "(1) citizens of different States;"),
        ("usc/35/102", "a disclosure made 1 year or less before the effective filing date by the inventor is not "
                       "prior art", "(1) Disclosures made 1 year or less", "(A) the disclosure was made by the inventor"),
        ("usc/18/3571", "fine for a felony or a misdemeanor resulting in death for an individual",
         "Except as provided in subsection (e) of this section, an individual",
         "(3) for a felony, not more than $250,000;"),
        # one paragraph of a run-on section, a line of its own
        ("usc/18/1708", "steals takes or abstracts mail from a letter box or mail receptacle",
         "Whoever steals, takes, or abstracts, or by fraud or deception obtains", "letter box, mail receptacle"),
        # a definition that opens with its quoted term
        ("usc/9/1", "contracts of employment of seamen railroad employees workers in interstate commerce excluded",
         "\u201cMaritime transactions\u201d, as herein defined", "contracts of employment of seamen"),
    ],
)
def test_the_rule_is_a_candidate_quotation_whole(code, doc_id, question, starts, holds):
    doc = code[doc_id]
    spans = [doc.text[a:b] for chunk in chunk_document(doc) for a, b, _ in quotable_spans(doc, chunk)]
    assert any(text.startswith(starts) and holds in text for text in spans)


@pytest.mark.parametrize("doc_id, question, holds", [
    ("usc/28/1332", "original jurisdiction where the matter in controversy exceeds $75,000 and is between "
                    "citizens of different States", "(1) citizens of different States;"),
    ("usc/18/3571", "an individual found guilty may be fined for a felony not more than $250,000, for a "
                    "misdemeanor resulting in death not more than $250,000",
     "(4) for a misdemeanor resulting in death, not more than $250,000;"),
])
def test_the_quotation_picked_holds_the_rule(code, doc_id, question, holds):
    doc = code[doc_id]
    quote = pick_quotes(doc, chunk_document(doc), question, word_overlap, limit=1)[0]
    assert holds in quote.text and doc.text[quote.start:quote.end] == quote.text
    assert quote.cite.startswith(doc.primary_citation)


class FakeEncoder:
    """Cosine 1.0 for texts that mention "award", 0.0 otherwise."""

    def encode_query(self, text):
        return np.array([1.0, 0.0], dtype=np.float32)

    def encode(self, texts, **_):
        return np.array([[1.0, 0.0] if "award" in t else [0.0, 1.0] for t in texts], dtype=np.float32)


def test_quotations_are_ranked_on_meaning_and_keywords():
    score = relevance_scorer(FakeEncoder(), lexical_weight=0.5)
    texts = ["the award was vacated", "the arbitrators were partial", "evident partiality of the arbitrators"]
    got = score("evident partiality of arbitrators", texts)
    assert got == pytest.approx([1.0, 0.5 * 2 / 3, 0.5 * 1.0])
    assert word_overlap("evident partiality of arbitrators", texts[2:]) == [1.0]


def _authority(doc_id: str, kind: str, rank: int, scores: tuple[float, ...]) -> MemoAuthority:
    quotes = tuple(Quote(doc_id, i, i + 1, "x", "", doc_id, score=s) for i, s in enumerate(scores))
    return MemoAuthority(doc_id=doc_id, kind=kind, title="", citation=doc_id, court="", date="", edition="",
                         level=0, rank=rank, reason="", quotes=quotes)


def test_governing_law_leads_with_the_best_ranked_authority():
    regulation = _authority("cfr/27/478.43", "regulation", 1, (0.5,))
    statute = _authority("usc/18/923", "statute", 2, (0.9,))
    case = _authority("op/x", "opinion", 3, (0.95,))
    law, cases = ordered([case, statute, regulation])
    assert [a.doc_id for a in law] == ["cfr/27/478.43", "usc/18/923"] and [a.doc_id for a in cases] == ["op/x"]


def test_the_short_answer_quotes_the_top_authority_first():
    top = _authority("usc/9/11", "statute", 1, (0.41, 0.47))
    other = _authority("usc/28/657", "statute", 2, (0.80,))
    concurrence = replace(_authority("op/x", "opinion", 3, (0.99,)),
                          quotes=(Quote("op/x", 0, 1, "x", "278", "op/x", score=0.99, opinion="Read, J., concurring"),))
    picked = short_answer_quotes([other, concurrence, top])
    assert [(a.doc_id, i) for a, i in picked] == [("usc/9/11", 1), ("usc/28/657", 0)]

