"""Edit question: Send and Cancel look alike. Under a style whose dialog buttons carry icons (X11 desktops:
Cancel's ✗) Send had none (walk of session 33, 15.png); where Cancel has none, Send has none either. Its icon
is drawn again when the theme changes while the dialog is open."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QIcon, QPalette
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

from desktop.ui import theme
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


def _drawn_in(icon: QIcon) -> set[str]:
    image = icon.pixmap(QSize(24, 24)).toImage()
    return {
        image.pixelColor(x, y).name()
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha() == 255
    }


def test_sends_icon_follows_the_theme_while_the_dialog_is_open(qtbot: QtBot, qapp: QApplication) -> None:
    """The icon was drawn once, in the button text's colour of the theme the dialog opened in: switched from
    light to dark while open, Send kept a near-black arrow on a dark button."""
    palette, sheet, style_name = qapp.palette(), qapp.styleSheet(), qapp.style().name()
    theme.apply_theme(qapp, "light")
    qapp.setStyle(_Hint(True))
    try:
        dialog = EditQuestionDialog("table please")
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        for name in ("dark", "light"):
            theme.apply_theme(qapp, name)
            text = dialog.send.palette().color(QPalette.ColorRole.ButtonText).name()
            assert text == QColor(theme.scheme(name == "dark").text).name()
            assert _drawn_in(dialog.send.icon()) == {text}
    finally:
        for watcher in qapp.findChildren(theme._ThemeWatcher):
            watcher.setParent(None)
            watcher.deleteLater()
        qapp.setStyleSheet(sheet)
        qapp.setPalette(palette)
        qapp.setStyle(style_name)


def test_sends_icon_follows_a_palette_the_dialog_passes_down(qtbot: QtBot, qapp: QApplication) -> None:
    """A widget hears of its new palette before its children have theirs (QWidget propagates after its own
    PaletteChange), and the app tells its widgets in no set order: drawn at the dialog's PaletteChange, the
    icon took Send's old colour whenever the dialog was told first (an order-dependent failure of the test
    above)."""
    style_name, sheet = qapp.style().name(), qapp.styleSheet()
    qapp.setStyleSheet("")  # (an app stylesheet decides a button's colours itself: the palette alone here)
    qapp.setStyle(_Hint(True))
    try:
        dialog = EditQuestionDialog("table please")
        qtbot.addWidget(dialog)
        dark = theme.build_palette(theme.scheme(True))
        dialog.setPalette(dark)
        text = dialog.send.palette().color(QPalette.ColorRole.ButtonText).name()
        assert text == dark.color(QPalette.ColorRole.ButtonText).name()
        assert _drawn_in(dialog.send.icon()) == {text}
    finally:
        qapp.setStyleSheet(sheet)
        qapp.setStyle(style_name)
