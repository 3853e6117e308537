"""Files under the app's folder are served only to the user they belong to.

Gradio serves any file in its upload cache, or in ``allowed_paths``, to
anyone logged in who knows the path: one user could fetch another's upload.
This ASGI middleware (given to gradio's FastAPI app) records, per logged-in
user, the files gradio tells that user about (the paths an upload returns
and the file paths in that user's event results) and refuses any other file
under the app's folder (403). Without ``--auth`` there is one local user and
nothing changes.

    launch(..., app_kwargs={"middleware": [Middleware(SessionFiles, root=tmp)]})
"""
from __future__ import annotations

import json
import os
import re
import threading
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import unquote

_FILE_ROUTE = re.compile(r"/(?:gradio_api/)?file(?:=|/)(.+)$")
_TOLD = ("/gradio_api/upload", "/gradio_api/queue/data", "/gradio_api/call/", "/gradio_api/queue/join")
_JSON_STRING = re.compile(rb'"((?:[^"\\]|\\.){1,4096})"')
_TAIL = 8192  # bytes of one body chunk kept to find a path cut by the next


class SessionFiles:
    def __init__(self, app, *, root: str | Path) -> None:
        self.app = app
        self.root = os.path.realpath(root)
        self._owners: dict[str, set[str]] = {}
        self._lock = threading.Lock()

    async def __call__(self, scope, receive, send) -> None:
        user = _user(scope) if scope["type"] == "http" else None
        if user is None:
            await self.app(scope, receive, send)
            return
        wanted = _FILE_ROUTE.search(scope.get("path", ""))
        if wanted and not self.may_fetch(user, unquote(wanted.group(1))):
            await _forbidden(send)
            return
        if scope.get("path", "").startswith(_TOLD):
            send = self._recording(user, send)
        await self.app(scope, receive, send)

    def may_fetch(self, user: str, path: str) -> bool:
        real = os.path.realpath(path)
        if os.path.commonpath([real, self.root]) != self.root:
            return True  # not ours: gradio's own rules apply
        with self._lock:
            return user in self._owners.get(real, ())

    def told(self, user: str, path: str) -> None:
        real = os.path.realpath(path)
        if os.path.commonpath([real, self.root]) == self.root:
            with self._lock:
                self._owners.setdefault(real, set()).add(user)

    def _recording(self, user: str, send):
        tail = [b""]

        async def recording_send(message) -> None:
            if message.get("type") == "http.response.body":
                chunk = tail[0] + message.get("body", b"")
                for raw in _JSON_STRING.findall(chunk):
                    self._note(user, raw)
                tail[0] = chunk[-_TAIL:]
            await send(message)

        return recording_send

    def _note(self, user: str, raw: bytes) -> None:
        try:
            text = json.loads(b'"' + raw + b'"')
        except ValueError:
            return
        marker = text.find("/file=")
        path = unquote(text[marker + len("/file="):]) if marker >= 0 else text
        if path.startswith(os.sep):
            self.told(user, path)


def _user(scope) -> str | None:
    """The logged-in user of a request, None when the app has no login."""
    app = scope.get("app")
    if app is None or getattr(app, "auth", None) is None:
        return None
    cookies = SimpleCookie()
    for name, value in scope.get("headers", ()):
        if name == b"cookie":
            cookies.load(value.decode("latin-1"))
    for key in (f"access-token-{app.cookie_id}", f"access-token-unsecure-{app.cookie_id}"):
        if key in cookies:
            return app.tokens.get(cookies[key].value) or ""
    return ""  # logged out: gradio refuses the request itself; nothing of ours is served


async def _forbidden(send) -> None:
    body = b'{"detail": "File not allowed."}'
    await send({"type": "http.response.start", "status": 403,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
