"""Edit question: Enter starts a new line there (the question may have several), unlike the message box where it
sends; the dialog did not say how to send from the keyboard, and the walk of session 33 pressed Enter and got a
new line. It says so now, in the note under the text, with the keys as the platform writes them (the note
said "Ctrl+Enter" everywhere; macOS writes ⌘↩), as Help ▸ Keyboard shortcuts does."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from desktop.ui import i18n
from desktop.ui.chat.edit_dialog import EditQuestionDialog
from desktop.ui.commands import command

NATIVE = QKeySequence.SequenceFormat.NativeText


def _send_keys() -> str:
    return command("send_edited").sequences()[0].toString(NATIVE)


def _return_key() -> str:
    return QKeySequence(Qt.Key.Key_Return).toString(NATIVE)


def _note(dialog: EditQuestionDialog) -> str:
    return " ".join(label.text() for label in dialog.findChildren(QLabel))


def test_the_dialog_says_which_keys_send_as_the_platform_writes_them_and_they_do(qtbot: QtBot) -> None:
    dialog = EditQuestionDialog("table please")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()  # (its shortcuts work in the active window)
    qtbot.waitUntil(dialog.isActiveWindow)
    assert f"{_send_keys()} sends, {_return_key()} starts a new line" in _note(dialog)
    assert "Ctrl+Enter" not in _note(dialog)  # not the words of one platform
    qtbot.keyClick(dialog.editor, Qt.Key.Key_Return)  # a new line, as the note says
    assert dialog.isVisible() and dialog.editor.toPlainText() == "table please\n"
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def test_in_chinese_too(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication) and i18n.install_translators(app, "zh_CN") == "zh"
    try:
        dialog = EditQuestionDialog("做一个表格")
        qtbot.addWidget(dialog)
        assert f"{_send_keys()} 发送，{_return_key()} 换行" in _note(dialog)
    finally:
        i18n.install_translators(app, "en")
