"""Every label, title, tooltip and item fed from data shows it as plain text: no HTML rendered, bidi
controls neutralised, capped. The window is filled with a hostile bot, title, message and search hit,
then every QLabel (and tooltip, item text, window title) that shows any of it is checked."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QLabel, QListWidget, QMessageBox, QWidget
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
from desktop.ui.plain_text import MAX_LABEL_CHARS, MAX_TOOLTIP_CHARS, DataLabel, message_box
from tests.coze_fixtures import BOT, TOKEN

MARK = "exe.txt"
HOSTILE = f"\u202e{MARK}<img src='file:///etc/passwd'><b style='color:red'>bold</b>\x1b]0;t\x07 " + "长" * 400
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f]")
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, server: CozeServer) -> Iterator[MainWindow]:
    with Store.open(tmp_path / "history.sqlite3") as store:
        store.bots.upsert(BotRecord(BOT, name=HOSTILE, prologue=HOSTILE, suggested_questions=(HOSTILE,)))
        tasks = TaskRunner()
        history = HistoryService(store)
        chats = ChatController(store, lambda bot_id: Connection(server.base_url, TOKEN, bot_id, "u1"))
        window = MainWindow(
            history,
            chats,
            BotService(store.bots, tasks),
            language="en",
            bot_for_new_chat=lambda: BOT,
            is_demo=lambda: False,
        )
        qtbot.addWidget(window)
        window.show()
        window.new_chat()  # the intro: bot name, prologue, suggestions
        conversation = store.conversations.create(BOT, title=HOSTILE)
        store.messages.add_question(conversation.id, HOSTILE + " needle")
        window.refresh()
        window.open_conversation(conversation.id)
        yield window
        assert chats.shutdown(3000)
        tasks.shutdown(1000)
        window.close()


def check_plain(where: str, text: str, cap: int) -> None:
    assert not BIDI.search(text), f"{where}: a bidi control survived"
    assert not CONTROLS.search(text), f"{where}: a control character survived"
    assert len(text) <= cap, f"{where}: {len(text)} characters, more than {cap}"


def check_label(label: QLabel) -> None:
    text = label.text()
    where = f"{type(label).__name__} {label.objectName()!r}"
    if label.textFormat() == Qt.TextFormat.PlainText:
        check_plain(where, text, MAX_LABEL_CHARS)
    else:  # rich text built by our own code (the markdown renderer escapes data): no raw tag of the data
        assert "<img src='file" not in text and "<b style" not in text, f"{where}: data rendered as HTML"
        assert not BIDI.search(text), f"{where}: a bidi control survived"


def check_tooltip(where: str, tip: str) -> None:
    if MARK not in tip:
        return
    if QtGui.Qt.mightBeRichText(tip):
        assert "<img src='file" not in tip and "<b style" not in tip, f"{where}: tooltip renders data as HTML"
    assert not BIDI.search(tip), f"{where}: a bidi control survived in the tooltip"
    assert len(tip) <= MAX_TOOLTIP_CHARS + 100


def test_every_label_fed_from_data_is_plain_text(qtbot: QtBot, window: MainWindow) -> None:
    window.chat.header.resize(400, 48)
    shown: list[QLabel] = []
    for widget in QApplication.allWidgets():
        if isinstance(widget, QLabel) and MARK in widget.text():
            check_label(widget)
            shown.append(widget)
        if isinstance(widget, QWidget):
            check_tooltip(type(widget).__name__, widget.toolTip())
    header = window.chat.header
    assert header.title in shown, "the header shows the hostile title"
    assert header.title.textFormat() == Qt.TextFormat.PlainText
    assert MARK in window.windowTitle()
    check_plain("window title", window.windowTitle(), MAX_LABEL_CHARS + 40)


def test_the_intro_shows_the_bot_name_as_plain_text(qtbot: QtBot, window: MainWindow) -> None:
    window.new_chat()
    names = [w for w in QApplication.allWidgets() if isinstance(w, QLabel) and w.text().startswith(MARK)]
    assert names, "the intro shows the bot's name"
    for label in names:
        check_label(label)
        assert label.textFormat() == Qt.TextFormat.PlainText


def test_the_sidebar_and_search_hits_neutralise_bidi(qtbot: QtBot, window: MainWindow) -> None:
    model = window.sidebar.list.model()
    rows = [model.index(row, 0) for row in range(model.rowCount(QModelIndex()))]
    titles = [str(index.data(Qt.ItemDataRole.DisplayRole)) for index in rows]
    previews = [str(index.data(Role.PREVIEW) or "") for index in rows]
    assert any(MARK in t for t in titles) and any(MARK in p for p in previews)
    for text in titles + previews:
        check_plain("sidebar", text, 300)
    for index in rows:
        check_tooltip("sidebar tooltip", str(index.data(Qt.ItemDataRole.ToolTipRole) or ""))
    window.sidebar.search.setText("needle")
    results: QListWidget = window.sidebar.results
    qtbot.waitUntil(lambda: results.count() > 0 and MARK in results.item(0).text(), timeout=5000)
    for row in range(results.count()):
        item = results.item(row)
        for line in item.text().split("\n"):
            check_plain("search hit", line, 300)
        check_tooltip("search hit tooltip", item.toolTip())


def test_a_data_label_elides_to_its_width_and_keeps_the_whole_line_in_its_tooltip(qtbot: QtBot) -> None:
    label = DataLabel()
    qtbot.addWidget(label)
    label.show()
    label.resize(120, 30)
    label.set_data("a very long chat title " * 8)
    assert label.text().endswith("…") and len(label.text()) < 40
    assert "a very long chat title a very long" in label.toolTip()
    label.resize(4000, 30)
    assert not label.text().endswith("…") and label.toolTip() == ""


def test_a_message_box_with_data_is_plain_text(qtbot: QtBot) -> None:
    box = message_box(None, QMessageBox.Icon.Warning, "Import failed", f"Nothing was imported: {HOSTILE}")
    qtbot.addWidget(box)
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert not BIDI.search(box.text()) and "\x1b" not in box.text()
