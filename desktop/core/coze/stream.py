"""A live `POST /v3/chat` event stream: iterate it for ChatEvents, cancel it from any thread."""

from __future__ import annotations

import contextlib
import functools
import http.client
import json
import logging
import socket
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import requests

from desktop.core.coze.errors import (
    CozeChatFailed,
    CozeError,
    CozeProtocolError,
    CozeStreamInterrupted,
    ErrorKind,
    kind_for,
)
from desktop.core.coze.event_reader import EventReader
from desktop.core.coze.events import MESSAGE_DELTA, BrokenEventError, ChatEvent, EventType
from desktop.core.coze.responses import error_from_envelope, header_logid, is_error, is_error_envelope, json_body
from desktop.core.coze.sse import SSEEvent, SSEOverflowError, SSEParser
from desktop.core.coze.transcript import ChatTranscript
from desktop.core.vocabulary import ChatOutcome

log = logging.getLogger(__name__)

READ_SIZE = 64 * 1024
HEAD_KEPT = 64 * 1024  # the body kept until its first event: an error JSON sent as the "stream" is smaller
CANCEL_GRACE = 2.0  # seconds a stopped stream may read on to learn its chat id
DRAIN_TIMEOUT = 0.5  # seconds to wait for the end of the body after `done`


class ChatStream:
    """Iterating yields every event (known or not) after recording it in `transcript`.

    The iteration ends quietly after `done`, or after `cancel()`. It raises a CozeError when the chat
    fails (`conversation.chat.failed`, an `error` event) or the stream stops early (a dropped
    connection, a read timeout); `transcript` still holds everything that arrived before.
    """

    def __init__(
        self,
        response: requests.Response,
        on_cancel: Callable[[ChatTranscript], None] | None = None,
        *,
        idle_timeout: float | None = None,
        clock: Callable[[], float] = time.monotonic,
        token: str | None = None,
    ):
        """`idle_timeout`: seconds without an event before the stream counts as stalled. Keep-alive
        comments (`: ping`) do not count: a server that only pings times out like a silent one.
        `token`: the access token the chat was sent with (a token source's), to renew after a 4100 in the body."""
        self._response = response
        self.token = token
        self._idle_timeout = idle_timeout
        self._clock = clock
        self._on_cancel = on_cancel
        # Set from any thread; a bool, read for every event (an Event.is_set() call per event is not free).
        self._cancelled = False
        self._grace: threading.Timer | None = None
        self.logid = header_logid(response)
        self.transcript = ChatTranscript()
        # Called before every read after the first: what the events so far produced can be shown now
        # (`ask` flushes the terminal here), once per network read instead of once per event.
        self.on_idle: Callable[[], None] | None = None
        self._read: Callable[[int], bytes] = functools.partial(response.raw.read1, decode_content=True)

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def cancel(self) -> None:
        """Stop the stream now, from any thread: the blocked read returns at once.

        Closing a socket from another thread does not wake a thread blocked in recv() on Linux;
        shutting it down does. The reading thread then cancels the chat on the server. If the chat's id
        has not arrived yet (Stop right after sending), the reader reads on until it does, so the chat
        can be cancelled on the server, but for CANCEL_GRACE seconds at most.
        """
        self._cancelled = True
        if self.transcript.chat is None:
            self._grace = threading.Timer(CANCEL_GRACE, self._shutdown)
            self._grace.daemon = True
            self._grace.start()
            return
        self._shutdown()

    def _shutdown(self) -> None:
        sock = socket_of(self._response)
        if sock is not None:
            with contextlib.suppress(OSError):  # already closed: the reader is on its way out anyway
                sock.shutdown(socket.SHUT_RDWR)

    def __iter__(self) -> Iterator[ChatEvent]:
        parser = SSEParser()
        read = body_reader(self._response)
        self._read = read
        last_event = self._clock()
        apply, parse_event = self.transcript.apply, EventReader().parse
        head: list[bytes] | None = []  # the body while no event has come (None after the first one)
        try:
            while not (self._cancelled and self.transcript.chat is not None):
                if self.on_idle is not None:
                    self.on_idle()
                try:
                    chunk = read(READ_SIZE)
                except Exception as exc:  # http.client and urllib3 raise several types for a socket error
                    if self._cancelled:
                        break
                    raise self._interrupted(exc) from exc
                try:
                    sse_events = parser.feed(chunk) if chunk else parser.close()
                except SSEOverflowError as exc:
                    raise CozeProtocolError(str(exc), logid=self.logid) from exc
                if not chunk and head is None:
                    sse_events += trailing_error(parser.tail)
                if head is not None:
                    head = self._head(head, chunk, bool(sse_events))
                if sse_events:
                    last_event = self._clock()
                elif self._idle_timeout is not None and self._clock() - last_event > self._idle_timeout:
                    raise self._interrupted(TimeoutError("timed out: only keep-alive comments arrived"))
                for sse in sse_events:
                    try:
                        event = parse_event(sse)
                    except BrokenEventError as exc:
                        self.transcript.broken_events += 1
                        log.debug("skipped a broken event (%s), logid=%s", exc, self.logid)
                        continue
                    apply(event)
                    if self._cancelled:
                        continue  # stopped: only learn the chat id (to cancel it), show nothing more
                    kind = event.type
                    if kind == MESSAGE_DELTA:  # nearly every event: nothing more to check
                        yield event
                        continue
                    if not event.known:
                        log.debug("skipped unknown event %r, logid=%s", kind, self.logid)
                    yield event
                    self._raise_if_failed(event)
                    if kind == EventType.DONE:
                        self._drain()
                        return
                if not chunk:
                    break
            if self._cancelled:
                self._finish_cancelled()
                return
            if self.transcript.outcome is ChatOutcome.STREAMING:
                raise self._interrupted(None)
        finally:
            if self._grace is not None:
                self._grace.cancel()
            self._response.close()

    def _head(self, head: list[bytes], chunk: bytes, got_events: bool) -> list[bytes] | None:
        """The body so far while it has no event. At its end, a Coze error envelope there (`{"code": 4101,
        ...}` under `text/event-stream`, no event lines) is raised as that error, as both SDKs do (coze-js
        fetcher.ts reads it as an `error` event, coze-py raises CozeInvalidEventError), not as a drop."""
        if got_events or (chunk and sum(map(len, head)) + len(chunk) > HEAD_KEPT):
            return None
        if chunk:
            head.append(chunk)
            return head
        body = json_body(self._response, b"".join(head).strip())
        if body is not None and is_error(body, self._response):
            self.transcript.outcome = ChatOutcome.FAILED
            raise error_from_envelope(body, self._response)
        return None

    def _drain(self) -> None:
        """After `done` the body should end at once: read that end (briefly) so the connection goes back
        to the pool and the next chat skips a TCP and TLS handshake. Anything else: just close it."""
        sock = socket_of(self._response)
        if sock is None:
            return
        try:
            sock.settimeout(DRAIN_TIMEOUT)
            for _ in range(4):
                if not self._read(READ_SIZE):
                    # The whole body was read: Response.close() now releases the connection, not closes it.
                    self._response._content_consumed = True  # type: ignore[attr-defined]
                    return
        except Exception:  # a slow or odd end of body: the connection is simply not reused
            log.debug("stream not drained after done; its connection is closed, logid=%s", self.logid)

    def _raise_if_failed(self, event: ChatEvent) -> None:
        if event.type == EventType.CHAT_FAILED and event.chat is not None:
            chat = event.chat
            raise CozeChatFailed(
                chat.last_error_msg or "the chat failed",
                code=chat.last_error_code or None,
                logid=self.logid,
                kind=_failure_kind(chat.last_error_code),
            )
        if event.type == EventType.ERROR:
            said_nothing = event.error_code is None and not event.error_msg  # `{}`: an error we know nothing of
            raise CozeChatFailed(
                event.error_msg,
                code=event.error_code,
                logid=self.logid,
                kind=ErrorKind.UNKNOWN if said_nothing else _failure_kind(event.error_code),
            )

    def _interrupted(self, exc: BaseException | None) -> CozeError:
        self.transcript.outcome = ChatOutcome.INTERRUPTED
        timed_out = exc is not None and "timed out" in str(exc).lower()
        reason = "no data arrived in time" if timed_out else "the connection closed before the chat completed"
        return CozeStreamInterrupted(
            reason, logid=self.logid, kind=ErrorKind.TIMEOUT if timed_out else ErrorKind.INTERRUPTED
        )

    def _finish_cancelled(self) -> None:
        self.transcript.outcome = ChatOutcome.CANCELLED
        if self._on_cancel is not None and self.transcript.chat is not None:
            try:
                self._on_cancel(self.transcript)
            except CozeError as exc:
                log.info("cancelling the chat on the server failed: %s", exc.summary())


