"""Scenarios that shape the SSE stream, checked at the byte level."""

from __future__ import annotations

import json
import re
import time
from typing import Any

import pytest

from desktop.core.cozeserver import CozeServer, Scenario
from desktop.core.cozeserver.sse_writer import FLUSH_BYTES

from .rawhttp import RawConnection, RawResponse, chat_body, wait_until

DELTA = "conversation.message.delta"


def play(server: CozeServer, conn: RawConnection, scenario: Scenario, question: str = "hello") -> RawResponse:
    server.queue(scenario)
    return conn.request("POST", "/v3/chat", chat_body(question))


def good_deltas(response: RawResponse) -> list[dict[str, Any]]:
    parsed = []
    for name, data in response.events():
        if name == DELTA:
            try:
                parsed.append(json.loads(data))
            except ValueError:
                continue
    return parsed


def answer(response: RawResponse) -> str:
    completed = response.event_json("conversation.message.completed")
    content: str = next(m["content"] for m in completed if m["type"] == "answer")
    return content


def test_chat_failed(server: CozeServer, conn: RawConnection) -> None:
    response = play(server, conn, Scenario("chat_failed", after_deltas=3, code=5000, msg="model overloaded"))
    names = [name for name, _ in response.events()]
    assert names == [
        "conversation.chat.created",
        "conversation.chat.in_progress",
        DELTA,
        DELTA,
        DELTA,
        "conversation.chat.failed",
        "done",
    ]
    failed = response.event_json("conversation.chat.failed")[0]
    assert failed["status"] == "failed"
    assert failed["last_error"] == {"code": 5000, "msg": "model overloaded"}
    assert failed["failed_at"] >= failed["created_at"]
    query = f"conversation_id={failed['conversation_id']}&chat_id={failed['id']}"
    assert conn.request("GET", f"/v3/chat/retrieve?{query}").json()["data"]["status"] == "failed"


def test_error_event(server: CozeServer, conn: RawConnection) -> None:
    response = play(server, conn, Scenario("error_event", after_deltas=2, code=4000, msg="bad request"))
    assert response.complete
    assert response.body.endswith(b'\n\nevent:error\ndata:{"code":4000,"msg":"bad request"}\n\n')
    assert [name for name, _ in response.events()].count(DELTA) == 2


@pytest.mark.parametrize("reset", [False, True])
def test_drop_cuts_the_chunked_body(server: CozeServer, conn: RawConnection, reset: bool) -> None:
    response = play(server, conn, Scenario("drop", after_deltas=5, reset=reset))
    assert response.status == 200
    assert not response.complete  # no terminating chunk
    assert [name for name, _ in response.events()].count(DELTA) == 5
    assert response.body.endswith(b"\n\n")  # cut at an event boundary
    if not reset:
        assert conn.at_eof()
    wait_until(lambda: server.open_streams == 0)


def test_stall_pauses_then_finishes(server: CozeServer, conn: RawConnection) -> None:
    server.queue(Scenario("stall", after_deltas=2, seconds=0.3))
    conn.send("POST", "/v3/chat", chat_body("hello"))
    conn.read_head()
    before = conn.read_chunk()
    assert before is not None
    assert before.count(b"event:conversation.message.delta") == 2
    started = time.monotonic()
    after = conn.read_chunk()
    assert time.monotonic() - started >= 0.25
    assert after is not None
    while conn.read_chunk() is not None:
        pass


def test_stall_ends_when_the_client_leaves(server: CozeServer) -> None:
    server.queue(Scenario("stall", after_deltas=1, seconds=60))
    with RawConnection(server.port) as stream:
        stream.send("POST", "/v3/chat", chat_body("hello"))
        stream.read_head()
        assert stream.read_chunk() is not None
        assert server.open_streams == 1
    wait_until(lambda: server.open_streams == 0, timeout=2)


def test_endless_runs_until_the_client_leaves(server: CozeServer) -> None:
    server.queue(Scenario("endless", pace=0.001, text="la la la "))
    with RawConnection(server.port) as stream:
        stream.send("POST", "/v3/chat", chat_body("hello"))
        stream.read_head()
        received = b""
        while received.count(b"event:conversation.message.delta") < 100:
            chunk = stream.read_chunk()
            assert chunk is not None
            received += chunk
    wait_until(lambda: server.open_streams == 0, timeout=2)


def test_garbage_between_events(server: CozeServer, conn: RawConnection) -> None:
    response = play(server, conn, Scenario("garbage", every=3))
    assert response.complete
    assert b"this line is not SSE at all" in response.body
    with pytest.raises(UnicodeDecodeError):
        response.body.decode("utf-8")
    deltas = [data for name, data in response.events() if name == DELTA]
    broken = [d for d in deltas if not _is_json(d)]
    assert len(broken) == 1
    assert "".join(d["content"] for d in good_deltas(response)) == answer(response)
    assert response.events()[-1] == ("done", '"[DONE]"')


