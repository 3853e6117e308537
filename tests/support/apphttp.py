"""Drive the running app over HTTP as a browser or script would: gradio's
queue API (POST /gradio_api/call/NAME, then read the event stream)."""
from __future__ import annotations

import json
import socket
import time
import urllib.error
import urllib.request


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_page(url: str, timeout: float) -> str:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8", "replace")
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"the app did not answer at {url}")


def call(base: str, api: str, data: list, *, timeout: float = 120, opener=None) -> tuple[str, object]:
    """("complete", outputs) or ("error", message) of one call of endpoint ``api``."""
    open_ = (opener or urllib.request.build_opener()).open
    request = urllib.request.Request(f"{base}/gradio_api/call/{api}", data=json.dumps({"data": data}).encode(),
                                     headers={"Content-Type": "application/json"})
    with open_(request, timeout=30) as response:
        event_id = json.load(response)["event_id"]
    with open_(f"{base}/gradio_api/call/{api}/{event_id}", timeout=timeout) as response:
        stream = response.read().decode("utf-8")
    return last_event(stream)


def last_event(stream: str) -> tuple[str, object]:
    kind, payload = "", None
    for line in stream.splitlines():
        if line.startswith("event: "):
            kind = line[len("event: "):].strip()
        elif line.startswith("data: ") and kind in ("complete", "error"):
            payload = json.loads(line[len("data: "):])
    return kind, payload


def logged_in(base: str, user: str, password: str):
    """An opener holding ``user``'s login cookie."""
    import http.cookiejar
    import urllib.parse

    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    body = urllib.parse.urlencode({"username": user, "password": password}).encode()
    with opener.open(f"{base}/login", data=body, timeout=30) as response:
        assert response.status == 200
    return opener


def upload(base: str, opener, name: str, data: bytes) -> str:
    """POST a file to gradio's upload route; the path it was saved under."""
    boundary = "----research-test-boundary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\n"
            f"Content-Type: application/octet-stream\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(f"{base}/gradio_api/upload", data=body,
                                     headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    with opener.open(request, timeout=60) as response:
        return json.load(response)[0]


def status_of(opener, url: str) -> int:
    try:
        with opener.open(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
