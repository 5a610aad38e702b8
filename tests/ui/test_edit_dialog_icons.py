"""Edit question: Send and Cancel look alike. Under a style whose dialog buttons carry icons (X11 desktops:
Cancel's ✗) Send had none (walk of session 33, 15.png); where Cancel has none, Send has none either."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QProxyStyle,
    QStyle,
    QStyleHintReturn,
    QStyleOption,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop.ui.chat.edit_dialog import EditQuestionDialog


class _Hint(QProxyStyle):
    def __init__(self, icons: bool) -> None:
        super().__init__("Fusion")
        self._icons = icons

    def styleHint(
        self,
        hint: QStyle.StyleHint,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
        returnData: QStyleHintReturn | None = None,  # noqa: N803 (Qt's name)
    ) -> int:
        if hint == QStyle.StyleHint.SH_DialogButtonBox_ButtonsHaveIcons:
            return int(self._icons)
        return super().styleHint(hint, option, widget, returnData)


@pytest.fixture(params=[True, False], ids=["with-icons", "without"])
def styled(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[bool]:
    name = qapp.style().name()
    qapp.setStyle(_Hint(request.param))
    yield request.param
    qapp.setStyle(name)


def test_send_has_an_icon_when_cancel_has_one(qtbot: QtBot, styled: bool) -> None:
    dialog = EditQuestionDialog("table please")
    qtbot.addWidget(dialog)
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    cancel = box.button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel is not None
    assert cancel.icon().isNull() is not styled  # the style decides for its own buttons
    assert dialog.send.icon().isNull() is cancel.icon().isNull()
