"""Settings opened with no token yet ("Connect your Coze bot…" on the welcome page) puts the caret in the token
field, the first thing to fill: the region list had the focus, and the token typed or pasted with Ctrl+V went
nowhere. With a token already there the region list keeps the focus, as before."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.settings import Overrides, Settings
from desktop.ui.settings_dialog import SettingsDialog


@pytest.mark.parametrize("token", [None, "pat_saved"])
def test_the_focus_starts_where_there_is_something_to_fill(qtbot: QtBot, token: str | None) -> None:
    overrides = Overrides(token=None, api_base=None, bot_id=None)
    dialog = SettingsDialog(Settings(), token, None, overrides, lambda *_: None, {}, None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    first = dialog.connection.token if token is None else dialog.connection.region
    qtbot.waitUntil(first.hasFocus)
