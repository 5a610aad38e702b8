"""Avatar downloads against a hostile server: every redirect hop is re-checked, and the whole
download has a deadline (a server trickling one byte at a time cannot hold the worker)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from urllib.parse import quote

import pytest

from desktop.core.coze.assets import download_icon
from desktop.core.coze.errors import CozeError, ErrorKind
from desktop.core.cozeserver import CozeServer
from tests.hostile_web import hostile_web


@pytest.fixture
def web() -> Iterator[str]:
    with hostile_web() as base:
        yield base


def _redirect(base: str, to: str) -> str:
    return f"{base}/redirect?to={quote(to, safe='')}"


def test_a_redirect_on_this_machine_is_followed(web: str) -> None:
    assert download_icon(_redirect(web, f"{web}/icon.png")).startswith(b"\x89PNG")


@pytest.mark.parametrize(
    "target",
    [
        "http://example.com/icon.png",  # plain http off this machine: would have been fetched before
        "http://127.evil.example/icon.png",
        "file:///etc/passwd",
        "ftp://example.com/icon.png",
    ],
)
def test_each_redirect_hop_is_checked_like_the_first_address(web: str, target: str) -> None:
    with pytest.raises(CozeError) as raised:
        download_icon(_redirect(web, target))
    assert raised.value.kind is not ErrorKind.NETWORK, "refused before any connection"


def test_a_redirect_loop_ends(web: str) -> None:
    url = f"{web}/icon.png"
    for _ in range(5):
        url = _redirect(web, url)
    with pytest.raises(CozeError, match="redirects"):
        download_icon(url)


def test_a_trickling_server_meets_the_overall_deadline(web: str) -> None:
    started = time.monotonic()
    with pytest.raises(CozeError) as raised:
        download_icon(f"{web}/trickle", deadline=1.0)
    assert raised.value.kind is ErrorKind.TIMEOUT
    # Bytes keep arriving every 50 ms, so a per-read timeout alone would never fire.
    assert time.monotonic() - started < 5


def test_a_head_that_trickles_in_meets_the_overall_deadline(server: CozeServer) -> None:
    # The local server sends the status line and headers one byte every 0.2 s (~30 s in all): requests
    # returns only once the head is complete, and each byte resets a per-read timeout.
    started = time.monotonic()
    with pytest.raises(CozeError) as raised:
        download_icon(f"{server.base_url}/_local/media/slow_headers.png?every=0.2", deadline=1.0)
    assert raised.value.kind is ErrorKind.TIMEOUT
    assert time.monotonic() - started < 3


def test_a_head_that_arrives_slowly_but_in_time_is_read(server: CozeServer) -> None:
    data = download_icon(f"{server.base_url}/_local/media/slow_headers.png?every=0.001", deadline=10.0)
    assert data.startswith(b"\x89PNG")
