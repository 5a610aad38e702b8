"""ChatPump against the local Coze server over loopback: which values one chat emits, in order."""

from __future__ import annotations

import threading

from desktop.core.chat import ChatPump, TurnEvent, TurnRequest
from desktop.core.chat.events import (
    AnswerCompleted,
    AnswerDelta,
    ChatStarted,
    ConversationCreated,
    Ended,
    FollowUps,
    Retrying,
    UsageReported,
)
from desktop.core.coze import ChatEvent, CozeClient
from desktop.core.coze.backoff import Backoff
from desktop.core.coze.errors import ErrorKind
from desktop.core.cozeserver import CozeServer, Scenario
from desktop.core.vocabulary import ChatOutcome
from tests.coze_fixtures import BOT, USER


def run(client: CozeClient, request: TurnRequest) -> list[TurnEvent]:
    events: list[TurnEvent] = []
    ChatPump(request).run(client, events.append)
    return events


def test_a_chat_from_the_start(client: CozeClient, server: CozeServer) -> None:
    server.queue(Scenario("framing", text="你好！I am the answer."))
    raw: list[ChatEvent] = []
    events: list[TurnEvent] = []
    ChatPump(TurnRequest(BOT, USER, "hello")).run(client, events.append, on_raw=raw.append)
    kinds = [type(e) for e in events]
    assert kinds[:2] == [ConversationCreated, ChatStarted]
    assert kinds[-3:] == [UsageReported, FollowUps, Ended]
    deltas = [e for e in events if isinstance(e, AnswerDelta)]
    assert "".join(d.text for d in deltas) == "你好！I am the answer."
    assert all(d.text or d.reasoning for d in deltas)  # one value per delta that says something
    (completed,) = [e for e in events if isinstance(e, AnswerCompleted)]
    assert completed.content == "你好！I am the answer."
    assert events[-1] == Ended(ChatOutcome.COMPLETED)
    assert len(raw) > len(events)  # every Coze event reaches the raw observer (`ask --json`)


def test_a_known_conversation_is_not_created_again(client: CozeClient) -> None:
    coze_id = client.create_conversation(BOT).id
    events = run(client, TurnRequest(BOT, USER, "again", coze_conversation_id=coze_id))
    assert not any(isinstance(e, ConversationCreated) for e in events)
    assert events[-1] == Ended(ChatOutcome.COMPLETED)


def test_interleaved_answers_keep_their_ids(client: CozeClient, server: CozeServer) -> None:
    server.queue(Scenario("interleaved", text="first message", second_text="second message"))
    events = run(client, TurnRequest(BOT, USER, "hi"))
    texts: dict[str, str] = {}
    for event in events:
        if isinstance(event, AnswerDelta):
            texts[event.coze_message_id] = texts.get(event.coze_message_id, "") + event.text
    assert sorted(texts.values()) == ["first message", "second message"]


def test_failures_end_the_chat_with_a_plain_failure(client: CozeClient, server: CozeServer) -> None:
    server.queue(Scenario("chat_failed", code=5000, msg="model overloaded"))
    ended = run(client, TurnRequest(BOT, USER, "hi"))[-1]
    assert isinstance(ended, Ended) and ended.outcome is ChatOutcome.FAILED
    assert ended.failure is not None and ended.failure.code == 5000 and ended.failure.logid
    assert "Coze code 5000" in ended.failure.summary

    server.queue(Scenario("drop", text="alpha beta gamma delta", after_deltas=2))
    ended = run(client, TurnRequest(BOT, USER, "hi"))[-1]
    assert isinstance(ended, Ended) and ended.outcome is ChatOutcome.INTERRUPTED
    assert ended.failure is not None and ended.failure.kind is ErrorKind.INTERRUPTED


def test_requires_action_is_a_failure_and_the_chat_is_cancelled(client: CozeClient, server: CozeServer) -> None:
    server.queue(Scenario("requires_action"))
    ended = run(client, TurnRequest(BOT, USER, "weather?"))[-1]
    assert isinstance(ended, Ended) and ended.outcome is ChatOutcome.REQUIRES_ACTION
    assert ended.failure is not None and ended.failure.kind is ErrorKind.REQUIRES_ACTION
    assert len(server.cancelled_chats) == 1  # or the conversation stays busy (4016)


def test_busy_is_retried_and_announced(client: CozeClient, server: CozeServer) -> None:
    server.queue(Scenario("rate_limited", retry_after=0))
    events = run(client, TurnRequest(BOT, USER, "hi", backoff=Backoff(delays=(0.01, 0.01))))
    retries = [e for e in events if isinstance(e, Retrying)]
    assert len(retries) == 1 and retries[0].summary
    assert events[-1] == Ended(ChatOutcome.COMPLETED)


def test_stop_from_another_thread_ends_the_chat_cancelled(client: CozeClient, server: CozeServer) -> None:
    server.queue(Scenario("endless", pace=0.01))
    pump = ChatPump(TurnRequest(BOT, USER, "go on"))
    events: list[TurnEvent] = []
    some = threading.Event()

    def emit(event: TurnEvent) -> None:
        events.append(event)
        if sum(isinstance(e, AnswerDelta) for e in events) >= 3:
            some.set()

    reader = threading.Thread(target=pump.run, args=(client, emit))
    reader.start()
    assert some.wait(10)
    pump.stop()
    reader.join(10)
    assert not reader.is_alive()
    assert events[-1] == Ended(ChatOutcome.CANCELLED)
    assert sum(isinstance(e, Ended) for e in events) == 1
