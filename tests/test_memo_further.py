"""A memo's further authorities (ranked below the principal ones, one quotation
each) and the statute lines that are never quoted alone (flush continuations,
the same words twice)."""
from __future__ import annotations

from dataclasses import replace

import pytest

from research.corpus.io import read_corpus
from research.memo.build import MemoAuthority, further_authorities, ordered
from research.memo.quotes import pick_quotes, quotable_spans, word_overlap
from research.memo.render import none_among_principal
from research.memo.write import write_memo
from research.settings import PROJECT_ROOT
from research.text.chunking import chunk_document

WANTED = {"usc/1/1", "usc/4/111"}


@pytest.fixture(scope="module")
def code():
    found = {d.id: d for d in read_corpus(PROJECT_ROOT / "corpora" / "uscode_2013.jsonl.gz") if d.id in WANTED}
    assert set(found) == WANTED
    return found


def _candidates(doc) -> list[str]:
    return [doc.text[a:b] for chunk in chunk_document(doc) for a, b, _ in quotable_spans(doc, chunk)]


@pytest.mark.parametrize("doc_id, never, still", [
    # flush text after a list: its subject ("Pay or compensation ...") is lines above
    ("usc/4/111", "shall be subject to taxation by the State", "The United States consents to the taxation"),
    # a line opening in lower case with a noun is a rule of its own
    ("usc/1/1", None, "words importing the plural include the singular;"),
])
def test_a_continuation_line_is_never_a_quotation_alone(code, doc_id, never, still):
    candidates = _candidates(code[doc_id])
    assert any(text.startswith(still) or still in text[:60] for text in candidates)
    if never:
        assert not [text for text in candidates if text.startswith(never)]


def test_the_same_words_are_not_quoted_twice(code):
    """A section that repeats a sentence word for word (4 U.S.C. § 111's rule, set
    twice as its own paragraph): the memo quotes it once, and the next sentence."""
    doc = code["usc/4/111"]
    rule = doc.text[doc.text.index("The United States consents"):doc.text.index("compensation.\n") + 13]
    other = "Pay or compensation paid by the United States for personal services shall be reported annually."
    twice = replace(doc, text=f"\u00a7 111. Same\n{rule}\n\n{rule}\n\n{other}\n")
    quotes = pick_quotes(twice, chunk_document(twice), rule, word_overlap, limit=2)
    assert [q.text for q in quotes] == [rule, other]
    assert all(twice.text[q.start:q.end] == q.text for q in quotes)


@pytest.fixture(scope="module")
def memo(searcher):
    return write_memo("on what grounds can a court vacate an arbitration award", searcher=searcher,
                      store=searcher.store, k=1, further=2, floor=0.0, today="2026-12-03")


def test_further_authorities_follow_the_principal_ones_with_one_quotation(memo):
    principal = [a for a in memo.authorities if not a.further]
    lower = further_authorities(memo.draft.authorities)
    assert len(principal) == 1 and 1 <= len(lower) <= 2
    assert list(memo.authorities) == principal + lower  # the printed order
    assert all(len(a.quotes) == 1 for a in lower)
    assert all(a.rank > principal[0].rank for a in lower)
    assert sum(ordered(memo.draft.authorities), []) == principal


def test_further_authorities_have_their_own_section_and_stay_out_of_the_short_answer(memo):
    text = memo.markdown
    positions = [text.index(f"## {h}\n") for h in ("Short Answer", "Cases", "Further Authorities",
                                                     "Table of Authorities")]
    assert positions == sorted(positions)
    short = text.split("## Short Answer")[1].split("## Governing Law")[0]
    toa = text.split("## Table of Authorities")[1].split("## Sources")[0]
    for a in further_authorities(memo.draft.authorities):
        assert a.quotes[0].display not in short
        assert a.citation.split(",")[0] in toa


def test_further_authorities_are_checked_like_the_others(memo, searcher):
    assert memo.check.citations and all(c.status == "verified" for c in memo.check.citations)
    for a, q in memo.quotes:
        assert searcher.store.get(a.doc_id).text[q.start:q.end] == q.text


def _authority(kind: str) -> MemoAuthority:
    return MemoAuthority(doc_id=f"x/{kind}", kind=kind, title="", citation="", court="", date="", edition="",
                         level=0, rank=9, reason="", quotes=(), further=True)


@pytest.mark.parametrize("what, is_law, lower, says", [
    # every statute ranked below the principal authorities: the section points there
    ("statute or regulation", True, ["statute", "opinion"], "see Further Authorities below"),
    ("statute or regulation", True, ["regulation"], "see Further Authorities below"),
    ("case", False, ["opinion"], "see Further Authorities below"),
    # none of the section's kind anywhere in the memo: it says none was found
    ("statute or regulation", True, ["opinion"], "relevant enough was retrieved"),
    ("case", False, ["statute"], "relevant enough was retrieved"),
    ("case", False, [], "relevant enough was retrieved"),
])
def test_an_empty_section_points_to_further_authorities_of_its_kind(what, is_law, lower, says):
    text = none_among_principal(what, [_authority(kind) for kind in lower], is_law)
    assert text.startswith(f"No {what} ") and says in text
