"""The Coze client against the local Coze server over a real loopback socket: the chat stream."""

from __future__ import annotations

import threading
import time

import pytest

from desktop.core.coze import CozeClient, CozeError, ErrorKind, EventType
from desktop.core.coze.errors import (
    CozeAPIError,
    CozeChatFailed,
    CozeHTTPError,
    CozeProtocolError,
    CozeStreamInterrupted,
)
from desktop.core.coze.stream import ChatStream, socket_of
from desktop.core.cozeserver import CozeServer, Scenario
from desktop.core.vocabulary import ChatOutcome
from tests.coze_fixtures import BOT, TOKEN, USER


def drain(stream: ChatStream) -> list[str]:
    return [event.type for event in stream]


def ask(client: CozeClient, text: str = "hello", conversation_id: str | None = None) -> ChatStream:
    return client.stream_chat(BOT, USER, text, conversation_id=conversation_id)


def chat_requests(server: CozeServer) -> list[dict[str, object]]:
    return [r for r in server.requests if r["path"] == "/v3/chat"]  # type: ignore[index]


def test_a_normal_answer_has_every_event_in_order(client: CozeClient) -> None:
    stream = ask(client, "What can you do?")
    kinds = drain(stream)
    assert kinds[:2] == [EventType.CHAT_CREATED, EventType.CHAT_IN_PROGRESS]
    assert kinds[-2:] == [EventType.CHAT_COMPLETED, EventType.DONE]
    assert kinds.count(EventType.MESSAGE_DELTA) > 10
    transcript = stream.transcript
    assert transcript.outcome is ChatOutcome.COMPLETED
    assert len(transcript.answers) == 1
    assert transcript.text().strip()
    assert len(transcript.follow_ups) == 3
    assert transcript.usage.token_count > 0
    assert transcript.conversation_id and transcript.chat_id
    assert transcript.broken_events == transcript.unknown_events == 0


def test_request_shape(client: CozeClient, server: CozeServer) -> None:
    conversation = client.create_conversation(BOT)
    drain(ask(client, "first", conversation.id))
    drain(ask(client, "second"))
    with_id, without_id = chat_requests(server)
    assert with_id["query"] == {"conversation_id": conversation.id}
    assert "conversation_id" not in without_id["query"]  # left out entirely, not empty
    body = with_id["body"]
    assert isinstance(body, dict)
    assert body["stream"] is True and body["auto_save_history"] is True
    assert body["bot_id"] == BOT and body["user_id"] == USER
    assert body["additional_messages"] == [{"role": "user", "content": "first", "content_type": "text"}]
    assert "conversation_id" not in body
    headers = with_id["headers"]
    assert isinstance(headers, dict)
    lowered = {k.lower(): v for k, v in headers.items()}
    assert lowered["authorization"] == f"Bearer {TOKEN}"
    assert lowered["user-agent"].startswith("coze-desktop/")
    create = next(r for r in server.requests if r["path"] == "/v1/conversation/create")
    assert create["body"] == {"bot_id": BOT}


@pytest.mark.parametrize(
    "framing",
    [
        {"line_ending": "\r\n"},
        {"line_ending": "\r"},
        {"comments": True},
        {"ids": True},
        {"multiline_data": True},
        {"no_trailing_blank_line": True},
        {"chunk_size": 1},
        {"chunk_size": 7, "line_ending": "\r\n"},
        {"chunk_size": 5, "comments": True, "ids": True, "multiline_data": True, "line_ending": "\r"},
    ],
)
def test_every_framing_gives_the_same_answer(
    client: CozeClient, server: CozeServer, framing: dict[str, object]
) -> None:
    text = "你好，世界！Hello, world. 流式输出测试 ✓ " * 3
    server.queue(Scenario("framing", text=text, **framing))
    stream = ask(client)
    drain(stream)
    assert stream.transcript.outcome is ChatOutcome.COMPLETED
    assert stream.transcript.text() == text


