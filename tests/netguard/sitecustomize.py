"""Loaded by every Python process of the network test: blocks and records any
connection that is not to loopback or a local (AF_UNIX) socket."""
import ipaddress
import os
import socket

_LOG = os.environ.get("NETGUARD_LOG")
_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_sendto = socket.socket.sendto
_real_getaddrinfo = socket.getaddrinfo


def _is_local(address) -> bool:
    if not isinstance(address, tuple):
        return True  # AF_UNIX path
    host = str(address[0])
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


def _record(kind: str, target) -> None:
    if _LOG:
        with open(_LOG, "a", encoding="utf-8") as log:
            log.write(f"{os.getpid()} {kind} {target!r}\n")
    raise OSError(f"netguard: blocked {kind} to {target!r}")


def connect(self, address):
    if not _is_local(address):
        _record("connect", address)
    return _real_connect(self, address)


def connect_ex(self, address):
    if not _is_local(address):
        _record("connect", address)
    return _real_connect_ex(self, address)


def sendto(self, data, *args):
    address = args[-1]
    if not _is_local(address):
        _record("sendto", address)
    return _real_sendto(self, data, *args)


def getaddrinfo(host, *args, **kwargs):
    if host not in (None, "localhost", "127.0.0.1", "::1", "0.0.0.0") and not _is_local((host, 0)):
        _record("resolve", host)
    return _real_getaddrinfo(host, *args, **kwargs)


socket.socket.connect = connect
socket.socket.connect_ex = connect_ex
socket.socket.sendto = sendto
socket.getaddrinfo = getaddrinfo
