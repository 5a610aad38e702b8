"""The SSE parser's bulk read (a chunk's `event:` + `data:` blocks all at once, #21) gives exactly the
events of the spec's line-by-line reading: on random streams, on blocks built to fool it, on the demo
server's framings of real deltas, however the stream is cut into chunks."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.coze import sse as sse_module
from desktop.core.coze.sse import SSEEvent, SSEParser
from desktop.core.cozeserver.sse_writer import Event, Framing, encode_event
from tests.core.test_sse_fast_path import STREAM, reference

NEVER = 10**9


@contextmanager
def bulk_from(blocks: int) -> Iterator[None]:
    """Bulk reads for chunks with at least `blocks` complete blocks (NEVER: block by block only)."""
    kept = sse_module.BULK_MIN
    sse_module.BULK_MIN = blocks
    try:
        yield
    finally:
        sse_module.BULK_MIN = kept


def parse_in(stream: bytes, cuts: list[int]) -> list[SSEEvent]:
    parser = SSEParser()
    events: list[SSEEvent] = []
    start = 0
    for cut in [*sorted({c for c in cuts if c <= len(stream)}), len(stream)]:
        events.extend(parser.feed(stream[start:cut]))
        start = cut
    return events + parser.close()


# Blocks that look like a Coze event, or nearly: each is wrong for a bulk read in its own way.
TRICKY_BLOCKS = [
    b"event:x",  # no data: no event, and the type does not leak
    b"data:y\nevent:z",  # data first, a type after it
    b"data:w",
    b"data:event:x\nevent:y",  # a data line that reads as an event line once `data:` is cut
    b"event:a\ndata:",  # empty data: dropped
    b"event:a\ndata: ",
    b"event:a\ndata:  two spaces",
    b"event: spaced\ndata: spaced",
    b"event:\ndata:unnamed",
    b"event:a\ndata:1\ndata:2",  # multi-line data
    b"event:a\nid:7\ndata:1",
    b"event:a\ndata:1\nretry:50",
    b": ping\nevent:a\ndata:1",
    b"",  # empty block (three or four line ends in a row)
    b"\nevent:a\ndata:1",
    b"event:a\ndata:1\n",
    b"event:a\ndata:\xff\xfe broken",
    b"event:\xe4\xbd\ndata:\xe5",  # cut UTF-8 at the end of each line
    "event:名字\ndata:数据".encode(),
    b"id:5",
    b"retry:100",
    b"event:a\nretry:100",  # two lines, the second not `data:`
    b"event:a\n: a comment line",
    b"event:a\nid:123456",
    b"event:a\ndatum:1",
    b"id:9\ndata:1",  # two lines, the first not `event:`
    b"data:1\ndata:2",
    b": ping\ndata:1",
]
TRICKY = st.sampled_from(TRICKY_BLOCKS)
COZE = st.builds(
    lambda name, text: f"event:{name}\ndata:{json.dumps({'content': text}, ensure_ascii=False)}".encode(),
    st.sampled_from(["conversation.message.delta", "conversation.chat.created", "done"]),
    st.text(alphabet='ab 你好\\"', max_size=6),
)
BLOCKS = st.lists(st.one_of(COZE, COZE, COZE, TRICKY), max_size=30).map(lambda blocks: b"\n\n".join(blocks) + b"\n\n")
CUTS = st.lists(st.integers(min_value=0, max_value=3000), max_size=6)


@pytest.mark.parametrize("tricky", TRICKY_BLOCKS)
@pytest.mark.parametrize("at", [0, 3, 6])
@pytest.mark.parametrize("ending", [b"\n", b"\r\n"])
@pytest.mark.parametrize("space", [b"", b" "])
def test_each_tricky_block_among_coze_blocks_in_one_chunk(tricky: bytes, at: int, ending: bytes, space: bytes) -> None:
    blocks = [b'event:%sconversation.message.delta\ndata:%s{"content":"%d"}' % (space, space, i) for i in range(6)]
    blocks.insert(at, tricky)
    stream = (b"id:1\n\n" + b"\n\n".join(blocks) + b"\n\n").replace(b"\n", ending)
    with bulk_from(1):
        assert parse_in(stream, []) == reference(stream)


@pytest.mark.parametrize("bulk_min", [1, 4, NEVER])
@settings(max_examples=300, deadline=None)
@given(stream=STREAM, cuts=CUTS)
def test_random_streams_bulk_or_not_give_the_spec(bulk_min: int, stream: bytes, cuts: list[int]) -> None:
    with bulk_from(bulk_min):
        assert parse_in(stream, cuts) == reference(stream)


@pytest.mark.parametrize("bulk_min", [1, NEVER])
@settings(max_examples=400, deadline=None)
@given(stream=BLOCKS, cuts=CUTS, ending=st.sampled_from([b"\n", b"\r\n", b"\r"]))
def test_blocks_made_to_fool_the_bulk_read_give_the_spec(
    bulk_min: int, stream: bytes, cuts: list[int], ending: bytes
) -> None:
    stream = stream.replace(b"\n", ending)
    with bulk_from(bulk_min):
        assert parse_in(stream, cuts) == reference(stream)


def coze_deltas(texts: list[str]) -> list[Event]:
    head = {"id": "7619", "conversation_id": "7620", "bot_id": "7451", "role": "assistant", "type": "answer"}
    return [
        Event(
            "conversation.message.delta", json.dumps({**head, "content": t}, ensure_ascii=False, separators=(",", ":"))
        )
        for t in texts
    ]


FRAMING = st.builds(
    Framing,
    line_ending=st.sampled_from(["\n", "\r\n", "\r"]),
    comments=st.booleans(),
    ids=st.booleans(),
    multiline_data=st.booleans(),
)


@settings(max_examples=200, deadline=None)
@given(
    texts=st.lists(st.text(alphabet='ab 你好"\\\n\t😀', max_size=8), min_size=1, max_size=60),
    framing=FRAMING,
    cuts=CUTS,
)
def test_the_demo_servers_framings_of_deltas_give_the_spec(texts: list[str], framing: Framing, cuts: list[int]) -> None:
    stream = b"".join(encode_event(e, framing, n) for n, e in enumerate(coze_deltas(texts), 1))
    with bulk_from(1):
        assert parse_in(stream, cuts) == reference(stream)


def test_cozes_own_framing_is_read_in_bulk(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [f"第 {i} 段 part {i}\n" for i in range(3_000)]
    stream = b"".join(encode_event(e, Framing(), 0) for e in coze_deltas(texts))
    taken: list[bool] = []
    bulk = sse_module._bulk

    def spy(*args: object) -> bool:
        taken.append(bulk(*args))  # type: ignore[arg-type]
        return taken[-1]

    monkeypatch.setattr(sse_module, "_bulk", spy)
    chunks = [stream[i : i + 64 * 1024] for i in range(0, len(stream), 64 * 1024)]
    parser = SSEParser()
    events = [event for chunk in chunks for event in parser.feed(chunk)] + parser.close()
    assert [json.loads(e.data)["content"] for e in events] == texts
    assert len(taken) >= len(chunks) - 1 and all(taken)  # every chunk with whole blocks past its first
