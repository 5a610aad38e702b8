"""The message box's text field: multi-line, Enter sends, Shift+Enter starts a new line, and Enter while an
input method is composing (Chinese pinyin, Japanese kana) belongs to the input method, never sends. Files
and pictures pasted or dropped on it are handed to the composer; text too long for a message too."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMimeData, QSize, Qt, Signal
from PySide6.QtGui import QInputMethodEvent, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QPlainTextEdit, QSizePolicy, QWidget

from desktop.core.message_size import MAX_MESSAGE_CHARS
from desktop.ui.text_height import fitted_height

MAX_VISIBLE_LINES = 10


def has_attachable(mime: QMimeData) -> bool:
    """Files from a file manager, or a picture (a screenshot on the clipboard)."""
    return any(url.isLocalFile() for url in mime.urls()) or mime.hasImage()


class MessageEdit(QPlainTextEdit):
    """Emits `attach(QMimeData)` for pasted or dropped files and pictures, `tooLong(text)` for pasted or
    dropped text that would make the message longer than MAX_MESSAGE_CHARS (other text is inserted as usual)."""

    submitted = Signal()
    escapePressed = Signal()
    attach = Signal(QMimeData)
    tooLong = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._composing = False
        self._placeholders = ("", "")
        self.key_hook: Callable[[QKeyEvent], bool] | None = None  # sees keys first (the "/" menu)
        self.setTabChangesFocus(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.document().contentsChanged.connect(self._fit)

    @property
    def composing(self) -> bool:
        return self._composing

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return has_attachable(source) or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if has_attachable(source):
            self.attach.emit(source)
        elif source.hasText() and self._too_long(text := source.text()):
            self.tooLong.emit(text)  # never in the box: its layout and undo step cost ~12 bytes a character
        else:
            super().insertFromMimeData(source)

    def _too_long(self, text: str) -> bool:
        kept = self.document().characterCount() - 1 - len(self.textCursor().selectedText())  # what stays
        return kept + len(text) > MAX_MESSAGE_CHARS

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        composing = bool(event.preeditString())
        if composing != self._composing:
            self._composing = composing
            self._fit_placeholder()
        super().inputMethodEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self._composing and self.key_hook is not None and self.key_hook(event):
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            modifiers = event.modifiers()
            if self._composing:
                super().keyPressEvent(event)
                return
            if modifiers & (Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.AltModifier):
                self.insertPlainText("\n")
                return
            self.submitted.emit()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.escapePressed.emit()
            return
        super().keyPressEvent(event)

    def sizeHint(self) -> QSize:
        """One line tall when empty, growing with the text up to MAX_VISIBLE_LINES, then it scrolls."""
        return QSize(super().sizeHint().width(), fitted_height(self, 1, MAX_VISIBLE_LINES)[0])

    def _fit(self) -> None:
        # The scroll bar only once the text outgrows the limit: while the box grows to the next line
        # (a layout pass later) it would flash for one frame.
        scrolls = fitted_height(self, 1, MAX_VISIBLE_LINES)[1]
        policy = Qt.ScrollBarPolicy.ScrollBarAsNeeded if scrolls else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        if self.verticalScrollBarPolicy() != policy:
            self.setVerticalScrollBarPolicy(policy)
        self.updateGeometry()

    def set_placeholders(self, full: str, short: str) -> None:
        """The hint shown while empty, and a shorter one for a box too narrow for it on one line."""
        self._placeholders = (full, short)
        self._fit_placeholder()

    def _fit_placeholder(self) -> None:
        if self._composing:  # Qt draws it while the document is empty, and a preedit is not text: it overlapped
            self.setPlaceholderText("")
            return
        full, short = self._placeholders
        room = self.viewport().width() - 2 * self.document().documentMargin()
        self.setPlaceholderText(full if self.fontMetrics().horizontalAdvance(full) <= room else short)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()  # a narrower box wraps into more lines
        self._fit_placeholder()

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()