def test_interleaved_answers_are_kept_apart_in_order(client: CozeClient, server: CozeServer) -> None:
    server.queue(Scenario("interleaved", text="first answer text", second_text="second answer text"))
    stream = ask(client)
    drain(stream)
    assert stream.transcript.answer_texts() == ["first answer text", "second answer text"]


def test_unknown_events_are_skipped_and_counted(client: CozeClient, server: CozeServer) -> None:
    text = "abc def ghi jkl mno pqr stu vwx yz " * 4  # long enough for several deltas, however it is split
    server.queue(Scenario("unknown_events", text=text))
    stream = ask(client)
    kinds = drain(stream)
    assert stream.transcript.unknown_events > 0
    assert any(kind not in {e.value for e in EventType} for kind in kinds)
    assert stream.transcript.text() == text


def test_broken_json_deltas_are_skipped_and_the_stream_goes_on(client: CozeClient, server: CozeServer) -> None:
    server.queue(Scenario("broken_json", text="some words to stream here, " * 6, count=3))
    stream = ask(client)
    drain(stream)
    assert stream.transcript.broken_events == 3
    assert stream.transcript.outcome is ChatOutcome.COMPLETED


def test_garbage_bytes_do_not_break_the_stream(client: CozeClient, server: CozeServer) -> None:
    server.queue(Scenario("garbage", text="garbage resistant answer"))
    stream = ask(client)
    drain(stream)
    assert stream.transcript.outcome is ChatOutcome.COMPLETED
    assert stream.transcript.text() == "garbage resistant answer"


def test_requires_action(client: CozeClient, server: CozeServer) -> None:
    server.queue(Scenario("requires_action"))
    stream = ask(client)
    drain(stream)
    assert stream.transcript.outcome is ChatOutcome.REQUIRES_ACTION


def test_huge_single_event(client: CozeClient, server: CozeServer) -> None:
    server.queue(Scenario("huge_event", size_bytes=10_000_000))
    stream = ask(client)
    drain(stream)
    assert len(stream.transcript.text().encode()) >= 9_000_000


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        (4100, ErrorKind.INVALID_TOKEN),
        (4015, ErrorKind.BOT_NOT_PUBLISHED),
        (4200, ErrorKind.BOT_NOT_FOUND),
        (4016, ErrorKind.CONVERSATION_BUSY),
        (4008, ErrorKind.QUOTA),
        (4009, ErrorKind.BUSY),
        (4020, ErrorKind.RATE_LIMITED),
        (4011, ErrorKind.BALANCE),
        (4028, ErrorKind.BALANCE),
    ],
)
def test_a_200_json_error_body_instead_of_a_stream(
    client: CozeClient, server: CozeServer, code: int, kind: ErrorKind
) -> None:
    server.queue(Scenario("json_error", code=code))
    with pytest.raises(CozeAPIError) as raised:
        ask(client)
    error = raised.value
    assert (error.code, error.kind, error.status) == (code, kind, 200)
    assert error.msg and error.logid
    assert str(code) in error.summary() and error.logid in error.summary()


def test_logid_comes_from_the_header_and_body(client: CozeClient, server: CozeServer) -> None:
    server.queue(Scenario("http_error_json", status=401, code=4100))
    with pytest.raises(CozeAPIError) as raised:
        ask(client)
    assert raised.value.status == 401 and raised.value.kind is ErrorKind.INVALID_TOKEN
    assert raised.value.logid and len(raised.value.logid) >= 20


def test_wrong_token(server: CozeServer) -> None:
    with CozeClient("pat_wrong", server.base_url) as bad, pytest.raises(CozeAPIError) as raised:
        ask(bad)
    assert raised.value.code == 4100 and raised.value.kind is ErrorKind.INVALID_TOKEN


