"""Court parentheticals in memos come from the one state table (research.jurisdictions)."""
import pytest

from research.jurisdictions import STATES, longest_first
from research.memo.bluebook import court_abbreviation
from research.types import Document


@pytest.mark.parametrize("court, citation, expected", [
    ("Supreme Court of Appeals of West Virginia", "228 W. Va. 360", "W. Va."),
    ("Court of Appeals of Virginia", "42 Va. App. 1", "Va. Ct. App."),
    ("Supreme Court of Michigan", "480 Mich. 874", "Mich."),
    ("Court of Appeals of Michigan", "279 Mich. App. 468", "Mich. Ct. App."),
    ("District of Columbia Court of Appeals", "100 A.3d 1076", "D.C. Ct. App."),
    ("New Jersey Superior Court, Chancery Division", "444 N.J. Super. 423", "N.J. Super. Ct. Ch. Div."),
    ("United States Court of Appeals for the Second Circuit", "1 F.3d 1", "2d Cir."),
    ("Supreme Court of Georgia", "590 S.E.2d 53", "Ga."),
    ("Court of Appeals of New York", "16 N.Y.3d 272", ""),  # the reporter names the court
])
def test_court_abbreviation(court, citation, expected):
    doc = Document(id="x", kind="opinion", title="t", text="", court=court)
    assert court_abbreviation(doc, citation) == expected


def test_longer_state_names_come_first():
    names = [name for name, _ in longest_first()]
    assert names.index("West Virginia") < names.index("Virginia")
    assert STATES["West Virginia"] == "W. Va." and len(names) == len(STATES)
