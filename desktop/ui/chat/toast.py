"""A brief note floating over the bottom of the messages ("Wait for the answer to finish…"): shown for
a few seconds when a click cannot act, then gone by itself; a click on it hides it at once. Given its
words as a function, it says them again in the new language after a language switch."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QLabel, QWidget

from desktop.ui.toast import Words, said

SHOWN_MS = 3500
MARGIN = 16  # from the view's bottom edge


class Toast(QLabel):
    """A child of `parent`, centred near its bottom, above the messages."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("toast")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setStyleSheet(
            "QLabel#toast { background: palette(base); color: palette(text);"
            " border: 1px solid palette(mid); border-radius: 8px; padding: 8px 14px; }"
        )
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SHOWN_MS)
        self._timer.timeout.connect(self.hide)
        self._words: Words = ""
        self.hide()

    def show_text(self, text: Words, ms: int = SHOWN_MS) -> None:
        self._words = text
        self._say()
        self.show()
        self.raise_()
        self._timer.start(ms)

    def _say(self) -> None:
        self.setText(said(self._words))
        self.setAccessibleName(self.text())
        self.place()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange and self.isVisible():
            self._say()

    def place(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        width = min(self.fontMetrics().horizontalAdvance(self.text()) + 40, max(120, parent.width() - 2 * MARGIN))
        self.setFixedWidth(width)
        self.adjustSize()
        self.move(QPoint((parent.width() - width) // 2, parent.height() - self.height() - MARGIN))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.hide()
        event.accept()
