"""One streaming chat on its own QThread: plain data in, one signal per delta out.

The worker never touches a widget or the store. Lifecycle (owned by ChatController):
`worker.moveToThread(thread)`, `thread.started -> worker.run`, `worker.done -> thread.quit`.
`stop()` may be called from any thread: it closes the stream at once (the chat is then cancelled on
the server from the worker thread).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from desktop.core.coze import CozeError, EventType
from desktop.core.coze.backoff import DEFAULT_BACKOFF, Backoff, RetryCancelled, call_with_backoff
from desktop.core.coze.client import CozeClient, requires_action
from desktop.core.coze.errors import CozeStreamInterrupted, ErrorKind
from desktop.core.coze.stream import ChatStream
from desktop.core.vocabulary import ChatOutcome
from desktop.services.connection import Connection

log = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True)
class ChatRequest:
    conversation_id: int  # local id: every signal carries it so the controller can route
    coze_conversation_id: str | None
    message: str
    connection: Connection
    backoff: Backoff = DEFAULT_BACKOFF  # retries of 4009/4013/4020/429 before the answer starts


@dataclass(frozen=True)
class ChatFailure:
    """What went wrong, as plain data (a CozeError does not cross threads)."""

    kind: ErrorKind
    msg: str
    code: int | None = None
    status: int | None = None
    logid: str | None = None
    summary: str = ""
    interrupted: bool = False  # the stream broke off (vs. the chat failed or was refused)

    @classmethod
    def from_error(cls, error: CozeError) -> ChatFailure:
        return cls(
            kind=error.kind,
            msg=error.msg,
            code=error.code,
            status=error.status,
            logid=error.logid,
            summary=error.summary(),
            interrupted=isinstance(error, CozeStreamInterrupted),
        )


class ChatWorker(QObject):
    conversationCreated = Signal(int, str)  # local conversation id, Coze conversation id
    chatStarted = Signal(int, str)  # local conversation id, Coze chat id
    delta = Signal(int, str, str)  # local conversation id, Coze message id, text
    reasoningDelta = Signal(int, str, str)  # local conversation id, Coze message id, reasoning text
    messageCompleted = Signal(int, str, str, str)  # conversation id, Coze message id, content, reasoning
    followUps = Signal(int, list)  # conversation id, [question, ...]
    usage = Signal(int, int, int)  # conversation id, input tokens, output tokens
    finished = Signal(int, str)  # conversation id, outcome ("completed", "cancelled", "requires_action")
    failed = Signal(int, object)  # conversation id, ChatFailure
    retrying = Signal(int, float, int, int)  # conversation id, seconds until the retry, attempt, Coze code (0: none)
    done = Signal()  # the very last signal, whatever happened: quit the thread

    def __init__(self, request: ChatRequest) -> None:
        super().__init__()
        self.request = request
        self._stopped = threading.Event()
        self._stream: ChatStream | None = None
        self._lock = threading.Lock()

    def stop(self) -> None:
        """Thread-safe. Closes the stream now; a request not yet answered is dropped when it returns."""
        self._stopped.set()
        with self._lock:
            stream = self._stream
        if stream is not None:
            stream.cancel()

    @property
    def stopped(self) -> bool:
        return self._stopped.is_set()

    @Slot()
    def run(self) -> None:
        conv = self.request.conversation_id
        try:
            self._run(conv)
        except RetryCancelled:
            self.finished.emit(conv, ChatOutcome.CANCELLED.value)
        except CozeError as exc:
            log.info("chat in conversation %s ended with %s", conv, exc.summary())
            self.failed.emit(conv, ChatFailure.from_error(exc))
        except Exception as exc:  # a bug must not kill the thread silently: report it as a failure
            log.exception("chat worker crashed")
            self.failed.emit(conv, ChatFailure(ErrorKind.UNKNOWN, f"{type(exc).__name__}: {exc}"))
        finally:
            # Hand ourselves back to the GUI thread so the controller deletes us there. Deleting a QObject
            # in its own worker thread makes Qt call into PySide (needing the GIL) under a signal-slot lock
            # the GUI thread may be waiting for while holding the GIL: a deadlock (seen in the soak run).
            app = QCoreApplication.instance()
            if app is not None:
                self.moveToThread(app.thread())
            self.done.emit()

    def _run(self, conv: int) -> None:
        request = self.request
        connection = request.connection
        with connection.client() as client:
            coze_conversation_id = request.coze_conversation_id
            if not coze_conversation_id:
                coze_conversation_id = self._with_backoff(lambda: client.create_conversation(connection.bot_id).id)
                self.conversationCreated.emit(conv, coze_conversation_id)
            if self.stopped:
                self.finished.emit(conv, ChatOutcome.CANCELLED.value)
                return
            conversation = coze_conversation_id
            stream = self._with_backoff(
                lambda: client.stream_chat(
                    connection.bot_id, connection.user_id, request.message, conversation_id=conversation
                )
            )
            with self._lock:
                self._stream = stream
            if self.stopped:
                stream.cancel()
            self._pump(conv, stream, client)

    def _with_backoff(self, call: Callable[[], T]) -> T:
        """`call()`, retried while Coze says "busy" or "too fast"; each wait is announced and `stop()` ends it."""
        conv = self.request.conversation_id

        def announce(seconds: float, attempt: int, error: CozeError) -> None:
            log.info("conversation %s: %s; retry %d in %.1f s", conv, error.summary(), attempt, seconds)
            self.retrying.emit(conv, seconds, attempt, error.code or 0)

        return call_with_backoff(call, self.request.backoff, self._stopped.wait, announce)

    def _pump(self, conv: int, stream: ChatStream, client: CozeClient) -> None:
        transcript = stream.transcript
        for event in stream:
            kind = event.type
            message = event.message
            if message is not None and message.id in transcript.answers:
                if kind == EventType.MESSAGE_DELTA:
                    if message.reasoning_content:
                        self.reasoningDelta.emit(conv, message.id, message.reasoning_content)
                    if message.content:
                        self.delta.emit(conv, message.id, message.content)
                elif kind == EventType.MESSAGE_COMPLETED:
                    state = transcript.answers[message.id]
                    self.messageCompleted.emit(conv, message.id, state.text, state.reasoning)
            elif kind == EventType.CHAT_CREATED and event.chat is not None:
                self.chatStarted.emit(conv, event.chat.id)
            elif kind == EventType.CHAT_COMPLETED:
                usage = transcript.usage
                self.usage.emit(conv, usage.input_count, usage.output_count)
        if transcript.follow_ups:
            self.followUps.emit(conv, list(transcript.follow_ups))
        outcome = transcript.outcome
        if outcome is ChatOutcome.REQUIRES_ACTION:
            self.failed.emit(conv, ChatFailure.from_error(requires_action(client, transcript, stream.logid)))
            return
        if outcome is ChatOutcome.STREAMING:  # ended by `done` without chat.completed: still an answer
            outcome = ChatOutcome.COMPLETED
        self.finished.emit(conv, outcome.value)
