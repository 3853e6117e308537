"""Browser fixtures: the app started as a user starts it (``python -m research ...
ui``) on a free local port against a small built library, and Debian's Chromium
driven by Playwright. Screenshots go to the test's tmp dir and to build/screenshots/.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from research.settings import PROJECT_ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
VIEWPORT = {"width": 1366, "height": 768}
SCREENSHOTS = PROJECT_ROOT / "build" / "screenshots"
START_TIMEOUT = 120.0



def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status < 500
    except OSError as error:
        # A login page answers 401/403 at "/" in some gradio versions: still up.
        return getattr(error, "code", 0) in (401, 403)


def _app_env(home: Path) -> dict[str, str]:
    env = dict(os.environ, HF_HUB_OFFLINE="1", HF_HUB_DISABLE_TELEMETRY="1",
               GRADIO_ANALYTICS_ENABLED="False", PYTHONUNBUFFERED="1")
    env["NO_PROXY"] = env["no_proxy"] = "127.0.0.1,localhost"
    env.pop("RESEARCH_HOME", None)
    return env


class App:
    """A running ``research ui`` process and where it answers."""

    def __init__(self, settings, model_cache: Path, log: Path, *extra: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.home = settings.home
        self.log = log
        command = [sys.executable, "-m", "research", "--home", str(settings.home), "--corpora",
                   str(settings.corpora_dir), "--model-cache", str(model_cache), "ui", "--port",
                   str(self.port), *extra]
        self._out = log.open("wb")
        self.process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=_app_env(settings.home),
                                        stdout=self._out, stderr=subprocess.STDOUT)

    def wait(self, timeout: float = START_TIMEOUT) -> "App":
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the app exited ({self.process.returncode}):\n{self.tail()}")
            if _answers(self.url):
                return self
            time.sleep(0.5)
        raise RuntimeError(f"the app did not answer on {self.url} in {timeout:.0f}s:\n{self.tail()}")

    def tail(self, chars: int = 4000) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-chars:]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        self._out.close()


def _private_copy(settings, root: Path):
    """A copy of the built library home, so what the app writes (reviews,
    uploads, temporary files) stays out of the session's shared library."""
    home = root / "home"
    shutil.copytree(settings.home, home)
    return settings.with_changes(home=home)


@pytest.fixture(scope="session")
def playwright_api():
    """Skip (before building anything) when Chromium or playwright is missing."""
    if not CHROMIUM.exists():
        pytest.skip("Chromium missing: apt-get install -y chromium (make test does it)")
    return pytest.importorskip("playwright.sync_api", reason="browser tests need the playwright package")


@pytest.fixture(scope="session")
def app_settings(playwright_api, small_library, tmp_path_factory):
    return _private_copy(small_library, tmp_path_factory.mktemp("app"))


@pytest.fixture(scope="session")
def app(app_settings, model_cache, tmp_path_factory):
    running = App(app_settings, model_cache, tmp_path_factory.mktemp("applog") / "app.log")
    try:
        yield running.wait()
    finally:
        running.stop()


AUTH_USER, AUTH_PASSWORD = "paralegal", "correct horse battery staple"


@pytest.fixture(scope="session")
def auth_app(playwright_api, small_library, model_cache, tmp_path_factory):
    """A second app, with its own copy of the library, started with ``--auth``."""
    from research.ui.auth import add_user

    root = tmp_path_factory.mktemp("authapp")
    add_user(root / "users.txt", AUTH_USER, AUTH_PASSWORD)
    running = App(_private_copy(small_library, root), model_cache, root / "app.log",
                  "--auth", str(root / "users.txt"))
    running.credentials = (AUTH_USER, AUTH_PASSWORD)
    try:
        yield running.wait()
    finally:
        running.stop()


@pytest.fixture(scope="session")
def browser(playwright_api):
    sync_playwright = playwright_api.sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def context(browser, tmp_path):
    ctx = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    ctx.set_default_timeout(30_000)
    yield ctx
    ctx.close()


@pytest.fixture()
def page(context):
    return context.new_page()


@pytest.fixture()
def shot(tmp_path, request):
    """``shot(page, name)``: a PNG in the test's tmp dir and a copy in build/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str, *, full_page: bool = False) -> Path:
        path = tmp_path / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        shutil.copy(path, SCREENSHOTS / path.name)
        return path

    return take
