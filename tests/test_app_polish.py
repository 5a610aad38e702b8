"""Polish seen through the real composition root (#17): with no token the answer's headline says so,
not that Coze refused one, and a token kept for one session only is said to be gone after a restart
(item 7); the header's "demo mode" label is for the demo bot's chats only (item 6)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import keyring
from keyring.backends import fail
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.app import DesktopApp
from desktop.core.cozeserver import CozeServer
from desktop.core.logs import setup_logging
from desktop.core.profile import Profile
from desktop.core.settings import Settings
from desktop.core.store import Store
from desktop.ui.chat.chat_view import ChatView
from tests.coze_fixtures import TOKEN

BOT = "7400000000000000042"


def open_app(qapp: QApplication, profile: Profile) -> DesktopApp:
    return DesktopApp(qapp, profile, Store.open(profile.database_path), setup_logging(profile.logs_dir))


def close_app(app: DesktopApp) -> None:
    app.window.close()
    assert app.shutdown()
    app.window.deleteLater()


def answer_headline(qtbot: QtBot, app: DesktopApp, question: str) -> str:
    app.window.new_chat()
    app.window.send(question)
    conversation = app.window.current_conversation
    assert conversation is not None
    qtbot.waitUntil(lambda: not app.chats.is_busy(conversation), timeout=5000)
    answer = app.store.messages.page(conversation)[-1]
    assert answer.status == "failed"
    view: ChatView = app.window.chat.view
    item = view.item(answer.id)
    assert item is not None
    return item.error_sentence


def test_no_token_says_no_token_yet_not_that_coze_refused_it(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, server: CozeServer
) -> None:
    profile = Profile(tmp_path / "profile")
    profile.ensure()
    replace(Settings(), api_base=server.base_url, bot_ids=[BOT], default_bot_id=BOT).save(profile.settings_path)
    app = open_app(qapp, profile)
    app.start(demo=False)
    try:
        assert answer_headline(qtbot, app, "hello") == "No access token yet — add one in Settings."
        assert [r for r in server.requests if r["path"] == "/v3/chat"] == []  # Coze was never asked
    finally:
        close_app(app)


def test_a_session_only_token_is_said_to_be_gone_after_a_restart(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, server: CozeServer
) -> None:
    keyring.set_keyring(fail.Keyring())  # no keyring: the token can only be kept for the session
    profile = Profile(tmp_path / "profile")
    profile.ensure()
    app = open_app(qapp, profile)
    app.start(demo=False)
    server.add_bot(BOT, name="My Bot")
    chosen = replace(Settings(), api_base=server.base_url, bot_ids=[BOT], default_bot_id=BOT, session_token_only=True)
    app.apply_settings(chosen, TOKEN, previous_token=None, session_only=True)
    assert app.destinations.configured()
    close_app(app)

    again = open_app(qapp, profile)
    again.start(demo=False)
    try:
        assert again.window.welcome.isVisible()
        assert "kept for the last session only is gone" in again.window.statusBar().currentMessage()
        headline = answer_headline(qtbot, again, "still there?")
        assert headline == "The token you kept for the last session only is gone: the app was restarted."
    finally:
        close_app(again)


def test_the_demo_label_is_for_the_demo_bots_chats_only(qapp: QApplication, tmp_path: Path) -> None:
    profile = Profile(tmp_path / "profile")
    profile.ensure()
    app = open_app(qapp, profile)
    try:
        own = app.store.conversations.create(BOT, title="my own bot")
        app.start(demo=True)  # demo mode on: a demo chat is shown
        subtitle = app.window.chat.header.subtitle
        assert "demo mode" in subtitle.text()
        app.window.open_conversation(own.id)
        assert "demo mode" not in subtitle.text()
        app.window.new_chat()  # a new chat in demo mode talks to the demo bot
        assert "demo mode" in subtitle.text()
    finally:
        close_app(app)