def test_html_error_page(client: CozeClient, server: CozeServer) -> None:
    server.queue(Scenario("http_error_html", status=502))
    with pytest.raises(CozeHTTPError) as raised:
        ask(client)
    assert raised.value.status == 502 and raised.value.kind is ErrorKind.SERVER
    assert "502 Bad Gateway" in raised.value.msg and "<" not in raised.value.msg
    assert raised.value.logid


def test_a_gateways_408_page_is_a_timeout_not_a_rejected_request(client: CozeClient, server: CozeServer) -> None:
    """coze-js makes HTTP 408 a TimeoutError (packages/coze-js/src/error.ts APIError.generate), apart from
    400 BadRequestError: the request was fine, the answer did not come in time."""
    server.queue(Scenario("http_error_html", status=408))
    with pytest.raises(CozeHTTPError) as raised:
        ask(client)
    assert raised.value.status == 408 and raised.value.kind is ErrorKind.TIMEOUT


def test_html_page_with_200(client: CozeClient, server: CozeServer) -> None:
    server.queue(Scenario("html_200"))
    with pytest.raises(CozeProtocolError) as raised:
        ask(client)
    assert raised.value.kind is ErrorKind.PROTOCOL and "Wi-Fi" in raised.value.msg


def test_rate_limited_with_retry_after(client: CozeClient, server: CozeServer) -> None:
    server.queue(Scenario("rate_limited", retry_after=7, code=4020))
    with pytest.raises(CozeAPIError) as raised:
        ask(client)
    assert raised.value.status == 429 and raised.value.retry_after == 7
    assert raised.value.kind is ErrorKind.RATE_LIMITED


def test_chat_failed_keeps_the_partial_answer(client: CozeClient, server: CozeServer) -> None:
    server.queue(Scenario("chat_failed", text="partial answer that will fail", after_deltas=3, code=5000, msg="boom"))
    stream = ask(client)
    with pytest.raises(CozeChatFailed) as raised:
        drain(stream)
    assert raised.value.code == 5000 and raised.value.msg == "boom" and raised.value.logid
    assert stream.transcript.outcome is ChatOutcome.FAILED
    assert stream.transcript.text()  # what arrived is kept


def test_error_event(client: CozeClient, server: CozeServer) -> None:
    server.queue(Scenario("error_event", text="some text before the error", after_deltas=2, code=4000, msg="bad"))
    stream = ask(client)
    with pytest.raises(CozeChatFailed) as raised:
        drain(stream)
    assert raised.value.code == 4000 and raised.value.msg == "bad"
    assert stream.transcript.text()


def test_an_error_envelope_ending_the_body_mid_stream_is_an_error_event(client: CozeClient, server: CozeServer) -> None:
    """Events, then `{"code","msg"}` with no line end, then the end of the body: coze-js reads that last line as
    an `error` event (packages/coze-js/src/fetcher.ts stream(), "If the stream ends without a newline, it means
    an error occurred"): Coze's code and message, not a dropped connection."""
    server.queue(Scenario("trailing_json_error", text="some text before the error", after_deltas=2, code=4013))
    stream = ask(client)
    events: list[str] = []
    with pytest.raises(CozeChatFailed) as raised:
        for event in stream:
            events.append(event.type)
    assert raised.value.code == 4013 and raised.value.kind is ErrorKind.MODEL_LIMIT and raised.value.logid
    assert events[-1] == EventType.ERROR and events.count(EventType.MESSAGE_DELTA) == 2
    assert stream.transcript.outcome is ChatOutcome.FAILED
    assert stream.transcript.text()


