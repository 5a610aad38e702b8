"""A toast: one line of news with a button or two ("Deleted “Trip”. Undo"), floating over the bottom of
its parent, so showing or hiding it never moves the layout. It goes away by itself after `timeout_ms`.
Its words may be given as functions (`Words`): after a language switch a toast still showing asks them
again, so it speaks the new language (and is sized for it). Its buttons never keep the keyboard focus: a
click does not take it, and a button reached with Tab gives it back to where it came from as the toast goes
(a hidden focused button made Qt move the focus on to the window's first field, the search box).

Signals:
  expired()  the toast went away without any of its buttons pressed (its time ran out, or `expire()`)
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QPushButton, QWidget
from shiboken6 import isValid

Words = str | Callable[[], str]  # a text, or what says it in the language of the moment

TOAST_MS = 8000
BOTTOM_GAP = 84  # above the message box


class Toast(QFrame):
    expired = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("toast")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.text = QLabel(self)
        self.text.setObjectName("toastText")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(14, 6, 8, 6)
        self._row.setSpacing(8)
        self._row.addWidget(self.text, 1)
        self._buttons: list[QPushButton] = []
        self._words: list[Words] = []  # the text's, then each button's
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.expire)
        parent.installEventFilter(self)  # follow the parent's size
        self._focus_before: QWidget | None = None  # where the focus was when Tab brought it here
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_moved)
        self.hide()

    def show_message(
        self, text: Words, actions: list[tuple[Words, Callable[[], None]]], timeout_ms: int = TOAST_MS
    ) -> None:
        """Show `text` with a button per (label, slot); a press runs its slot and closes the toast."""
        for button in self._buttons:
            button.deleteLater()
        self._buttons = []
        self._words = [text, *(label for label, _slot in actions)]
        self.text.setText(said(text))
        for label, slot in actions:
            button = QPushButton(said(label), self)
            button.setObjectName("toastButton")
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a click leaves the focus where the user was
            button.clicked.connect(lambda _checked=False, run=slot: self._press(run))
            self._row.addWidget(button)
            self._buttons.append(button)
        self._place()
        self.show()
        self.raise_()
        self._timer.start(timeout_ms)

    def button(self, label: str) -> QPushButton | None:
        return next((b for b in self._buttons if b.text() == label), None)

    def expire(self) -> None:
        """Close it as if its time ran out (`expired` is emitted if it was showing)."""
        self._timer.stop()
        if self.isVisible():
            self._give_focus_back()
            self.hide()
            self.expired.emit()

    def _press(self, slot: Callable[[], None]) -> None:
        self._timer.stop()
        self._give_focus_back()
        self.hide()
        slot()

    def _focus_moved(self, old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and self.isAncestorOf(new) and old is not None and not self.isAncestorOf(old):
            self._focus_before = old

    def _give_focus_back(self) -> None:
        focused = QApplication.focusWidget()
        if focused is None or not self.isAncestorOf(focused):
            return
        before = self._focus_before
        if before is not None and isValid(before) and before.isVisible() and before.isEnabled():
            before.setFocus(Qt.FocusReason.OtherFocusReason)
        elif (parent := self.parentWidget()) is not None:
            parent.setFocus(Qt.FocusReason.OtherFocusReason)

    def _place(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        self.adjustSize()
        width = min(max(self.sizeHint().width(), 280), parent.width() - 24)
        self.resize(width, self.sizeHint().height())
        self.move((parent.width() - width) // 2, max(0, parent.height() - self.height() - BOTTOM_GAP))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange and self.isVisible():
            self.text.setText(said(self._words[0]))
            for button, label in zip(self._buttons, self._words[1:], strict=True):
                button.setText(said(label))
            self._place()  # the new words' size

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return super().eventFilter(watched, event)


def said(words: Words) -> str:
    """`words` in the language of the moment."""
    return words() if callable(words) else words
