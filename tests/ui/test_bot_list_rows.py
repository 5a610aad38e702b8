"""Settings → Bots: a row longer than the list (a bot's name, its ID, "its test failed", "default") wraps onto a
second line instead of being cut: "7350000000000000001 — its test failed — defa…" hid that it was the default."""

from __future__ import annotations

from PySide6.QtGui import QFontMetrics
from pytestqt.qtbot import QtBot

from desktop.core.settings import Overrides, Settings
from desktop.ui.settings_dialog import SettingsDialog

BOT = "7350000000000000001"


def test_a_long_bot_row_wraps_instead_of_being_cut(qtbot: QtBot) -> None:
    settings = Settings(bot_ids=[BOT, "7350000000000000002"], default_bot_id=BOT)
    names = {BOT: "Translator for travel phrases and menus"}
    dialog = SettingsDialog(settings, "pat_x", None, Overrides(None, None, None), lambda *_: None, names, None)
    qtbot.addWidget(dialog)
    dialog.resize(560, 480)  # the dialog's usual size: the list is about 380 px wide
    dialog.show()
    dialog.tabs.setCurrentWidget(dialog.bots)
    rows = dialog.bots.list
    qtbot.waitUntil(lambda: rows.viewport().width() > 100)
    long, short = rows.item(0), rows.item(1)
    assert long.text().endswith("default")
    width = QFontMetrics(long.font()).horizontalAdvance(long.text())
    assert width > rows.viewport().width()  # the case: it cannot fit on one line
    line = QFontMetrics(long.font()).lineSpacing()
    qtbot.waitUntil(lambda: rows.visualItemRect(long).height() >= 2 * line)
    assert rows.visualItemRect(short).height() < 2 * line  # a short row stays one line
