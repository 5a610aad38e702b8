"""Which web addresses the app will talk to, decided by parsing them, never by string prefixes.

Plain http is allowed only for this machine, and "this machine" is a loopback *address*
(127.0.0.0/8 or ::1, parsed as an IP) or the name `localhost`: a host name that merely starts with
"127." (`http://127.evil.example`) is somebody else's computer. A malformed address is a
`CozeError`, never a `ValueError` escaping from `urllib`.
"""

from __future__ import annotations

import ipaddress
from typing import NamedTuple
from urllib.parse import urlsplit

from desktop.core.coze.errors import CozeError, InsecureBaseURLError


class WebAddress(NamedTuple):
    scheme: str
    host: str
    port: int | None


def is_loopback_host(host: str | None) -> bool:
    """True for `localhost`, 127.0.0.0/8 and ::1 (IPv6 brackets and a zone are accepted)."""
    if not host:
        return False
    name = host.strip().strip("[]").rstrip(".").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name.split("%", 1)[0]).is_loopback
    except ValueError:
        return False


def parse_web_address(url: str) -> WebAddress:
    """Scheme, host and port of an http(s) URL; raises CozeError when it is not one."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
        port = parts.port
    except ValueError as exc:  # "Invalid IPv6 URL", a port out of range or not a number
        raise CozeError(f"not a valid web address: {url!r} ({exc})") from None
    if parts.scheme not in ("http", "https") or not host:
        raise CozeError(f"not an http(s) address: {url!r}")
    if any(ch.isspace() for ch in url.strip()):
        raise CozeError(f"a web address has no spaces: {url!r}")
    return WebAddress(parts.scheme, host, port)


def check_transport(url: str) -> WebAddress:
    """The parsed address when it is https, or plain http to this machine; else raises
    InsecureBaseURLError (kind INSECURE_URL)."""
    address = parse_web_address(url)
    if address.scheme == "http" and not is_loopback_host(address.host):
        raise InsecureBaseURLError(f"refusing plain http to {address.host}: it would travel unencrypted")
    return address


def normalize_base_url(base_url: str) -> str:
    """Validate and normalise an API base; plain http is allowed only for this machine."""
    url = base_url.strip().rstrip("/")
    if not url:
        raise CozeError("the API address is empty")
    check_transport(url)
    return url
