"""A chat deleted while its answer streamed, then brought back with Undo: the answer is a stopped one (what had
arrived, "You stopped this answer", Regenerate). Deleting stops the stream and writes nothing more for the chat,
so Undo brought back a row still "streaming": a caret blinking for good, no Copy, no Regenerate."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.core.cozeserver.scenarios import Scenario
from desktop.core.vocabulary import MessageStatus
from tests.ui.window_harness import Harness


def test_undo_brings_a_chat_deleted_mid_answer_back_with_its_answer_stopped(qtbot: QtBot, harness: Harness) -> None:
    window = harness.window
    harness.server.queue(Scenario("stall", after_deltas=3, seconds=30.0))
    window.new_chat()
    window.send("tell me a long story")
    chat = window.current_conversation
    assert chat is not None
    answer = lambda: harness.store.messages.page(chat)[-1]  # noqa: E731
    qtbot.waitUntil(lambda: answer().status == MessageStatus.STREAMING and bool(answer().content), timeout=10_000)
    assert window.conversations.delete(chat)
    undo = window.conversations.toast.button("Undo")
    assert undo is not None
    undo.click()
    assert window.current_conversation == chat
    stopped = answer()
    assert stopped.status == MessageStatus.CANCELLED and stopped.content
    item = window.chat.view.item(stopped.id)
    assert item is not None and item.status == MessageStatus.CANCELLED
    assert not harness.chats.is_busy(chat)
