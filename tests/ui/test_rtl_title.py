"""A chat's title that starts with an Arabic or Hebrew word stays at the start of the header, beside the
bot's avatar: Qt aligns a plain-text label to its text's direction, so it sat at the header's far end
(found by the attack run with a title of emoji, Arabic and Hebrew)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from pytestqt.qtbot import QtBot

from desktop.ui.plain_text import DataLabel


def ink_span(label: DataLabel) -> tuple[int, int]:
    """The leftmost and rightmost columns painted in the label's text colour."""
    image = label.grab().toImage()
    text = label.palette().color(QPalette.ColorRole.WindowText)
    columns = [x for x in range(image.width()) for y in range(image.height()) if _near(QColor(image.pixel(x, y)), text)]
    assert columns, "nothing painted"
    return min(columns), max(columns)


def _near(a: QColor, b: QColor) -> bool:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) < 120


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("مرحبا بالعالم — hello", Qt.LayoutDirection.LeftToRight),
        ("שלום עולם", Qt.LayoutDirection.LeftToRight),
        ("hello world", Qt.LayoutDirection.LeftToRight),
        ("hello world", Qt.LayoutDirection.RightToLeft),
        ("مرحبا بالعالم", Qt.LayoutDirection.RightToLeft),
    ],
)
def test_a_title_sits_at_the_start_of_the_interface(qtbot: QtBot, text: str, direction: Qt.LayoutDirection) -> None:
    label = DataLabel()
    qtbot.addWidget(label)
    label.setStyleSheet("background: white; color: black")
    label.setLayoutDirection(direction)
    label.resize(600, 30)
    label.show()
    qtbot.waitExposed(label)
    label.set_data(text)
    left, right = ink_span(label)
    if direction == Qt.LayoutDirection.LeftToRight:
        assert left < 20 and right < 300, f"{text!r} painted from x={left} to {right} in a 600 px label"
    else:
        assert right > 580 and left > 300, f"{text!r} painted from x={left} to {right} in a 600 px label"
