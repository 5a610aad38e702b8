"""An incremental Server-Sent Events parser written to the WHATWG event-stream spec.

It accepts `\\n`, `\\r\\n` and `\\r` line ends, chunks split anywhere (inside a line, inside a
`\\r\\n` pair, inside a UTF-8 character), comment lines, `id:`/`retry:` fields and multi-line
`data:`. It works on bytes and decodes each field once per event, so a 10 MB event costs one
decode and a one-byte chunk costs no decode at all. A line that arrives in many chunks is kept as
its pieces and joined once at its line end, so reading it stays linear in its size.

Unlike a browser's EventSource, `close()` also dispatches a last event that lacks its trailing blank
line: a stream cut right after its final event still delivers that event.
"""

from __future__ import annotations

import functools
from itertools import repeat
from operator import itemgetter
from typing import NamedTuple

_BOM = b"\xef\xbb\xbf"
MAX_LINE_BYTES = 64 * 1024 * 1024  # a single line larger than this is garbage, not an event
MAX_EVENT_BYTES = MAX_LINE_BYTES  # and so is an event whose data lines add up to more


class SSEEvent(NamedTuple):
    """One dispatched event (a tuple: made tens of thousands of times a second, it must be cheap)."""

    event: str
    data: str
    id: str | None = None
    retry: int | None = None


_BLANK = [b""]
_new_event = tuple.__new__
_NAMES: dict[bytes, str] = {}  # event names seen, decoded once (Coze has a dozen)
_NAMES_KEPT = 256  # past this many different names (garbage), decode each time instead


def _decode_name(name: bytes) -> str:
    text = name.decode("utf-8", "replace")
    if len(_NAMES) < _NAMES_KEPT:
        _NAMES[name] = text
    return text


BULK_MIN = 4  # complete blocks in one chunk from which `_bulk` tries them all at once
_BULK_NAMES = 8  # different `event:` lines one bulk read takes (a dozen Coze names; garbage goes block by block)
_make_event = functools.partial(tuple.__new__, SSEEvent)  # SSEEvent(*fields) from one tuple, in C
_first_five, _after_five = itemgetter(slice(5)), itemgetter(slice(5, None))
_first_byte, _after_first = itemgetter(slice(1)), itemgetter(slice(1, None))
_DATA = {b"data:"}


def _bulk(blocks: list[bytes], last_id: str | None, retry: int | None, events: list[SSEEvent]) -> bool:
    """The events of complete blocks that are all exactly `event:NAME` + one non-empty `data:` line (a Coze
    stream), read with a few C calls over all of them instead of Python steps per block; False (nothing
    appended) when any block is otherwise, for the block-by-block reading.

    Why this is exact: blocks never contain a blank line, so in their lines joined by blank lines there
    are the k - 1 separators' empty lines, and more only if a block is empty or starts or ends with a line
    end. With 3k - 1 lines of which those at 3i start with `event:` and those at 3i + 1 with `data:`, only
    the k - 1 lines at 3i + 2 can be empty: they are the separators, and every block is those two lines."""
    k = len(blocks)
    region = b"\n\n".join(blocks)
    if len(region) >= MAX_EVENT_BYTES:
        return False
    lines = region.split(b"\n")
    if len(lines) != 3 * k - 1:
        return False
    heads, data = lines[0::3], lines[1::3]
    if set(map(_first_five, data)) != _DATA:
        return False
    names: dict[bytes, str] = {}
    for head in set(heads):  # (one or two per chunk)
        if head[:6] != b"event:" or len(names) == _BULK_NAMES:
            return False
        name = head[7:] if head[6:7] == b" " else head[6:]
        names[head] = (_NAMES.get(name) or _decode_name(name)) if name else "message"
    data = list(map(_after_five, data))
    if b"" in data:  # (the spec drops an event whose data is empty: rare, read block by block)
        return False
    firsts = set(map(_first_byte, data))
    if b" " in firsts:  # `data: value`: its one space goes (all or none: a mix goes block by block)
        if len(firsts) > 1:
            return False
        data = list(map(_after_first, data))
        if b"" in data:
            return False
    events.extend(
        map(
            _make_event,
            zip(
                map(names.__getitem__, heads),
                map(bytes.decode, data, repeat("utf-8"), repeat("replace")),
                repeat(last_id),
                repeat(retry),
            ),
        )
    )
    return True


class SSEOverflowError(ValueError):
    """A line grew past MAX_LINE_BYTES without a line end, or an event's data past MAX_EVENT_BYTES."""


