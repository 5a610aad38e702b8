"""The main window with real services (store, chat controller on threads, the local Coze server),
as the tests of the window and its presenter use it. The `harness` fixture is in conftest.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.cozeserver import CozeServer
from desktop.core.store import BotRecord, Store
from desktop.services.bots import BotService
from desktop.services.chat_controller import ChatController
from desktop.services.connection import Connection
from desktop.services.history import HistoryService
from desktop.services.tasks import TaskRunner
from desktop.services.uploads import Uploads
from desktop.ui.draft_upload import DraftUpload
from desktop.ui.drop_target import WindowDropTarget
from desktop.ui.main_window import MainWindow
from tests.coze_fixtures import BOT, TOKEN


class Harness:
    def __init__(self, store: Store, server: CozeServer) -> None:
        self.store = store
        self.server = server
        self.tasks = TaskRunner()
        self.history = HistoryService(store)
        self.bots = BotService(self.store.bots, self.tasks)
        self.chats = ChatController(store, lambda bot_id: Connection(server.base_url, TOKEN, bot_id, "u1"))
        self.history.outside.ignore_writer(self.chats.ends.writer.data_version)  # as the app wires them
        store.bots.upsert(
            BotRecord(
                BOT, name="Demo Bot", prologue="Hi, I am the demo bot.", suggested_questions=("What can you do?",)
            )
        )
        self.window = MainWindow(
            self.history, self.chats, self.bots, language="en", bot_for_new_chat=lambda: BOT, is_demo=lambda: False
        )
        self.uploads = Uploads(self.window)  # as the app wires them: the draft's files go before the chat
        self.window.presenter.upload = DraftUpload(self.window.chat.composer, self.uploads, "en", self.window)
        self.drop_target = WindowDropTarget(self.window, self.window.chat.composer)

    def close(self) -> None:
        assert self.chats.shutdown(3000)
        assert self.uploads.shutdown(3000) and self.window.chat.composer.shutdown(3000)
        self.tasks.shutdown(1000)
        assert self.history.shutdown(3000)  # an export or import still running is cancelled and joined
        self.window.detach()  # as the app does before the store closes: no refresh may read it afterwards
        self.window.close()


@pytest.fixture
def harness(qtbot: QtBot, tmp_path: Path, server: CozeServer) -> Iterator[Harness]:
    with Store.open(tmp_path / "history.sqlite3") as store:
        h = Harness(store, server)
        qtbot.addWidget(h.window)
        h.window.show()
        h.window.new_chat()
        yield h
        h.close()
