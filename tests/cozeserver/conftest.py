from __future__ import annotations

from collections.abc import Iterator

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
