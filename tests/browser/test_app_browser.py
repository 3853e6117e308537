"""The app in Debian's Chromium: each tab as a user drives it, at 1366x768.

Run alone with ``pytest tests/browser``; screenshots of each tab are copied
to build/screenshots/ for a look at the layout.
"""
from __future__ import annotations

import re
import time
import zipfile

import pytest

from support.paths import BRIEFS

pytestmark = pytest.mark.slow  # drives Chromium against the running app

QUESTION = "on what grounds can a court vacate an arbitration award"
# Page 430 lies inside D.G. v. K.S., 444 N.J. Super. 423 (423-469): no case begins there.
PLANTED = ("A court may consider a child's best interests when a parent asks to relocate. "
           "Smith v. Jones, 444 N.J. Super. 430 (2015).\n")
SLOW = 90_000  # ms: the first memo or check loads the encoder on a busy 2-core machine


def open_tab(page, app, tab: str | None = None):
    page.goto(app.url)
    page.wait_for_selector("#research-question textarea", timeout=SLOW)
    if tab:
        page.get_by_role("tab", name=tab).click()
    return page


TABLE_ROWS = "id => +(document.querySelector(`#${id} [role=grid]`)?.getAttribute('aria-rowcount') || 0) - 1"


def table_rows(page, elem_id: str) -> int:
    """Data rows of a gradio Dataframe (its grid's aria-rowcount counts the header too)."""
    return page.evaluate(TABLE_ROWS, elem_id)


def wait_rows(page, elem_id: str, timeout: int = SLOW) -> None:
    page.wait_for_function(f"({TABLE_ROWS})('{elem_id}') > 0 && "
                           f"document.querySelector('#{elem_id} [role=grid]').innerText.trim().length > 40",
                           timeout=timeout)


def check_text(page, text: str, timeout: int = SLOW) -> None:
    page.fill("#check-text textarea", text)
    page.click("#check-run")
    page.wait_for_selector("#check-document .doc", timeout=timeout)
    wait_rows(page, "check-table", timeout)


def table_text(page, elem_id: str) -> str:
    return page.inner_text(f"#{elem_id}")


def test_research_question_shows_a_verified_quotation_and_its_source(app, page, shot):
    open_tab(page, app)
    page.fill("#research-question textarea", QUESTION)
    page.click("#research-run")
    page.wait_for_selector("#research-memo mark", timeout=SLOW)
    memo = page.inner_text("#research-memo")
    assert "9 U.S.C. § 10" in memo and "Question Presented" in memo
    # The memo's own self-check: nothing unverified, every quotation found on its pin page.
    assert re.search(r"Citation self-check.*: \d+ verified, 0 warning, 0 unverified, 0 invalid; \d+ quotations, "
                     r"each found verbatim on its pin page", memo)
    shot(page, "research-memo")
    first = page.locator("#research-quotes label").first
    quoted = first.inner_text()
    first.click()
    page.wait_for_selector("#research-source mark")
    source = page.inner_text("#research-source")
    assert "Cited as" in source and "characters" in source
    mark = page.inner_text("#research-source mark")
    # The label shows the quotation's first words; the highlighted source starts with them.
    assert quoted.split("“", 1)[1][:40] == " ".join(mark.split())[:40]
    page.locator("#research-source").scroll_into_view_if_needed()
    shot(page, "research-source")
    for elem_id, suffix in (("research-download-docx", ".docx"), ("research-download-md", ".md")):
        assert suffix in page.inner_text(f"#{elem_id}")


def test_planted_wrong_page_is_marked_invalid_with_its_reason(app, page, shot):
    open_tab(page, app, "Check citations")
    check_text(page, PLANTED)
    table = table_text(page, "check-table")
    assert "444 N.J. Super. 430" in table and "INVALID" in table
    assert "page_inside_other_case" in table and "D.G. v. K.S." in table
    document = page.inner_text("#check-document")
    assert "INVALID" in document or "✗" in document  # readable without colour
    assert "1 invalid" in document
    shot(page, "check-invalid")


def test_review_decision_comes_back_after_a_reload(app, page, shot):
    brief = (BRIEFS / "check_verified.txt").read_text(encoding="utf-8")
    note = f"pin checked against the reporter {time.time_ns()}"
    open_tab(page, app, "Check citations")
    check_text(page, brief)
    page.fill("#check-select input", "1")
    page.press("#check-select input", "Enter")
    # Citation #1 is "16 N.Y.3d 272, 278": its source is shown at the pin page.
    page.locator("#check-source .passage").wait_for()
    assert "page 278 of 16 N.Y.3d 272" in page.inner_text("#check-source")
    page.locator("#check-decision label", has_text="Needs fix").click()
    page.fill("#check-note textarea", note)
    page.click("#check-save")
    page.locator("#check-table", has_text=note).wait_for()
    shot(page, "check-review")
    page.reload()
    open_tab(page, app, "Check citations")
    check_text(page, brief)
    row = page.locator("#check-table tbody tr", has_text=note).first
    row.wait_for(state="attached")  # the grid's rows are attached, some scrolled out of view
    assert "Needs fix" in row.text_content()
    page.click("#check-export-csv")
    link = page.locator("#check-export-csv-file a[data-testid=download-link]")
    link.wait_for()
    with page.expect_download() as download:
        link.click()
    exported = download.value.path().read_text(encoding="utf-8")
    assert note in exported and "16 N.Y.3d 272" in exported


