"""Context headers: what a chunk is embedded and keyword-indexed with, never what is quoted."""
from __future__ import annotations

import pytest

from research.memo.quotes import pick_quotes, word_overlap
from research.text.chunking import chunk_document
from research.text.context import code_titles, context_header, embedded_text, keyword_heading


@pytest.fixture(scope="module")
def docs(small_docs):
    return {doc.id: doc for doc in small_docs}


@pytest.mark.parametrize(
    "doc_id, header",
    [
        ("usc/9/10", "Title 9, Arbitration. Chapter 1, General provisions. \u00a7 10. Same; vacation; grounds; rehearing."),
        ("usc/11/362", "Title 11, Bankruptcy. Chapter 3, Case administration. Subchapter IV, Administrative powers. "
                       "\u00a7 362. Automatic stay."),
        ("usc/35/101", "Title 35, Patents. Part II, Patentability of inventions and grant of patents. Chapter 10, "
                       "Patentability of inventions. \u00a7 101. Inventions patentable."),
        ("usc/42/1983", "Title 42, The Public Health and Welfare. Chapter 21, Civil rights. "
                        "\u00a7 1983. Civil action for deprivation of rights."),
        ("cfr/27/447.31", "Title 27 C.F.R., Alcohol, Tobacco Products and Firearms. Subchapter B, Firearms and "
                          "ammunition. Part 447, Importation of arms, ammunition and implements of war. Subpart D, "
                          "Registration. \u00a7 447.31. Registration requirement."),
        ("op/16-ny3d-272", "Bleecker St. Tenants Corp. v. Bleeker Jones LLC, Court of Appeals of New York, 2011."),
    ],
)
def test_the_header_names_where_the_passage_sits(docs, doc_id, header):
    assert context_header(docs[doc_id]) == header


def test_code_title_names_come_from_the_data_file():
    titles = code_titles()
    assert titles[("U.S.C.", "18")] == "Crimes and Criminal Procedure"
    assert titles[("C.F.R.", "27")] == "Alcohol, Tobacco Products and Firearms"
    assert len([k for k in titles if k[0] == "U.S.C."]) == 53


@pytest.mark.parametrize("doc_id", ["usc/9/10", "usc/11/362", "op/16-ny3d-272"])
def test_every_chunk_is_embedded_with_the_header_and_keeps_its_own_span(docs, doc_id):
    doc = docs[doc_id]
    header = context_header(doc)
    for chunk in chunk_document(doc):
        text = embedded_text(header, chunk.text)
        assert text.startswith(header + "\n") and text.endswith(chunk.text)
        assert doc.text[chunk.start:chunk.end] == chunk.text
    assert keyword_heading(doc).startswith(header) and doc.primary_citation in keyword_heading(doc)


@pytest.mark.parametrize(
    "doc_id, question",
    [
        ("usc/9/10", "vacation of an arbitration award for evident partiality of the arbitrators"),
        ("usc/11/362", "automatic stay of collection against the debtor"),
    ],
)
def test_the_header_is_in_the_embedded_text_but_never_in_a_quotation(docs, doc_id, question):
    doc = docs[doc_id]
    header = context_header(doc)
    chunks = chunk_document(doc)
    quotes = pick_quotes(doc, chunks, question, word_overlap, limit=3)
    assert quotes
    for quote in quotes:
        assert doc.text[quote.start:quote.end] == quote.text
        assert header not in quote.text and "Title " not in quote.text[:20]
    assert all(header in embedded_text(header, chunk.text) for chunk in chunks)
