"""Typing while the message list has the focus goes to the message box: a click on an answer's text (or on a
suggested question that then went away) leaves the focus on the list, and the letters typed next were lost.

Installed on the list before the keyboard ring's filters (`MessageKeys`, `CardKeys`), so it sees only the keys
they leave: Enter, Esc, Tab, arrows, 1–9 on a card and Space on a button stay theirs, and the list's own
(Ctrl+C, Shift+arrows, Home/End) carry modifiers or no text."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

_TYPING = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier  # (capitals, the keypad)


class TypeAhead(QObject):
    """`deliver(event)` gets a key press that types text (whoever owns the message box sets it)."""

    def __init__(self, view: QWidget) -> None:
        super().__init__(view)
        self.deliver: Callable[[QKeyEvent], object] | None = None
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.deliver is None or event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        text = event.text()
        if not text or not text.isprintable() or event.modifiers() & ~_TYPING:
            return False
        self.deliver(event)
        return True
