"""The main window with real services: store, chat controller on threads, the local Coze server."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.core.cozeserver import Scenario
from tests.coze_fixtures import BOT
from tests.ui.window_harness import Harness


def type_and_enter(qtbot: QtBot, harness: Harness, text: str) -> None:
    edit = harness.window.chat.composer.edit
    edit.setFocus()
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:  # QTest can only type ASCII; CJK arrives the way an input method commits it
        commit = QInputMethodEvent("", [])
        commit.setCommitString(text)
        QApplication.sendEvent(edit, commit)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def last_answer_text(harness: Harness) -> str:
    conversation = harness.window.current_conversation
    assert conversation is not None
    messages = harness.store.messages.page(conversation)
    return harness.window.chat.view.message_text(messages[-1].id)


def test_typing_and_enter_streams_an_answer_into_the_view_and_the_store(qtbot: QtBot, harness: Harness) -> None:
    harness.server.queue(Scenario("framing", text="**Hello** from the bot. 你好！"))
    type_and_enter(qtbot, harness, "hello bot")
    qtbot.waitUntil(lambda: harness.window.current_conversation is not None, timeout=2000)
    conversation = harness.window.current_conversation
    assert conversation is not None
    qtbot.waitUntil(lambda: not harness.chats.is_busy(conversation), timeout=10_000)
    question, answer = harness.store.messages.page(conversation)
    assert question.content == "hello bot" and answer.status == "complete"
    assert "Hello" in last_answer_text(harness) and "你好" in last_answer_text(harness)
    assert harness.window.chat.composer.text() == ""  # sent: the box is empty again
    model = harness.window.model
    qtbot.waitUntil(lambda: model.rowCount() == 1 and model.data(model.index(0)) == "hello bot", timeout=2000)


def test_shift_enter_is_a_new_line_and_ime_composition_does_not_send(qtbot: QtBot, harness: Harness) -> None:
    edit = harness.window.chat.composer.edit
    edit.setFocus()
    qtbot.keyClicks(edit, "line one")
    qtbot.keyClick(edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(edit, "two")
    assert edit.toPlainText() == "line one\ntwo"
    composing = QInputMethodEvent("nihao", [])
    QApplication.sendEvent(edit, composing)
    assert edit.composing
    QApplication.sendEvent(edit, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier))
    assert harness.window.current_conversation is None  # nothing was sent
    commit = QInputMethodEvent("", [])
    commit.setCommitString("你好")
    QApplication.sendEvent(edit, commit)
    assert not edit.composing
    assert edit.toPlainText().endswith("你好")
    assert harness.store.conversations.count() == 0


def test_stop_button_and_escape(qtbot: QtBot, harness: Harness) -> None:
    harness.server.queue(Scenario("endless", pace=0.01))
    type_and_enter(qtbot, harness, "never ending")
    composer = harness.window.chat.composer
    qtbot.waitUntil(lambda: composer.busy, timeout=3000)
    assert composer.button.text() == "Stop"
    qtbot.keyClick(composer.edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not composer.busy, timeout=1000)
    conversation = harness.window.current_conversation
    assert conversation is not None
    assert harness.store.messages.page(conversation)[-1].status == "cancelled"


def test_switching_conversations_while_one_streams(qtbot: QtBot, harness: Harness) -> None:
    harness.server.queue(Scenario("long_answer", size_bytes=60_000, deltas=3000, pace=0.0005))
    type_and_enter(qtbot, harness, "first chat, long answer")
    first = harness.window.current_conversation
    assert first is not None
    # The server's scenario queue is shared: let the first chat take its scenario before queueing the next.
    qtbot.waitUntil(lambda: harness.server.open_streams == 1, timeout=3000)
    harness.window.new_chat()
    harness.server.queue(Scenario("framing", text="second answer"))
    type_and_enter(qtbot, harness, "second chat")
    second = harness.window.current_conversation
    assert second is not None and second != first
    qtbot.waitUntil(lambda: not harness.chats.is_busy(second), timeout=10_000)
    assert last_answer_text(harness) == "second answer"
    harness.window.open_conversation(first)  # back to the one streaming in the background
    qtbot.waitUntil(lambda: not harness.chats.is_busy(first), timeout=20_000)
    stored = harness.store.messages.page(first)[-1]
    assert stored.status == "complete" and len(stored.content) > 10_000
    assert last_answer_text(harness) == stored.content  # nothing lost or doubled across the switch


@pytest.mark.parametrize(
    ("scenario", "sentence"),
    [
        (Scenario("json_error", code=4100), "did not accept your sign-in or access token"),
        (Scenario("json_error", code=4015), "not published to the API channel"),
        (Scenario("http_error_html", status=502), "Coze had a problem"),
        (Scenario("drop", text="half an answer, then nothing", after_deltas=3), "cut off"),
    ],
)
def test_each_error_shows_its_sentence_and_logid(
    qtbot: QtBot, harness: Harness, scenario: Scenario, sentence: str
) -> None:
    harness.server.queue(scenario)
    type_and_enter(qtbot, harness, "trigger an error")
    qtbot.waitUntil(lambda: harness.window.current_conversation is not None, timeout=2000)
    conversation = harness.window.current_conversation
    assert conversation is not None
    qtbot.waitUntil(lambda: not harness.chats.is_busy(conversation), timeout=10_000)
    answer = harness.store.messages.page(conversation)[-1]
    item = harness.window.chat.view.item(answer.id)
    assert sentence in item.error_sentence
    assert answer.error is not None and answer.error.logid and answer.error.logid in item.error_details
    assert harness.store.messages.page(conversation)[0].content == "trigger an error"


def test_search_jumps_to_the_conversation(qtbot: QtBot, harness: Harness) -> None:
    for text in ("first topic about 熊猫", "second topic about rockets"):
        harness.window.new_chat()
        harness.server.queue(Scenario("framing", text=f"answer on {text}"))
        type_and_enter(qtbot, harness, text)
        qtbot.waitUntil(lambda: harness.window.current_conversation is not None, timeout=2000)
        current = harness.window.current_conversation
        assert current is not None
        qtbot.waitUntil(lambda c=current: not harness.chats.is_busy(c), timeout=10_000)
    panda = harness.store.search.find("熊猫")[0]
    harness.window.new_chat()
    sidebar = harness.window.sidebar
    sidebar.search.setText("熊猫")
    qtbot.waitUntil(
        lambda: sidebar.results.count() > 0 and sidebar.stack.currentWidget() is sidebar.results, timeout=2000
    )
    qtbot.keyClick(sidebar.search, Qt.Key.Key_Return)
    assert harness.window.current_conversation == panda.conversation_id


def test_conversation_model_passes_the_model_tester(qtmodeltester, harness: Harness) -> None:  # type: ignore[no-untyped-def]
    for index in range(5):
        harness.store.conversations.create(BOT, title=f"chat {index}")
    harness.window.sidebar.reload()
    qtmodeltester.check(harness.window.model)
