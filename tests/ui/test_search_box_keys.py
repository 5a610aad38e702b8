"""The window's keys work while the search box has the focus. Under X11 a QLineEdit takes Ctrl+E (end of line) and
Ctrl+K (delete to the end) for itself, so in the walk of session 33 Ctrl+E right after a search exported nothing.
The offscreen platform has no such bindings: the test gives the line edit X11's (it claims those keys' override
behind the window's own filter, where QLineEdit.event() does)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from pytestqt.qtbot import QtBot

from tests.ui.window_harness import Harness

CONTROL = Qt.KeyboardModifier.ControlModifier
X11_LINE_KEYS = {(Qt.Key.Key_E, CONTROL), (Qt.Key.Key_K, CONTROL)}  # end of line, delete to the end


class X11LineKeys(QObject):
    """What QWidgetLineControl::processShortcutOverrideEvent does under X11: Ctrl+E and Ctrl+K are the box's."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.ShortcutOverride
            and (event.key(), event.modifiers()) in X11_LINE_KEYS
        ):
            event.accept()
            return True
        return False


def test_the_menus_keys_pass_the_search_box(qtbot: QtBot, harness: Harness) -> None:
    window = harness.window
    x11 = X11LineKeys(window)
    window.sidebar.search.installEventFilter(x11)  # the line edit's own handling: after the pane's filter, as
    window.sidebar.search.installEventFilter(window.sidebar)  # QLineEdit.event() comes after every filter
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    search = window.sidebar.search
    window.sidebar.focus_search()
    qtbot.waitUntil(search.hasFocus)
    exported: list[bool] = []
    export = window.menus.actions["export_chat"]
    export.triggered.disconnect()
    export.triggered.connect(lambda: exported.append(True))

    qtbot.keyClick(search, Qt.Key.Key_E, CONTROL)
    assert exported == [True]

    qtbot.keyClicks(search, "abc")
    search.setCursorPosition(0)
    qtbot.keyClick(search, Qt.Key.Key_K, CONTROL)  # Search all chats: the box keeps its text, all selected
    assert search.text() == "abc" and search.selectedText() == "abc"

    qtbot.keyClick(search, Qt.Key.Key_Home)  # the box's own keys stay its own
    qtbot.keyClick(search, Qt.Key.Key_A, CONTROL)
    assert search.selectedText() == "abc"
