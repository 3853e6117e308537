"""No network at run time: a full run (index, search, the app serving a search)
opens no socket beyond loopback. Two guards: every Python process of a run
loads ``tests/netguard/sitecustomize.py``, which blocks and records any other
Python connection; and strace records every connect/sendto the processes make
at the system-call level, where native libraries (onnxruntime's telemetry)
are seen too."""
from __future__ import annotations

import ipaddress
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time

import pytest

from research import OFFLINE_ENVIRONMENT
from support.apphttp import call, free_port, wait_for_page
from support.paths import BRIEFS, NETGUARD

pytestmark = pytest.mark.slow  # runs the whole app and CLI in subprocesses

BRIEF = BRIEFS / "cli_memo_excerpt.txt"
QUESTION = "which court decides whether a dispute must go to arbitration"


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
        page = wait_for_page(f"http://127.0.0.1:{port}/", timeout=120)
        assert "Legal research" in page
    finally:
        app.terminate()
        output = app.communicate(timeout=30)[0]
    assert not log.exists() or log.read_text() == "", log.read_text()


def test_importing_the_package_sets_offline_flags():
    code = "import research, os, json; print(json.dumps({k: os.environ[k] for k in research.OFFLINE_ENVIRONMENT}))"
    env = {**os.environ, "HF_HUB_OFFLINE": "0", "GRADIO_ANALYTICS_ENABLED": "True"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    import json

    flags = json.loads(out.stdout)
    assert flags["HF_HUB_OFFLINE"] == "1" and flags["GRADIO_ANALYTICS_ENABLED"] == "False"
    assert flags["HF_HUB_DISABLE_TELEMETRY"] == OFFLINE_ENVIRONMENT["HF_HUB_DISABLE_TELEMETRY"]


# --- system calls -------------------------------------------------------------

# onnxruntime's telemetry looked up its host about 9 s after loading: every
# traced process lives this long after the encoder has loaded.
LINGER_SECONDS = 13
_FAMILY = re.compile(r"sa_family=(AF_\w+)")
_ADDRESS = re.compile(r'inet_addr\("([^"]+)"\)|inet_pton\(AF_INET6, "([^"]+)"')
_LOCAL_FAMILIES = {"AF_UNIX", "AF_LOCAL", "AF_NETLINK", "AF_UNSPEC"}


def outside_addresses(trace: str) -> list[str]:
    """Lines of an strace log that address anything but loopback or a local socket."""
    found = []
    for line in trace.splitlines():
        families = _FAMILY.findall(line)
        if any(family not in _LOCAL_FAMILIES | {"AF_INET", "AF_INET6"} for family in families):
            found.append(line)
        elif any(not _loopback(v4 or v6) for v4, v6 in _ADDRESS.findall(line)):
            found.append(line)
    return found


def _loopback(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    mapped = getattr(ip, "ipv4_mapped", None)
    return ip.is_loopback or bool(mapped and mapped.is_loopback)


def test_the_trace_reader_flags_outside_addresses():
    trace = "\n".join([
        '7 connect(8, {sa_family=AF_UNIX, sun_path="/var/run/nscd/socket"}, 110) = -1 ENOENT',
        '7 connect(9, {sa_family=AF_INET, sin_port=htons(7860), sin_addr=inet_addr("127.0.0.1")}, 16) = 0',
        '7 connect(9, {sa_family=AF_INET6, sin6_port=htons(80), sin6_flowinfo=htonl(0), '
        'inet_pton(AF_INET6, "::1", &sin6_addr), sin6_scope_id=0}, 28) = 0',
        '8 connect(9, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("10.255.255.53")}, 16 '
        '<unfinished ...>',
        '8 sendto(9, "...", 50, MSG_NOSIGNAL, {sa_family=AF_INET6, sin6_port=htons(443), '
        'inet_pton(AF_INET6, "2001:db8::1", &sin6_addr)}, 28) = 50',
    ])
    assert [line.split()[0] for line in outside_addresses(trace)] == ["8", "8"]


@pytest.fixture()
def strace():
    """The strace binary; `make test` installs it and requires this test to run."""
    path = shutil.which("strace")
    if path is None:
        message = "strace is not installed (Debian: apt-get install strace); the system-call network test needs it"
        if os.environ.get("RESEARCH_REQUIRE_STRACE") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return path


def _traced(strace: str, log: Path, command: list[str]) -> list[str]:
    return [strace, "-f", "-qq", "--seccomp-bpf", "-e", "trace=connect,sendto,sendmsg,sendmmsg",
            "-o", str(log), *command]


def _bare_env() -> dict[str, str]:
    """The user's environment without any of our offline switches: the package must set them itself."""
    return {k: v for k, v in os.environ.items() if k not in OFFLINE_ENVIRONMENT}


def _settings_args(settings) -> list[str]:
    return ["--home", str(settings.home), "--corpora", str(settings.corpora_dir),
            "--model-cache", str(settings.models_dir)]


@pytest.mark.slow
def test_search_memo_and_check_make_no_outside_system_calls(strace, small_library, tmp_path):
    log, brief = tmp_path / "trace.log", tmp_path / "brief.txt"
    shutil.copy(BRIEF, brief)
    base = _settings_args(small_library)
    commands = [base + ["search", QUESTION, "-k", "3"], base + ["memo", QUESTION, "--json"],
                base + ["check", str(brief), "--format", "json"]]
    driver = [sys.executable, str(NETGUARD / "linger.py"), str(LINGER_SECONDS), *map(json.dumps, commands)]
    done = subprocess.run(_traced(strace, log, driver), env=_bare_env(), capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "usc/9/" in done.stdout and '"memo_markdown"' in done.stdout and '"citations"' in done.stdout
    assert done.stdout.count("exit ") == 3
    assert outside_addresses(log.read_text()) == []


@pytest.mark.slow
def test_the_app_starting_and_answering_makes_no_outside_system_calls(strace, small_library, tmp_path):
    log, port = tmp_path / "trace.log", free_port()
    settings = small_library.with_changes(home=tmp_path / "home")
    command = [sys.executable, "-m", "research", *_settings_args(settings), "ui", "--port", str(port)]
    app = subprocess.Popen(_traced(strace, log, command), env=_bare_env(), stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}"
        assert "Legal research" in wait_for_page(base + "/", timeout=180)
        kind, outputs = call(base, "run_check", [BRIEF.read_text(encoding="utf-8"), None, "bluebook"])
        assert kind == "complete" and "16 N.Y.3d 272" in json.dumps(outputs)
        _wait_for_hybrid(base, timeout=300)
        kind, outputs = call(base, "answer", [QUESTION, "any", "", None, None])
        assert kind == "complete", outputs
        time.sleep(LINGER_SECONDS)
    finally:
        os.killpg(app.pid, signal.SIGTERM)  # the app, not only strace
        output = app.communicate(timeout=60)[0]
    assert outside_addresses(log.read_text()) == [], output[-2000:]


def _wait_for_hybrid(base: str, timeout: float) -> None:
    """Until the background index is ready, so the dense encoder has loaded."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        kind, outputs = call(base, "status", [])
        if kind == "complete" and "Index ready" in json.dumps(outputs):
            return
        time.sleep(1)
    raise AssertionError("the app's search index did not become ready")
