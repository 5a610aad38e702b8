"""The message box: multi-line, Enter sends, Shift+Enter starts a new line, and Enter while an input
method is composing (Chinese pinyin, Japanese kana) belongs to the input method, never sends.
The Send button turns into Stop (Esc) while an answer streams."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QPlainTextEdit, QPushButton, QSizePolicy, QWidget

MAX_VISIBLE_LINES = 10


class MessageEdit(QPlainTextEdit):
    submitted = Signal()
    escapePressed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._composing = False
        self.setTabChangesFocus(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().contentsChanged.connect(self.updateGeometry)

    @property
    def composing(self) -> bool:
        return self._composing

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        self._composing = bool(event.preeditString())
        super().inputMethodEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
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
        metrics = self.fontMetrics()
        lines = max(1, min(MAX_VISIBLE_LINES, int(self.document().size().height())))
        margins = self.contentsMargins()
        height = lines * metrics.lineSpacing() + 2 * int(self.document().documentMargin())
        return QSize(super().sizeHint().width(), height + margins.top() + margins.bottom() + 4)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()


class Composer(QWidget):
    """Emits sendRequested(text) or stopRequested(); the window decides what they mean."""

    sendRequested = Signal(str)
    stopRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("composer")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._busy = False
        self.edit = MessageEdit(self)
        self.edit.setObjectName("composerEdit")
        self.edit.setPlaceholderText(self.tr("Message the bot… (Enter to send, Shift+Enter for a new line)"))
        self.button = QPushButton(self.tr("Send"), self)
        self.button.setObjectName("sendButton")
        self.button.setDefault(False)
        self.button.setAutoDefault(False)
        self.button.setCursor(Qt.CursorShape.PointingHandCursor)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 12)
        layout.setSpacing(8)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignBottom)
        self.edit.submitted.connect(self._on_submit)
        self.edit.escapePressed.connect(self._on_escape)
        self.button.clicked.connect(self._on_button)
        self.edit.textChanged.connect(self._update_button)
        self._update_button()

    @property
    def busy(self) -> bool:
        return self._busy

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.button.setText(self.tr("Stop") if busy else self.tr("Send"))
        self.button.setToolTip(self.tr("Stop the answer (Esc)") if busy else self.tr("Send (Enter)"))
        self._update_button()

    def text(self) -> str:
        return self.edit.toPlainText()

    def set_text(self, text: str) -> None:
        self.edit.setPlainText(text)
        cursor = self.edit.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        self.edit.setTextCursor(cursor)

    def focus(self) -> None:
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _update_button(self) -> None:
        self.button.setEnabled(self._busy or bool(self.edit.toPlainText().strip()))

    def _on_submit(self) -> None:
        if self._busy:
            return  # one answer at a time per conversation; the text stays in the box
        text = self.edit.toPlainText()
        if text.strip():
            self.sendRequested.emit(text)

    def _on_escape(self) -> None:
        if self._busy:
            self.stopRequested.emit()

    def _on_button(self) -> None:
        if self._busy:
            self.stopRequested.emit()
        else:
            self._on_submit()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.set_busy(self._busy)
        super().changeEvent(event)