class SSEParser:
    """Feed bytes in, get complete events out. Not thread-safe; one parser per stream."""

    __slots__ = (
        "_data",
        "_data_size",
        "_event",
        "_has_data",
        "_last_id",
        "_pending",
        "_pending_size",
        "_retry",
        "_skip_lf",
        "_started",
        "tail",
    )

    def __init__(self) -> None:
        self._pending: list[bytes] = []  # the unterminated last line, in the pieces it arrived in
        self._pending_size = 0
        self._skip_lf = False  # the previous chunk ended in "\r": a leading "\n" belongs to it
        self._started = False
        self._event = b""
        self._data: list[bytes] = []
        self._data_size = 0
        self._has_data = False
        self._last_id: str | None = None
        self._retry: int | None = None
        self.tail = b""  # after close(): the body's last line when it had no line end (else empty)

    def feed(self, chunk: bytes) -> list[SSEEvent]:
        if not chunk:
            return []
        if not self._started:
            head = b"".join(self._pending) + chunk
            self._pending = []
            if len(head) < len(_BOM) and _BOM.startswith(head):
                self._pending = [head]
                return []
            self._started = True
            chunk = head[len(_BOM) :] if head.startswith(_BOM) else head
        if self._skip_lf:
            self._skip_lf = False
            if chunk.startswith(b"\n"):
                chunk = chunk[1:]
        if b"\n" not in chunk and b"\r" not in chunk:
            # The line goes on: keep the piece and copy nothing, so a line that arrives in n chunks
            # costs O(its length), not O(n * its length).
            if chunk:
                self._pending.append(chunk)
                self._pending_size += len(chunk)
                self._check_size()
            return []
        if self._pending:
            self._pending.append(chunk)
            buffer = b"".join(self._pending)
        else:
            buffer = chunk
        if b"\r" in buffer:
            if buffer.endswith(b"\r"):
                self._skip_lf = True
            buffer = buffer.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        # Split at blank lines first: blocks between two of them that are all exactly `event:` + one
        # `data:` line (every Coze event) are read in bulk (`_bulk`); else each such block becomes an
        # event at once and any other goes line by line, as does the first (it continues the previous
        # chunk's event) and the last (its end has not arrived). All ways give the events the
        # line-by-line reading of the whole buffer gives.
        blocks = buffer.split(b"\n\n")
        lines = blocks.pop().split(b"\n")
        rest = lines.pop()
        self._pending = [rest] if rest else []
        self._pending_size = len(rest)
        self._check_size()
        events: list[SSEEvent] = []
        if blocks:
            self._lines(blocks[0].split(b"\n"), events)
            self._lines(_BLANK, events)
            del blocks[0]
            if len(blocks) < BULK_MIN or not _bulk(blocks, self._last_id, self._retry, events):
                self._blocks(blocks, events)
        self._lines(lines, events)
        return events

    def _blocks(self, blocks: list[bytes], events: list[SSEEvent]) -> None:
        """Read complete blocks (each ended by a blank line; the parser's event state is clean)."""
        for block in blocks:
            nl = block.find(b"\n")
            if block[:6] == b"event:" and block[nl + 1 : nl + 6] == b"data:" and block.find(b"\n", nl + 1) < 0:
                data = block[nl + 7 :] if block[nl + 6 : nl + 7] == b" " else block[nl + 6 :]
                if len(data) >= MAX_EVENT_BYTES:
                    raise SSEOverflowError(f"an event-stream event exceeded {MAX_EVENT_BYTES} bytes")
                if data:  # (the spec drops an event whose data is empty)
                    name = block[7:nl] if block[6:7] == b" " else block[6:nl]
                    events.append(
                        _new_event(  # SSEEvent(...) without the Python-level __new__ of a NamedTuple
                            SSEEvent,
                            (
                                (_NAMES.get(name) or _decode_name(name)) if name else "message",
                                data.decode("utf-8", "replace"),
                                self._last_id,
                                self._retry,
                            ),
                        )
                    )
                continue
            self._lines(block.split(b"\n"), events)
            self._lines(_BLANK, events)

    def _lines(self, lines: list[bytes], events: list[SSEEvent]) -> None:
        """Read complete lines, appending the events they finish to `events`."""
        for line in lines:
            # The two lines of every Coze event are handled here, inline; `_field` does the rest.
            if line[:5] == b"data:":
                value = line[6:] if line[5:6] == b" " else line[5:]
                self._data.append(value)
                self._data_size += len(value) + 1
                if self._data_size > MAX_EVENT_BYTES:
                    raise SSEOverflowError(f"an event-stream event exceeded {MAX_EVENT_BYTES} bytes")
                self._has_data = True
            elif line[:6] == b"event:":
                self._event = line[7:] if line[6:7] == b" " else line[6:]
            elif line:
                self._field(line)
            elif self._has_data:
                event = self._dispatch()
                if event is not None:
                    events.append(event)
            else:
                self._event = b""

    def close(self) -> list[SSEEvent]:
        """End of stream: the unterminated last line and event are delivered, not dropped."""
        if self._pending:
            self.tail = b"".join(self._pending)
            self._field(self.tail)
            self._pending = []
            self._pending_size = 0
        event = self._dispatch() if self._has_data else None
        return [event] if event is not None else []

    def _check_size(self) -> None:
        if self._pending_size > MAX_LINE_BYTES:
            raise SSEOverflowError(f"an event-stream line exceeded {MAX_LINE_BYTES} bytes")

    @property
    def last_event_id(self) -> str | None:
        return self._last_id

    def _field(self, line: bytes) -> None:
        if line[0] == 0x3A:  # ":" starts a comment (keep-alive pings)
            return
        name, colon, value = line.partition(b":")
        if colon and value[:1] == b" ":
            value = value[1:]
        if name == b"data":
            self._data.append(value)
            self._data_size += len(value) + 1
            if self._data_size > MAX_EVENT_BYTES:
                raise SSEOverflowError(f"an event-stream event exceeded {MAX_EVENT_BYTES} bytes")
            self._has_data = True
        elif name == b"event":
            self._event = value
        elif name == b"id":
            if b"\0" not in value:
                self._last_id = value.decode("utf-8", "replace")
        elif name == b"retry" and value.isdigit():
            self._retry = int(value)
        # any other field name is ignored, as the spec says

    def _dispatch(self) -> SSEEvent | None:
        data = self._data[0] if len(self._data) == 1 else b"\n".join(self._data)
        if not data:  # the spec drops an event whose data is empty
            self._event = b""
            self._data = []
            self._data_size = 0
            self._has_data = False
            return None
        name = self._event
        event = SSEEvent(
            (_NAMES.get(name) or _decode_name(name)) if name else "message",
            data.decode("utf-8", "replace"),
            self._last_id,
            self._retry,
        )
        self._event = b""
        self._data = []
        self._data_size = 0
        self._has_data = False
        return event