def test_an_error_message_without_a_code_ending_the_body_mid_stream_is_an_error_too(
    client: CozeClient, server: CozeServer
) -> None:
    """The same unended last line as `{"error_message": ...}` with no code, which coze-py raises as an error
    (cozepy/request.py _format_requests_code_msg) and which ChatStream reads as one before any event: after
    events it was a dropped connection ("the answer was cut off")."""
    data = '{"error_message": "quota used up"}'
    server.queue(Scenario("trailing_json_error", text="some text before the error", after_deltas=2, data=data))
    stream = ask(client)
    events: list[str] = []
    with pytest.raises(CozeChatFailed):
        for event in stream:
            events.append(event.type)
    assert events[-1] == EventType.ERROR and events.count(EventType.MESSAGE_DELTA) == 2
    assert stream.transcript.text()


@pytest.mark.parametrize("reset", [False, True])
def test_dropped_connection_keeps_what_arrived(client: CozeClient, server: CozeServer, reset: bool) -> None:
    server.queue(Scenario("drop", text="one two three four five six seven eight", after_deltas=4, reset=reset))
    stream = ask(client)
    events: list[str] = []
    with pytest.raises(CozeStreamInterrupted) as raised:
        for event in stream:
            events.append(event.type)
    assert raised.value.kind is ErrorKind.INTERRUPTED and raised.value.logid
    assert stream.transcript.outcome is ChatOutcome.INTERRUPTED
    assert stream.transcript.text()
    assert events.count(EventType.MESSAGE_DELTA) >= 1


def test_read_timeout_is_an_interruption(server: CozeServer) -> None:
    server.queue(Scenario("stall", text="a b c d e f", after_deltas=2, seconds=30))
    with CozeClient(TOKEN, server.base_url, read_timeout=0.5) as impatient:
        stream = ask(impatient)
        with pytest.raises(CozeStreamInterrupted) as raised:
            drain(stream)
    assert raised.value.kind is ErrorKind.TIMEOUT
    assert stream.transcript.text()


@pytest.mark.parametrize("scenario", ["endless", "stall"])
def test_cancel_from_another_thread_is_prompt_and_cancels_on_the_server(
    client: CozeClient, server: CozeServer, scenario: str
) -> None:
    params = {"seconds": 60.0} if scenario == "stall" else {"pace": 0.01}
    server.queue(Scenario(scenario, **params))
    stream = ask(client)
    first_delta = threading.Event()
    finished = threading.Event()
    seen: list[str] = []

    def read() -> None:
        for event in stream:
            seen.append(event.type)
            if event.type == EventType.MESSAGE_DELTA:
                first_delta.set()
        finished.set()

    reader = threading.Thread(target=read)
    reader.start()
    assert first_delta.wait(5)
    stream.cancel()
    assert finished.wait(10), "the (endless) stream did not stop when cancelled"
    reader.join(5)
    assert stream.cancelled and stream.transcript.outcome is ChatOutcome.CANCELLED
    chat = stream.transcript.chat
    assert chat is not None
    deadline = time.monotonic() + 5
    while (chat.conversation_id, chat.id) not in server.cancelled_chats and time.monotonic() < deadline:
        threading.Event().wait(0.01)
    assert (chat.conversation_id, chat.id) in server.cancelled_chats
    while server.open_streams and time.monotonic() < deadline:
        threading.Event().wait(0.01)
    assert server.open_streams == 0


def test_multi_turn_context_is_visible(client: CozeClient) -> None:
    conversation = client.create_conversation(BOT)
    drain(ask(client, "My name is Alice.", conversation.id))
    second = ask(client, "What is my name?", conversation.id)
    drain(second)
    assert "Alice" in second.transcript.text()


def test_connection_refused() -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with (
        CozeClient(TOKEN, f"http://127.0.0.1:{port}", connect_timeout=2) as nowhere,
        pytest.raises(CozeError) as raised,
    ):
        ask(nowhere)
    assert raised.value.kind is ErrorKind.NETWORK


