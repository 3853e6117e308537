"""Private by default: login, the upload size limit, the app's temporary folder.

Users file (``research ui --auth FILE``), one user a line::

    user:salt_hex:pbkdf2_sha256_hex        # 200,000 iterations of PBKDF2-HMAC-SHA256

    research admin add-user FILE USER    # asks for the password (or reads stdin)

Temporary files (downloads, pasted text, audit output) live in
``settings.home / "app-tmp"`` and are removed when the app exits.
"""
from __future__ import annotations

import atexit
import hashlib
import hmac
import secrets
import shutil
import sys
from pathlib import Path
from typing import Callable, Iterable

from research.errors import IngestError

ITERATIONS = 200_000
DEFAULT_MAX_UPLOAD_MB = 20


def hash_password(password: str, salt: bytes) -> str:
    return hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, ITERATIONS).hex()


def user_line(user: str, password: str) -> str:
    if not user or ":" in user or user != user.strip():
        raise ValueError(f"bad user name {user!r}: no colons or surrounding spaces")
    salt = secrets.token_bytes(16)
    return f"{user}:{salt.hex()}:{hash_password(password, salt)}"


def read_users(path: Path | str) -> dict[str, tuple[bytes, str]]:
    """user -> (salt, hash); IngestError names the file and the bad line."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise IngestError(path, f"cannot read the users file ({error.strerror or error})") from error
    users = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.strip().split(":")
        try:
            users[parts[0]] = (bytes.fromhex(parts[1]), parts[2])
        except (IndexError, ValueError):
            raise IngestError(path, f"line {number} is not user:salt_hex:pbkdf2_sha256_hex") from None
    if not users:
        raise IngestError(path, "no users in the file; add one with: research admin add-user FILE USER")
    return users


def authenticator(path: Path | str) -> Callable[[str, str], bool]:
    """For gradio's ``auth=``: True when the password matches the user's hash."""
    users = read_users(path)

    def check(user: str, password: str) -> bool:
        salt, expected = users.get(user, (b"no-such-user", "0" * 64))
        # Hash even for an unknown user, so timing does not tell which users exist.
        return hmac.compare_digest(hash_password(password, salt), expected) and user in users

    return check


def add_user(path: Path | str, user: str, password: str) -> None:
    """Add USER (or replace their password) in the users file."""
    path = Path(path)
    kept = [line for line in (path.read_text(encoding="utf-8").splitlines() if path.exists() else [])
            if line.split(":", 1)[0] != user]
    path.write_text("\n".join(kept + [user_line(user, password)]) + "\n", encoding="utf-8")
    path.chmod(0o600)


def check_size(name: str, size: int, max_mb: float) -> None:
    """IngestError with a clear message when ``size`` bytes are over the upload limit."""
    if size > max_mb * 1024 * 1024:
        raise IngestError(name, f"is {size / 1024 / 1024:.1f} MB; the upload limit is {max_mb:g} MB "
                                f"(start the app with --max-upload-mb to change it)")


def check_upload(path: Path | str, max_mb: float) -> Path:
    """The path, or IngestError with a clear message when it is over the limit."""
    path = Path(path)
    check_size(path.name, path.stat().st_size, max_mb)
    return path


def check_paste(text: str, max_mb: float) -> str:
    """Pasted text is held to the same limit as an upload, with the same message."""
    check_size("pasted text", len(text.encode("utf-8", "surrogatepass")), max_mb)
    return text


def check_uploads(paths: Iterable[Path | str], max_mb: float) -> list[Path]:
    return [check_upload(p, max_mb) for p in paths]


def app_tmp(home: Path, *, clean_at_exit: bool = True) -> Path:
    """``home / "app-tmp"``, created now and (by default) emptied of a crashed
    run's leftovers first and removed at exit, SIGTERM included."""
    folder = Path(home) / "app-tmp"
    if clean_at_exit:
        shutil.rmtree(folder, ignore_errors=True)
        atexit.register(shutil.rmtree, folder, True)
        _exit_on_sigterm()
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _exit_on_sigterm() -> None:
    """SIGTERM ends the process without running atexit; make it a normal exit."""
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
