"""The app's tabs, without a browser: each tab's handlers on the small library
(tests/support/library.py), the login file, the upload limit, and the page's element ids.
The browser tests drive the same ids in Chromium."""
from __future__ import annotations

import html
import zipfile

import pytest

from research import library
from research.errors import CheckError, IngestError
from research.review import ReviewLog
from research.ui.app import build_app
from research.ui.state import AppState
from research.ui import tab_audit as ui_audit
from research.ui import auth as ui_auth
from research.ui import tab_check as ui_check
from research.ui import tab_library as ui_library
from research.ui import tab_research as ui_research
from support.documents import write_docx
from support.library import build_library
from support.paths import brief

MEMO_BRIEF = brief("cli_memo_excerpt.txt")
QUESTION = "on what grounds can a court vacate an arbitration award"

ELEM_IDS = {
    "research-question", "research-kind", "research-court", "research-from", "research-to", "research-run",
    "research-memo", "research-quotes", "research-source", "research-download-docx", "research-download-md",
    "check-text", "check-upload", "check-run", "check-document", "check-table", "check-select", "check-decision",
    "check-note", "check-save", "check-export-csv", "check-export-docx", "check-source", "check-style",
    "check-fix-form", "check-fix-form-file", "check-fix-form-changes",
    "audit-upload", "audit-run", "audit-progress", "audit-summary", "audit-chart", "audit-zip",
    "library-stats", "library-chart", "library-search", "library-results", "library-doc", "library-upload",
    "library-ingest", "library-rebuild", "library-progress", "index-status",
    "tab-research", "tab-check", "tab-audit", "tab-library", "search-query", "search-results",
}


def app_state(settings, background, tmp_path_factory) -> AppState:
    """The app's state, with its own review log and temp folder."""
    made = AppState.create(settings, background, tmp_dir=tmp_path_factory.mktemp("app-tmp"), max_upload_mb=1)
    made.review = ReviewLog(tmp_path_factory.mktemp("reviews") / "reviews.sqlite3")
    return made


@pytest.fixture(scope="module")
def state(lexical_library, tmp_path_factory):
    """The app as it is before the dense index is ready: keyword and citation search."""
    return app_state(lexical_library, library.BackgroundIndex(lexical_library), tmp_path_factory)


@pytest.fixture(scope="module")
def hybrid_state(small_library, searcher, tmp_path_factory):
    """The app once the dense index is ready (the Research tab writes memos with it)."""
    background = library.BackgroundIndex(small_library)
    background.searcher, background.status = searcher, "ready"
    return app_state(small_library, background, tmp_path_factory)


@pytest.fixture(scope="module")
def memo(hybrid_state):
    return ui_research.research(hybrid_state, QUESTION, kind="any")


@pytest.fixture(scope="module")
def checked(state):
    return ui_check.check_input(state, MEMO_BRIEF, None)


def test_the_page_has_every_stable_element_id(state):
    app = build_app(state)
    ids = {getattr(block, "elem_id", None) for block in app.blocks.values()}
    assert ELEM_IDS <= ids


# --- Research ---------------------------------------------------------------

def test_memo_is_shown_with_numbered_highlighted_quotations(memo):
    view = ui_research.memo_view(memo)
    choices = ui_research.quote_choices(memo)
    assert "usc/9/10" in [a.doc_id for a in memo.authorities]
    assert choices and [n for _, n in choices] == list(range(1, len(choices) + 1))
    assert view.count("<mark") == len(choices) and "<span class='qn'>Q1</span>" in view
    assert "<html" not in view and "<script" not in view


def test_selecting_a_quotation_shows_its_source_passage_in_context(hybrid_state, memo):
    authority, quote = memo.quotes[0]
    shown = ui_research.quote_source(hybrid_state, memo, 1)
    assert quote.text == hybrid_state.db.store().get(quote.doc_id).text[quote.start:quote.end]
    assert f"<mark>{html.escape(quote.text)}</mark>" in shown
    assert quote.cite in shown and authority.doc_id in shown
    assert "Select a quotation" in ui_research.quote_source(hybrid_state, memo, None)