def test_cancel_before_the_chat_id_arrived_still_cancels_on_the_server(client: CozeClient, server: CozeServer) -> None:
    server.queue(Scenario("endless", pace=0.01))
    stream = ask(client)
    stream.cancel()  # Stop pressed right after sending: no event read yet
    assert list(stream) == []  # nothing more is shown (the stream itself never ends: this returns only if cancelled)
    chat = stream.transcript.chat
    assert chat is not None and stream.transcript.outcome is ChatOutcome.CANCELLED
    assert (chat.conversation_id, chat.id) in server.cancelled_chats


def test_consecutive_chats_reuse_one_connection(client: CozeClient) -> None:
    conversation = client.create_conversation(BOT)
    local_ports = set()
    for question in ("one", "two", "three"):
        stream = ask(client, question, conversation.id)
        sock = socket_of(stream._response)
        assert sock is not None
        local_ports.add(sock.getsockname()[1])  # our end of the TCP connection this answer streams on
        drain(stream)
        assert stream.transcript.outcome is ChatOutcome.COMPLETED
    assert len(local_ports) == 1  # one connection for all: no new TCP (and, on Coze, TLS) handshake per answer


def test_a_head_that_trickles_in_hits_the_connect_and_read_deadline(server: CozeServer) -> None:
    # A gateway sends the status line and headers one byte every 0.2 s (~40 s in all). Each byte would
    # reset a per-read timeout; the head as a whole must arrive within connect + read timeout (1.5 s).
    server.queue(Scenario("slow_headers", every=0.2))
    started = time.monotonic()
    with (
        CozeClient(TOKEN, server.base_url, connect_timeout=0.5, read_timeout=1.0) as slow,
        pytest.raises(CozeError) as raised,
    ):
        ask(slow)
    assert raised.value.kind is ErrorKind.TIMEOUT
    assert time.monotonic() - started < 4


def test_a_head_that_trickles_in_within_the_deadline_is_read(server: CozeServer) -> None:
    server.queue(Scenario("slow_headers", every=0.002, code=5000))
    with (
        CozeClient(TOKEN, server.base_url, connect_timeout=5, read_timeout=5) as patient,
        pytest.raises(CozeError) as raised,
    ):
        ask(patient)
    assert raised.value.kind is not ErrorKind.TIMEOUT  # the gateway's own error, read in full
    assert raised.value.status == 502


@pytest.mark.parametrize(("code", "kind"), [(4101, ErrorKind.PERMISSION), (4015, ErrorKind.BOT_NOT_PUBLISHED)])
def test_a_json_error_sent_as_the_event_stream_is_that_error(
    client: CozeClient, server: CozeServer, code: int, kind: ErrorKind
) -> None:
    """Coze's error JSON under `text/event-stream`, with no event lines: both SDKs surface it as an error
    (coze-js fetcher.ts reads the unterminated body as an `error` event), not as a dropped connection."""
    server.queue(Scenario("stream_json_error", code=code))
    stream = ask(client)
    with pytest.raises(CozeAPIError) as raised:
        drain(stream)
    error = raised.value
    assert (error.code, error.kind, error.status) == (code, kind, 200)
    assert error.msg and error.logid == stream.logid
    assert stream.transcript.outcome is ChatOutcome.FAILED


def test_fields_and_events_coze_may_add_later_change_nothing(client: CozeClient, server: CozeServer) -> None:
    """Forward compatibility: unknown fields in every event object (one a nested "content" before the real
    one, one changing per chat event) and an unknown event holding an answer-shaped message."""
    text = "Every word arrives, 每个字都到。"
    server.queue(Scenario("future_fields", text=text))
    stream = ask(client)
    events = list(stream)
    deltas = [e.message.content for e in events if e.type == EventType.MESSAGE_DELTA and e.message is not None]
    assert "".join(deltas) == text
    transcript = stream.transcript
    assert transcript.outcome is ChatOutcome.COMPLETED and transcript.text() == text
    assert transcript.usage.token_count > 0 and len(transcript.follow_ups) == 3
    assert (transcript.unknown_events, transcript.broken_events) == (1, 0)
