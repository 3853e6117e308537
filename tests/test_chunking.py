"""Structure-aware chunking on real statutes and opinions (tests/assets, corpora/ when present)."""
from __future__ import annotations

import itertools
import json
import re
import time

import pytest

from research.text.chunking import CHUNKING_VERSION, approximate_tokens, chunk_document, chunking_settings
from research.corpus.io import corpus_files, read_corpus
from research.types import Document
from support.paths import ASSETS, CORPORA



def _statute(name: str, doc_id: str, citation: str) -> Document:
    return Document(id=doc_id, kind="statute", title=citation, text=(ASSETS / name).read_text(encoding="utf-8"),
                    citations=(citation,), jurisdiction="us")


def load(name: str) -> Document:
    if name.endswith(".json"):
        return Document.from_dict(json.loads((ASSETS / name).read_text(encoding="utf-8")))
    if name == "fisher_syllabus_excerpt.txt":
        return Document(id="fisher-slip", kind="document", title="Fisher v. University of Texas",
                        text=(ASSETS / name).read_text(encoding="utf-8"))
    number = re.search(r"usc_(\d+)_(\d+)", name)
    return _statute(name, f"usc-{number.group(1)}-{number.group(2)}",
                    f"{number.group(1)} U.S.C. § {number.group(2)}")


ASSET_NAMES = ["usc_17_107.txt", "usc_18_3599_excerpt.txt", "usc_18_1030_excerpt.txt",
               "naranjo_200_colo_11.json", "dg_v_ks_444_nj_super_423.json", "fisher_syllabus_excerpt.txt"]
BUDGETS = [(200, 24), (60, 12), (20, 5)]


def chars_over_4_plus_2(text: str) -> int:
    """A counter unlike the default: not additive, with two special tokens (like [CLS] [SEP])."""
    return len(text) // 4 + 2


def one_word(text: str) -> bool:
    return len(text.split()) == 1


@pytest.mark.parametrize("name", ASSET_NAMES)
@pytest.mark.parametrize("max_tokens,overlap", BUDGETS)
def test_chunks_are_exact_spans_in_order(name, max_tokens, overlap):
    doc = load(name)
    chunks = chunk_document(doc, max_tokens=max_tokens, overlap_tokens=overlap)
    assert chunks
    assert [c.ordinal for c in chunks] == list(range(len(chunks)))
    for chunk in chunks:
        assert doc.text[chunk.start:chunk.end] == chunk.text
        assert chunk.text and chunk.text == chunk.text.strip()
        assert chunk.doc_id == doc.id
    assert all(a.start < b.start and a.end < b.end for a, b in zip(chunks, chunks[1:]))


@pytest.mark.parametrize("name", ASSET_NAMES)
@pytest.mark.parametrize("max_tokens,overlap", BUDGETS)
@pytest.mark.parametrize("counter", [None, chars_over_4_plus_2])
def test_no_chunk_exceeds_the_budget(name, max_tokens, overlap, counter):
    doc = load(name)
    count = counter or approximate_tokens
    chunks = chunk_document(doc, max_tokens=max_tokens, overlap_tokens=overlap, count_tokens=counter)
    too_long = [c.id for c in chunks if count(c.text) > max_tokens and not one_word(c.text)]
    assert too_long == []


@pytest.mark.parametrize("name", ASSET_NAMES)
@pytest.mark.parametrize("max_tokens,overlap", BUDGETS)
def test_cuts_fall_between_words_and_cover_all_text(name, max_tokens, overlap):
    doc = load(name)
    chunks = chunk_document(doc, max_tokens=max_tokens, overlap_tokens=overlap)
    covered = bytearray(len(doc.text))
    for chunk in chunks:
        assert chunk.start == 0 or doc.text[chunk.start - 1].isspace()
        assert chunk.end == len(doc.text) or doc.text[chunk.end].isspace()
        covered[chunk.start:chunk.end] = b"\x01" * (chunk.end - chunk.start)
    missed = [i for i, ch in enumerate(doc.text) if not covered[i] and not ch.isspace()]
    assert missed == []


@pytest.mark.parametrize("name,max_tokens,overlap", [
    ("naranjo_200_colo_11.json", 60, 12),
    ("usc_17_107.txt", 40, 10),
    ("fisher_syllabus_excerpt.txt", 50, 10),
])
def test_overlap_inside_long_paragraphs_is_bounded(name, max_tokens, overlap):
    doc = load(name)
    chunks = chunk_document(doc, max_tokens=max_tokens, overlap_tokens=overlap)
    shared = [doc.text[b.start:a.end] for a, b in zip(chunks, chunks[1:]) if b.start < a.end]
    assert shared, "a paragraph longer than the budget should carry an overlap"
    assert all(approximate_tokens(text) <= overlap for text in shared)


def test_no_overlap_without_request():
    doc = load("naranjo_200_colo_11.json")
    chunks = chunk_document(doc, max_tokens=60, overlap_tokens=0)
    assert all(b.start >= a.end for a, b in zip(chunks, chunks[1:]))


