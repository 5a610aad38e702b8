"""Edit question: Enter starts a new line there (the question may have several), unlike the message box where it
sends; the dialog did not say how to send from the keyboard, and the walk of session 33 pressed Enter and got a
new line. It says so now, in the note under the text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from desktop.ui import i18n
from desktop.ui.chat.edit_dialog import EditQuestionDialog


def _note(dialog: EditQuestionDialog) -> str:
    return " ".join(label.text() for label in dialog.findChildren(QLabel))


def test_the_dialog_says_ctrl_enter_sends_and_it_does(qtbot: QtBot) -> None:
    dialog = EditQuestionDialog("table please")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()  # (its shortcuts work in the active window)
    qtbot.waitUntil(dialog.isActiveWindow)
    assert "Ctrl+Enter sends" in _note(dialog)
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
        assert "Ctrl+Enter 发送" in _note(dialog)
    finally:
        i18n.install_translators(app, "en")
