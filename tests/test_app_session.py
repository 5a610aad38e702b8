"""The composition root in a real session: settings applied, a chat through the window to the local
Coze server with a known token, the window state kept — and afterwards no file in the profile, its
logs or an export holds the token."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.app import DesktopApp
from desktop.core.coze import COZE_CN
from desktop.core.cozeserver import DEMO_BOT_ID, CozeServer
from desktop.core.logs import setup_logging
from desktop.core.profile import Profile
from desktop.core.secrets import SERVICE
from desktop.core.settings import Settings
from desktop.core.store import Store
from desktop.ui.settings_dialog import SettingsDialog
from tests.coze_fixtures import TOKEN
from tests.memory_keyring import MemoryKeyring


def files_containing(root: Path, needle: bytes) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and needle in p.read_bytes()]


def open_app(qapp: QApplication, profile: Profile) -> DesktopApp:
    store = Store.open(profile.database_path)
    redactor = setup_logging(profile.logs_dir)
    return DesktopApp(qapp, profile, store, redactor)


def close_app(app: DesktopApp) -> None:
    app.window.close()
    assert app.shutdown()
    app.window.deleteLater()


def test_a_full_session_keeps_the_token_in_the_keyring_only(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, server: CozeServer, memory_keyring: MemoryKeyring
) -> None:
    profile = Profile(tmp_path / "profile")
    profile.ensure()
    app = open_app(qapp, profile)
    app.start(demo=False)
    assert app.window.welcome.isVisible()  # no token yet: the first-run page
    bot = "7400000000000000042"  # a user's own bot (not the demo bot, which the app serves itself)
    server.add_bot(bot, name="My Bot", prologue="Hello from my bot.")
    chosen = replace(Settings(), api_base=server.base_url, bot_ids=[bot], default_bot_id=bot)
    app.apply_settings(chosen, TOKEN, previous_token=None)
    assert memory_keyring.secrets == {(SERVICE, server.base_url): TOKEN}
    assert not app.window.welcome.isVisible()
    app.window.send("hello from the window")
    conversation = app.window.current_conversation
    assert conversation is not None
    qtbot.waitUntil(lambda: not app.chats.is_busy(conversation), timeout=10_000)
    _question, answer = app.store.messages.page(conversation)
    assert answer.status == "complete" and answer.content
    chats = [r for r in server.requests if r["path"] == "/v3/chat"]
    assert len(chats) == 1 and chats[0]["headers"]["authorization"] == f"Bearer {TOKEN}"
    assert not app.demo.running
    assert TOKEN not in app.window.windowTitle()
    for fmt in ("json", "md"):
        with qtbot.waitSignal(app.history.transfers.finished, timeout=10_000):
            app.history.start_export(tmp_path / f"export.{fmt}", None, fmt)
    app.window.resize(700, 520)  # the offscreen screen is 800x600
    close_app(app)

    assert files_containing(profile.path, TOKEN.encode()) == []
    assert (profile.logs_dir / "coze-desktop.log").exists()
    assert TOKEN.encode() not in (tmp_path / "export.json").read_bytes()
    assert TOKEN.encode() not in (tmp_path / "export.md").read_bytes()
    assert "token" not in profile.settings_path.read_text(encoding="utf-8").lower().replace("session_token_only", "")

    again = open_app(qapp, profile)  # the next start: same size, same conversation, still connected
    again.start(demo=False)
    assert again.window.current_conversation == conversation
    assert (again.window.width(), again.window.height()) == (700, 520)
    assert again.destinations.configured()
    close_app(again)


def test_settings_test_asks_where_chats_go(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, server: CozeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Settings → Bots → Test reaches COZE_API_BASE with COZE_API_TOKEN, as every chat does (it used to
    ask the address saved in the settings, here the real coze.cn, whatever the environment said)."""
    monkeypatch.setenv("COZE_API_BASE", server.base_url)
    monkeypatch.setenv("COZE_API_TOKEN", TOKEN)
    bot = "7400000000000000043"
    server.add_bot(bot, name="Env Bot")
    profile = Profile(tmp_path / "profile")
    profile.ensure()
    app = open_app(qapp, profile)
    assert app.settings.api_base == COZE_CN and app.destinations.api_base == server.base_url
    found: list[str] = []

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:  # the keyring is still loading off the GUI thread: the dialog opens after that
            QTimer.singleShot(10, drive)
            return
        assert isinstance(dialog, SettingsDialog)
        try:
            dialog.bots.bot_id.setText(bot)
            dialog.bots.test.click()
            qtbot.waitUntil(lambda: not dialog.bots.test.text().startswith("Testing"), timeout=10_000)
            found.append(dialog.bots.status.text())
        finally:
            dialog.reject()  # whatever happened, the modal loop ends

    QTimer.singleShot(0, drive)
    app.open_settings()
    assert found and found[0].startswith("Found “Env Bot”")
    bot_requests = [r for r in server.requests if r["path"].startswith("/v1/bots")]
    assert bot_requests and bot_requests[0]["headers"]["authorization"] == f"Bearer {TOKEN}"
    close_app(app)


def test_the_demo_bot_id_goes_to_the_api_base_the_environment_names(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, server: CozeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """COZE_API_BASE names the server every chat goes to, the demo bot's too (e.g. `serve-demo` in a process
    of its own); the in-process demo server is for the demo mode and for no explicit API base."""
    monkeypatch.setenv("COZE_API_BASE", server.base_url)
    monkeypatch.setenv("COZE_API_TOKEN", TOKEN)
    monkeypatch.setenv("COZE_BOT_ID", DEMO_BOT_ID)
    profile = Profile(tmp_path / "profile")
    profile.ensure()
    app = open_app(qapp, profile)
    app.start(demo=False)
    app.window.send("hello, named server")
    conversation = app.window.current_conversation
    assert conversation is not None
    qtbot.waitUntil(lambda: not app.chats.is_busy(conversation), timeout=10_000)
    chats = [r for r in server.requests if r["path"] == "/v3/chat"]
    assert len(chats) == 1 and chats[0]["headers"]["authorization"] == f"Bearer {TOKEN}"
    assert not app.demo.running and "local" not in app.window.chat.header.subtitle.text()
    close_app(app)


def test_the_window_cleans_a_copied_environment_token(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, server: CozeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """COZE_API_TOKEN copied as "Bearer pat_…" with a newline is cleaned as a pasted token is: the chat goes through."""
    bot = "7400000000000000044"
    server.add_bot(bot, name="Env Bot")
    monkeypatch.setenv("COZE_API_BASE", server.base_url)
    monkeypatch.setenv("COZE_API_TOKEN", f" Bearer {TOKEN}\n")
    monkeypatch.setenv("COZE_BOT_ID", bot)
    profile = Profile(tmp_path / "profile")
    profile.ensure()
    app = open_app(qapp, profile)
    app.start(demo=False)
    app.window.send("hello with a copied token")
    conversation = app.window.current_conversation
    assert conversation is not None
    qtbot.waitUntil(lambda: not app.chats.is_busy(conversation), timeout=10_000)
    _question, answer = app.store.messages.page(conversation)
    assert answer.status == "complete" and answer.content
    chats = [r for r in server.requests if r["path"] == "/v3/chat"]
    assert len(chats) == 1 and chats[0]["headers"]["authorization"] == f"Bearer {TOKEN}"
    close_app(app)
