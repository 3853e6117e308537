"""The app over HTTP with two logged-in users: a file one of them uploaded
(or pasted) is not served to the other; pasted text is held to the upload
limit with the same message; the app never prints gradio's hint to make a
public share link."""
from __future__ import annotations

import contextlib
import io

import pytest

from support.apphttp import call, free_port, logged_in, status_of, upload
from support.library import build_library
from research.ui import auth as ui_auth

pytestmark = pytest.mark.slow  # runs the whole app in a subprocess

NJ = "The court awarded custody to all three parties. D.G. v. K.S., 444 N.J. Super. 423, 429 (Ch. Div. 2015).\n"
PASSWORDS = {"alice": "correct horse battery", "bob": "staple of the battery"}


@pytest.fixture(scope="module")
def app(tmp_path_factory, small_docs):
    """The app with a login for alice and bob and a 1 MB upload limit; what it printed at start."""
    from research.ui.app import launch

    root = tmp_path_factory.mktemp("private")
    settings = build_library(root, small_docs)
    users = root / "users"
    for user, password in PASSWORDS.items():
        ui_auth.add_user(users, user, password)
    port, printed = free_port(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GRADIO_TEMP_DIR", str(root / "gradio"))  # launch moves it; put it back after
        with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
            running = launch(settings, port=port, block=False, auth_file=users, max_upload_mb=1)
        base = f"http://127.0.0.1:{port}"
        try:
            yield base, settings, printed.getvalue()
        finally:
            running.close()


def test_one_users_upload_is_not_served_to_another(app):
    base, _, _ = app
    alice, bob = (logged_in(base, user, password) for user, password in PASSWORDS.items())
    path = upload(base, alice, "alice-brief.txt", NJ.encode())
    assert status_of(alice, f"{base}/gradio_api/file={path}") == 200
    assert status_of(bob, f"{base}/gradio_api/file={path}") == 403
    kind, outputs = call(base, "run_check", [None, {"path": path, "meta": {"_type": "gradio.FileData"}}, "bluebook"],
                         opener=alice)
    assert kind == "complete" and "444 N.J. Super. 423" in str(outputs)


def test_pasted_text_is_not_served_to_anyone(app):
    base, settings, _ = app
    alice, bob = (logged_in(base, user, password) for user, password in PASSWORDS.items())
    assert call(base, "run_check", [NJ, None, "bluebook"], opener=alice)[0] == "complete"
    pasted = next((settings.home / "app-tmp").glob("pasted-*.txt"))
    assert status_of(bob, f"{base}/gradio_api/file={pasted}") == 403
    assert status_of(alice, f"{base}/gradio_api/file={pasted}") == 403  # never handed out: not served


def test_a_paste_over_the_upload_limit_is_refused_with_the_upload_message(app):
    base, _, _ = app
    alice = logged_in(base, "alice", PASSWORDS["alice"])
    kind, message = call(base, "run_check", [NJ * 12000, None, "bluebook"], opener=alice)  # 1.2 MB
    assert kind == "error"
    assert "pasted text: is 1.2 MB; the upload limit is 1 MB (start the app with --max-upload-mb to change it)" \
        in str(message)


def test_the_app_prints_no_share_link_hint(app):
    base, _, printed = app
    assert "share=True" not in printed and "public link" not in printed
    assert f"The app is running on {base} (this machine only; no share link)" in printed