def test_memo_downloads_are_docx_and_markdown_in_the_app_folder(hybrid_state, memo):
    from docx import Document

    word, markdown = ui_research.save_downloads(hybrid_state, memo)
    assert word.parent.parent == hybrid_state.tmp and markdown.suffix == ".md"
    assert QUESTION in markdown.read_text(encoding="utf-8")
    assert any(QUESTION in p.text for p in Document(str(word)).paragraphs)


@pytest.mark.parametrize("kind, court, date_from, date_to, expected", [
    ("any", "", "", "", None),
    ("statute", "", "", "", ("statute", None, None, None)),
    ("opinion", "New York", "2000", "2015", ("opinion", "New York", "2000", "2015")),
])
def test_research_filters(kind, court, date_from, date_to, expected):
    filters = ui_research.filters_of(kind, court, date_from, date_to)
    got = None if filters is None else (filters.kind, filters.court, filters.date_from, filters.date_to)
    assert got == expected


# --- Check citations ----------------------------------------------------------

def test_pasted_brief_is_marked_by_status_with_a_legend(checked):
    view = ui_check.document_view(checked)
    assert "\u2717 INVALID #5" in view and "\u2713 VERIFIED #1" in view
    assert 'class="legend"' in view and "#check-document .invalid" in view
    assert "body {" not in view  # the report's page styles stay out of the app


@pytest.mark.parametrize("number, citation, status, problem", [
    (1, "16 N.Y.3d 272", "\u2713 VERIFIED", ""),
    (3, "Id.", "\u2713 VERIFIED", ""),
    (5, "444 N.J. Super. 430", "\u2717 INVALID", "page_inside_other_case"),
    (6, "17 U.S.C. \u00a7 107", "\u2713 VERIFIED", ""),
])
def test_table_lists_each_citation_with_status_and_problems(checked, number, citation, status, problem):
    row = ui_check.table_rows(checked)[number - 1]
    assert row[:4] == [number, citation, status, problem]
    assert len(row) == len(ui_check.TABLE_COLUMNS)


@pytest.mark.parametrize("number, words", [
    (1, ["<mark>prohibition against remote vesting</mark>", "page 275 of 16 N.Y.3d 272", "Bleecker"]),
    (6, ["<mark>for purposes such as criticism, comment, news reporting</mark>", "usc/17/107"]),
    (5, ["Page 430 of 444 N.J. Super. is inside D.G. v. K.S., 444 N.J. Super. 423", "page 430 of 444 N.J. Super. 423"]),
])
def test_selecting_a_citation_shows_the_source_at_the_pin_page(state, checked, number, words):
    shown = ui_check.citation_source(state, checked, number)
    assert all(w in shown for w in words), shown[:800]


def test_decisions_are_logged_and_come_back_when_the_document_is_checked_again(state, checked):
    rows = ui_check.decide(state, checked, 5, "needs_fix", "page 430 lies inside D.G. v. K.S.", "alice")
    rows = ui_check.decide(state, checked, 1, "accept", "", "")
    again = ui_check.check_input(state, MEMO_BRIEF, None)
    decisions = state.review.decisions(ui_check.content_hash(again.text))
    assert ui_check.table_rows(again, decisions) == rows
    decision = ui_check.TABLE_COLUMNS.index("Decision")
    assert rows[4][decision:] == ["Needs fix", "page 430 lies inside D.G. v. K.S."] and rows[0][decision] == "Accept"
    assert [d.reviewer for d in decisions] == ["local", "alice"]


def test_review_exports_as_csv_and_docx(state, checked):
    from docx import Document

    ui_check.decide(state, checked, 2, "note", "check the parallel cite", "bob")
    csv_path = ui_check.export_review(state, checked, "csv")
    docx_path = ui_check.export_review(state, checked, "docx")
    assert "check the parallel cite" in csv_path.read_text(encoding="utf-8")
    table = Document(str(docx_path)).tables[0]
    assert len(table.rows) == len(checked.citations) + 1 and table.rows[2].cells[4].text == "check the parallel cite"


