"""The window's menu actions that act on a whole conversation or on the view, through the real menus
of a real window (store, services, the local Coze server): Delete chat offers Undo, Pin toggles, Zoom
stays within its bounds, and the "jump to latest" button sits in the corner left of the scroll bar."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.core.vocabulary import Role
from desktop.ui.chat.chat_view import ChatView
from desktop.ui.chat.items import MessageItem
from desktop.ui.chat.jump_button import MARGIN
from desktop.ui.main_window import MainWindow
from desktop.ui.zoom import MAX_FONT, MIN_FONT, Zoom
from tests.coze_fixtures import BOT
from tests.ui.window_harness import Harness


def menu_action(window: MainWindow, text: str) -> QAction:
    return next(a for a in window.findChildren(QAction) if a.text() == text)


def answer_the_question(button: QMessageBox.StandardButton, asked: list[str]) -> None:
    box = QApplication.activeModalWidget()
    assert isinstance(box, QMessageBox)
    asked.append(box.text())
    box.button(button).click()


def test_delete_chat_asks_nothing_and_undo_keeps_it(qtbot: QtBot, harness: Harness) -> None:
    # #17.2: no Yes/No box; the chat leaves the list with an Undo toast and is deleted when it expires.
    conversation = harness.store.conversations.create(BOT, title="Travel plans")
    harness.window.sidebar.reload()
    harness.window.open_conversation(conversation.id)
    menu_action(harness.window, "&Delete chat").trigger()
    assert QApplication.activeModalWidget() is None
    toast = harness.window.conversations.toast
    assert toast.isVisible() and toast.text.text() == "Deleted “Travel plans”."
    assert harness.window.model.rowCount() == 0  # out of the list at once
    undo = toast.button("Undo")
    assert undo is not None
    undo.click()
    assert harness.store.conversations.get(conversation.id) is not None
    assert harness.window.model.rowCount() == 1 and harness.window.current_conversation == conversation.id

    menu_action(harness.window, "&Delete chat").trigger()
    assert harness.store.conversations.get(conversation.id) is not None  # still undoable
    toast.expire()  # its time ran out
    assert harness.store.conversations.get(conversation.id) is None
    qtbot.waitUntil(lambda: harness.window.model.rowCount() == 0, timeout=3000)  # the list follows


def test_delete_with_no_chat_open_asks_nothing(harness: Harness) -> None:
    assert harness.window.current_conversation is None  # a new chat not sent yet
    assert not harness.window.conversations.delete_current()
    assert QApplication.activeModalWidget() is None


def test_pin_toggles_the_open_chat(qtbot: QtBot, harness: Harness) -> None:
    conversation = harness.store.conversations.create(BOT, title="Recipes")
    harness.window.open_conversation(conversation.id)
    pin = menu_action(harness.window, "P&in or unpin chat")
    pin.trigger()
    stored = harness.store.conversations.get(conversation.id)
    assert stored is not None and stored.pinned
    pin.trigger()
    stored = harness.store.conversations.get(conversation.id)
    assert stored is not None and not stored.pinned


def test_zoom_steps_a_point_and_actual_size_goes_back(harness: Harness) -> None:
    view, base = harness.window.chat.view, harness.window.font().pointSizeF()
    menu_action(harness.window, "Zoom &in").trigger()
    menu_action(harness.window, "Zoom &in").trigger()
    assert view.font().pointSizeF() == base + 2
    menu_action(harness.window, "Zoom &out").trigger()
    assert view.font().pointSizeF() == base + 1
    menu_action(harness.window, "&Actual size").trigger()
    assert view.font().pointSizeF() == base
    assert harness.window.zoom.size == 0.0  # back to following the window's font


def test_zoom_stays_within_its_bounds() -> None:
    shown: list[float] = []
    zoom = Zoom(shown.append, lambda: 10.0)
    for _ in range(40):
        zoom.step(1)
    assert shown[-1] == MAX_FONT
    for _ in range(40):
        zoom.step(-1)
    assert shown[-1] == MIN_FONT
    zoom.step(0)
    assert shown[-1] == 10.0 and zoom.size == 0.0


def test_a_saved_font_size_is_applied_and_zero_leaves_the_base() -> None:
    shown: list[float] = []
    zoom = Zoom(shown.append, lambda: 10.0)
    zoom.set(0)
    assert shown == [] and zoom.size == 0.0
    zoom.set(14)
    assert shown == [14.0]
    zoom.step(1)
    assert shown[-1] == 15.0  # steps from the saved size, not from the base


@pytest.mark.parametrize(("saved", "shown_size"), [(500, MAX_FONT), (2, MIN_FONT), (-3, None)])
def test_a_saved_font_size_out_of_bounds_is_brought_within_them(saved: int, shown_size: float | None) -> None:
    """Attack: settings.ini edited to font_size = 500 opened a blank chat (the text drawn at 500 pt, off the
    screen) with no menu item that undid it but Actual size."""
    shown: list[float] = []
    zoom = Zoom(shown.append, lambda: 10.0)
    zoom.set(saved)
    assert shown == ([] if shown_size is None else [shown_size])
    assert zoom.size == (shown_size or 0.0)


def test_the_jump_button_sits_in_the_corner_left_of_the_scroll_bar(qtbot: QtBot) -> None:
    view = ChatView(open_url=lambda _url: None)
    qtbot.addWidget(view)
    view.resize(500, 400)
    view.show()
    roles = (Role.USER, Role.ASSISTANT)
    view.set_messages([MessageItem(i, roles[i % 2], f"message {i}\n\n" * 4) for i in range(60)])
    bar = view.list_view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=5000)
    bar.setValue(0)  # reading old messages: the button shows
    jump = view._jump
    qtbot.waitUntil(jump.isVisible, timeout=3000)
    geometry = jump.geometry()
    assert geometry.bottom() + 1 == view.height() - MARGIN
    scroll_bar = bar.width() if bar.isVisible() else 0  # an overlay scroll bar takes no room
    assert geometry.right() + 1 == view.width() - scroll_bar - MARGIN
    assert geometry.width() == geometry.height() >= 34
    view.resize(640, 480)  # it follows the corner
    qtbot.waitUntil(lambda: jump.geometry().bottom() + 1 == 480 - MARGIN, timeout=3000)
