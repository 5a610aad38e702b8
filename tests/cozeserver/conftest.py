from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any

import pytest

from desktop.core.cozeserver import DEMO_TOKEN, CozeServer

from .rawhttp import RawConnection

TEST_TOKEN = "pat_test_token"


@pytest.fixture
def server() -> Iterator[CozeServer]:
    with CozeServer(accepted_tokens={DEMO_TOKEN, TEST_TOKEN}) as srv:
        yield srv


@pytest.fixture
def conn(server: CozeServer) -> Iterator[RawConnection]:
    with RawConnection(server.port) as connection:
        yield connection


@pytest.fixture
def coze(server: CozeServer) -> Iterator[Any]:
    """The official SDK (`cozepy`, a bench extra) pointed at the server; skips without it."""
    with warnings.catch_warnings(record=True):  # authlib, imported by cozepy, warns about itself on import
        cozepy = pytest.importorskip("cozepy")
    http_client = cozepy.SyncHTTPClient()
    try:
        yield cozepy.Coze(auth=cozepy.TokenAuth(DEMO_TOKEN), base_url=server.base_url, http_client=http_client)
    finally:
        http_client.close()