def test_batch_audit_of_two_files_gives_a_zip_of_reports(app, page, shot, tmp_path):
    files = [BRIEFS / "check_page_inside_other_case.txt", BRIEFS / "check_verified.txt"]
    open_tab(page, app, "Batch audit")
    page.set_input_files("#audit-upload input[type=file]", [str(f) for f in files])
    for f in files:  # uploaded: gradio lists each file by name
        page.wait_for_selector(f'#audit-upload td.filename[aria-label="{f.name}"]')
    page.click("#audit-run")
    link = page.locator("#audit-zip a[data-testid=download-link]")
    link.wait_for(timeout=SLOW)
    assert link.get_attribute("download").endswith(".zip")
    summary = table_text(page, "audit-summary")
    assert all(f.name in summary for f in files)
    assert "2 briefs audited" in page.inner_text("#audit-progress")
    assert page.locator("#audit-chart svg").count() == 1
    shot(page, "audit")
    with page.expect_download() as download:
        link.click()
    archive = tmp_path / "reports.zip"
    download.value.save_as(archive)
    names = zipfile.ZipFile(archive).namelist()
    assert "summary.html" in names and "summary.csv" in names
    assert sum(n.endswith(".check.html") for n in names) == 2


def test_library_tab_shows_counts_and_a_document_with_page_labels(app, page, shot):
    open_tab(page, app, "Library")
    stats = page.inner_text("#library-stats")
    assert "documents" in stats and "statute" in stats and "opinion" in stats
    page.wait_for_selector("#library-chart canvas, #library-chart svg", timeout=SLOW)
    shot(page, "library")
    page.fill("#library-search textarea", "444 N.J. Super. 423")
    page.press("#library-search textarea", "Enter")
    page.wait_for_timeout(1000)  # the choices arrive, then the dropdown lists them
    page.click("#library-results input")
    page.get_by_role("option", name="D.G. v. K.S.", exact=False).first.click()
    page.wait_for_selector("#library-doc .passage .pg")
    assert "[*430]" in page.inner_text("#library-doc")
    shot(page, "library-document")


@pytest.mark.parametrize("right_password, admitted", [(True, True), (False, False)])
def test_login_is_required_with_auth(auth_app, context, right_password, admitted, shot):
    user, password = auth_app.credentials
    password = password if right_password else "wrong password"
    page = context.new_page()
    # Without logging in, the app's configuration (and so every tab) is refused.
    assert page.request.get(auth_app.url + "config").status in (401, 403)
    page.goto(auth_app.url)
    page.wait_for_selector("input[type=password]", timeout=SLOW)
    shot(page, "login")
    page.locator("input[data-testid=textbox]").fill(user)
    page.locator("input[type=password]").fill(password)
    page.get_by_role("button", name="Login").click()
    if admitted:
        page.wait_for_selector("#research-question textarea", timeout=SLOW)
        assert page.get_by_role("tab", name="Check citations").count() == 1
    else:
        page.get_by_text("Incorrect Credentials", exact=False).wait_for()
        assert page.locator("#research-question").count() == 0
        shot(page, "login-refused")


def test_twenty_page_brief_check_time(app, page, shot, record_property):
    brief = twenty_page_brief()
    open_tab(page, app, "Check citations")
    page.fill("#check-text textarea", brief)
    started = time.perf_counter()
    page.click("#check-run")
    page.wait_for_selector("#check-document .doc", timeout=180_000)
    wait_rows(page, "check-table", 180_000)
    seconds = time.perf_counter() - started
    rows = table_rows(page, "check-table")
    record_property("check_20_page_seconds", round(seconds, 2))
    print(f"\n20-page brief ({len(brief):,} characters, {rows} table rows): "
          f"{seconds:.1f} s from Check to the table")
    shot(page, "check-20-pages")
    assert 55_000 <= len(brief) <= 60_000 and rows >= 50 and seconds < 120


def twenty_page_brief(target: int = 60_000) -> str:
    """Real brief text with citations (the test briefs, in turn), cut at a
    paragraph break near ``target`` characters: 20 pages of 3,000 characters."""
    parts = [p.read_text(encoding="utf-8").strip() for p in sorted(BRIEFS.glob("*.txt"))]
    text, n = "", 0
    while len(text) < target:
        text += parts[n % len(parts)] + "\n\n"
        n += 1
    return text[:text.rfind("\n\n", 0, target)].strip() + "\n"
