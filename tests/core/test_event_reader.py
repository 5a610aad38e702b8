"""EventReader's shortcut for the deltas of one message (#21) gives exactly `parse_event`'s results,
whatever the deltas look like, in any order; and the shortcut is really taken for Coze's deltas."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.core.coze import event_reader
from desktop.core.coze.event_reader import EventReader
from desktop.core.coze.events import BrokenEventError, ChatEvent, EventType, parse_event
from desktop.core.coze.sse import SSEEvent

DELTA = EventType.MESSAGE_DELTA
COZE_DELTA = {
    "id": "7619648817614045397",
    "conversation_id": "7619648817612440615",
    "bot_id": "7451000000000000001",
    "role": "assistant",
    "type": "answer",
    "content": "",
    "content_type": "text",
    "chat_id": "7619648817612440616",
    "section_id": "7619648817612440615",
    "reasoning_content": "",
    "created_at": 1796488040,
}


def outcome(parse: object, sse: SSEEvent) -> ChatEvent | str:
    try:
        return parse(sse)  # type: ignore[operator, no-any-return]
    except BrokenEventError as exc:
        return f"broken: {exc}"


def coze_data(content: str, **changes: object) -> str:
    return json.dumps({**COZE_DELTA, **changes, "content": content}, ensure_ascii=False, separators=(",", ":"))


TEXT = st.text(alphabet='ab 你好"\\/\n\t\x00\x1f\u2028😀', max_size=12)
SAME_OR_NOT = st.sampled_from(["same", "other"])
VARIANT = st.one_of(
    TEXT.map(coze_data),  # the usual delta
    TEXT.map(coze_data),
    TEXT.map(coze_data),
    TEXT.map(lambda t: coze_data(t, id="2")),  # another message
    TEXT.map(lambda t: coze_data(t, created_at=1796488041)),  # a field changed
    TEXT.map(lambda t: coze_data(t).replace('"content":', '"content" : ')),  # other spacing
    TEXT.map(lambda t: coze_data(t)[:-1] + ',"content":"last wins"}'),  # duplicate key
    TEXT.map(lambda t: '{"meta":{"content":"nested"},' + coze_data(t)[1:]),  # nested key first
    TEXT.map(lambda t: coze_data(t).replace('"content":"', '"content":', 1)),  # broken string
    TEXT.map(lambda t: coze_data(t) + "x"),  # trailing garbage
    TEXT.map(lambda t: coze_data(t)[:-1]),  # truncated
    TEXT.map(lambda t: coze_data(t).replace(f'"content":{json.dumps(t, ensure_ascii=False)}', '"content":7')),
    TEXT.map(lambda t: json.dumps({**COZE_DELTA, "content": t})),  # escaped non-ASCII
    st.just('{"id":"1"}'),  # no content at all
    # a nested or an earlier duplicate "content" that equals the real one, then differs from it
    SAME_OR_NOT.map(lambda t: '{"meta":{"content":' + json.dumps(t) + "}," + coze_data("same")[1:]),
    SAME_OR_NOT.map(lambda t: coze_data(t)[:-1] + ',"content":"same"}'),
    TEXT.map(lambda t: coze_data(t).replace('"content":"', '"content":"\\u', 1)),  # a bad escape
)
EVENT = st.one_of(
    VARIANT.map(lambda data: SSEEvent(DELTA, data)),
    VARIANT.map(lambda data: SSEEvent(EventType.MESSAGE_COMPLETED, data)),
    st.just(SSEEvent(EventType.DONE, '"[DONE]"')),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(EVENT, min_size=1, max_size=40))
def test_any_sequence_of_events_parses_as_parse_event_parses_each(events: list[SSEEvent]) -> None:
    reader = EventReader()
    for sse in events:
        assert outcome(reader.parse, sse) == outcome(parse_event, sse)


def test_coze_deltas_take_the_shortcut(monkeypatch: pytest.MonkeyPatch) -> None:
    """After the first delta of a message, its deltas are not parsed the full way."""
    full = []

    def counting(sse: SSEEvent) -> ChatEvent:
        full.append(sse)
        return parse_event(sse)

    monkeypatch.setattr(event_reader, "parse_event", counting)
    reader = EventReader()
    texts = ["你好", '，"quoted"', "\\ back", "\n新行", "😀", ""]
    events = [reader.parse(SSEEvent(DELTA, coze_data(t))) for t in texts]
    assert [e.message.content for e in events if e.message] == texts
    assert all(e.raw == coze_data(t) for e, t in zip(events, texts, strict=True))
    assert len([sse for sse in full if "sentinel" not in sse.data]) == 1  # only the first one
    reader.parse(SSEEvent(DELTA, coze_data("x", id="2")))  # another message: parsed, then learned
    reader.parse(SSEEvent(DELTA, coze_data("y", id="2")))
    assert len([sse for sse in full if "sentinel" not in sse.data]) == 2


def test_a_stream_whose_deltas_never_fit_stops_looking_for_a_split(monkeypatch: pytest.MonkeyPatch) -> None:
    learned = []
    original = EventReader._learn

    def spy(self: EventReader, data: str, message: object) -> None:
        learned.append(data)
        original(self, data, message)  # type: ignore[arg-type]

    monkeypatch.setattr(EventReader, "_learn", spy)
    reader = EventReader()
    for n in range(200):  # every delta has a new created_at: no split ever fits the next one
        reader.parse(SSEEvent(DELTA, coze_data("t", created_at=n)))
    assert len(learned) < 200


def nested(text: str) -> str:
    return '{"meta":{"content":' + json.dumps(text) + "}," + coze_data("same")[1:]


def duplicated(text: str) -> str:
    return coze_data(text)[:-1] + ',"content":"same"}'


def test_a_look_alike_content_key_is_never_taken_for_the_real_one() -> None:
    """A nested or earlier duplicate "content" equal to the real text, then different from it."""
    for shape in (nested, duplicated):
        reader = EventReader()
        for text in ("same", "other", "same", "third"):
            sse = SSEEvent(DELTA, shape(text))
            assert outcome(reader.parse, sse) == outcome(parse_event, sse)
            assert reader.parse(sse).message.content == "same"  # type: ignore[union-attr]
