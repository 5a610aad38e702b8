"""Contrast in the themes: the `themed` fixture (each test once in the dark theme and once in the light one, the
app's look restored after) and WCAG's contrast ratio of two colours."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from desktop.ui import theme


@pytest.fixture(params=["dark", "light"])
def themed(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    palette, sheet, style_name = qapp.palette(), qapp.styleSheet(), qapp.style().name()
    theme.apply_theme(qapp, request.param)
    yield request.param
    for watcher in qapp.findChildren(theme._ThemeWatcher):
        watcher.setParent(None)
        watcher.deleteLater()
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
    if qapp.style().name() != style_name:
        qapp.setStyle(style_name)


def _luminance(color: QColor) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.red()) + 0.7152 * channel(color.green()) + 0.0722 * channel(color.blue())


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)
