"""``research admin ...``: the maintainers' commands that replaced the
python -m entry points (corpus, opinions, directory, bulk import, users)."""
from __future__ import annotations

import gzip

from click.testing import CliRunner

from research.cli import cli
from research.corpus.io import write_corpus


def admin(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input)


def test_build_directory_writes_the_shipped_format_from_the_corpora(tmp_path, small_docs):
    opinions = [d for d in small_docs if d.id in ("op/16-ny3d-272", "op/444-njsuper-423")]
    write_corpus(tmp_path / "corpora" / "tiny.jsonl.gz", opinions)
    out = tmp_path / "directory.csv.gz"
    result = admin("--corpora", str(tmp_path / "corpora"), "admin", "build-directory", "--out", str(out))
    assert result.exit_code == 0, result.output
    lines = gzip.decompress(out.read_bytes()).decode("utf-8").splitlines()
    assert lines[0] == "volume,reporter,page,last_page,case_name,court,date,source"
    assert result.stdout == f"{out}: {len(lines) - 1} citations\n"
    assert any(line.startswith("16,N.Y.3d,272,") and line.endswith(",library") for line in lines)


def test_build_opinions_names_a_missing_source_folder(tmp_path):
    (tmp_path / "opinions").mkdir()
    result = admin("admin", "build-opinions", str(tmp_path / "opinions"), str(tmp_path / "out"))
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ") and "courtlistener_texts" in result.stderr


def test_admin_import_directory_is_the_import_directory_command():
    group = cli.commands["admin"]
    assert group.commands["import-directory"] is cli.commands["import-directory"]
    assert set(group.commands) == {"add-user", "build-corpus", "build-directory", "build-opinions",
                                   "import-directory"}
