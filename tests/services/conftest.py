"""Fixtures shared by the services' tests that chat with the local Coze server: a history in a temporary
profile and the chat controller on it (shut down, and checked to have stopped, after each test)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.cozeserver import CozeServer
from desktop.core.store import Store
from desktop.services.chat_controller import ChatController
from desktop.services.connection import Connection
from tests.coze_fixtures import TOKEN


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "history.sqlite3") as opened:
        yield opened


@pytest.fixture
def chats(store: Store, server: CozeServer) -> Iterator[ChatController]:
    controller = ChatController(store, lambda bot_id: Connection(server.base_url, TOKEN, bot_id, "u"))
    yield controller
    assert controller.shutdown(3000)
