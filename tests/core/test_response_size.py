"""A plain (non-streaming) Coze call reads its answer a piece at a time, bounded (MAX_RESPONSE_BYTES): an
answer that never ends, or a small gzip body that unpacks to far more, is one clear error, not all of the
computer's memory. Before, `requests` read the whole body first. A real hostile server on loopback; the
bound is lowered so the test reads megabytes, not the real 128 MiB."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desktop.core.coze import CozeClient
from desktop.core.coze import responses as coze_responses
from desktop.core.coze.errors import CozeProtocolError, ErrorKind
from tests.hostile_web import hostile_web

LIMIT = 8 << 20


@pytest.fixture
def web(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setattr(coze_responses, "MAX_RESPONSE_BYTES", LIMIT)
    with hostile_web() as base:
        yield base


@pytest.mark.parametrize("route", ["endless", "bomb"])
def test_an_answer_past_the_bound_is_one_clear_error(web: str, route: str) -> None:
    with CozeClient("pat_x", f"{web}/{route}", read_timeout=10) as client, pytest.raises(CozeProtocolError) as raised:
        client.get_bot("7400000000000000001")
    assert raised.value.kind is ErrorKind.PROTOCOL
    assert "larger than 8 MiB" in str(raised.value)
