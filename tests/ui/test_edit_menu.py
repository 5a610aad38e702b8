"""Edit ▸ Undo, Redo, Cut, Copy, Copy as Markdown, Paste, Select all act on the focused widget (#17 item 13): a text field,
the message box, or the chat's messages; opening the menu greys out what the focus cannot do."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QDialog, QLineEdit
from pytestqt.qtbot import QtBot

from desktop.ui.commands import Place
from desktop.ui.edit_actions import EditActions
from tests.ui.test_rename_delete import chats, editor
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


def _menu_state(harness: Harness) -> tuple[bool, bool]:
    """Undo's and Redo's enabled state as the Edit menu shows them for the focused widget (then it closes)."""
    menu, actions = harness.window.menus.menus[Place.EDIT], harness.window.menus.actions
    menu.aboutToShow.emit()
    shown = actions["undo"].isEnabled(), actions["redo"].isEnabled()
    menu.aboutToHide.emit()
    return shown


def test_undo_and_redo_act_on_the_focused_editor(qtbot: QtBot, harness: Harness) -> None:
    window, actions = harness.window, harness.window.menus.actions
    assert actions["undo"].shortcuts() == QKeySequence.keyBindings(QKeySequence.StandardKey.Undo)
    assert actions["redo"].shortcuts() == QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
    edit_menu = [a.objectName() for a in window.menus.menus[Place.EDIT].actions() if a.objectName()]
    assert edit_menu[:3] == ["undo", "redo", "cut"]

    composer = window.chat.composer
    composer.focus()
    qtbot.waitUntil(composer.edit.hasFocus)
    assert _menu_state(harness) == (False, False)  # nothing typed yet: both grey
    qtbot.keyClicks(composer.edit, "hello")
    composer.edit.insertPlainText(" 你好")  # (keyClicks types ASCII only)
    assert _menu_state(harness) == (True, False)
    actions["undo"].trigger()
    assert composer.text() == ""
    assert _menu_state(harness) == (False, True)
    actions["redo"].trigger()
    assert composer.text() == "hello 你好"

    (chat,) = chats(harness, "Old title")  # the inline rename's field
    window.open_conversation(chat)
    window.sidebar.rename_current()
    field = editor(harness)
    assert field is not None
    qtbot.waitUntil(field.hasFocus)
    assert _menu_state(harness) == (False, False)
    qtbot.keyClicks(field, "Trip")
    assert field.text() == "Trip" and _menu_state(harness) == (True, False)
    actions["undo"].trigger()
    assert field.text() == "Old title"
    actions["redo"].trigger()
    assert field.text() == "Trip"
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: editor(harness) is None, timeout=2000)

    search = window.sidebar.search  # the search box
    search.setFocus()
    qtbot.waitUntil(search.hasFocus)
    qtbot.keyClicks(search, "abc")
    actions["undo"].trigger()
    assert search.text() == ""
    assert actions["undo"].isEnabled() and actions["redo"].isEnabled()  # the menu closed: the keys work again


def test_undo_in_a_dialogs_field_and_nothing_to_undo_in_the_chat(qtbot: QtBot, harness: Harness) -> None:
    dialog = QDialog(harness.window)
    field = QLineEdit(dialog)
    dialog.show()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClicks(field, "7451")
    assert EditActions().undo() and field.text() == ""
    assert EditActions().redo() and field.text() == "7451"
    dialog.close()
    harness.window.activateWindow()

    _chat(qtbot, harness)
    view = harness.window.chat.view.list_view
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    assert _menu_state(harness) == (False, False)
    assert not EditActions().undo()


def test_the_shortcuts_help_lists_undo_and_redo(harness: Harness) -> None:
    harness.window.menus.actions["shortcuts"].trigger()
    dialog = harness.window.help.shortcuts_dialog
    assert dialog is not None
    undo = QKeySequence.keyBindings(QKeySequence.StandardKey.Undo)[0].toString(QKeySequence.SequenceFormat.NativeText)
    rows = {(action, keys.split(", ")[0]) for _heading, action, keys in dialog.rows()}
    assert ("Undo", undo) in rows and any(action == "Redo" for action, _keys in rows)
    dialog.close()
    harness.window.activateWindow()