def test_broken_json_deltas(server: CozeServer, conn: RawConnection) -> None:
    response = play(server, conn, Scenario("broken_json", count=3))
    deltas = [data for name, data in response.events() if name == DELTA]
    assert sum(not _is_json(d) for d in deltas) == 3
    assert "".join(d["content"] for d in good_deltas(response)) == answer(response)


def test_unknown_events_are_interleaved(server: CozeServer, conn: RawConnection) -> None:
    response = play(server, conn, Scenario("unknown_events", every=2))
    names = {name for name, _ in response.events()}
    assert {"conversation.message.trace", "conversation.chat.heartbeat", "ping"} <= names
    assert "".join(d["content"] for d in good_deltas(response)) == answer(response)


def test_future_fields_widen_every_event_object(server: CozeServer, conn: RawConnection) -> None:
    response = play(server, conn, Scenario("future_fields"))
    events = response.events()
    objects = [
        json.loads(data) for name, data in events if data.startswith("{") and name != "conversation.message.final"
    ]
    assert objects and all(o["x_flags"] == [None, True] and o["x_trace"]["content"] for o in objects)
    assert [name for name, _ in events].count("conversation.message.final") == 1
    assert events[-1] == ("done", '"[DONE]"')
    assert "".join(d["content"] for d in good_deltas(response)) == answer(response)


def test_interleaved_answers(server: CozeServer, conn: RawConnection) -> None:
    first, second = "the first answer has quite a few words", "and the second one has some words too"
    response = play(server, conn, Scenario("interleaved", text=first, second_text=second))
    ids = [d["id"] for d in good_deltas(response)]
    assert ids[0] != ids[1]
    assert ids[:4] == [ids[0], ids[1], ids[0], ids[1]]
    completed = response.event_json("conversation.message.completed")
    assert [m["type"] for m in completed] == ["answer", "answer", "verbose", "follow_up", "follow_up", "follow_up"]
    for message in completed[:2]:
        text = "".join(d["content"] for d in good_deltas(response) if d["id"] == message["id"])
        assert text == message["content"]
    assert [m["content"] for m in completed[:2]] == [first, second]


def test_long_answer_streams_a_megabyte_fast(server: CozeServer, conn: RawConnection) -> None:
    response = play(server, conn, Scenario("long_answer", size_bytes=1_000_000, deltas=30_000))
    deltas = good_deltas(response)
    assert len(deltas) == 30_000
    content = answer(response)
    assert 999_990 <= len(content.encode()) <= 1_000_000
    assert re.search(r"[\u4e00-\u9fff]", content)
    assert "quick brown fox" in content
    assert "".join(d["content"] for d in deltas) == content
    # Fast = no pause and no flush per delta: 30,000 deltas go out in FLUSH_BYTES pieces (a few dozen
    # chunks), counted on the wire instead of timed (a bound in seconds failed under load).
    assert len(response.chunks) <= len(response.body) // FLUSH_BYTES + 2


def test_huge_event_is_one_ten_megabyte_delta(server: CozeServer, conn: RawConnection) -> None:
    response = play(server, conn, Scenario("huge_event", size_bytes=10_000_000))
    deltas = good_deltas(response)
    assert len(deltas) == 1
    assert 9_999_990 <= len(deltas[0]["content"].encode()) <= 10_000_000
    assert response.events()[-1][0] == "done"


def test_slow_paces_the_deltas(server: CozeServer, conn: RawConnection) -> None:
    response = play(server, conn, Scenario("slow", pace=0.03, text="one two three four five six seven eight nine"))
    assert len(good_deltas(response)) >= 4
    assert len(response.chunks) >= len(good_deltas(response))  # each paced delta is flushed in its own chunk
    seconds = server.last_stream_seconds
    assert seconds is not None
    assert seconds >= 0.03 * len(good_deltas(response)) * 0.9


def _is_json(data: str) -> bool:
    try:
        json.loads(data)
    except ValueError:
        return False
    return True


def test_trailing_json_error_ends_the_body_with_a_bare_envelope_and_no_line_end(
    server: CozeServer, conn: RawConnection
) -> None:
    response = play(server, conn, Scenario("trailing_json_error", after_deltas=2, code=4013, msg="slow down"))
    assert response.complete
    assert response.body.endswith(b'\n\n{"code":4013,"msg":"slow down"}')  # no event line, no line end
    assert [name for name, _ in response.events()].count(DELTA) == 2
