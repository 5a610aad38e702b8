"""Bot info and avatar: fetched in the background from the local Coze server, cached in the profile."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.coze.assets import download_icon
from desktop.core.coze.errors import CozeError, ErrorKind
from desktop.core.cozeserver import CozeServer
from desktop.core.store import Store
from desktop.services.bots import BotService
from desktop.services.connection import Connection
from desktop.services.tasks import TaskRunner
from tests.coze_fixtures import BOT, TOKEN


def test_refresh_caches_the_bot_and_its_icon(qtbot: QtBot, tmp_path: Path, server: CozeServer) -> None:
    with Store.open(tmp_path / "history.sqlite3") as store:
        tasks = TaskRunner()
        bots = BotService(store.bots, tasks, tmp_path / "icons")
        assert bots.icon_path(BOT) is None and bots.name(BOT) == ""  # not known yet: never the id as a name
        updates: list[str] = []
        bots.botUpdated.connect(updates.append)
        bots.refresh(Connection(server.base_url, TOKEN, BOT, "u"))
        qtbot.waitUntil(lambda: len(updates) == 2, timeout=5000)  # info first, then the avatar
        record = store.bots.get(BOT)
        assert record is not None and record.name and record.prologue
        assert bots.name(BOT) == record.name
        icon = bots.icon_path(BOT)
        assert icon is not None and icon.read_bytes().startswith(b"\x89PNG")
        assert tasks.shutdown(2000)


def test_icon_download_rules(server: CozeServer) -> None:
    with pytest.raises(CozeError) as raised:
        download_icon("http://example.com/icon.png")  # plain http off this machine: never fetched
    assert raised.value.kind is ErrorKind.INSECURE_URL
    with pytest.raises(CozeError) as raised:
        download_icon(f"{server.base_url}/v1/bots/{BOT}")  # answers, but not with an image
    assert raised.value.kind in (ErrorKind.PROTOCOL, ErrorKind.INVALID_TOKEN)