@pytest.mark.parametrize("bad, message", [(99, "no citation #99"), (0, "no citation #0")])
def test_a_wrong_citation_number_says_so(state, checked, bad, message):
    with pytest.raises(CheckError, match=message.replace("n", "[nN]", 1)):
        ui_check.citation_source(state, checked, bad)


def test_uploaded_docx_is_checked(state, tmp_path):
    path = write_docx(tmp_path / "brief.docx", paragraphs=MEMO_BRIEF.split("\n\n"))
    report = ui_check.check_input(state, "", str(path))
    assert report.summary == {"verified": 5, "warning": 0, "unverified": 0, "invalid": 1}


def test_form_is_shown_in_the_table_and_fixed_in_one_click(state):
    brief = ("See Hall Street Assocs., L.L.C. v. Mattel, Inc., 552 US 576, 582 (2008).\n"
             "The award may be vacated. 9 USC 10(a)(2).\n")
    report = ui_check.check_input(state, brief, None, "scotus")
    assert report.style == "scotus" and "U.S. Supreme Court style" in ui_check.document_view(report)
    row = ui_check.table_rows(report)[0]
    form, corrected = (row[ui_check.TABLE_COLUMNS.index(c)] for c in ("Form", "Corrected"))
    assert form.startswith("reporter_abbreviation") and corrected.endswith("552 U. S. 576, 582 (2008)")
    path, changes = ui_check.fix_form_copy(state, report)
    fixed = path.read_text(encoding="utf-8")
    assert "552 U. S. 576" in fixed and "9 U. S. C. §10(a)(2)" in fixed
    assert "reporter_abbreviation" in changes and "<li>" in changes
    with pytest.raises(CheckError, match="Check a document first"):
        ui_check.fix_form_copy(state, None)


def test_nothing_to_check_says_what_to_do(state):
    with pytest.raises(CheckError, match="Paste the text"):
        ui_check.check_input(state, "  ", None)


