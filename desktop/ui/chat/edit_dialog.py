"""Editing a question before it is sent again: a small dialog with the question's text."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QStyle, QVBoxLayout, QWidget

from desktop.ui import icons
from desktop.ui.commands import command, written


class EditQuestionDialog(QDialog):
    """The question's text to change; Send (or Ctrl+Enter) asks it again in place of the old one."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit question"))
        self.setMinimumWidth(480)
        sends = command("send_edited").sequences()  # Ctrl+Return (⌘↩ on macOS), Ctrl+Enter: commands.py
        note = QLabel(
            self.tr(
                "The answer below it is asked again; the current answer stays as an earlier version."
                " {send} sends, {enter} starts a new line."
            ).format(send=written(sends[0]), enter=written(QKeySequence(Qt.Key.Key_Return)))
        )
        note.setWordWrap(True)
        note.setEnabled(False)
        self.editor = QPlainTextEdit(self)
        self.editor.setPlainText(text)
        self.editor.setAccessibleName(self.tr("Question"))
        self.editor.moveCursor(self.editor.textCursor().MoveOperation.End)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.send = buttons.addButton(self.tr("Send"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.send.setDefault(False)
        # An icon as Cancel has one, when the style gives the standard buttons theirs (X11 desktops' ✗ on
        # Cancel: Send had none beside it); where Cancel has none, neither has Send.
        self._paint_send()
        self.send.installEventFilter(self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.editor.textChanged.connect(lambda: self.send.setEnabled(bool(self.text())))
        for keys in sends:
            QShortcut(keys, self, self._send_if_any)  # the dialog's own window
        layout = QVBoxLayout(self)
        layout.addWidget(self.editor)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def _paint_send(self) -> None:
        if self.style().styleHint(QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons, None, self.send):
            self.send.setIcon(icons.icon("send", self.send.palette().color(QPalette.ColorRole.ButtonText)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The theme changed while open: the icon in Send's new colours. Send's own PaletteChange, not the
        # dialog's: Qt tells the app's widgets in no set order, and the dialog's can come before Send's.
        if watched is self.send and event.type() == QEvent.Type.PaletteChange:
            self._paint_send()
        return super().eventFilter(watched, event)

    def text(self) -> str:
        return self.editor.toPlainText().strip()

    def _send_if_any(self) -> None:
        if self.text():
            self.accept()


def ask_edit(parent: QWidget, text: str) -> str | None:
    """The edited question, or None if the user cancelled (or changed nothing)."""
    dialog = EditQuestionDialog(text, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    edited = dialog.text()
    return edited if edited and edited != text.strip() else None
