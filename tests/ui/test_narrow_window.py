"""Narrow windows (#17 item 4): the chat list can be put aside (View ▸ Show the chat list, Ctrl+B, the
header's button); below 720 px it steps aside by itself and Ctrl+B shows it in the chat's place until
a chat is picked; the window works at 480 px: nothing scrolls sideways and the list's times are whole."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.ui.main_window import MainWindow
from desktop.ui.sidebar_toggle import NARROW
from tests.coze_fixtures import BOT
from tests.ui.window_harness import Harness


def resize(qtbot: QtBot, harness: Harness, width: int) -> None:
    """As a person drags the edge: the list stepping aside lets the window get narrower still."""
    window = harness.window
    for _ in range(3):
        window.resize(width, 700)
        QApplication.processEvents()
    qtbot.waitUntil(lambda: window.width() == width, timeout=2000)


def test_ctrl_b_and_the_header_button_put_the_list_aside_and_back(qtbot: QtBot, harness: Harness) -> None:
    window = harness.window
    resize(qtbot, harness, 1100)
    action = window.menus.actions["sidebar"]
    assert action.shortcut() == QKeySequence("Ctrl+B") and action.isChecked()
    window.sidebar.list.setFocus()
    action.trigger()
    assert window.sidebar.isHidden() and not action.isChecked()
    assert not window.chat.header.sidebar_button.isChecked()
    assert window.save_state()[2] is True  # remembered
    window.chat.header.sidebar_button.click()
    assert not window.sidebar.isHidden() and action.isChecked() and window.chat.header.sidebar_button.isChecked()
    assert window.save_state()[2] is False


def test_at_480_px_the_window_works_and_the_list_is_a_drawer(qtbot: QtBot, harness: Harness) -> None:
    first = harness.store.conversations.create(BOT, title="A rather long title for a narrow list of chats").id
    second = harness.store.conversations.create(BOT, title="Second").id
    harness.window.sidebar.reload()
    window = harness.window
    window.open_conversation(second)
    resize(qtbot, harness, 480)
    assert window.width() == 480 < NARROW
    assert window.sidebar.isHidden() and window.right.isVisible()  # the chat keeps the room
    assert window.minimumSizeHint().width() <= 480
    chat = window.chat
    assert chat.geometry().right() < 480 and chat.composer.button.isVisible()
    assert chat.composer.button.geometry().right() <= chat.composer.width()
    assert chat.composer.edit.placeholderText() == "Message the bot…"  # the long hint would wrap

    window.menus.actions["sidebar"].trigger()  # Ctrl+B: the list in the chat's place
    assert window.sidebar.isVisible() and not window.right.isVisible()
    assert window.sidebar.list.hasFocus()
    list_view = window.sidebar.list
    assert list_view.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    qtbot.waitUntil(lambda: list_view.viewport().width() > 400)  # the whole window's width
    assert list_view.horizontalScrollBar().maximum() == 0  # the rows elide inside it, nothing to scroll to

    window.sidebar.select(first)  # picking a chat gives the room back to it
    qtbot.waitUntil(lambda: window.current_conversation == first)
    assert window.sidebar.isHidden() and window.right.isVisible()
    assert window.save_state()[2] is False  # the drawer is not the person's choice for wide windows

    window.menus.actions["sidebar"].trigger()  # the drawer again; Esc on the list closes it
    qtbot.waitUntil(list_view.hasFocus)
    qtbot.keyClick(list_view, Qt.Key.Key_Escape)
    assert window.sidebar.isHidden() and window.right.isVisible() and window.current_conversation == first

    resize(qtbot, harness, 1000)
    assert window.sidebar.isVisible() and window.right.isVisible()  # wide again: as the person had it
    assert chat.composer.edit.placeholderText() == "Message the bot… (Enter to send, Shift+Enter for a new line)"


def test_a_list_dragged_to_its_narrowest_never_scrolls_sideways(qtbot: QtBot, harness: Harness) -> None:
    harness.store.conversations.create(BOT, title="A title far longer than a narrow list can show at all")
    harness.window.sidebar.reload()
    resize(qtbot, harness, 1100)
    harness.window.splitter.setSizes([100, 1000])  # as narrow as it goes
    list_view = harness.window.sidebar.list
    qtbot.waitUntil(lambda: list_view.viewport().width() < 200)
    assert list_view.horizontalScrollBar().maximum() == 0
    sidebar = harness.window.sidebar
    sidebar.search.setText("title")  # the search hits' list too
    qtbot.waitUntil(lambda: sidebar.results.count() > 0 and sidebar.results.isVisible(), timeout=3000)
    qtbot.waitUntil(lambda: sidebar.results.viewport().width() < 200)
    assert sidebar.results.horizontalScrollBar().maximum() == 0


def test_a_list_put_aside_stays_aside_when_the_window_narrows_and_widens(qtbot: QtBot, harness: Harness) -> None:
    window = harness.window
    resize(qtbot, harness, 1100)
    window.menus.actions["sidebar"].trigger()
    resize(qtbot, harness, 500)
    resize(qtbot, harness, 1100)
    assert window.sidebar.isHidden() and not window.menus.actions["sidebar"].isChecked()


def test_the_welcome_page_fits_a_narrow_window(qtbot: QtBot, harness: Harness) -> None:
    harness.window.show_welcome(True)
    resize(qtbot, harness, 480)
    welcome = harness.window.welcome
    assert welcome.minimumSizeHint().width() <= 480
    for label in welcome._wrapped:
        assert 0 < label.width() <= welcome.width() and label.height() >= label.heightForWidth(label.width())


def test_a_window_left_narrow_opens_narrow_again(qtbot: QtBot, harness: Harness) -> None:
    """The next start restores a 480 px window at 480 px: the list steps aside before the window shows
    (shown beside the chat it would force the window wider than it was left)."""
    resize(qtbot, harness, 480)
    geometry, splitter, hidden = harness.window.save_state()
    window = MainWindow(
        harness.history, harness.chats, harness.bots, language="en", bot_for_new_chat=lambda: BOT, is_demo=lambda: False
    )
    qtbot.addWidget(window)
    window.restore_state(geometry, splitter, hidden)  # as the app starts: restore, then show
    window.show()
    qtbot.waitExposed(window)
    assert window.width() == 480
    assert window.sidebar.isHidden() and window.right.isVisible()
    window.detach()
