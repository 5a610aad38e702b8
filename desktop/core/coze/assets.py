"""Downloading a bot's avatar: a plain GET with no credentials (icons live on Coze's CDN, not the API),
https only (http for this machine), bounded in size and in *total* time, and only image types.

Redirects are followed by hand so that every hop is checked like the first address: https (or http
to this machine), and a remote address can never send us on to this machine. The whole download
has a deadline (desktop.core.coze.deadline) that shuts the connection down when it passes, so a server
that trickles its headers or its body one byte a second cannot hold a worker thread for longer.
"""

from __future__ import annotations

import time
from urllib.parse import urljoin

import requests
import urllib3

from desktop.core.coze.addresses import check_transport, is_loopback_host
from desktop.core.coze.client import user_agent
from desktop.core.coze.deadline import Deadline, with_deadlines
from desktop.core.coze.errors import CozeError, ErrorKind
from desktop.core.coze.responses import connection_error

MAX_ICON_BYTES = 1_000_000
ICON_TIMEOUT = (5.0, 10.0)  # connect, and between two reads
ICON_DEADLINE = 15.0  # the whole download, redirects included
MAX_REDIRECTS = 3
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_IMAGE_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"RIFF")


def download_icon(url: str, *, deadline: float = ICON_DEADLINE) -> bytes:
    """The image at `url`; raises CozeError when it is not a small image over a safe scheme."""
    data = fetch_bounded(url, max_bytes=MAX_ICON_BYTES, deadline=deadline, what="icon")
    if not data.startswith(_IMAGE_SIGNATURES):
        raise CozeError("icon: not a PNG, JPEG, GIF or WebP image", kind=ErrorKind.PROTOCOL)
    return data


def fetch_bounded(url: str, *, max_bytes: int, deadline: float, what: str = "download") -> bytes:
    """GET `url` without credentials: at most `max_bytes`, within `deadline` seconds in all, every
    redirect hop re-checked (at most MAX_REDIRECTS). Raises CozeError."""
    first = check_transport(url)
    from_this_machine = is_loopback_host(first.host)
    end = time.monotonic() + deadline
    # The Deadline shuts the connection down when time is up, even in the middle of a head that trickles in.
    with requests.Session() as session, Deadline(deadline) as overall:
        with_deadlines(session)
        session.trust_env = True
        for _ in range(MAX_REDIRECTS + 1):
            hop = check_transport(url)
            if is_loopback_host(hop.host) and not from_this_machine:
                raise CozeError(f"{what}: a redirect to this computer is not followed", kind=ErrorKind.INSECURE_URL)
            try:
                with session.get(
                    url,
                    stream=True,
                    allow_redirects=False,
                    timeout=(ICON_TIMEOUT[0], min(ICON_TIMEOUT[1], _remaining(end, what))),
                    headers={"User-Agent": user_agent()},
                ) as response:
                    if response.status_code in _REDIRECTS and response.headers.get("Location"):
                        url = urljoin(url, response.headers["Location"])
                        continue
                    if response.status_code != 200:
                        raise CozeError(f"{what}: HTTP {response.status_code}", status=response.status_code)
                    return _read_body(response, max_bytes, end, what, overall)
            except requests.RequestException as exc:
                if overall.expired:
                    raise CozeError(f"{what}: not complete in time", kind=ErrorKind.TIMEOUT) from exc
                raise connection_error(exc) from exc
    raise CozeError(f"{what}: more than {MAX_REDIRECTS} redirects", kind=ErrorKind.PROTOCOL)


def _read_body(response: requests.Response, max_bytes: int, end: float, what: str, overall: Deadline) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise CozeError(f"{what} larger than {max_bytes} bytes", kind=ErrorKind.PROTOCOL)
    data = bytearray()
    raw = response.raw
    while True:
        _remaining(end, what)
        # read1 returns whatever has arrived (read() would wait to fill the whole chunk).
        try:
            chunk = raw.read1(65536, decode_content=True)
        except urllib3.exceptions.ReadTimeoutError as exc:
            raise CozeError(f"{what}: no data in time ({exc})", kind=ErrorKind.TIMEOUT) from exc
        except (urllib3.exceptions.HTTPError, OSError) as exc:
            if overall.expired:
                raise CozeError(f"{what}: not complete in time", kind=ErrorKind.TIMEOUT) from exc
            raise CozeError(f"{what}: connection lost ({exc})", kind=ErrorKind.NETWORK) from exc
        if not chunk:
            _remaining(end, what)  # an end of data that is the deadline cutting the connection
            return bytes(data)
        data += chunk
        if len(data) > max_bytes:
            raise CozeError(f"{what} larger than {max_bytes} bytes", kind=ErrorKind.PROTOCOL)


def _remaining(end: float, what: str) -> float:
    left = end - time.monotonic()
    if left <= 0:
        raise CozeError(f"{what}: not complete in time", kind=ErrorKind.TIMEOUT)
    return left
