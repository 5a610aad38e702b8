"""Coze's error table: every code the issue names gets its kind and a sentence (zh + en) with what to do,
and the "not now" codes are retried (bounded, announced, cancellable) — all over loopback."""

from __future__ import annotations

import pytest

from desktop.core.coze import CozeClient
from desktop.core.coze.backoff import Backoff, RetryCancelled, call_with_backoff
from desktop.core.coze.error_text import describe, error_text, text_for
from desktop.core.coze.errors import CozeAPIError, CozeError, ErrorKind
from desktop.core.coze.stream import ChatStream
from desktop.core.cozeserver import CozeServer, Scenario
from tests.coze_fixtures import BOT, USER
from tests.waits import Waits

TABLE = [
    (4008, ErrorKind.QUOTA, "tomorrow", "明天"),
    (4009, ErrorKind.BUSY, "retries", "重试"),
    (4010, ErrorKind.PROMPT_TOO_LONG, "new chat", "新建对话"),
    (4011, ErrorKind.BALANCE, "Top up", "充值"),
    (4028, ErrorKind.BALANCE, "Top up", "充值"),
    (4012, ErrorKind.INVALID_MODEL, "another model", "换一个模型"),
    (4013, ErrorKind.MODEL_LIMIT, "retries", "重试"),
    (4014, ErrorKind.CANNOT_ANSWER, "Ask it differently", "换个问法"),
    (4015, ErrorKind.BOT_NOT_PUBLISHED, "tick “API”", "勾选“API”"),
    (4016, ErrorKind.CONVERSATION_BUSY, "stop it", "停止"),
    (4019, ErrorKind.OVERDUE, "overdue", "欠费"),
    (4027, ErrorKind.OVERDUE, "overdue", "欠费"),
    (4020, ErrorKind.RATE_LIMITED, "retries", "重试"),
    (4100, ErrorKind.INVALID_TOKEN, "30 days", "30 天"),
    (700012006, ErrorKind.INVALID_TOKEN, "open/oauth/pats", "open/oauth/pats"),
    (4101, ErrorKind.PERMISSION, "other region", "另一个区域"),
    (4102, ErrorKind.CONTENT_REJECTED, "risk control", "风控"),
    (4104, ErrorKind.CHAT_NOT_RUNNING, "already ended", "已经结束"),
]


def ask(client: CozeClient) -> ChatStream:
    return client.stream_chat(BOT, USER, "hello")


@pytest.mark.parametrize(("code", "kind", "en_hint", "zh_hint"), TABLE)
def test_each_code_has_its_kind_and_a_sentence_in_both_languages(
    client: CozeClient, server: CozeServer, code: int, kind: ErrorKind, en_hint: str, zh_hint: str
) -> None:
    server.queue(Scenario("json_error", code=code))
    with pytest.raises(CozeAPIError) as raised:
        ask(client)
    error = raised.value
    assert (error.code, error.kind) == (code, kind)
    assert error.msg != "Unknown error."  # the server knows Coze's message for every code in the table
    assert en_hint in describe(error, "en")
    assert zh_hint in describe(error, "zh_CN")
    assert error.retryable is (code in (4009, 4013, 4020))


def test_4102_is_risk_control_not_an_invalid_token() -> None:
    error = CozeAPIError("rejected", code=4102)
    assert error.kind is ErrorKind.CONTENT_REJECTED
    assert "token" not in describe(error, "en").lower()


def test_every_kind_has_both_languages() -> None:
    for kind in ErrorKind:
        en, zh = error_text(kind, "en"), error_text(kind, "zh_CN")
        assert en.sentence and en.action and zh.sentence and zh.action
        assert en != zh


def test_a_4101_on_a_known_call_names_the_missing_permission() -> None:
    error = CozeAPIError("no permission", code=4101)
    error.permission = "listBot"
    assert "listBot" in text_for(error, "en").sentence
    assert "paste a bot ID" in text_for(error, "en").action
    assert "listBot" in text_for(error, "zh_CN").sentence and "粘贴智能体 ID" in text_for(error, "zh_CN").action


# -- backoff ---------------------------------------------------------------------------------------


def chat_requests(server: CozeServer) -> int:
    return sum(1 for r in server.requests if r.path == "/v3/chat")


@pytest.mark.parametrize("code", [4009, 4013, 4020])
def test_busy_codes_are_retried_then_the_answer_streams(client: CozeClient, server: CozeServer, code: int) -> None:
    server.queue(Scenario("json_error", code=code))
    server.queue(Scenario("json_error", code=code))
    waits = Waits()
    announced: list[tuple[float, int, int | None]] = []
    stream = call_with_backoff(
        lambda: ask(client), Backoff((1.0, 2.0, 4.0)), waits, lambda s, n, e: announced.append((s, n, e.code))
    )
    assert "".join(stream.transcript.text() for _ in stream)
    assert announced == [(1.0, 1, code), (2.0, 2, code)]
    assert waits.seconds == [1.0, 2.0]
    assert chat_requests(server) == 3


def test_retries_are_bounded(client: CozeClient, server: CozeServer) -> None:
    for _ in range(5):
        server.queue(Scenario("json_error", code=4009))
    waits = Waits()
    with pytest.raises(CozeAPIError) as raised:
        call_with_backoff(lambda: ask(client), Backoff((1.0, 1.0, 1.0)), waits, lambda *_: None)
    assert raised.value.code == 4009
    assert chat_requests(server) == 4 and len(waits.seconds) == 3


def test_429_honours_retry_after(client: CozeClient, server: CozeServer) -> None:
    server.queue(Scenario("rate_limited", retry_after=7, code=4020))
    waits = Waits()
    call_with_backoff(lambda: ask(client), Backoff((1.0,)), waits, lambda *_: None).cancel()
    assert waits.seconds == [7.0]


def test_a_retry_after_too_long_to_wait_for_is_shown_at_once(client: CozeClient, server: CozeServer) -> None:
    server.queue(Scenario("rate_limited", retry_after=3600, code=4020))
    waits = Waits()
    with pytest.raises(CozeAPIError):
        call_with_backoff(lambda: ask(client), Backoff((1.0,)), waits, lambda *_: None)
    assert waits.seconds == []


def test_cancel_during_the_wait_stops_at_once(client: CozeClient, server: CozeServer) -> None:
    server.queue(Scenario("json_error", code=4009))
    waits = Waits(cancel_at=1)
    with pytest.raises(RetryCancelled) as raised:
        call_with_backoff(lambda: ask(client), Backoff((1.0, 2.0)), waits, lambda *_: None)
    assert raised.value.error.code == 4009
    assert chat_requests(server) == 1


@pytest.mark.parametrize("code", [4008, 4015, 4100, 4102])
def test_other_codes_are_not_retried(client: CozeClient, server: CozeServer, code: int) -> None:
    server.queue(Scenario("json_error", code=code))
    waits = Waits()
    with pytest.raises(CozeError):
        call_with_backoff(lambda: ask(client), Backoff((1.0,)), waits, lambda *_: None)
    assert waits.seconds == [] and chat_requests(server) == 1
