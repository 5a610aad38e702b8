"""EventReader: `parse_event` for one stream, with a shortcut for the deltas of one message.

A message's deltas repeat the same JSON object but for its text: same ids, type, role, time, field
order and spacing; only the `content` string changes. So after a delta has been parsed the full way,
the reader keeps what came before its `content` string (the prefix) and what came after (the
suffix), and checks that this split is exact by parsing prefix + a sentinel string + suffix. A later
delta that starts with that prefix and ends with that suffix, with one valid JSON string literal
exactly in between, is that message with this text: only the string is decoded (one C call) and the
message is the kept one with its content replaced. Anything else (another message, a changed
field, a broken event, an error) goes through `parse_event` unchanged. JSON's grammar makes this
exact: a string literal replaced by another in the same place changes nothing else of the parse.
"""

from __future__ import annotations

import json
import json.decoder
from collections.abc import Callable

from desktop.core.coze.events import MESSAGE_DELTA, ChatEvent, EventType, parse_event
from desktop.core.coze.models import ChatMessage
from desktop.core.coze.sse import SSEEvent

# json's C string decoder: (document, index after the opening quote) -> (the string, index after its end)
scanstring: Callable[[str, int], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]
_KEY = '"content":'
_SENTINEL = "\x00coze-desktop sentinel\x00"
_SENTINEL_JSON = json.dumps(_SENTINEL)
_RETRY_EVERY = 64  # after 3 deltas in a row that took the full way, look for a new split only every 64th


class EventReader:
    """Parses the events of one stream (keep one per stream: it remembers the last message)."""

    __slots__ = ("_message", "_misses", "_prefix", "_suffix")

    def __init__(self) -> None:
        self._prefix: str | None = None
        self._suffix = ""
        self._message: ChatMessage | None = None
        self._misses = 0

    def parse(self, sse: SSEEvent) -> ChatEvent:
        """The same ChatEvent `parse_event(sse)` gives (and the same BrokenEventError)."""
        data = sse.data
        prefix, message = self._prefix, self._message
        if (
            prefix is not None
            and message is not None
            and sse.event == MESSAGE_DELTA
            and data.startswith(prefix)
            and data.endswith(self._suffix)
        ):
            start, end = len(prefix), len(data) - len(self._suffix)
            if start < end and data[start] == '"':
                try:
                    text, stop = scanstring(data, start + 1)
                except ValueError:  # not one valid string literal: the full way says what is wrong
                    stop = -1
                if stop == end:
                    self._misses = 0
                    # (positional: keyword arguments cost ~0.15 µs more per delta)
                    return ChatEvent(sse.event, None, _with_content(message, text), None, "", data)
        event = parse_event(sse)
        if event.type == MESSAGE_DELTA and event.message is not None:
            self._misses += 1
            if self._misses <= 3 or self._misses % _RETRY_EVERY == 0:
                self._learn(data, event.message)
        return event

    def _learn(self, data: str, message: ChatMessage) -> None:
        """Keep the split of `data` around its content string, if it is exact (see the module doc)."""
        self._prefix = self._message = None
        at = data.find(_KEY)
        if at < 0:
            return
        start = at + len(_KEY)
        while data[start : start + 1] in (" ", "\t", "\n", "\r"):
            start += 1
        if data[start : start + 1] != '"':
            return
        try:
            text, stop = scanstring(data, start + 1)
        except ValueError:
            return
        prefix, suffix = data[:start], data[stop:]
        if text != message.content:  # an earlier, nested or duplicate "content" key
            return
        try:
            probe = parse_event(SSEEvent(EventType.MESSAGE_DELTA, prefix + _SENTINEL_JSON + suffix)).message
        except ValueError:
            return
        if probe != _with_content(message, _SENTINEL):
            return
        self._prefix, self._suffix, self._message = prefix, suffix, message


def _with_content(message: ChatMessage, content: str) -> ChatMessage:
    m = message
    return ChatMessage(
        m.id,
        m.conversation_id,
        m.bot_id,
        m.chat_id,
        m.role,
        m.type,
        content,
        m.content_type,
        m.reasoning_content,
        m.section_id,
        m.created_at,
    )
