"""The Coze chat stream's events, parsed from SSE events."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final

from desktop.core.coze.models import ChatInfo, ChatMessage
from desktop.core.coze.sse import SSEEvent


class EventType(StrEnum):
    CHAT_CREATED = "conversation.chat.created"
    CHAT_IN_PROGRESS = "conversation.chat.in_progress"
    CHAT_COMPLETED = "conversation.chat.completed"
    CHAT_FAILED = "conversation.chat.failed"
    CHAT_REQUIRES_ACTION = "conversation.chat.requires_action"
    MESSAGE_DELTA = "conversation.message.delta"
    MESSAGE_COMPLETED = "conversation.message.completed"
    AUDIO_DELTA = "conversation.audio.delta"
    ERROR = "error"
    DONE = "done"


class MessageType(StrEnum):
    ANSWER = "answer"
    FOLLOW_UP = "follow_up"
    VERBOSE = "verbose"
    FUNCTION_CALL = "function_call"
    TOOL_OUTPUT = "tool_output"
    TOOL_RESPONSE = "tool_response"
    QUESTION = "question"


# The members read for every event of a stream, as plain module globals: `EventType.MESSAGE_DELTA` is a
# lookup through the enum class (~0.2 µs in Python 3.11, five times per delta), a global is not.
MESSAGE_DELTA: Final = EventType.MESSAGE_DELTA
AUDIO_DELTA: Final = EventType.AUDIO_DELTA

CHAT_EVENTS = frozenset(
    {
        EventType.CHAT_CREATED,
        EventType.CHAT_IN_PROGRESS,
        EventType.CHAT_COMPLETED,
        EventType.CHAT_FAILED,
        EventType.CHAT_REQUIRES_ACTION,
    }
)
MESSAGE_EVENTS = frozenset({EventType.MESSAGE_DELTA, EventType.MESSAGE_COMPLETED, EventType.AUDIO_DELTA})
_KNOWN_TYPES = frozenset(EventType)  # a set, not EnumType.__members__.values(): it is asked once per event


class BrokenEventError(ValueError):
    """A known event whose data is not the JSON object it must be; the stream skips it and goes on."""


@dataclass(slots=True)
class ChatEvent:
    """One event of a chat stream. `type` is the wire name, kept as is for unknown events."""

    type: str
    chat: ChatInfo | None = None
    message: ChatMessage | None = None
    error_code: int | None = None
    error_msg: str = ""
    raw: str = ""  # the data as sent, for --json output and unknown events

    @property
    def known(self) -> bool:
        return self.type in _KNOWN_TYPES

    def to_json(self) -> dict[str, Any]:
        """The event as one JSON-able object, for `ask --json`."""
        try:
            data: Any = json.loads(self.raw) if self.raw else None
        except (ValueError, RecursionError):
            data = self.raw
        return {"event": self.type, "data": data}


def parse_event(sse: SSEEvent) -> ChatEvent:
    """Turn an SSE event into a ChatEvent. Raises BrokenEventError when a known event's JSON is bad."""
    name = sse.event
    if name == MESSAGE_DELTA or name in MESSAGE_EVENTS:
        return ChatEvent(name, message=ChatMessage.from_json(_object(sse)), raw=sse.data)
    if name in CHAT_EVENTS:
        return ChatEvent(name, chat=ChatInfo.from_json(_object(sse)), raw=sse.data)
    if name == EventType.ERROR:
        try:
            data = json.loads(sse.data)
        except (ValueError, RecursionError):
            data = None
        if isinstance(data, dict):
            code = data.get("code")
            said = data.get("msg") or data.get("message")
            # Other fields may say what happened: their JSON is the message. An object with nothing more (`{}` in
            # cozepy's test data) has none: its JSON is no message for anyone.
            others = any(
                value not in (None, "") for key, value in data.items() if key not in ("code", "msg", "message")
            )
            return ChatEvent(
                name,
                error_code=int(code) if isinstance(code, int | str) and str(code).isdigit() else None,
                error_msg=str(said) if said else sse.data if others else "",
                raw=sse.data,
            )
        return ChatEvent(name, error_msg=sse.data, raw=sse.data)
    return ChatEvent(name, raw=sse.data)


# The C scanner json.loads ends in, called without its two Python layers.
_scan_once: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder().scan_once  # type: ignore[attr-defined]


def _object(sse: SSEEvent) -> dict[str, Any]:
    text = sse.data
    if text[:1] == "{":  # every Coze event: decode it in one C call; anything else takes json.loads's way
        try:
            data, end = _scan_once(text, 0)
        except (StopIteration, ValueError, RecursionError):
            data, end = None, -1
        if end == len(text) and isinstance(data, dict):
            return data
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:  # RecursionError: nested deeper than JSON parsers go
        raise BrokenEventError(f"{sse.event}: data is not JSON") from exc
    if not isinstance(data, dict):
        raise BrokenEventError(f"{sse.event}: data is not a JSON object")
    return data
