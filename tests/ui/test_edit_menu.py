"""Edit ▸ Cut, Copy, Copy as Markdown, Paste, Select all act on the focused widget (#17 item 13): a text field,
the message box, or the chat's messages; opening the menu greys out what the focus cannot do."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from desktop.ui.commands import Place
from tests.ui.test_selection_across import _chat
from tests.ui.window_harness import Harness


def test_select_all_copy_and_paste_in_text_fields(qtbot: QtBot, harness: Harness) -> None:
    window, actions = harness.window, harness.window.menus.actions
    search = window.sidebar.search
    search.setText("你好 world")
    search.setFocus()
    qtbot.waitUntil(search.hasFocus)
    actions["select_all"].trigger()
    assert search.selectedText() == "你好 world"
    actions["copy"].trigger()
    assert QGuiApplication.clipboard().text() == "你好 world"
    search.clear()  # (the search box is not for this test's typing)

    composer = window.chat.composer
    composer.focus()
    qtbot.waitUntil(composer.edit.hasFocus)
    actions["paste"].trigger()
    assert composer.text() == "你好 world"
    QGuiApplication.clipboard().clear()
    actions["select_all"].trigger()
    actions["cut"].trigger()
    assert composer.text() == "" and QGuiApplication.clipboard().text() == "你好 world"


def test_select_all_and_copy_in_the_chat(qtbot: QtBot, harness: Harness) -> None:
    _conversation, _ids = _chat(qtbot, harness)
    actions, view = harness.window.menus.actions, harness.window.chat.view.list_view
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    actions["select_all"].trigger()
    actions["copy"].trigger()
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("first question") and copied.endswith("A code answer.")
    actions["copy_markdown"].trigger()
    assert "Some **bold** words." in QGuiApplication.clipboard().text()
    actions["paste"].trigger()  # nothing to paste into: nothing happens
    assert harness.window.chat.composer.text() == ""


def test_the_menu_greys_out_what_the_focus_cannot_do(qtbot: QtBot, harness: Harness) -> None:
    window, actions = harness.window, harness.window.menus.actions
    edit_menu = window.menus.menus[Place.EDIT]
    QGuiApplication.clipboard().setText("something to paste")
    window.chat.composer.focus()
    qtbot.waitUntil(window.chat.composer.edit.hasFocus)
    edit_menu.aboutToShow.emit()
    assert not actions["copy"].isEnabled() and not actions["copy_markdown"].isEnabled()  # nothing selected
    assert not actions["cut"].isEnabled()
    assert actions["paste"].isEnabled() and actions["select_all"].isEnabled()
    QGuiApplication.clipboard().clear()
    edit_menu.aboutToShow.emit()
    assert not actions["paste"].isEnabled()
    edit_menu.aboutToHide.emit()  # closed: the keys work again whatever it showed
    assert all(actions[name].isEnabled() for name in ("cut", "copy", "copy_markdown", "paste", "select_all"))
