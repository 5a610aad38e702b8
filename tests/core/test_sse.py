"""The SSE parser against the WHATWG event-stream rules and the ways real streams get split."""

from __future__ import annotations

import pytest

from desktop.core.coze import sse as sse_module
from desktop.core.coze.sse import SSEEvent, SSEOverflowError, SSEParser


def parse(*chunks: bytes) -> list[SSEEvent]:
    parser = SSEParser()
    events: list[SSEEvent] = []
    for chunk in chunks:
        events.extend(parser.feed(chunk))
    events.extend(parser.close())
    return events


COZE_BODY = (
    'event:conversation.message.delta\ndata:{"content":"你好，世界"}\n\n'
    'event:conversation.message.delta\ndata:{"content":"hello"}\n\n'
    'event:done\ndata:"[DONE]"\n\n'
).encode()


def test_coze_framing_without_space_after_colon() -> None:
    events = parse(COZE_BODY)
    assert [e.event for e in events] == ["conversation.message.delta"] * 2 + ["done"]
    assert events[0].data == '{"content":"你好，世界"}'
    assert events[2].data == '"[DONE]"'


@pytest.mark.parametrize("ending", [b"\n", b"\r\n", b"\r"])
def test_every_line_ending(ending: bytes) -> None:
    body = COZE_BODY.replace(b"\n", ending)
    assert parse(body) == parse(COZE_BODY)


@pytest.mark.parametrize("ending", [b"\n", b"\r\n", b"\r"])
def test_split_at_every_byte(ending: bytes) -> None:
    """Chunks split anywhere: inside a field, inside CRLF, inside a UTF-8 character."""
    body = COZE_BODY.replace(b"\n", ending)
    expected = parse(body)
    for cut in range(1, len(body)):
        assert parse(body[:cut], body[cut:]) == expected, cut
    assert parse(*[body[i : i + 1] for i in range(len(body))]) == expected


def test_multiline_data_is_joined_with_newlines() -> None:
    events = parse(b'event: x\ndata: {\ndata:   "a": 1\ndata: }\n\n')
    assert events == [SSEEvent("x", '{\n  "a": 1\n}')]


def test_comments_id_and_retry() -> None:
    events = parse(b": keep-alive\nid: 7\nretry: 3000\nevent: a\ndata: 1\n\n: ping\n\ndata: 2\n\n")
    assert events == [SSEEvent("a", "1", "7", 3000), SSEEvent("message", "2", "7", 3000)]


def test_id_with_nul_and_bad_retry_are_ignored() -> None:
    events = parse(b"id: a\x00b\nretry: soon\ndata: x\n\n")
    assert events == [SSEEvent("message", "x", None, None)]


def test_last_event_without_trailing_blank_line_is_delivered() -> None:
    assert parse(b'event: done\ndata: "[DONE]"') == [SSEEvent("done", '"[DONE]"')]
    assert parse(b"event: done\ndata: 1\n") == [SSEEvent("done", "1")]


def test_only_one_space_after_the_colon_is_removed_and_unknown_fields_ignored() -> None:
    assert parse(b"data:  two spaces\nfoo: bar\nnocolon\n\n") == [SSEEvent("message", " two spaces")]


def test_event_without_data_is_not_dispatched_and_resets_the_type() -> None:
    assert parse(b"event: lonely\n\ndata: x\n\n") == [SSEEvent("message", "x")]
    assert parse(b"event: e\ndata:\n\n") == []


def test_bom_is_stripped_even_when_split() -> None:
    body = b"\xef\xbb\xbfdata: x\n\n"
    assert parse(body) == [SSEEvent("message", "x")]
    assert parse(body[:1], body[1:2], body[2:]) == [SSEEvent("message", "x")]


def test_invalid_utf8_is_replaced_not_raised() -> None:
    events = parse(b"data: \xff\xfeok\n\n")
    assert events[0].data.endswith("ok")


def test_cr_at_chunk_end_followed_by_lf() -> None:
    assert parse(b"data: a\r", b"\ndata: b\r", b"\n\r", b"\n") == [SSEEvent("message", "a\nb")]


def test_large_event() -> None:
    payload = ("数据" * 1_000_000).encode()
    events = parse(b"data: ", payload[:12345], payload[12345:], b"\n\n")
    assert len(events[0].data) == 2_000_000


def test_one_event_is_bounded_like_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """Many data lines of one event add up: past MAX_EVENT_BYTES the stream is refused, not buffered."""
    monkeypatch.setattr(sse_module, "MAX_EVENT_BYTES", 10_000)
    parser = SSEParser()
    line = b"data: " + b"x" * 999 + b"\n"
    parser.feed(line * 9)  # 9,000 bytes: still fine
    with pytest.raises(SSEOverflowError, match="event"):
        parser.feed(line * 2)
    ok = SSEParser()  # the bound is per event: the same bytes over several events are fine
    assert len(ok.feed((line * 9 + b"\n") * 5)) == 5
