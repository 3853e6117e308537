"""CourtListener opinions: one opinion JSON, or a folder of texts.

Two shapes are read. A single JSON opinion (CourtListener's API fields
``plain_text`` / ``html_with_citations`` / ``html``, or the ielab form with
``case_id``, ``case_title``, ``date_filed``). And a folder holding
``texts.json.gz`` ({opinion id: plain text}) with ``manifest.json``, whose
metadata has no names or citations: title, court, date and docket number are
read from the caption, else the title is "CourtListener opinion <id>".
Slip opinions have no reporter citation; their id is ``cl/<id>``.
"""
from __future__ import annotations

import gzip
import html
import json
import logging
import re
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping

from research.corpus.opinion_caption import read_caption
from research.corpus.opinion_markup import markup_to_text
from research.corpus.opinion_meta import (clean_case_name, iso_date, jurisdiction_of, opinion_id, order_cites,
                                          parse_cite)
from research.corpus.opinion_sniff import COURTLISTENER, json_kind, load_json
from research.corpus.opinion_slip import clean_slip_opinion
from research.errors import IngestError
from research.types import Document

log = logging.getLogger(__name__)
_HTML_FIELDS = ("html_with_citations", "html", "html_lawbox", "html_columbia", "xml_harvard")


class CourtListenerIngester:
    name = "courtlistener"

    def __init__(self, source: Callable[[Path], str] | None = None, collection: str = "library",
                 skip_seeds: bool = True):
        self.source = source or str
        self.collection = collection
        self.skip_seeds = skip_seeds

    def accepts(self, path: Path) -> bool:
        path = Path(path)
        if path.is_dir():
            return (path / "texts.json.gz").is_file() and (path / "manifest.json").is_file()
        return json_kind(path) == COURTLISTENER

    def read(self, path: Path) -> Iterator[Document]:
        path = Path(path)
        if path.is_dir():
            yield from self._read_folder(path)
            return
        try:
            data = load_json(path)
        except (OSError, ValueError) as exc:
            raise IngestError(path, f"cannot read CourtListener JSON: {exc}") from exc
        text = opinion_text(data)
        if not text.strip():
            raise IngestError(path, "CourtListener opinion without text")
        yield self._document(text, data, self.source(path))

    def _read_folder(self, folder: Path) -> Iterator[Document]:
        try:
            manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
            with gzip.open(folder / "texts.json.gz", "rt", encoding="utf-8") as handle:
                texts = json.load(handle)
        except (OSError, ValueError, EOFError) as exc:
            raise IngestError(folder, f"cannot read texts.json.gz/manifest.json: {exc}") from exc
        entries = {str(e.get("id")): e for e in manifest if isinstance(e, dict)}
        source = self.source(folder / "texts.json.gz")
        for key in sorted(texts, key=_numeric):
            entry = entries.get(key, {})
            if self.skip_seeds and (entry.get("court") == "seed" or key.startswith("-")):
                log.info("%s: skipped seed entry %s (a test sentence, not an opinion)", folder, key)
                continue
            data = {"id": key, "plain_text": texts[key],
                    **{f"manifest_{k}": v for k, v in entry.items() if k != "id"}}
            yield self._document(opinion_text(data), data, f"{source}#{key}")

    def _document(self, text: str, data: Mapping[str, Any], source: str) -> Document:
        slip = clean_slip_opinion(text, str(data.get("case_title") or ""))
        caption = read_caption(slip.text)
        cl_id = str(data.get("case_id") or data.get("cluster_id") or data.get("id") or "")
        cites = order_cites(c for c in map(parse_cite, _cluster_cites(data)) if c)
        title = data.get("case_title") or data.get("case_name") or caption.title
        court = _court(data, caption.court)
        extra = {"courtlistener_id": cl_id, "docket_number": caption.docket}
        extra.update({k: v for k, v in data.items() if k.startswith("manifest_")})
        if slip.volume:
            extra["slip_cite"] = f"{slip.volume} U.S. ___"
        return Document(
            id=opinion_id(cites[0]) if cites else f"cl/{cl_id}",
            kind="opinion",
            title=clean_case_name(title) if title else f"CourtListener opinion {cl_id}",
            text=slip.text,
            citations=tuple(str(c) for c in cites),
            court=court,
            jurisdiction=jurisdiction_of(court),
            date=iso_date(str(data.get("date_filed") or "")) or caption.date,
            source=source,
            collection=self.collection,
            page_maps=(slip.page_map,) if slip.page_map else (),
            extra=extra,
        )


def opinion_text(data: Mapping[str, Any]) -> str:
    """Plain text if there is some (and it is not HTML in disguise), else rendered HTML."""
    plain = data.get("plain_text") or ""
    if plain.strip() and not re.match(r"\s*<(?:pre|html|div|p|span)\b", plain):
        # CourtListener's plain text is derived from HTML and keeps a few entities ("Zimble &amp; Brettler").
        return html.unescape(plain)
    for name in ("plain_text",) + _HTML_FIELDS:
        markup = data.get(name) or ""
        if markup.strip():
            return markup_to_text(markup).text()
    return ""


def _cluster_cites(data: Mapping[str, Any]) -> list[str]:
    cluster = data.get("cluster") if isinstance(data.get("cluster"), dict) else data
    found = []
    for cite in cluster.get("citations") or []:
        if isinstance(cite, dict):
            found.append(f"{cite.get('volume', '')} {cite.get('reporter', '')} {cite.get('page', '')}")
        elif isinstance(cite, str):
            found.append(cite)
    return found


def _court(data: Mapping[str, Any], from_caption: str) -> str:
    named = data.get("court_name") or data.get("manifest_court") or ""
    return from_caption or ("" if named in ("unknown", "seed") else str(named))


def _numeric(key: str) -> tuple[int, str]:
    return (int(key), key) if key.lstrip("-").isdigit() else (0, key)


INGESTER = CourtListenerIngester()
