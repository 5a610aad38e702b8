"""The header's bot chooser names the bots and chatflows added in Settings (from its picker's catalog) at
once, not "Bot …0002" until each has been picked once."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.core.chat.targets import chatflow_key
from desktop.core.cozeserver import CozeServer
from desktop.core.profile import Profile
from desktop.core.settings import Settings
from desktop.ui.settings_dialog import SettingsDialog
from tests.coze_fixtures import TOKEN
from tests.test_app_session import close_app, open_app

FIRST, SECOND = "7400000000000000001", "7400000000000000002"
FLOW = chatflow_key("0000000000000000301", app_id="0000000000000000300")  # the demo chatflow


def test_names_learnt_in_settings_fill_the_header_chooser(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, server: CozeServer
) -> None:
    server.add_bot(FIRST, name="My Bot")
    server.add_bot(SECOND, name="Travel helper")
    app = open_app(qapp, Profile(tmp_path / "profile").ensure())
    app.start(demo=False)
    app.apply_settings(
        replace(Settings(), api_base=server.base_url, bot_ids=[FIRST], default_bot_id=FIRST), TOKEN, previous_token=None
    )

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:  # the keyring is still loading off the GUI thread: the dialog opens after that
            QTimer.singleShot(10, drive)
            return
        assert isinstance(dialog, SettingsDialog)
        dialog.bots.add_bot(SECOND, "Travel helper")  # what the picker adds, with the catalog's names
        dialog.bots.add_bot(FLOW, "Plan with me")
        dialog.accept()

    QTimer.singleShot(0, drive)
    app.open_settings()
    assert app.settings.bot_ids == [FIRST, SECOND, FLOW]
    app.window.new_chat()
    chooser = app.window.chat.header.bot_chooser
    qtbot.waitUntil(lambda: chooser.count() == 3 and chooser.itemText(0) == "My Bot", timeout=10_000)
    assert [chooser.itemText(i) for i in range(3)] == ["My Bot", "Travel helper", "Plan with me"]
    close_app(app)
