"""A toast's button gives the keyboard focus back: pressing "Undo" or "Save file as…" used to leave the
focus on the hidden button, so Qt moved it on to the window's first field (the search box) and the next
thing typed went there instead of into the message box."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from desktop.ui.toast import Toast


def _window(qtbot: QtBot) -> tuple[QWidget, QLineEdit, QPlainTextEdit, Toast, list[str]]:
    window = QWidget()
    qtbot.addWidget(window)
    column = QVBoxLayout(window)
    search, composer = QLineEdit(window), QPlainTextEdit(window)
    column.addWidget(search)
    column.addWidget(composer)
    toast = Toast(window)
    window.resize(600, 400)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    composer.setFocus()
    qtbot.waitUntil(composer.hasFocus)
    pressed: list[str] = []
    toast.show_message("Deleted “Trip”.", [("Undo", lambda: pressed.append("undo"))])
    return window, search, composer, toast, pressed  # qtbot holds the window weakly: the test keeps it


def test_a_click_on_a_toasts_button_leaves_the_focus_where_it_was(qtbot: QtBot) -> None:
    window, search, composer, toast, pressed = _window(qtbot)
    undo = toast.button("Undo")
    assert undo is not None
    qtbot.mouseClick(undo, Qt.MouseButton.LeftButton)
    assert pressed == ["undo"] and not toast.isVisible()
    assert composer.hasFocus() and not search.hasFocus() and window.isActiveWindow()


def test_a_button_reached_with_tab_gives_the_focus_back_when_pressed(qtbot: QtBot) -> None:
    window, search, composer, toast, pressed = _window(qtbot)
    undo = toast.button("Undo")
    assert undo is not None
    undo.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(undo.hasFocus)
    qtbot.keyClick(undo, Qt.Key.Key_Space)
    assert pressed == ["undo"] and not toast.isVisible()
    assert composer.hasFocus() and not search.hasFocus() and window.isActiveWindow()
