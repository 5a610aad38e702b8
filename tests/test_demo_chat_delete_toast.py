"""Deleting a demo chat: its toast offers Undo, not "Also delete on Coze". The demo's chats live in the demo
server in this process; Coze never had them (walk of session 33, 33.png: "同时在扣子上删除" under a demo chat)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.core.profile import Profile
from tests.test_app_session import close_app, open_app


def test_a_demo_chats_toast_does_not_offer_to_delete_it_on_coze(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    profile = Profile(tmp_path / "profile")
    profile.ensure()
    app = open_app(qapp, profile)
    try:
        app.start(demo=True)
        app.window.send("hello")
        conversation = app.window.current_conversation
        assert conversation is not None
        qtbot.waitUntil(lambda: not app.chats.is_busy(conversation), timeout=10_000)
        kept = app.store.conversations.get(conversation)
        assert kept is not None and kept.coze_conversation_id  # the demo server gave it an id of its own
        assert app.window.conversations.delete(conversation)
        toast = app.window.conversations.toast
        assert toast.button("Undo") is not None
        assert toast.button("Also delete on Coze") is None
    finally:
        close_app(app)
