"""A folder of briefs for the audit tests (the ``brief_folder`` fixture),
built from real briefs in tests/assets/briefs (real library citations:
16 N.Y.3d 272, 444 N.J. Super. 423, 17 U.S.C. § 107 ...), plus the files an
audit must survive: a corrupt PDF, an encrypted PDF, an empty file, a
binary file renamed .txt and a very large text.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from support.documents import write_docx, write_pdf
from support.paths import BRIEFS

MAX_BYTES = 1_000_000  # the tests' --max-size: huge.txt is over it

GOOD = ("memo.txt", "verified.txt", "nested/fisher.txt", "paged.txt", "motion.pdf", "opposition.docx")
BAD = {  # file: words its error must contain
    "bad/corrupt.pdf": "PDF",
    "bad/encrypted.pdf": "encrypted",
    "bad/empty.txt": "empty",
    "bad/binary.txt": "binary",
    "bad/huge.txt": "too large",
}
MOTION_PAGES = [
    ["MEMORANDUM IN SUPPORT OF MOTION TO DISMISS", "",
     "A renewal option is not subject to the rule against perpetuities.",
     "Bleecker St. Tenants Corp. v. Bleeker Jones LLC, 16 N.Y.3d 272, 275 (2011)."],
    ["STATEMENT OF FACTS", "", "The parties signed the lease in 1999 and renewed it twice."],
    ["ARGUMENT", "", "The statute codified the common law. Id. at 278.",
     "Fair use of a copyrighted work is not an infringement. 17 U.S.C. § 107."],
]
PAGED = ("BRIEF OF APPELLEE\n\nThe judgment below should be affirmed.\n\f"
         "The court there awarded custody to all three parties. D.G. v. K.S., 444 N.J. Super. 423, 429 "
         "(Ch. Div. 2015).\n\f"
         "A party may petition to compel arbitration. 9 U.S.C. § 4. "
         "See also D.G. v. K.S., 444 N.J. Super. 423, 431 (Ch. Div. 2015).\n")


def strip_timestamps(text: str) -> str:
    return re.sub(r"Generated [^<]*\.", "Generated.", text)


def write_brief_folder(root: Path) -> Path:
    """The folder of briefs; returns it."""
    folder = root / "briefs"
    (folder / "nested").mkdir(parents=True)
    (folder / "bad").mkdir()
    for name, source in (("memo.txt", "cli_memo_excerpt.txt"), ("verified.txt", "check_verified.txt"),
                         ("nested/fisher.txt", "fisher_2013_excerpt.txt")):
        (folder / name).write_bytes((BRIEFS / source).read_bytes())
    (folder / "paged.txt").write_text(PAGED, encoding="utf-8")
    write_pdf(folder / "motion.pdf", MOTION_PAGES)
    write_docx(folder / "opposition.docx",
               paragraphs=["The court awarded joint custody. D.G. v. K.S., 444 N.J. Super. 423, 429 (Ch. Div. 2015).",
                           "A party may petition to compel arbitration. 9 U.S.C. § 4."],
               table=[["Authority", "Holding"],
                      ["Commonwealth v. Furr, 454 Mass. 101, 102 (2009)", "plea colloquy"]])
    (folder / "exhibit.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))  # not a brief: not discovered
    _write_bad_files(folder / "bad")
    return folder


def _write_bad_files(folder: Path) -> None:
    (folder / "corrupt.pdf").write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R >>\ngarbage\n%%EOF\n")
    _encrypted_pdf(folder / "encrypted.pdf")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    memo = (BRIEFS / "cli_memo_excerpt.txt").read_bytes()
    (folder / "huge.txt").write_bytes(memo * (MAX_BYTES // len(memo) + 50))


def _encrypted_pdf(path: Path) -> None:
    from pypdf import PdfWriter

    plain = write_pdf(path.with_suffix(".plain"), MOTION_PAGES)
    writer = PdfWriter(clone_from=str(plain))
    writer.encrypt("secret", algorithm="RC4-128")  # needs no cryptography package
    with path.open("wb") as handle:
        writer.write(handle)
    plain.unlink()


@pytest.fixture(scope="session")
def brief_folder(tmp_path_factory) -> Path:
    return write_brief_folder(tmp_path_factory.mktemp("auditin"))