def trailing_error(tail: bytes) -> list[SSEEvent]:
    """The body's unterminated last line, after events, as the `error` event it is when it is a Coze error
    envelope (`{"code": 4013, "msg": ...}`): coze-js reads such a line as an `error` event (packages/coze-js/
    src/fetcher.ts stream(): "If the stream ends without a newline, it means an error occurred"). Before any
    event the same body is the stream's error answer (ChatStream._head)."""
    text = tail.strip()
    if not text.startswith(b"{"):
        return []
    try:
        body = json.loads(text)
    except (ValueError, RecursionError):
        return []
    if not isinstance(body, dict) or not is_error_envelope(body):
        return []
    return [SSEEvent(EventType.ERROR, text.decode("utf-8", "replace"))]


def _failure_kind(code: int | None) -> ErrorKind | None:
    kind = kind_for(None, code)
    return None if kind is ErrorKind.UNKNOWN else kind


def body_reader(response: requests.Response) -> Callable[[int], bytes]:
    """`read1` for the body as it arrives: http.client's own when urllib3 has nothing to add (no content
    encoding to undo, nothing read into its buffers yet), else urllib3's. urllib3's read1 wraps http.client's
    in six Python layers and a context manager; at a bot's pace (one small read per delta, each after ~20 ms
    idle) they cost ~45 µs of ~130 per read (#21: the worker's ~1.2 % of a core is ~250 µs a delta)."""
    raw: Any = response.raw
    fp = getattr(raw, "_fp", None)
    encoding = response.headers.get("Content-Encoding", "identity").strip().lower()
    untouched = not getattr(raw, "_has_decoded_content", True) and not getattr(raw, "_fp_bytes_read", 1)
    if isinstance(fp, http.client.HTTPResponse) and encoding in ("", "identity") and untouched:
        return fp.read1
    return functools.partial(raw.read1, decode_content=True)


def socket_of(response: requests.Response) -> socket.socket | None:
    raw: Any = response.raw
    connection = getattr(raw, "_connection", None) or getattr(raw, "connection", None)
    sock = getattr(connection, "sock", None)
    if isinstance(sock, socket.socket):
        return sock
    # Fallback: http.client's file object wraps the socket (socket.SocketIO._sock).
    fp = getattr(getattr(raw, "_fp", None), "fp", None)
    sock = getattr(getattr(fp, "raw", None), "_sock", None)
    return sock if isinstance(sock, socket.socket) else None
