"""Before an answer's first delta (a real Coze bot thinks 0.5–3 s) the view shows the bot's "•••" row under
the question, and the answer's row takes its place; the walk at a real pace found the question standing
alone above an empty view until then."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.core.cozeserver import Scenario
from desktop.core.vocabulary import MessageStatus, Role
from desktop.ui.chat.chat_view import ChatView
from desktop.ui.chat.items import MessageItem
from desktop.ui.chat.model import ChatModel
from desktop.ui.chat.waiting import WAITING_ID
from tests.ui.test_main_window import type_and_enter
from tests.ui.window_harness import Harness


def shown(view: ChatView) -> list[tuple[int, Role, str]]:
    model = view.findChild(ChatModel)
    assert model is not None
    return [(item.id, item.role, item.content) for item in model.items()]


def test_the_waiting_row_stands_under_the_question_until_the_answer_row_comes(qtbot: QtBot) -> None:
    view = ChatView()
    qtbot.addWidget(view)
    view.set_messages([MessageItem(1, Role.USER, "hi")])
    view.set_waiting(True, "Demo Bot")
    assert shown(view) == [(1, Role.USER, "hi"), (WAITING_ID, Role.ASSISTANT, "")]
    waiting = view.item(WAITING_ID)
    assert waiting is not None and waiting.is_streaming and waiting.sender_name == "Demo Bot"
    view.append_message(MessageItem(2, Role.ASSISTANT, "", status=MessageStatus.STREAMING))
    assert shown(view) == [(1, Role.USER, "hi"), (2, Role.ASSISTANT, "")]  # the answer took its place
    view.append_message(MessageItem(3, Role.USER, "and then?"))  # (a question queued while it answers)
    assert shown(view)[-1] == (WAITING_ID, Role.ASSISTANT, "")
    view.set_waiting(False)
    assert [row[0] for row in shown(view)] == [1, 2, 3]


def test_a_retried_answer_waits_below_the_failed_one_and_a_regenerated_one_in_its_row(qtbot: QtBot) -> None:
    view = ChatView()
    qtbot.addWidget(view)
    failed = MessageItem(2, Role.ASSISTANT, "partial", status=MessageStatus.FAILED, error_sentence="It failed.")
    view.set_messages([MessageItem(1, Role.USER, "hi"), failed])
    view.set_waiting(True, "Demo Bot")  # Retry: the new answer comes below the failed one, which stays
    assert [row[0] for row in shown(view)] == [1, 2, WAITING_ID]
    view.append_message(MessageItem(3, Role.ASSISTANT, "", status=MessageStatus.STREAMING))
    assert [row[0] for row in shown(view)] == [1, 2, 3]
    streaming = MessageItem(2, Role.ASSISTANT, "", status=MessageStatus.STREAMING)  # Regenerate: emptied in place
    view.set_messages([MessageItem(1, Role.USER, "hi"), streaming])
    view.set_waiting(True, "Demo Bot")
    assert [row[0] for row in shown(view)] == [1, 2]
    view.set_messages([MessageItem(5, Role.USER, "another chat")])  # shown anew: not waiting until told
    assert [row[0] for row in shown(view)] == [5]


def test_a_thinking_bot_shows_the_waiting_row_until_its_first_delta(qtbot: QtBot, harness: Harness) -> None:
    harness.server.queue(Scenario("stall", after_deltas=0, seconds=30.0, text="late words"))
    type_and_enter(qtbot, harness, "think first")
    view = harness.window.chat.view
    qtbot.waitUntil(lambda: harness.server.open_streams == 1, timeout=3000)
    qtbot.waitUntil(lambda: [row[0] for row in shown(view)][-1:] == [WAITING_ID], timeout=3000)
    conversation = harness.window.current_conversation
    assert conversation is not None
    assert [m.role for m in harness.store.messages.page(conversation)] == [Role.USER]  # no answer row yet
    rows = shown(view)
    assert [row[1] for row in rows] == [Role.USER, Role.ASSISTANT]
    harness.window.open_conversation(conversation)  # shown anew while it waits: still waiting
    qtbot.waitUntil(lambda: [row[0] for row in shown(view)][-1:] == [WAITING_ID], timeout=3000)
    qtbot.keyClick(harness.window.chat.composer.edit, Qt.Key.Key_Escape)  # Stop
    qtbot.waitUntil(lambda: not harness.chats.is_busy(conversation), timeout=5000)
    assert WAITING_ID not in [row[0] for row in shown(view)]


def test_retrying_a_failed_answer_shows_the_waiting_row_below_it(qtbot: QtBot, harness: Harness) -> None:
    harness.server.queue(Scenario("chat_failed", after_deltas=3))
    type_and_enter(qtbot, harness, "fail first")
    conversation = harness.window.current_conversation
    assert conversation is not None
    qtbot.waitUntil(lambda: not harness.chats.is_busy(conversation), timeout=5000)
    question, failed = harness.store.messages.page(conversation)
    assert failed.status == MessageStatus.FAILED
    harness.server.queue(Scenario("stall", after_deltas=0, seconds=30.0, text="second try"))
    harness.window.presenter.retry(failed.id)
    view = harness.window.chat.view
    qtbot.waitUntil(lambda: [row[0] for row in shown(view)] == [question.id, failed.id, WAITING_ID], timeout=3000)
    qtbot.keyClick(harness.window.chat.composer.edit, Qt.Key.Key_Escape)  # Stop
    qtbot.waitUntil(lambda: not harness.chats.is_busy(conversation), timeout=5000)
    assert WAITING_ID not in [row[0] for row in shown(view)]