@pytest.mark.parametrize("name,starts_with,label", [
    ("usc_17_107.txt", "§ 107. Limitations on exclusive rights", ""),
    ("usc_17_107.txt", "(2) the nature of the copyrighted work", "(2)"),
    ("usc_17_107.txt", "(4) the effect of the use", "(4)"),
    ("usc_17_107.txt", "The fact that a work is unpublished", ""),  # flush text after (4)
    ("usc_18_3599_excerpt.txt", "(B) after the entry of a judgment", "(a)(1)(B)"),
    ("usc_18_3599_excerpt.txt", "(2) In any post conviction proceeding", "(a)(2)"),
    ("usc_18_3599_excerpt.txt", "(b) If the appointment is made before", "(b)"),
    ("usc_18_3599_excerpt.txt", "(1) Compensation shall be paid", "(g)(1)"),
    ("usc_18_3599_excerpt.txt", "(3) The amounts paid under this paragraph", "(g)(3)"),
    ("usc_18_1030_excerpt.txt", "(1) the term “computer” means", "(e)(1)"),
    ("usc_18_1030_excerpt.txt", "(i) is part of a voting system", "(e)(2)(C)(i)"),
    ("usc_18_1030_excerpt.txt", "(ii)(I) is used", "(e)(2)(C)(ii)(I)"),
    ("usc_18_1030_excerpt.txt", "(II) has moved in or otherwise", "(e)(2)(C)(ii)(II)"),
    ("usc_18_1030_excerpt.txt", "(3) the term “State” includes", "(e)(3)"),
    ("usc_18_1030_excerpt.txt", "(I) an organization operating under section 25", "(e)(4)(I)"),
    ("usc_18_1030_excerpt.txt", "(h) The Attorney General", "(h)"),
    ("usc_18_1030_excerpt.txt", "(i)(1) The court,", "(i)(1)"),
    ("usc_18_1030_excerpt.txt", "(B) any property, real or personal", "(i)(1)(B)"),
])
def test_subsection_labels(name, starts_with, label):
    # A tiny budget puts a chunk boundary at every subsection.
    chunks = chunk_document(load(name), max_tokens=12, overlap_tokens=0)
    matching = [c for c in chunks if c.text.startswith(starts_with)]
    assert matching, starts_with
    assert matching[0].label == label


@pytest.mark.parametrize("name", ["naranjo_200_colo_11.json", "fisher_syllabus_excerpt.txt"])
def test_opinions_and_documents_have_no_labels(name):
    assert {c.label for c in chunk_document(load(name), max_tokens=30)} == {""}


@pytest.mark.parametrize("name,heading", [
    ("usc_17_107.txt", "§ 107. Limitations on exclusive rights: Fair use"),
    ("usc_18_3599_excerpt.txt", "§\u202f3599. Counsel for financially unable defendants"),
    ("usc_18_1030_excerpt.txt", "§\u202f1030. Fraud and related activity in connection with computers"),
])
def test_heading_line_opens_the_first_chunk_with_its_text(name, heading):
    first = chunk_document(load(name))[0]
    assert first.start == 0 and first.text.startswith(heading)
    assert len(first.text) > len(heading) + 40


@pytest.mark.parametrize("phrase,pages", [
    ("J. D. MacFarlane, Attorney General", ("12",)),
    ("instructed on second-degree kidnapping, we remand", ("13", "14")),
    ("The record does not support the defendant’s claim", ("15",)),
    ("No. 79SA494", ("11",)),
    ("for defendant-appellant.", ("12",)),
])
def test_pages_of_a_chunk_follow_the_first_page_map(phrase, pages):
    doc = load("naranjo_200_colo_11.json")
    chunks = chunk_document(doc, max_tokens=80, overlap_tokens=0)
    offset = doc.text.index(phrase)
    chunk = next(c for c in chunks if c.start <= offset < c.end)
    assert chunk.pages == pages
    assert all(c.pages == doc.page_maps[0].pages_between(c.start, c.end) for c in chunks)


def test_documents_without_page_maps_have_no_pages():
    assert {c.pages for c in chunk_document(load("usc_17_107.txt"))} == {()}


@pytest.mark.parametrize("text", ["", "   ", "\n\n \t\n"])
def test_empty_text_gives_no_chunks(text):
    doc = Document(id="empty", kind="opinion", title="Empty", text=text)
    assert chunk_document(doc) == []


def test_chunking_is_deterministic_and_versioned():
    doc = load("naranjo_200_colo_11.json")
    assert chunk_document(doc) == chunk_document(doc)
    settings = chunking_settings(max_tokens=200, overlap_tokens=24)
    assert settings == {"version": CHUNKING_VERSION, "max_tokens": 200, "overlap_tokens": 24}
    assert settings != chunking_settings(max_tokens=128, overlap_tokens=24)


@pytest.mark.parametrize("text,tokens", [
    ("the nature of the copyrighted work;", 9),  # 7 marks * 1.15, rounded up
    ("17 U.S.C. § 107", 11),
    ("", 0),
])
def test_approximate_counter(text, tokens):
    assert approximate_tokens(text) == tokens


def test_chunking_is_fast():
    docs = [load(name) for name in ASSET_NAMES] * 40  # ~1.3 MB
    started = time.perf_counter()
    total = sum(len(chunk_document(doc)) for doc in docs)
    assert total > 0
    assert time.perf_counter() - started < 5.0


def _corpus_sample(per_file: int = 40) -> list[Document]:
    docs: list[Document] = []
    for path in corpus_files(CORPORA) if CORPORA.is_dir() else []:
        try:
            docs += itertools.islice(read_corpus(path), per_file)
        except (OSError, EOFError, ValueError):
            continue  # a corpus being written right now
    return docs


def test_invariants_hold_on_the_shipped_corpora():
    docs = _corpus_sample()
    if not docs:
        pytest.skip("no corpora/*.jsonl.gz yet")
    for doc in docs:
        for chunk in chunk_document(doc):
            assert doc.text[chunk.start:chunk.end] == chunk.text
            assert approximate_tokens(chunk.text) <= 200 or one_word(chunk.text)
