"""Citation extraction accuracy on the hand-written expectations in
/work/shared/data/extraction-tests (from medelman17/eyecite-ts, MIT).

The case names in those files are invented: they test extraction only.

* golden-corpus, expanded-corpus, statute-corpus: each sample has
  ``expected`` [{type, volume, reporter, page, title, section, year, court}];
  prints precision/recall per file (a found citation counts as correct when
  it matches an expected one of the same sample), plus year and court
  accuracy on matched citations.
* real-world-citations: one real citation sentence per sample, no labels:
  recall = samples where a full case citation was found; case-name accuracy
  = our case name equals the text before the citation (signals removed).
* courtlistener-ocr-sample: raw OCR, no labels: counts per kind, to watch
  false positives (unknown reporters) on noisy text.

Usage: python benchmarks/extraction_accuracy.py [--verbose]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from research.citations.extract.pipeline import extract_citations

TESTS = Path("/work/shared/data/extraction-tests")
LABELLED = ("golden-corpus.json", "expanded-corpus.json", "statute-corpus.json")
_TYPE_TO_KINDS = {
    "case": ("case",), "neutral": ("case",), "shortFormCase": ("short_case",), "id": ("id",),
    "supra": ("supra",), "journal": ("journal",), "statute": ("statute",),
    "regulation": ("regulation",), "publicLaw": ("statute",), "statutesAtLarge": ("statute",),
    "federalRegister": ("regulation",), "constitutional": ("constitution",), "federalRule": ("rule",),
}


def _key(value) -> str:
    return re.sub(r"[\s.]", "", str(value)).lower()


def _matches(exp: dict, found) -> bool:
    kind = exp["type"]
    if found.kind not in _TYPE_TO_KINDS.get(kind, ()):
        return False
    if kind == "neutral":
        return found.volume == str(exp.get("year")) or _key(found.reporter) in ("wl", "uslexis")
    if kind == "publicLaw":
        return found.reporter == "Pub. L."
    if kind in ("statutesAtLarge", "federalRegister") and found.reporter not in ("Stat.", "Fed. Reg."):
        return False
    if kind in ("statute", "regulation"):
        title_ok = "title" not in exp or found.volume == str(exp["title"])
        section = str(exp.get("section", ""))
        pages = (found.page, *found.sections, found.page.split("/")[-1])
        return title_ok and (not section or section in pages)
    for field, attr in (("volume", "volume"), ("page", "page")):
        if field in exp and str(exp[field]) != getattr(found, attr):
            return False
    return "reporter" not in exp or _key(exp["reporter"]) == _key(found.reporter)


def _samples(name: str) -> list[dict]:
    data = json.loads((TESTS / name).read_text())
    return data["samples"] if isinstance(data, dict) else data


def score_labelled(name: str, verbose: bool) -> dict:
    tp = fp = fn = 0
    year_ok = year_n = court_ok = court_n = 0
    for sample in _samples(name):
        expected = sample.get("expected")
        if expected is None:
            continue
        found = extract_citations(sample["text"])
        unmatched = list(found)
        for exp in expected:
            hit = next((f for f in unmatched if _matches(exp, f)), None)
            if hit is None:
                fn += 1
                if verbose:
                    print(f"  MISS {exp} in {sample['text'][:90]!r}")
                continue
            tp += 1
            unmatched.remove(hit)
            if "year" in exp and exp["type"] == "case":
                year_n += 1
                year_ok += hit.year == str(exp["year"])
            if "court" in exp and exp["type"] == "case":
                court_n += 1
                court_ok += _key(exp["court"]) in (_key(hit.court), _key(hit.court_id))
        fp += len(unmatched)
        if verbose:
            for f in unmatched:
                print(f"  EXTRA {f.kind} {f.text!r} in {sample['text'][:90]!r}")
    return {"tp": tp, "fp": fp, "fn": fn, "year": (year_ok, year_n), "court": (court_ok, court_n)}


_SENTENCE = re.compile(r"(?:^|\s)(?!rel\.)[a-z]{3,}[.?!] (?=[A-Z])")
_SIGNAL = re.compile(r"^(?:(?:But see|See also|See|Cf\.|But cf\.|Accord),?\s)?(?:e\.g\.,\s)?", re.I)


def score_real_world(verbose: bool) -> tuple[int, int, int]:
    data = json.loads((TESTS / "real-world-citations-2026-05-11.json").read_text())
    found_any = names_ok = total = 0
    for items in data.values():
        for item in items:
            total += 1
            cases = [c for c in extract_citations(item["text"]) if c.kind == "case"]
            if not cases:
                if verbose:
                    print(f"  NONE {item['text']!r}")
                continue
            found_any += 1
            text = item["text"]
            before = _SENTENCE.split(text[:text.find(cases[0].text)])[-1]
            expected = _SIGNAL.sub("", before).rstrip(" ,")
            expected = re.sub(r"\s+,", ",", expected)
            ok = re.sub(r"\s+,", ",", cases[0].case_name) == expected
            names_ok += ok
            if verbose and not ok:
                print(f"  NAME {cases[0].case_name!r} != {expected!r}")
    return total, found_any, names_ok


def ocr_counts() -> Counter:
    counts: Counter = Counter()
    for sample in _samples("courtlistener-ocr-sample.json"):
        counts.update(c.kind for c in extract_citations(sample["text"]))
    return counts


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "n/a"


def main() -> None:
    parser = argparse.ArgumentParser(description="citation extraction accuracy")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    for name in LABELLED:
        r = score_labelled(name, args.verbose)
        precision, recall = _ratio(r["tp"], r["tp"] + r["fp"]), _ratio(r["tp"], r["tp"] + r["fn"])
        print(f"{name:40s} precision {precision}  recall {recall}  (tp {r['tp']} fp {r['fp']} fn {r['fn']})"
              f"  year {r['year'][0]}/{r['year'][1]}  court {r['court'][0]}/{r['court'][1]}")
    total, found_any, names_ok = score_real_world(args.verbose)
    print(f"{'real-world-citations-2026-05-11.json':40s} recall {_ratio(found_any, total)}"
          f"  case names {_ratio(names_ok, found_any)}  ({found_any}/{total}, names {names_ok})")
    print(f"{'courtlistener-ocr-sample.json':40s} found by kind: {dict(ocr_counts())}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
