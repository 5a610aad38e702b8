"""A chat's error row at a custom API address (here the local server) does not cite coze.cn's or coze.com's
token pages: they are not the site a token for that address comes from (walk of session 33, item 1)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.core.coze.error_sentences import PAT_PAGE_CN
from desktop.core.cozeserver import CozeServer
from desktop.core.profile import Profile
from desktop.core.settings import Settings
from desktop.ui.chat.chat_view import ChatView
from tests.test_app_session import close_app, open_app

BOT = "7400000000000000042"  # a user's own bot (the demo's is answered in the process)


def test_no_token_at_a_custom_address_names_no_coze_page(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path, server: CozeServer
) -> None:
    profile = Profile(tmp_path / "profile")
    profile.ensure()
    replace(Settings(), api_base=server.base_url, bot_ids=[BOT], default_bot_id=BOT).save(profile.settings_path)
    app = open_app(qapp, profile)
    app.start(demo=False)
    try:
        app.window.new_chat()
        app.window.send("hello")
        conversation = app.window.current_conversation
        assert conversation is not None
        qtbot.waitUntil(lambda: not app.chats.is_busy(conversation), timeout=5000)
        answer = app.store.messages.page(conversation)[-1]
        view: ChatView = app.window.chat.view
        item = view.item(answer.id)
        assert item is not None and item.error_sentence.startswith("No access token yet")
        assert "Settings → Connection" in item.error_action
        assert PAT_PAGE_CN not in item.error_action and "coze.com/" not in item.error_action
    finally:
        close_app(app)
