"""Settings → Appearance → Font size: typing a size. Select all and type 28 showed "2 磅" (the keystroke past the
range was refused) and Tab went back to the system default; only the arrows worked."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.ui import i18n
from desktop.ui.settings.appearance_page import MAX_FONT, MIN_FONT, AppearancePage


@pytest.fixture(params=["en", "zh_CN"])
def page(request: pytest.FixtureRequest, qtbot: QtBot, qapp: QApplication) -> Iterator[AppearancePage]:
    i18n.install_translators(qapp, request.param)
    try:
        shown = AppearancePage("system", "system", 0)
        qtbot.addWidget(shown)
        shown.show()
        shown.activateWindow()
        qtbot.waitActive(shown)  # (Tab moves the focus, and leaving the field takes what was typed)
        yield shown
    finally:
        i18n.install_translators(qapp, "en")


def type_size(qtbot: QtBot, page: AppearancePage, keys: str) -> None:
    box = page.font_size
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, keys)
    qtbot.keyClick(box, Qt.Key.Key_Tab)  # leaving the field is what takes the typed value


@pytest.mark.parametrize(
    ("keys", "size"), [("14", 14), ("28", MAX_FONT), ("9", MIN_FONT), ("2", MIN_FONT), ("8", MIN_FONT)]
)
def test_a_typed_size_is_taken_clamped_to_the_range(qtbot: QtBot, page: AppearancePage, keys: str, size: int) -> None:
    for start in (0, 12):  # from the system default (as found), and from a size
        page.font_size.setValue(start if start else MIN_FONT - 1)
        type_size(qtbot, page, keys)
        assert page.font_size_value() == size, page.font_size.text()
        assert page.font_size.text() == f"{size}{page.font_size.suffix()}"
        assert page.focusWidget() is page.load_images
