"""An answer cut off by quitting is labelled so, not as stopped by the user (#17.11)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.core.cozeserver import CozeServer, Scenario
from desktop.core.store import Store
from desktop.services.chat_controller import ChatController
from desktop.services.connection import Connection
from desktop.ui.presenters import message_item
from tests.coze_fixtures import BOT, TOKEN


def test_quitting_mid_answer_says_the_app_quit_and_a_stop_says_you_stopped(
    qtbot: QtBot, tmp_path: Path, server: CozeServer
) -> None:
    with Store.open(tmp_path / "history.sqlite3") as store:
        chats = ChatController(store, lambda bot_id: Connection(server.base_url, TOKEN, bot_id, "user-1"))
        stopped, quit_ = store.conversations.create(BOT), store.conversations.create(BOT)
        for conversation in (stopped, quit_):
            server.queue(Scenario("endless", pace=0.01))
            chats.send(conversation.id, "tell me everything")
        arrived: set[int] = set()
        chats.answerDelta.connect(lambda conversation_id, *_: arrived.add(conversation_id))
        # both answers have shown text, or "what arrived is kept" would have nothing to keep under a loaded machine
        qtbot.waitUntil(lambda: arrived == {stopped.id, quit_.id}, timeout=5000)
        chats.stop(stopped.id)
        qtbot.waitUntil(lambda: not chats.is_busy(stopped.id), timeout=5000)
        assert chats.shutdown(3000)
        by_user = store.messages.page(stopped.id)[-1]
        by_quit = store.messages.page(quit_.id)[-1]
        assert by_user.status == by_quit.status == "cancelled" and by_quit.content  # what arrived is kept
        assert by_user.error is None
        assert by_quit.error is not None and by_quit.error.kind == "quit"
        assert message_item(by_user, "Bot", "en").error_sentence == ""  # the view says "You stopped this answer."
        assert message_item(by_quit, "Bot", "en").error_sentence == "The answer was cut off when the app quit."
        assert message_item(by_quit, "Bot", "zh").error_sentence == "退出应用时，这条回答被中断了。"


def test_a_stop_just_before_quitting_stays_the_users(qtbot: QtBot, tmp_path: Path, server: CozeServer) -> None:
    with Store.open(tmp_path / "history.sqlite3") as store:
        chats = ChatController(store, lambda bot_id: Connection(server.base_url, TOKEN, bot_id, "user-1"))
        conversation = store.conversations.create(BOT)
        server.queue(Scenario("endless", pace=0.01))
        chats.send(conversation.id, "tell me everything")
        qtbot.waitUntil(lambda: server.open_streams == 1, timeout=5000)
        chats.stop(conversation.id)  # the Stop's end is still queued when the quit comes
        assert chats.shutdown(3000)
        answer = store.messages.page(conversation.id)[-1]
        assert answer.status == "cancelled" and answer.error is None
