"""The composition root applies Settings → Language live (#17 item 10): no "from the next start"
pop-up, the window speaks the new language at once, the choice is saved, and back again."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.core.profile import Profile
from desktop.core.settings import Settings
from desktop.ui import i18n
from tests.test_app_polish import close_app, open_app


def test_settings_switch_the_language_of_the_running_app(qtbot: QtBot, qapp: QApplication, tmp_path: Path) -> None:
    locale = QLocale()
    profile = Profile(tmp_path / "profile")
    profile.ensure()
    Settings(language="en").save(profile.settings_path)
    app = open_app(qapp, profile)
    try:
        app.start(demo=True)
        menu = app.window.menuBar().actions()[0]
        assert menu.text() == "&File" and app.language == "en"
        subtitle = app.window.chat.header.subtitle  # the start's fetch of the demo bot may still be on its way

        app.apply_settings(replace(app.settings, language="zh_CN"), "", previous_token=None)
        assert app.language == "zh"
        assert menu.text() == "文件(&F)"
        assert app.window.chat.composer.button.text() == "发送"
        assert "演示模式" in app.window.chat.header.subtitle.text()
        assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
        assert Settings.load(profile.settings_path).language == "zh_CN"
        # the running demo bot is renamed in the new language
        qtbot.waitUntil(lambda: subtitle.text().startswith("扣子演示助手"), timeout=5000)

        app.apply_settings(replace(app.settings, language="en"), "", previous_token=None)
        assert app.language == "en"
        assert menu.text() == "&File"
        assert "demo mode" in app.window.chat.header.subtitle.text()
        qtbot.waitUntil(lambda: subtitle.text().startswith("Coze Demo Bot"), timeout=5000)
    finally:
        close_app(app)
        i18n.install_translators(qapp, "en")
        QLocale.setDefault(locale)
