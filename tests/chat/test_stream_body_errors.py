"""A Coze error sent in a chat stream's body is what the same code refusing the request is, as long as nothing
was shown: busy / too fast waits and asks again (announced), and the failed chat leaves Coze first. After
answer text nothing is sent again. ChatPump against the local Coze server over loopback."""

from __future__ import annotations

import threading

import pytest

from desktop.core.chat import ChatPump, TurnEvent, TurnRequest
from desktop.core.chat.events import AnswerDelta, ConversationCreated, Ended, Retrying
from desktop.core.coze import CozeClient
from desktop.core.coze.backoff import Backoff
from desktop.core.coze.errors import ErrorKind
from desktop.core.cozeserver import CozeServer, Scenario
from desktop.core.vocabulary import ChatOutcome
from tests.coze_fixtures import BOT, USER

QUICK = Backoff(delays=(0.01, 0.01))


def run(client: CozeClient, request: TurnRequest) -> list[TurnEvent]:
    events: list[TurnEvent] = []
    ChatPump(request).run(client, events.append)
    return events


def chats_sent(server: CozeServer) -> int:
    return sum(1 for r in server.requests if r.path == "/v3/chat")


def answer_of(events: list[TurnEvent]) -> str:
    return "".join(e.text for e in events if isinstance(e, AnswerDelta))


@pytest.mark.parametrize(
    "scenario",
    [
        Scenario("error_event", text="never shown", after_deltas=0, code=4009),  # after chat.created
        Scenario("error_event_first", code=4020),  # the stream's only event
        Scenario("stream_json_error", code=4013),  # the envelope as the stream
        Scenario("trailing_json_error", text="never shown", after_deltas=0, code=4009),  # the envelope, unended
    ],
    ids=["error_event", "error_event_first", "stream_json_error", "trailing_json_error"],
)
def test_busy_before_the_answer_is_retried_like_a_refused_request(
    client: CozeClient, server: CozeServer, scenario: Scenario
) -> None:
    server.queue(scenario)
    server.queue(Scenario("framing", text="the answer after the wait"))
    events = run(client, TurnRequest(BOT, USER, "the question", backoff=QUICK))
    assert events[-1] == Ended(ChatOutcome.COMPLETED)
    (retry,) = [e for e in events if isinstance(e, Retrying)]
    assert (retry.seconds, retry.attempt, retry.code) == (0.01, 1, scenario.params["code"])
    assert answer_of(events) == "the answer after the wait"
    assert chats_sent(server) == 2
    (created,) = [e for e in events if isinstance(e, ConversationCreated)]
    on_coze = client.list_messages(created.coze_conversation_id, order="asc").messages
    assert [m.content for m in on_coze if m.role == "user"] == ["the question"]  # the failed chat left Coze


def test_busy_retries_run_out_into_the_error(client: CozeClient, server: CozeServer) -> None:
    for _ in range(3):
        server.queue(Scenario("error_event_first", code=4013))
    ended = run(client, TurnRequest(BOT, USER, "hi", backoff=QUICK))[-1]
    assert isinstance(ended, Ended) and ended.outcome is ChatOutcome.FAILED
    assert ended.failure is not None and ended.failure.kind is ErrorKind.MODEL_LIMIT and ended.failure.logid
    assert chats_sent(server) == 3


def test_busy_after_answer_text_is_not_sent_again(client: CozeClient, server: CozeServer) -> None:
    server.queue(Scenario("error_event", text="alpha beta gamma delta", after_deltas=2, code=4009))
    events = run(client, TurnRequest(BOT, USER, "hi", backoff=QUICK))
    assert not any(isinstance(e, Retrying) for e in events) and chats_sent(server) == 1
    assert answer_of(events) and "alpha beta gamma delta".startswith(answer_of(events))
    ended = events[-1]
    assert isinstance(ended, Ended) and ended.outcome is ChatOutcome.FAILED
    assert ended.failure is not None and ended.failure.kind is ErrorKind.BUSY_PARTWAY
    assert (
        ended.failure.code == 4009
        and ended.failure.logid == [r for r in server.requests if r.path == "/v3/chat"][-1].logid
    )


def test_a_4100_in_the_body_with_a_fixed_token_is_that_error_at_once(client: CozeClient, server: CozeServer) -> None:
    server.queue(Scenario("error_event_first", code=4100))
    ended = run(client, TurnRequest(BOT, USER, "hi", backoff=QUICK))[-1]
    assert isinstance(ended, Ended) and ended.failure is not None and ended.failure.kind is ErrorKind.INVALID_TOKEN
    assert chats_sent(server) == 1  # nothing to renew a personal access token with


def test_stop_during_the_wait_ends_the_chat_cancelled(client: CozeClient, server: CozeServer) -> None:
    server.queue(Scenario("error_event_first", code=4009))
    pump = ChatPump(TurnRequest(BOT, USER, "hi", backoff=Backoff(delays=(60.0,))))
    events: list[TurnEvent] = []
    waiting = threading.Event()

    def emit(event: TurnEvent) -> None:
        events.append(event)
        if isinstance(event, Retrying):
            waiting.set()

    reader = threading.Thread(target=pump.run, args=(client, emit))
    reader.start()
    assert waiting.wait(10)
    pump.stop()
    reader.join(10)
    assert not reader.is_alive() and events[-1] == Ended(ChatOutcome.CANCELLED)
    assert chats_sent(server) == 1
