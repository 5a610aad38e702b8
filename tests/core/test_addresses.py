"""Which addresses the app talks to: loopback decided by the parsed address, malformed input a
CozeError (never a ValueError from urllib), an empty base refused."""

from __future__ import annotations

import pytest

from desktop.core.coze import CozeError, ErrorKind, normalize_base_url
from desktop.core.coze.addresses import is_loopback_host


@pytest.mark.parametrize(
    "host",
    ["localhost", "LOCALHOST", "localhost.", "127.0.0.1", "127.1.2.3", "127.255.255.254", "::1", "[::1]"],
)
def test_loopback_addresses(host: str) -> None:
    assert is_loopback_host(host)


@pytest.mark.parametrize(
    "host",
    ["127.evil.example", "127.0.0.1.evil.example", "localhost.evil.example", "128.0.0.1", "::2", "0.0.0.0", "", None],
)
def test_names_that_only_look_local(host: str | None) -> None:
    assert not is_loopback_host(host)


@pytest.mark.parametrize(
    "url", ["http://127.evil.example", "http://127.0.0.1.nip.io:8080", "http://localhost.evil.example/"]
)
def test_plain_http_to_a_name_that_starts_with_127_is_refused(url: str) -> None:
    with pytest.raises(CozeError) as raised:
        normalize_base_url(url)
    assert raised.value.kind is ErrorKind.INSECURE_URL


@pytest.mark.parametrize("url", ["http://127.0.0.2:9000", "http://[::1]:8080/", "http://localhost"])
def test_plain_http_to_loopback_addresses_is_allowed(url: str) -> None:
    assert normalize_base_url(url) == url.rstrip("/")


@pytest.mark.parametrize(
    "url",
    ["http://[::1", "https://[not-ipv6]/", "https://api.coze.cn:99999", "https://api.coze.cn:port", "https://a b"],
)
def test_a_malformed_address_is_a_coze_error(url: str) -> None:
    with pytest.raises(CozeError):
        normalize_base_url(url)


@pytest.mark.parametrize("url", ["", "   ", "/"])
def test_an_empty_address_is_refused(url: str) -> None:
    with pytest.raises(CozeError):
        normalize_base_url(url)
