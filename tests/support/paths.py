"""Where the test assets are, in one place."""
from __future__ import annotations

from pathlib import Path

from research.settings import PROJECT_ROOT

TESTS = PROJECT_ROOT / "tests"
ASSETS = TESTS / "assets"
BRIEFS = ASSETS / "briefs"              # real brief and memo excerpts, some with planted errors
OPINIONS = ASSETS / "opinions"          # one file per opinion source format
STATUTES = ASSETS / "statutes"          # USLM XML and U.S. Code markdown excerpts
BULK = ASSETS / "courtlistener_bulk"    # a tiny sample of CourtListener's bulk CSV files
NETGUARD = TESTS / "netguard"           # sitecustomize that refuses non-loopback sockets
CORPORA = PROJECT_ROOT / "corpora"      # the shipped library
NOTEBOOKS = PROJECT_ROOT / "notebooks"
SHIPPED_DIRECTORY = CORPORA / "directory.csv.gz"


def brief(name: str) -> str:
    """The text of ``tests/assets/briefs/NAME``."""
    return (BRIEFS / name).read_text(encoding="utf-8")
