"""Optional generated prose for a memo, through llama-index's LLM interface.

    load_llm(*, base_url, model, api_key="", ...) -> llama_index LLM (OpenAI-compatible server)
    generate_discussion(llm, draft, *, store, directory=None) -> (paragraphs, removed)

Off by default; nothing here runs unless the user names an endpoint (a local
llama.cpp, Ollama or vLLM server, or a hosted one the firm approves). The
model is asked only for connective prose; whatever it writes is distrusted:
every sentence holding a quotation that is not verbatim in the memo's
verified passages, a citation the checker does not verify against the
memo's own authorities, or a case name that is not one of them, is removed
and listed under "Removed unverified content".
"""
from __future__ import annotations

import re
from typing import Any

from research.errors import ModelUnavailable

PROMPT = """You are helping a paralegal draft a legal research memo. Question: {question}

Verified passages (the only sources you may rely on):
{passages}

Write one or two short paragraphs of connective prose explaining how these passages bear on the
question. Refer to a source only by its citation exactly as given above. Do not quote anything
that is not in the passages; do not cite anything else. Do not give legal advice."""

_QUOTED = re.compile(r"[\u201c\"]([^\u201c\u201d\"]{3,}?)[\u201d\"]")
_CASE_NAME = re.compile(r"\b([A-Z][\w.'&-]*(?:\s+[A-Z][\w.'&-]*)*)\s+v\.\s+([A-Z][\w.'&-]*)")


def load_llm(*, base_url: str, model: str, api_key: str = "", temperature: float = 0.0,
             timeout: float = 120.0, max_tokens: int = 600) -> Any:
    """An OpenAI-compatible chat/completions endpoint as a llama-index LLM."""
    try:
        from llama_index.llms.openai_like import OpenAILike
    except ImportError as error:
        raise ModelUnavailable(
            "Generated prose needs the optional package llama-index-llms-openai-like "
            "(pip install 'research[llm]' or pip install llama-index-llms-openai-like); "
            f"it is not installed ({error}).") from error
    return OpenAILike(api_base=base_url, model=model, api_key=api_key or "not-needed", temperature=temperature,
                      timeout=timeout, max_tokens=max_tokens, is_chat_model=True, is_local=True)


def prompt_for(draft: Any) -> str:
    lines = []
    for a in draft.authorities:
        for q in a.quotes:
            cite = q.cite if a.is_law else f"{a.title}, {q.cite}"
            lines.append(f"- {cite}: \u201c{q.display}\u201d")
    return PROMPT.format(question=draft.question, passages="\n".join(lines))


def _sentences(text: str) -> list[str]:
    from research.text import sentence_spans

    out = []
    for para in re.split(r"\n\s*\n", text.strip()):
        out.append([para[a:b] for a, b in sentence_spans(para, 0, len(para)) if para[a:b].strip()])
    return out  # type: ignore[return-value]


def _fold(text: str) -> str:
    return "".join(ch.lower() for ch in text if ch.isalnum())


def _bad_quotes(sentence: str, sources: list[str]) -> list[str]:
    return [m.group(1) for m in _QUOTED.finditer(sentence)
            if len(m.group(1).split()) >= 2 and not any(_fold(m.group(1)) in s for s in sources)]


def _bad_names(sentence: str, titles: list[str]) -> list[str]:
    bad = []
    for m in _CASE_NAME.finditer(sentence):
        first, second = _fold(m.group(1).split()[-1]), _fold(m.group(2))
        if not any(first in t and second in t for t in titles):
            bad.append(m.group(0))
    return bad


def _bad_citations(sentence: str, allowed: set[str], store: Any, directory: Any) -> list[str]:
    from research.citations.validate import check_text

    report = check_text(sentence, store=store, directory=directory)
    return [f"{c.found.text} ({c.status})" for c in report.citations
            if c.status != "verified" or c.authority is None or c.authority.doc_id not in allowed]


def review_sentence(sentence: str, *, sources: list[str], titles: list[str], allowed: set[str],
                    store: Any, directory: Any = None) -> str:
    """Why the sentence must go ("" if it may stay)."""
    reasons = [f"quotation \u201c{q}\u201d is not in the verified passages" for q in _bad_quotes(sentence, sources)]
    reasons += [f"citation {c} is not verified against the memo's sources"
                for c in _bad_citations(sentence, allowed, store, directory)]
    reasons += [f"case {n} is not among the memo's authorities" for n in _bad_names(sentence, titles)]
    return "; ".join(reasons)


def sanitize(prose: str, draft: Any, *, store: Any, directory: Any = None) -> tuple[list[str], list[str]]:
    """(kept paragraphs, removed items): each sentence stays only if everything in it is verified."""
    sources = [_fold(q.text) for a in draft.authorities for q in a.quotes]
    titles = [_fold(a.title) for a in draft.authorities]
    allowed = {a.doc_id for a in draft.authorities}
    kept, removed = [], []
    for para in _sentences(prose):
        keep = []
        for sentence in para:
            why = review_sentence(sentence, sources=sources, titles=titles, allowed=allowed,
                                  store=store, directory=directory)
            if why:
                removed.append(f"Generated sentence removed ({why}): {' '.join(sentence.split())}")
            else:
                keep.append(" ".join(sentence.split()))
        if keep:
            kept.append(" ".join(keep))
    return kept, removed


def generate_discussion(llm: Any, draft: Any, *, store: Any, directory: Any = None) -> tuple[list[str], list[str]]:
    """Ask the model for prose around the verified passages, then sanitise it."""
    text = str(llm.complete(prompt_for(draft)).text or "")
    return sanitize(text, draft, store=store, directory=directory)
