"""An overall deadline for HTTP exchanges, headers included.

A socket timeout bounds each read, not the whole exchange: a server that sends its status line and
headers one byte every few seconds never trips it, and `requests` only returns once the headers are
complete. A `Deadline` is a timer that, when it fires, shuts down the socket its exchange is using, so
a read blocked on it returns at once (Linux, macOS and Windows all wake a blocked `recv` on shutdown).

The sockets are found through `DeadlineAdapter`: its connections register the socket they connect or
read a response on with every Deadline active on the calling thread. The adapter gives each request
its own deadline for the headers, the sum of its (connect, read) timeouts; `with Deadline(s):` around
more (a whole download, body included) bounds that too.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Mapping
from types import TracebackType
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

_active = threading.local()  # .deadlines: the Deadlines entered on this thread, innermost last


class DeadlineExceeded(requests.exceptions.ReadTimeout):
    """The exchange did not finish before its deadline (raised in place of the cut connection's error)."""


class Deadline:
    """`with Deadline(seconds) as deadline:` — sockets used by a DeadlineAdapter inside the block are shut
    down when `seconds` have passed; `deadline.expired` then says why a read failed."""

    def __init__(self, seconds: float) -> None:
        self.seconds = max(0.0, seconds)
        self.end = time.monotonic() + self.seconds
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._expired = False
        self._timer = threading.Timer(self.seconds, self._expire)
        self._timer.daemon = True
        self._timer.name = "http-deadline"

    @property
    def expired(self) -> bool:
        return self._expired

    def remaining(self) -> float:
        return max(0.0, self.end - time.monotonic())

    def watch(self, sock: socket.socket | None) -> None:
        """Shut `sock` down when the deadline passes (at once if it has passed already)."""
        if sock is None:
            return
        with self._lock:
            if sock not in self._sockets:
                self._sockets.append(sock)
            expired = self._expired
        if expired:
            _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self._expired = True
            sockets = list(self._sockets)
        for sock in sockets:
            _shut(sock)

    def __enter__(self) -> Deadline:
        stack: list[Deadline] = getattr(_active, "deadlines", None) or []
        _active.deadlines = [*stack, self]
        self._timer.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._timer.cancel()
        _active.deadlines = [d for d in getattr(_active, "deadlines", []) if d is not self]
        with self._lock:
            self._sockets.clear()


def _shut(sock: socket.socket) -> None:
    # socket.socket.shutdown, not SSLSocket.shutdown: only wake the reader, leave the TLS state alone.
    with contextlib.suppress(OSError):
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


def _watch_on_this_thread(sock: socket.socket | None) -> None:
    for deadline in getattr(_active, "deadlines", ()):
        deadline.watch(sock)


class _WatchedHTTPConnection(HTTPConnection):
    def connect(self) -> None:
        super().connect()
        _watch_on_this_thread(self.sock)

    def getresponse(self) -> Any:  # the headers are read here (also on a reused keep-alive connection)
        _watch_on_this_thread(self.sock)
        return super().getresponse()


class _WatchedHTTPSConnection(HTTPSConnection):
    def connect(self) -> None:
        super().connect()
        _watch_on_this_thread(self.sock)

    def getresponse(self) -> Any:
        _watch_on_this_thread(self.sock)
        return super().getresponse()


class _WatchedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


_POOLS = {"http": _WatchedHTTPPool, "https": _WatchedHTTPSPool}


def _header_seconds(timeout: Any) -> float | None:
    if isinstance(timeout, tuple):
        parts = [t for t in timeout if t is not None]
        return float(sum(parts)) if len(parts) == len(timeout) else None
    return float(timeout) if isinstance(timeout, int | float) else None


class DeadlineAdapter(HTTPAdapter):
    """An HTTPAdapter whose responses must arrive (status line and headers) within connect + read
    timeout in all, however slowly the server trickles them; mount it on every session."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = dict(_POOLS)

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        manager.pool_classes_by_scheme = dict(_POOLS)
        return manager

    def send(  # noqa: PLR0917 - requests' own signature
        self,
        request: requests.PreparedRequest,
        stream: bool = False,
        timeout: float | tuple[float, float] | tuple[float, None] | None = None,
        verify: bool | str = True,
        cert: bytes | str | tuple[bytes | str, bytes | str] | None = None,
        proxies: Mapping[str, str] | None = None,
    ) -> requests.Response:
        seconds = _header_seconds(timeout)
        if seconds is None:
            return super().send(request, stream, timeout, verify, cert, proxies)
        with Deadline(seconds) as deadline:
            try:
                return super().send(request, stream, timeout, verify, cert, proxies)
            except (requests.RequestException, OSError) as exc:
                if deadline.expired or _outer_expired():
                    raise DeadlineExceeded(f"no complete answer within {seconds:g} s", request=request) from exc
                raise


def _outer_expired() -> bool:
    return any(d.expired for d in getattr(_active, "deadlines", ()))


def with_deadlines(session: requests.Session) -> requests.Session:
    """Mount DeadlineAdapter on `session` for http and https; returns it."""
    session.mount("https://", DeadlineAdapter())
    session.mount("http://", DeadlineAdapter())
    return session
