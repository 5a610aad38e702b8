"""ChatController + ChatWorker on real QThreads, against the local Coze server and a real SQLite store."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMetaMethod
from pytestqt.qtbot import QtBot

from desktop.core.cozeserver import CozeServer, Scenario
from desktop.core.store import Message, Store
from desktop.services.chat_controller import ChatController
from desktop.services.chat_worker import ChatWorker
from desktop.services.connection import Connection
from tests.coze_fixtures import BOT, TOKEN


@pytest.fixture
def controller(chats: ChatController) -> ChatController:
    """The chat controller of tests/services/conftest.py (shut down there), under this file's name."""
    return chats


def wait_idle(qtbot: QtBot, chats: ChatController, conversation_id: int, timeout: int = 10_000) -> None:
    qtbot.waitUntil(lambda: not chats.is_busy(conversation_id), timeout=timeout)


def test_send_streams_into_the_store_and_the_signals(
    qtbot: QtBot, store: Store, controller: ChatController, server: CozeServer
) -> None:
    server.queue(Scenario("framing", text="你好！Streaming works."))
    conversation = store.conversations.create(BOT)
    added: list[Message] = []
    deltas: list[str] = []
    busy: list[bool] = []
    controller.messageAdded.connect(lambda _c, m: added.append(m))
    controller.answerDelta.connect(lambda _c, _m, text, _r: deltas.append(text))
    controller.busyChanged.connect(lambda _c, b: busy.append(b))
    assert controller.send(conversation.id, "hello there")
    assert not controller.send(conversation.id, "second while busy")  # one answer at a time per chat
    wait_idle(qtbot, controller, conversation.id)
    assert [m.role for m in added] == ["user", "assistant"]
    assert "".join(deltas) == "你好！Streaming works."
    assert busy == [True, False]
    question, answer = store.messages.page(conversation.id)
    assert (question.content, question.status) == ("hello there", "complete")
    assert (answer.content, answer.status) == ("你好！Streaming works.", "complete")
    assert answer.output_tokens and answer.coze_chat_id
    updated = store.conversations.get(conversation.id)
    assert updated is not None and updated.coze_conversation_id and updated.title == "hello there"
    assert len(store.conversations.follow_ups(conversation.id)) == 3


def test_stop_is_prompt_and_keeps_the_partial_answer(
    qtbot: QtBot, store: Store, controller: ChatController, server: CozeServer
) -> None:
    server.queue(Scenario("endless", pace=0.01))
    conversation = store.conversations.create(BOT)
    deltas: list[str] = []
    controller.answerDelta.connect(lambda _c, _m, text, _r: deltas.append(text))
    controller.send(conversation.id, "go on forever")
    qtbot.waitUntil(lambda: len(deltas) > 5, timeout=5000)
    controller.stop(conversation.id)
    shown = len(deltas)
    wait_idle(qtbot, controller, conversation.id, timeout=10_000)  # the stream itself never ends
    assert len(deltas) == shown  # nothing more is shown once Stop is pressed (no timed assertion: #21 rules)
    answer = store.messages.page(conversation.id)[-1]
    assert answer.status == "cancelled"
    assert answer.content and "".join(deltas).startswith(answer.content[:20])
    qtbot.waitUntil(lambda: len(server.cancelled_chats) == 1, timeout=5000)


