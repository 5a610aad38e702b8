"""The window harness with the sync service and its actions wired as the app wires them (`synced` fixture)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.cozeserver import CozeServer
from desktop.core.store import Store
from desktop.services.connection import Connection
from desktop.services.sync import SyncService
from desktop.ui.sync_actions import SyncActions
from tests.coze_fixtures import BOT, TOKEN, USER
from tests.ui.window_harness import Harness

Synced = tuple[Harness, SyncService, SyncActions]


@pytest.fixture
def synced(qtbot: QtBot, tmp_path: Path, server: CozeServer) -> Iterator[Synced]:
    with Store.open(tmp_path / "history.sqlite3") as store:
        h = Harness(store, server)
        qtbot.addWidget(h.window)
        sync = SyncService(
            store.path, lambda bot_id: Connection(server.base_url, TOKEN, bot_id, USER), lambda: [BOT], h.tasks
        )
        actions = SyncActions(h.window, sync, h.history, h.chats, "en")
        h.window.show()
        h.window.new_chat()
        yield h, sync, actions
        assert sync.shutdown(3000)
        h.close()
