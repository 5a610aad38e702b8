"""Turning SSE events into ChatEvents: the one-C-call JSON decode of a delta (#21) accepts and refuses
exactly what `json.loads` does, and message fields of the wrong type fall back as before."""

from __future__ import annotations

import json

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from desktop.core.coze.events import BrokenEventError, EventType, parse_event
from desktop.core.coze.models import ChatMessage
from desktop.core.coze.sse import SSEEvent

DELTA = EventType.MESSAGE_DELTA


def by_json_loads(data: str) -> ChatMessage | None:
    """What the event's message is by the plain rule: json.loads, then a JSON object or nothing."""
    try:
        value = json.loads(data)
    except ValueError:
        return None
    return ChatMessage.from_json(value) if isinstance(value, dict) else None


def parsed(data: str) -> ChatMessage | None:
    try:
        return parse_event(SSEEvent(DELTA, data)).message
    except BrokenEventError:
        return None


@pytest.mark.parametrize(
    "data",
    [
        '{"id":"1","content":"hi"}',
        ' {"id":"1","content":"hi"}',
        '{"id":"1","content":"hi"} ',
        '{"id":"1","content":"hi"}\t\n',
        '{"id":"1"}x',
        '{"id":"1"}{"id":"2"}',
        '{"id":"1"',
        "{}",
        "{",
        "[1]",
        '"text"',
        "",
        '{"content":"\\u4f60\\u597d\\n\\"q\\""}',
        '{"content":"bad \\x escape"}',
        '{"id":1e400}',
        '{"a":NaN}',
        "\ufeff{}",
    ],
)
def test_delta_data_is_read_as_json_loads_reads_it(data: str) -> None:
    assert parsed(data) == by_json_loads(data)


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.dictionaries(
            st.sampled_from(["id", "content", "type", "role", "created_at", "x"]),
            st.one_of(st.text(max_size=6), st.integers(), st.none(), st.booleans(), st.floats(allow_nan=False)),
        ).map(lambda d: json.dumps(d, ensure_ascii=False)),
        st.text(alphabet='{}[]":, 1a\\nu', max_size=20),
    ),
    st.sampled_from(["", " ", "\n", "x", "}"]),
)
# Found by the random search once (JSON's Infinity made `int()` raise OverflowError in from_json); kept for good.
@example('{"created_at": Infinity}', "")
@example('{"created_at": -Infinity, "id": "m"}', " ")
@example('{"created_at": 1e400}', "")
@example('{"created_at": 1e308}', "\n")
def test_any_data_is_read_as_json_loads_reads_it(data: str, tail: str) -> None:
    assert parsed(data + tail) == by_json_loads(data + tail)


def test_fields_of_the_wrong_type_fall_back() -> None:
    message = ChatMessage.from_json(
        {"id": 7, "content": None, "content_type": None, "role": ["x"], "created_at": "12", "reasoning_content": 1.5}
    )
    assert message.id == "7"
    assert message.content == ""
    assert message.content_type == "text"
    assert message.role == "['x']"
    assert message.created_at == 12
    assert message.reasoning_content == "1.5"
    assert ChatMessage.from_json({"id": "m", "created_at": "soon"}).created_at == 0
    assert parse_event(SSEEvent(DELTA, '{"id":"m","created_at":Infinity}')).message.created_at == 0  # type: ignore[union-attr]
