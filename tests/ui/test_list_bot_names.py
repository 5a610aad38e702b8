"""The chat list names each chat's bot before its last words ("Translator: …"). When Coze's details of a
bot arrive with another name (renamed on Coze; the demo bot after a language switch), the list kept the old
name until something else reloaded it, while the header and the answers already used the new one."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.core.cozeserver import CozeServer
from desktop.core.store import BotRecord, Store
from desktop.services.bots import BotService
from desktop.services.chat_controller import ChatController
from desktop.services.connection import Connection
from desktop.services.history import HistoryService
from desktop.services.tasks import TaskRunner
from desktop.ui.conversation_model import Role
from desktop.ui.main_window import MainWindow
from tests.coze_fixtures import TOKEN

BOT = "7460000000000000042"


def test_a_bots_new_name_reaches_the_chat_list(qtbot: QtBot, tmp_path: Path, server: CozeServer) -> None:
    server.add_bot(BOT, name="Translator", prologue="I translate.")
    tasks = TaskRunner()
    with Store.open(tmp_path / "history.sqlite3") as store:
        store.bots.upsert(BotRecord(BOT, name="Old name", updated_at=1.0))
        chat = store.conversations.create(BOT, title="Trip").id
        store.messages.add_question(chat, "bonjour")
        connection = Connection(server.base_url, TOKEN, BOT, "u1")
        bots = BotService(store.bots, tasks)
        chats = ChatController(store, lambda _bot_id: connection)
        window = MainWindow(
            HistoryService(store),
            chats,
            bots,
            language="en",
            bot_for_new_chat=lambda: BOT,
            is_demo=lambda: False,
            bot_choices=lambda: [BOT],
        )
        qtbot.addWidget(window)
        window.show()
        model = window.model
        row = model.index(model.row_of(chat))
        assert model.data(row, Role.BOT_NAME) == "Old name"
        with qtbot.waitSignal(bots.botUpdated, timeout=10_000):
            bots.refresh(connection, force=True)
        assert model.data(model.index(model.row_of(chat)), Role.BOT_NAME) == "Translator"
        assert chats.shutdown(3000)
        tasks.shutdown(1000)
        window.detach()
