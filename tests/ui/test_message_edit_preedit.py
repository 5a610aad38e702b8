"""The message box while an input method composes: its placeholder ("Message the bot…") was drawn under the preedit
("nihao" over grey text) because QPlainTextEdit draws it whenever the document is empty, and a preedit is not text.
The box hides the placeholder while a preedit is present and shows it again once the composition is cancelled."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage, QInputMethodEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.ui.message_edit import MessageEdit


def _box(qtbot: QtBot, placeholder: str) -> MessageEdit:
    box = MessageEdit()
    qtbot.addWidget(box)
    box.resize(420, 60)
    box.set_placeholders(placeholder, placeholder)
    box.setCursorWidth(0)  # the blinking caret (and which box has the focus) out of the pictures compared
    box.show()
    qtbot.waitExposed(box)
    box.setFocus()
    return box


def _compose(box: MessageEdit, preedit: str) -> QImage:
    QApplication.sendEvent(box, QInputMethodEvent(preedit, []))
    return box.viewport().grab().toImage()


@pytest.mark.parametrize("preedit", ["nihao", "ni'hao"])
def test_the_placeholder_is_not_drawn_under_a_preedit(qtbot: QtBot, preedit: str) -> None:
    with_placeholder = _box(qtbot, "Message the bot… 给智能体发消息…")
    without = _box(qtbot, "")
    drawn = _compose(with_placeholder, preedit)
    assert with_placeholder.composing and with_placeholder.toPlainText() == ""  # a preedit is not text
    assert drawn == _compose(without, preedit)  # the preedit alone: no grey text under it


def test_the_placeholder_comes_back_when_the_composition_is_cancelled(qtbot: QtBot) -> None:
    box = _box(qtbot, "Message the bot…")
    empty = box.viewport().grab().toImage()
    _compose(box, "nihao")
    assert _compose(box, "") == empty  # cancelled (Esc in the candidate window): the hint again
    assert box.placeholderText() == "Message the bot…"


def test_a_committed_composition_is_text(qtbot: QtBot) -> None:
    box = _box(qtbot, "Message the bot…")
    _compose(box, "nihao")
    commit = QInputMethodEvent("", [])
    commit.setCommitString("你好")
    QApplication.sendEvent(box, commit)
    assert box.toPlainText() == "你好" and not box.composing
