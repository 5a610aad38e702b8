"""The whole app in demo mode with the demo app's chatflow: chosen in the header, its cards stored, and a
plain start later reopens the chatflow chat where it was (the demo server keeps its conversation)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.core.profile import Profile
from desktop.core.workflow_cards import CardKind, parse_card
from tests.test_app_session import close_app, open_app


def test_the_demo_chatflow_asks_its_cards_and_is_reopened_after_a_restart(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    profile = Profile(tmp_path / "profile").ensure()
    app = open_app(qapp, profile)
    app.start(demo=True)
    app.window.presenter.choose_bot(app.demo.chatflow_key)
    app.window.send("hello")
    conversation = app.window.current_conversation
    assert conversation is not None
    qtbot.waitUntil(lambda: not app.chats.is_busy(conversation), timeout=20_000)
    stored = app.store.conversations.get(conversation)
    assert stored is not None and stored.is_chatflow
    last = app.store.messages.page(conversation)[-1]
    card = parse_card(last.content, last.content_type)
    assert card is not None and card.kind is CardKind.QUESTION
    close_app(app)

    again = open_app(qapp, profile)
    again.start(demo=False)  # a plain start: the demo chatflow's chat is where the user left off
    window = again.window
    assert window.current_conversation == conversation
    assert window.right.currentWidget() is window.chat
    window.send(card.options[0])
    qtbot.waitUntil(lambda: not again.chats.is_busy(conversation), timeout=20_000)
    answer = again.store.messages.page(conversation)[-1]
    following = parse_card(answer.content, answer.content_type)
    assert following is not None and following.kind is CardKind.INPUT  # the server kept the conversation
    close_app(again)