@pytest.mark.parametrize(
    ("scenario", "status", "kind", "code"),
    [
        (Scenario("json_error", code=4100), "failed", "invalid_token", 4100),
        (Scenario("json_error", code=4015), "failed", "bot_not_published", 4015),
        (Scenario("http_error_html", status=502), "failed", "server", None),
        (Scenario("drop", text="partial text arrives then drops", after_deltas=3), "interrupted", "interrupted", None),
        (Scenario("chat_failed", text="some of the answer", after_deltas=2, code=5000), "failed", "chat_failed", 5000),
    ],
)
def test_failures_are_recorded_with_their_kind_and_logid(
    qtbot: QtBot,
    store: Store,
    controller: ChatController,
    server: CozeServer,
    scenario: Scenario,
    status: str,
    kind: str,
    code: int | None,
) -> None:
    server.queue(scenario)
    conversation = store.conversations.create(BOT)
    controller.send(conversation.id, "question that will fail")
    wait_idle(qtbot, controller, conversation.id)
    question, answer = store.messages.page(conversation.id)
    assert question.content == "question that will fail"  # nothing typed is lost
    assert answer.status == status
    assert answer.error is not None
    assert (answer.error.kind, answer.error.code) == (kind, code)
    assert answer.error.logid
    if status == "interrupted":
        assert answer.content == "partial text arrives then drops"[: len(answer.content)] and answer.content


def test_retry_asks_the_same_question_again(
    qtbot: QtBot, store: Store, controller: ChatController, server: CozeServer
) -> None:
    server.queue(Scenario("json_error", code=4015))
    conversation = store.conversations.create(BOT)
    controller.send(conversation.id, "retry me")
    wait_idle(qtbot, controller, conversation.id)
    failed = store.messages.page(conversation.id)[-1]
    assert failed.status == "failed"
    assert controller.retry(conversation.id, failed.id)
    wait_idle(qtbot, controller, conversation.id)
    messages = store.messages.page(conversation.id)
    assert [m.role for m in messages] == ["user", "assistant", "assistant"]
    assert messages[-1].status == "complete" and messages[-1].content


def test_several_conversations_stream_at_once_and_shutdown_waits(
    qtbot: QtBot, store: Store, server: CozeServer
) -> None:
    chats = ChatController(store, lambda bot_id: Connection(server.base_url, TOKEN, bot_id, "user-1"))
    conversations = [store.conversations.create(BOT) for _ in range(3)]
    for _ in conversations:
        server.queue(Scenario("endless", pace=0.01))
    for conversation in conversations:
        chats.send(conversation.id, f"question {conversation.id}")
    qtbot.waitUntil(lambda: server.open_streams == 3, timeout=5000)
    assert chats.shutdown(2000)  # True: every worker ended within the budget
    for conversation in conversations:
        answer = store.messages.page(conversation.id)[-1]
        assert answer.role == "assistant" and answer.status == "cancelled"


def test_without_a_token_the_question_is_kept_and_the_answer_says_why(qtbot: QtBot, store: Store) -> None:
    chats = ChatController(store, lambda bot_id: None)
    conversation = store.conversations.create(BOT)
    assert chats.send(conversation.id, "hello?")
    question, answer = store.messages.page(conversation.id)
    assert question.content == "hello?"
    assert (
        answer.status == "failed" and answer.error is not None and answer.error.kind == "no_token"
    )  # not "Coze refused it" (#17.7)
    assert chats.shutdown(100)


def test_a_finished_chat_leaves_no_worker_or_thread_behind(
    qtbot: QtBot, store: Store, controller: ChatController
) -> None:
    """The soak run found every worker (with its stream and socket) kept alive; now each is deleted."""
    import shiboken6

    conversation = store.conversations.create(BOT)
    controller.send(conversation.id, "hello")
    worker = controller._active[conversation.id].worker
    thread = controller._active[conversation.id].thread
    wait_idle(qtbot, controller, conversation.id)
    qtbot.waitUntil(lambda: not shiboken6.isValid(worker) and not shiboken6.isValid(thread), timeout=3000)


def test_the_worker_only_pumps_one_signal_of_plain_values() -> None:
    """One `turnEvent(int, object)` per event (a TurnEvent value) and `done`: no signal per event kind."""
    meta = ChatWorker.staticMetaObject
    own = [meta.method(i) for i in range(meta.methodOffset(), meta.methodCount())]
    signals = sorted(
        bytes(m.methodSignature().data()).decode() for m in own if m.methodType() == QMetaMethod.MethodType.Signal
    )
    assert signals == ["done()", "turnEvent(int,PyObject)"]
