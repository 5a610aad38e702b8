"""An empty conversation list says what to do (a first start, every chat deleted), in the UI's language;
a list with chats shows no hint."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.core.store import Store
from desktop.ui import i18n
from desktop.ui.conversation_list import ConversationPane
from desktop.ui.conversation_model import ConversationListModel


def painted_pixels(pane: ConversationPane) -> int:
    """Pixels of the list's viewport that are not its background (antialiased text blends, so count all)."""
    image = pane.list.viewport().grab().toImage()
    background = QColor(image.pixel(1, 1)).rgb()
    return sum(
        1 for y in range(image.height()) for x in range(image.width()) if QColor(image.pixel(x, y)).rgb() != background
    )


def test_an_empty_list_says_how_to_start_and_a_chat_takes_the_hint_away(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    with Store.open(tmp_path / "h.sqlite3") as store:
        model = ConversationListModel(store.conversations.page, "New chat")
        pane = ConversationPane(model)
        qtbot.addWidget(pane)
        pane.resize(280, 500)
        pane.show()
        qtbot.waitExposed(pane)
        while model.canFetchMore():
            model.fetchMore()
        assert pane.list.shown_hint() == "No chats yet.\nStart one with New chat (Ctrl+N)."
        assert painted_pixels(pane) > 200  # the words are painted

        try:
            assert i18n.install_translators(qapp, "zh_CN") == "zh"
            assert pane.list.shown_hint() == "还没有对话。\n点击“新建对话”（Ctrl+N）开始。"
        finally:
            i18n.install_translators(qapp, "en")

        store.conversations.create("bot", title="first")
        pane.reload()
        while model.canFetchMore():
            model.fetchMore()
        assert model.rowCount() == 1
        assert pane.list.shown_hint() == ""
