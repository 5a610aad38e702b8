"""Each chat in the conversation list shows its bot's avatar (or the bot's initial until one arrives)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from pytestqt.qtbot import QtBot

from desktop.core.cozeserver import DEMO_BOT_ID, CozeServer
from desktop.core.store import Store
from desktop.services.bots import BotService
from desktop.services.chat_controller import ChatController
from desktop.services.connection import Connection
from desktop.services.history import HistoryService
from desktop.services.tasks import TaskRunner
from desktop.ui.main_window import MainWindow
from tests.coze_fixtures import TOKEN


def test_the_list_shows_each_chats_bot_avatar(qtbot: QtBot, tmp_path: Path, server: CozeServer) -> None:
    with Store.open(tmp_path / "h.sqlite3") as store:
        history = HistoryService(store)
        tasks = TaskRunner()
        bots = BotService(store.bots, tasks, tmp_path / "icons")
        chats = ChatController(store, lambda bot_id: Connection(server.base_url, TOKEN, bot_id, "u"))
        window = MainWindow(
            history, chats, bots, language="en", bot_for_new_chat=lambda: DEMO_BOT_ID, is_demo=lambda: False
        )
        qtbot.addWidget(window)
        window.show()
        history.create_conversation(DEMO_BOT_ID)
        window.sidebar.reload()
        model = window.model
        assert model.rowCount() == 1
        assert model.data(model.index(0), Qt.ItemDataRole.DecorationRole) is None  # the initial is drawn
        before = window.sidebar.list.viewport().grab().toImage()
        try:
            bots.refresh(Connection(server.base_url, TOKEN, DEMO_BOT_ID, "u"), force=True)
            qtbot.waitUntil(lambda: bots.icon_path(DEMO_BOT_ID) is not None, timeout=10_000)
            qtbot.waitUntil(
                lambda: isinstance(model.data(model.index(0), Qt.ItemDataRole.DecorationRole), QPixmap), timeout=5000
            )
            picture = model.data(model.index(0), Qt.ItemDataRole.DecorationRole)
            assert not picture.isNull()
            qtbot.waitUntil(lambda: window.sidebar.list.viewport().grab().toImage() != before, timeout=2000)
        finally:
            assert chats.shutdown(1000)
            tasks.shutdown(1000)
            window.detach()