def test_upload_over_the_limit_is_refused_with_a_clear_message(state, tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("The court held. " * 80_000, encoding="utf-8")  # about 1.3 MB, limit 1 MB
    with pytest.raises(IngestError, match=r"big.txt: is 1\.2 MB; the upload limit is 1 MB"):
        ui_check.check_input(state, "", str(big))
    with pytest.raises(IngestError, match="upload limit"):
        ui_audit.run_audit(state, [str(big)])


# --- Batch audit ----------------------------------------------------------------

def test_batch_audit_gives_summary_chart_and_zip(state, tmp_path):
    text = tmp_path / "memo.txt"
    text.write_text(MEMO_BRIEF, encoding="utf-8")
    word = write_docx(tmp_path / "verified.docx", paragraphs=brief("check_verified.txt").split("\n\n"))
    steps = []
    view = ui_audit.run_audit(state, [str(text), str(word)], on_progress=lambda d, t: steps.append((d, t)))
    rows = {row[0]: row for row in view.rows}
    assert steps == [(1, 2), (2, 2)] and set(rows) == {"memo.txt", "verified.docx"}
    assert rows["memo.txt"][1:5] == [5, 0, 0, 1] and rows["verified.docx"][4] == 0
    assert view.chart_svg.startswith("<svg") and "memo.txt" in view.chart_svg
    names = zipfile.ZipFile(view.zip_path).namelist()
    assert "summary.html" in names and sum(n.endswith(".check.html") for n in names) == 2


# --- Library --------------------------------------------------------------------

def test_library_counts_by_kind_court_and_year(state):
    text, years = ui_library.library_stats(state.db.store())
    assert "| statute |" in text and "| opinion |" in text and "Court of Appeals of New York" in text
    assert ("2011", 1) in years or any(y == "2011" for y, _ in years)


@pytest.mark.parametrize("query, doc_id", [("16 N.Y.3d 272", "op/16-ny3d-272"), ("usc/9/10", "usc/9/10"),
                                           ("vacate an arbitration award", "usc/9/10")])
def test_find_a_document_by_id_citation_or_words(state, query, doc_id):
    assert doc_id in [d for _, d in ui_library.find_documents(state, query)]


def test_document_is_shown_with_its_page_labels(state):
    shown = ui_library.document_html(state.db.store().get("op/16-ny3d-272"))
    assert "[*275]" in shown and "[*276]" in shown and "Bleecker" in shown


def test_ingest_and_rebuild_on_a_private_library(tmp_path, small_docs, model_cache, encoder):
    settings = build_library(tmp_path, [d for d in small_docs if d.id.startswith("usc/9/")], model_cache=model_cache)
    own = AppState.create(settings, library.BackgroundIndex(settings), tmp_dir=tmp_path / "tmp", max_upload_mb=1)
    brief = tmp_path / "opinion.txt"
    brief.write_text("The arbitrator exceeded her powers, so the award was vacated on appeal.", encoding="utf-8")
    assert ui_library.ingest_files(own, [str(brief)]).startswith("Added 1, updated 0")
    lines = list(ui_library.rebuild_index(own, poll=0.2))
    assert lines[-1] == "Index: ready" and own.search.background.searcher is not None
    assert "hybrid" in own.search.status()


# --- Login -------------------------------------------------------------------------

def test_login_accepts_the_right_password_only(tmp_path):
    users = tmp_path / "users"
    ui_auth.add_user(users, "alice", "correct horse battery")
    ui_auth.add_user(users, "bob", "another secret")
    check = ui_auth.authenticator(users)
    assert check("alice", "correct horse battery") and check("bob", "another secret")
    assert not check("alice", "another secret") and not check("mallory", "correct horse battery")
    assert "correct horse" not in users.read_text() and oct(users.stat().st_mode)[-3:] == "600"


def test_add_user_command_reads_the_password_from_stdin(tmp_path):
    from click.testing import CliRunner

    from research.cli import cli

    users = tmp_path / "users"
    result = CliRunner().invoke(cli, ["admin", "add-user", str(users), "carol"], input="long enough password\n")
    assert result.exit_code == 0 and "carol added" in result.stderr
    assert ui_auth.authenticator(users)("carol", "long enough password")
    short = CliRunner().invoke(cli, ["admin", "add-user", str(users), "dave"], input="short\n")
    assert short.exit_code == 1 and "at least 8 characters" in short.stderr


@pytest.mark.parametrize("content, message", [("alice\n", "line 1 is not user:salt_hex"),
                                              ("# nobody\n", "no users")])
def test_a_bad_users_file_is_refused(tmp_path, content, message):
    users = tmp_path / "users"
    users.write_text(content, encoding="utf-8")
    with pytest.raises(IngestError, match=message):
        ui_auth.read_users(users)


def test_launch_listens_on_localhost_and_asks_for_a_login(small_library, tmp_path, monkeypatch):
    import socket
    import urllib.error
    import urllib.parse
    import urllib.request

    monkeypatch.setenv("GRADIO_TEMP_DIR", str(tmp_path / "gradio"))  # launch moves it; put it back after
    users = tmp_path / "users"
    ui_auth.add_user(users, "alice", "correct horse battery")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    from research.ui.app import launch

    app = launch(small_library, port=port, block=False, auth_file=users, max_upload_mb=1)
    base = f"http://127.0.0.1:{port}"

    def status(path: str, data: dict | None = None) -> int:
        body = urllib.parse.urlencode(data).encode() if data else None
        try:
            return urllib.request.urlopen(base + path, data=body, timeout=10).status
        except urllib.error.HTTPError as error:
            return error.code

    try:
        assert status("/config") == 401
        assert status("/login", {"username": "alice", "password": "wrong"}) == 400
        assert status("/login", {"username": "alice", "password": "correct horse battery"}) == 200
        assert (small_library.home / "app-tmp").is_dir()
    finally:
        app.close()
