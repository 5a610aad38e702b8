"""Esc in the search box: the first clears the search (as before), the next one, in the empty box, goes back to
the message box. The focus stayed in the search box, and what was typed next searched instead of being written."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.window_harness import Harness


def test_esc_in_an_empty_search_box_goes_back_to_the_message_box(qtbot: QtBot, harness: Harness) -> None:
    window = harness.window
    window.activateWindow()
    qtbot.waitActive(window)
    window.new_chat()
    search, edit = window.sidebar.search, window.chat.composer.edit
    search.setFocus()
    qtbot.waitUntil(search.hasFocus)
    qtbot.keyClicks(search, "trip")
    qtbot.keyClick(search, Qt.Key.Key_Escape)
    assert search.text() == "" and search.hasFocus()  # the first Esc clears, the box keeps the focus
    qtbot.keyClick(search, Qt.Key.Key_Escape)
    qtbot.waitUntil(edit.hasFocus)
