"""COZE_API_TOKEN set but holding no token (only whitespace or only "Bearer") is taken as not set: the window chats
with the token saved for the address and says once, in the status bar and in the user's language, that the
variable is ignored. Before, it fell back to the saved token without a word."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.core.cozeserver import CozeServer
from desktop.core.profile import Profile
from desktop.core.secrets import SERVICE
from desktop.core.settings import Settings
from desktop.ui import i18n
from tests.coze_fixtures import TOKEN
from tests.memory_keyring import MemoryKeyring
from tests.test_app_session import close_app, open_app

SAID = {
    "en": "COZE_API_TOKEN is set but holds no token, so it is ignored: unset it or set it to a personal access token.",
    "zh_CN": "COZE_API_TOKEN 已设置但没有令牌，因此被忽略：请取消设置它，或把它设为个人访问令牌。",
}


@pytest.mark.parametrize(("value", "language"), [("  \n", "en"), ("Bearer", "en"), (" ", "zh_CN")])
def test_a_blank_environment_token_is_said_and_the_saved_one_is_used(
    qtbot: QtBot,
    qapp: QApplication,
    tmp_path: Path,
    server: CozeServer,
    memory_keyring: MemoryKeyring,
    monkeypatch: pytest.MonkeyPatch,
    value: str,
    language: str,
) -> None:
    bot = "7400000000000000045"
    server.add_bot(bot, name="Saved Token Bot")
    memory_keyring.secrets[(SERVICE, server.base_url)] = TOKEN  # the PAT saved for this address
    monkeypatch.setenv("COZE_API_BASE", server.base_url)
    monkeypatch.setenv("COZE_API_TOKEN", value)
    monkeypatch.setenv("COZE_BOT_ID", bot)
    profile = Profile(tmp_path / "profile").ensure()
    replace(Settings.load(profile.settings_path), language=language).save(profile.settings_path)
    app = open_app(qapp, profile)
    try:
        app.start(demo=False)
        assert app.window.statusBar().currentMessage() == SAID[language]  # before: nothing said
        app.window.send("hello with the saved token")
        conversation = app.window.current_conversation
        assert conversation is not None
        qtbot.waitUntil(lambda: not app.chats.is_busy(conversation), timeout=10_000)
        chats = [r for r in server.requests if r["path"] == "/v3/chat"]
        assert len(chats) == 1 and chats[0]["headers"]["authorization"] == f"Bearer {TOKEN}"
    finally:
        close_app(app)
        i18n.install_translators(qapp, "en")


def test_the_demo_says_nothing_about_a_blank_environment_token(
    qapp: QApplication, tmp_path: Path, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--demo chats without a token: the sentence about COZE_API_TOKEN was shown there too (seen under Xvfb)."""
    monkeypatch.setenv("COZE_API_TOKEN", " ")
    app = open_app(qapp, Profile(tmp_path / "profile").ensure())
    try:
        app.start(demo=True)
        assert app.destinations.demo_mode
        assert "COZE_API_TOKEN" not in app.window.statusBar().currentMessage()
    finally:
        close_app(app)
