"""The one path every SSE body takes: items -> framed bytes -> HTTP/1.1 chunks on the socket.

A stream is a sequence of items (events, raw junk lines, pauses, an abrupt drop, state hooks).
`compile_ops` turns them into bytes with the chosen `Framing`, so framing options apply to every
scenario alike; `play` writes the result, pacing and aborting promptly when the server stops or
the client goes away.
"""

from __future__ import annotations

import contextlib
import json
import select
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from desktop.core.cozeserver.wire import dumps

FLUSH_BYTES = 64 * 1024
_POLL_SECONDS = 0.05
LINE_ENDINGS = ("\n", "\r\n", "\r")


@dataclass(frozen=True, slots=True)
class Framing:
    """How events are laid out. The default is byte-for-byte what Coze sends."""

    line_ending: str = "\n"
    comments: bool = False  # a `: keep-alive` comment line before every event
    ids: bool = False  # `id:N` on every event, `retry:3000` on the first
    multiline_data: bool = False  # pretty-printed JSON over several `data:` lines
    no_trailing_blank_line: bool = False  # the last event lacks its terminating blank line
    chunk_size: int = 0  # HTTP chunk size in bytes (0 = one chunk per flush)

    def __post_init__(self) -> None:
        if self.line_ending not in LINE_ENDINGS:
            raise ValueError(f"line_ending must be one of {LINE_ENDINGS!r}")
        if self.chunk_size < 0:
            raise ValueError("chunk_size must be >= 0")


@dataclass(frozen=True, slots=True)
class Event:
    name: str
    data: str  # the serialized payload, one line
    paced: bool = False  # a generated delta: wait `pace` seconds before it


@dataclass(frozen=True, slots=True)
class RawLines:
    """Lines written verbatim (may be invalid UTF-8), then a blank line; with `terminated` False, not even
    the last line's end (a body that stops mid-line)."""

    lines: tuple[bytes, ...]
    terminated: bool = True


@dataclass(frozen=True, slots=True)
class Pause:
    seconds: float


@dataclass(frozen=True, slots=True)
class Drop:
    """Close the connection without the terminating chunk (FIN, or RST when `reset`)."""

    reset: bool = False


@dataclass(frozen=True, slots=True)
class Hook:
    """Run a state change when the stream reaches this point."""

    action: Callable[[], None]


Item = Event | RawLines | Pause | Drop | Hook
Op = bytes | Pause | Drop | Hook


class StreamAborted(Exception):
    """The client went away or the server is stopping."""


def encode_event(event: Event, framing: Framing, number: int) -> bytes:
    if framing == _DEFAULT:
        return f"event:{event.name}\ndata:{event.data}\n\n".encode()
    lines: list[str] = []
    if framing.comments:
        lines.append(": keep-alive")
    if framing.ids:
        lines.append(f"id:{number}")
        if number == 1:
            lines.append("retry:3000")
    lines.append(f"event:{event.name}")
    data = _pretty(event.data) if framing.multiline_data else event.data
    lines.extend(f"data:{part}" for part in data.split("\n"))
    end = framing.line_ending
    return (end.join(lines) + end + end).encode()


_DEFAULT = Framing()


def _pretty(data: str) -> str:
    try:
        return dumps(json.loads(data), indent=2)
    except ValueError:
        return data  # deliberately broken JSON stays on one line


def compile_ops(items: Iterable[Item], framing: Framing, pace: float) -> Iterator[Op]:
    """Encode items, merging consecutive bytes; a paced event is flushed after a `pace` pause."""
    buf = bytearray()
    end = framing.line_ending.encode()
    number = 0
    for item, is_last in _with_last(items):
        if isinstance(item, Event):
            if item.paced and pace > 0:
                if buf:
                    yield bytes(buf)
                    buf.clear()
                yield Pause(pace)
            number += 1
            encoded = encode_event(item, framing, number)
            buf += encoded[: -len(end)] if is_last and framing.no_trailing_blank_line else encoded
        elif isinstance(item, RawLines):
            buf += end.join(item.lines) + (end + end if item.terminated else b"")
        else:
            if buf:
                yield bytes(buf)
                buf.clear()
            yield item
        if len(buf) >= FLUSH_BYTES:
            yield bytes(buf)
            buf.clear()
    if buf:
        yield bytes(buf)


def _with_last(items: Iterable[Item]) -> Iterator[tuple[Item, bool]]:
    iterator = iter(items)
    try:
        current = next(iterator)
    except StopIteration:
        return
    for following in iterator:
        yield current, False
        current = following
    yield current, True


class ChunkedSink:
    """Writes HTTP/1.1 chunks straight to the socket and notices a vanished client while waiting."""

    def __init__(self, sock: socket.socket, chunk_size: int, stopping: threading.Event) -> None:
        self._sock = sock
        self._chunk_size = chunk_size
        self._stopping = stopping

    def write(self, data: bytes) -> None:
        if self._stopping.is_set():
            raise StreamAborted
        if not data:
            return
        step = self._chunk_size or len(data)
        frames = [b"%X\r\n%s\r\n" % (len(data[i : i + step]), data[i : i + step]) for i in range(0, len(data), step)]
        self._send(b"".join(frames))

    def finish(self) -> None:
        self._send(b"0\r\n\r\n")

    def _send(self, data: bytes) -> None:
        try:
            self._sock.sendall(data)
        except OSError as exc:
            raise StreamAborted from exc

    def wait(self, seconds: float) -> None:
        """Sleep, but abort as soon as the server stops or the client closes its end."""
        deadline = time.monotonic() + seconds
        while True:
            if self._stopping.is_set():
                raise StreamAborted
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return
            try:
                readable, _, _ = select.select([self._sock], [], [], min(remaining, _POLL_SECONDS))
                if readable and not self._sock.recv(1, socket.MSG_PEEK):
                    raise StreamAborted  # orderly close from the client
            except (OSError, ValueError) as exc:
                raise StreamAborted from exc
            if readable:
                # The client sent more bytes (a pipelined request): no way to see a close, just wait.
                if self._stopping.wait(max(0.0, deadline - time.monotonic())):
                    raise StreamAborted
                return

    def drop(self, reset: bool) -> None:
        with contextlib.suppress(OSError):
            if reset:
                self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self._sock.close()
            else:
                self._sock.shutdown(socket.SHUT_RDWR)


def play(ops: Iterable[Op], sink: ChunkedSink, before_end: Callable[[], None]) -> bool:
    """Write a compiled stream. True when it ended with the terminating chunk, False when dropped.

    `before_end` runs just before the last write (terminating chunk or drop), so whoever sees the
    end of the body also sees the server's bookkeeping done.
    """
    for op in ops:
        if isinstance(op, bytes):
            sink.write(op)
        elif isinstance(op, Pause):
            sink.wait(op.seconds)
        elif isinstance(op, Hook):
            op.action()
        else:
            before_end()
            sink.drop(op.reset)
            return False
    before_end()
    sink.finish()
    return True
