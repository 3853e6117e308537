"""No network at run time: a full run (index, search, the app serving a search)
opens no socket beyond loopback. Every Python process of the run loads
``tests/netguard/sitecustomize.py``, which blocks and records any other connection."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from research import OFFLINE_ENVIRONMENT
from support.paths import NETGUARD

pytestmark = pytest.mark.slow  # runs the whole app and CLI in subprocesses



def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture()
def guarded_env(tmp_path):
    log = tmp_path / "network.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "GRADIO_", "TRANSFORMERS_"))}
    env.update(PYTHONPATH=str(NETGUARD), NETGUARD_LOG=str(log))
    return env, log


def cli(settings, *args) -> list[str]:
    return [sys.executable, "-m", "research", "--home", str(settings.home), "--corpora",
            str(settings.corpora_dir), "--model-cache", str(settings.models_dir), *args]


def test_the_guard_itself_blocks_outside_connections(guarded_env):
    env, log = guarded_env
    code = "import socket\ntry:\n    socket.create_connection(('93.184.216.34', 80), timeout=1)\nexcept OSError as e:\n    print(e)"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert "netguard: blocked" in out.stdout
    assert "93.184.216.34" in log.read_text()


def test_full_run_opens_no_socket_beyond_loopback(guarded_env, small_library, tmp_path):
    env, log = guarded_env
    settings = small_library.with_changes(home=tmp_path / "home")
    for args in (("index",), ("search", "which court decides whether a dispute must go to arbitration")):
        done = subprocess.run(cli(settings, *args), env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr[-2000:]
    port = free_port()
    app = subprocess.Popen(cli(settings, "ui", "--port", str(port)), env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        page = _wait_for_page(f"http://127.0.0.1:{port}/", timeout=120)
        assert "Legal research" in page
    finally:
        app.terminate()
        output = app.communicate(timeout=30)[0]
    assert not log.exists() or log.read_text() == "", log.read_text()


def _wait_for_page(url: str, timeout: float) -> str:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8", "replace")
        except OSError:
            time.sleep(1)
    raise AssertionError(f"the app did not answer at {url}")


def test_importing_the_package_sets_offline_flags():
    code = "import research, os, json; print(json.dumps({k: os.environ[k] for k in research.OFFLINE_ENVIRONMENT}))"
    env = {**os.environ, "HF_HUB_OFFLINE": "0", "GRADIO_ANALYTICS_ENABLED": "True"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    import json

    flags = json.loads(out.stdout)
    assert flags["HF_HUB_OFFLINE"] == "1" and flags["GRADIO_ANALYTICS_ENABLED"] == "False"
    assert flags["HF_HUB_DISABLE_TELEMETRY"] == OFFLINE_ENVIRONMENT["HF_HUB_DISABLE_TELEMETRY"]
