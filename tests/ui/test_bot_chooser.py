"""The chat header's bot chooser: a new chat picks its bot among those added; a conversation keeps its bot."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.core.cozeserver import DEMO_BOT_ID, CozeServer
from desktop.core.store import BotRecord, Store
from desktop.services.bots import BotService
from desktop.services.chat_controller import ChatController
from desktop.services.connection import Connection
from desktop.services.history import HistoryService
from desktop.services.tasks import TaskRunner
from desktop.ui.main_window import MainWindow
from tests.coze_fixtures import TOKEN

OTHER = "7450000000000000042"


class Chooser:
    def __init__(self, store: Store, server: CozeServer) -> None:
        server.add_bot(OTHER, name="Translator", prologue="I translate.")
        self.tasks = TaskRunner()
        self.history = HistoryService(store)
        self.bots = BotService(store.bots, self.tasks)
        self.chats = ChatController(store, lambda bot_id: Connection(server.base_url, TOKEN, bot_id, "u1"))
        store.bots.upsert(BotRecord(DEMO_BOT_ID, name="Demo Bot", prologue="Hi, I am the demo bot."))
        store.bots.upsert(BotRecord(OTHER, name="Translator", prologue="I translate."))
        self.last = DEMO_BOT_ID
        self.chosen: list[str] = []
        self.window = MainWindow(
            self.history,
            self.chats,
            self.bots,
            language="en",
            bot_for_new_chat=lambda: self.last,
            is_demo=lambda: False,
            bot_choices=lambda: [DEMO_BOT_ID, OTHER],
        )
        self.window.presenter.botChosen.connect(self._remember)

    def _remember(self, bot_id: str) -> None:  # what the app does: the last used bot starts the next new chat
        self.chosen.append(bot_id)
        self.last = bot_id


@pytest.fixture
def chooser(qtbot: QtBot, tmp_path: Path, server: CozeServer) -> Iterator[Chooser]:
    with Store.open(tmp_path / "history.sqlite3") as store:
        c = Chooser(store, server)
        qtbot.addWidget(c.window)
        c.window.show()
        c.window.new_chat()
        yield c
        assert c.chats.shutdown(3000)
        c.tasks.shutdown(1000)
        c.window.detach()


def test_a_new_chat_chooses_its_bot_and_keeps_it(qtbot: QtBot, chooser: Chooser) -> None:
    header = chooser.window.chat.header
    combo = header.bot_chooser
    assert combo.isVisibleTo(chooser.window) and combo.count() == 2
    assert combo.currentData() == DEMO_BOT_ID  # the last used bot
    combo.setCurrentIndex(1)
    combo.activated.emit(1)
    assert chooser.chosen == [OTHER]
    assert "Translator" in header.subtitle.text() or "Translator" in header.title.text()
    chooser.window.presenter.send("bonjour")
    conversation_id = chooser.window.current_conversation
    assert conversation_id is not None
    conversation = chooser.history.conversations.get(conversation_id)
    assert conversation is not None and conversation.bot_id == OTHER
    qtbot.waitUntil(lambda: not chooser.chats.is_busy(conversation_id), timeout=10_000)
    assert not combo.isVisibleTo(chooser.window)  # a conversation stays with its bot
    chooser.window.new_chat()
    assert combo.isVisibleTo(chooser.window) and combo.currentData() == OTHER  # default = last used


def test_one_bot_needs_no_chooser(qtbot: QtBot, tmp_path: Path, server: CozeServer) -> None:
    with Store.open(tmp_path / "h.sqlite3") as store:
        history = HistoryService(store)
        tasks = TaskRunner()
        chats = ChatController(store, lambda bot_id: Connection(server.base_url, TOKEN, bot_id, "u1"))
        window = MainWindow(
            history,
            chats,
            BotService(store.bots, tasks),
            language="en",
            bot_for_new_chat=lambda: DEMO_BOT_ID,
            is_demo=lambda: False,
            bot_choices=lambda: [DEMO_BOT_ID],
        )
        qtbot.addWidget(window)
        window.show()
        window.new_chat()
        assert not window.chat.header.bot_chooser.isVisibleTo(window)
        assert chats.shutdown(1000)
        tasks.shutdown(1000)
        window.detach()


@pytest.mark.qt_log_ignore(  # the offscreen platform, as the chooser's list opens
    "This plugin does not support raise",
    "This plugin does not support grabbing the keyboard",
)
def test_a_bot_chosen_from_the_list_opened_with_a_click_leaves_the_typing_in_the_message_box(
    qtbot: QtBot, chooser: Chooser
) -> None:
    """The chooser kept the focus after a pick: what was typed next went to it (a space opened its list
    again, letters picked bots by name) instead of into the message box."""
    window, combo = chooser.window, chooser.window.chat.header.bot_chooser
    edit = window.chat.composer.edit
    window.activateWindow()
    qtbot.waitActive(window)
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    qtbot.mouseClick(combo, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(combo.view().isVisible)
    rows = combo.view()  # its list ignores a click for a moment after opening: the keys pick in it
    rows.setCurrentIndex(combo.model().index(1, 0))
    qtbot.keyClick(rows, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not combo.view().isVisible())
    assert chooser.chosen == [OTHER]
    qtbot.waitUntil(edit.hasFocus)  # (a failing wait says: the focus stayed on the chooser)
    assert not combo.hasFocus()
