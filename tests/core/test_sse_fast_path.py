"""The SSE parser's fast path (a whole `event:` + `data:` block at once, #21) gives exactly the events
of a plain line-by-line reading of the WHATWG rules, however the stream is cut into chunks."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.coze import sse as sse_module
from desktop.core.coze.sse import SSEEvent, SSEOverflowError, SSEParser

_BOM = b"\xef\xbb\xbf"


def reference(stream: bytes) -> list[SSEEvent]:
    """The event-stream rules read straight off the spec, over the whole stream at once (no chunks)."""
    stream = stream.removeprefix(_BOM)
    *lines, last = re.split(rb"\r\n|\r|\n", stream)
    event, data, last_id, retry = "", [], None, None
    events: list[SSEEvent] = []

    def dispatch() -> None:
        nonlocal event, data
        joined = "\n".join(data)
        if data and joined:
            events.append(SSEEvent(event or "message", joined, last_id, retry))
        event, data = "", []

    def field(line: str) -> None:
        nonlocal event, last_id, retry
        if line.startswith(":"):
            return
        name, colon, value = line.partition(":")
        if colon and value.startswith(" "):
            value = value[1:]
        if name == "data":
            data.append(value)
        elif name == "event":
            event = value
        elif name == "id" and "\0" not in value:
            last_id = value
        elif name == "retry" and value.isascii() and value.isdigit():
            retry = int(value)

    for raw in lines:
        line = raw.decode("utf-8", "replace")
        if line:
            field(line)
        else:
            dispatch()
    if last:
        field(last.decode("utf-8", "replace"))
    if data:
        dispatch()
    return events


def parse_in(stream: bytes, cuts: list[int]) -> list[SSEEvent]:
    parser = SSEParser()
    events: list[SSEEvent] = []
    start = 0
    for cut in [*sorted(set(cuts)), len(stream)]:
        events.extend(parser.feed(stream[start:cut]))
        start = cut
    events.extend(parser.close())
    return events


COZE_EVENT = st.builds(
    lambda name, text: f'event:{name}\ndata:{{"content":"{text}"}}\n\n'.encode(),
    st.sampled_from(["conversation.message.delta", "conversation.chat.created", "done", "", " spaced"]),
    st.text(alphabet='ab 你好\\"\r', max_size=8),
)
ODD_LINE = st.sampled_from(
    [
        b": ping\n",
        b"id: 7\n",
        b"id: a\0b\n",
        b"retry: 3000\n",
        b"retry: x1\n",
        b"data\n",
        b"data:\n",
        b"data:  two spaces\n",
        b"event\n",
        b"event: \n",
        b"nocolon\n",
        b"foo: bar\n",
        b"\n",
        b"\n\n\n",
        b"data: \xff\xfe broken utf-8\n",
        b"event:x\ndata:1\ndata:2\n",  # multi-line data
        b"event:x\nid:9\ndata:1\n",  # a field between event and data
        b"data:1\nevent:late\n",  # data first
        "event:名字\ndata:数据\n".encode(),
    ]
)
STREAM = st.builds(
    lambda head, parts, ending: (head + b"".join(parts)).replace(b"\n", ending),
    st.sampled_from([b"", _BOM]),
    st.lists(st.one_of(COZE_EVENT, ODD_LINE), max_size=25),
    st.sampled_from([b"\n", b"\r\n", b"\r"]),
)


@settings(max_examples=400, deadline=None)
@given(stream=STREAM, cuts=st.lists(st.integers(min_value=0, max_value=2000), max_size=12))
def test_any_stream_any_chunking_gives_the_events_of_the_spec(stream: bytes, cuts: list[int]) -> None:
    assert parse_in(stream, [c for c in cuts if c <= len(stream)]) == reference(stream)


@settings(max_examples=200, deadline=None)
@given(stream=STREAM)
def test_whole_and_byte_by_byte_agree(stream: bytes) -> None:
    assert parse_in(stream, []) == parse_in(stream, list(range(len(stream)))) == reference(stream)


def test_coze_blocks_in_one_chunk_keep_ids_retry_and_drop_empty_data() -> None:
    stream = (
        b"id: 5\nretry: 100\n\n"
        b"event:conversation.message.delta\ndata:{}\n\n"
        b"event:empty\ndata:\n\n"  # no data: no event, and its type does not leak into the next
        b"event: spaced\ndata: 1\n\n"
        b"event:\ndata:2\n\n"
    )
    assert SSEParser().feed(stream) == [
        SSEEvent("conversation.message.delta", "{}", "5", 100),
        SSEEvent("spaced", "1", "5", 100),
        SSEEvent("message", "2", "5", 100),
    ]


def test_a_whole_block_is_bounded_like_data_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sse_module, "MAX_EVENT_BYTES", 1_000)
    fits = b"\n\nevent:x\ndata:" + b"y" * 999 + b"\n\n"
    assert len(SSEParser().feed(fits)) == 1
    with pytest.raises(SSEOverflowError, match="event"):
        SSEParser().feed(b"\n\nevent:x\ndata:" + b"y" * 1_000 + b"\n\n")


def test_many_garbage_event_names_are_decoded_not_cached_forever() -> None:
    parser = SSEParser()
    names = [f"junk-{i}" for i in range(sse_module._NAMES_KEPT * 2)]
    events = parser.feed(b"\n\n" + b"".join(f"event:{n}\ndata:1\n\n".encode() for n in names))
    assert [e.event for e in events] == names
    assert len(sse_module._NAMES) <= sse_module._NAMES_KEPT
