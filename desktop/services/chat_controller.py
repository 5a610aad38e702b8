"""ChatController: turns "send this in that conversation" into a worker thread, store writes and
view-level signals, for any number of conversations streaming at once.

Nothing is lost: the user's message is committed before the request leaves; answers are written
through an AnswerBuffer (at most ~0.3 s behind the screen, batched); a stop, a failure or a quit
leaves them cancelled/failed/interrupted with what arrived.

Signals (local ids only; messages are store `Message` records):
    messageAdded(conversation_id, Message)        a question or a new answer row
    answerDelta(conversation_id, message_id, text, reasoning)
    messageUpdated(conversation_id, Message)      status, error, usage or final content changed
    followUpsChanged(conversation_id, [str])
    busyChanged(conversation_id, bool)
    conversationUpdated(conversation_id)          title, Coze id or order changed: refresh the list
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, QTimer, Signal

from desktop.core.coze.backoff import DEFAULT_BACKOFF, Backoff
from desktop.core.coze.errors import ErrorKind
from desktop.core.store import Store
from desktop.core.store.answer_buffer import AnswerBuffer
from desktop.core.store.models import Message, MessageError
from desktop.core.vocabulary import ChatOutcome, MessageStatus, Role
from desktop.services.chat_worker import ChatFailure, ChatRequest, ChatWorker
from desktop.services.connection import Connection

log = logging.getLogger(__name__)

FLUSH_INTERVAL_MS = 250
STOP_GRACE_MS = 1000
NO_TOKEN_ERROR = MessageError(None, "no access token is configured", None, ErrorKind.INVALID_TOKEN.value)


@dataclass
class _ActiveChat:
    worker: ChatWorker
    thread: QThread
    buffer: AnswerBuffer
    started: float
    announced: set[int] = field(default_factory=set)
    usage: tuple[int, int] | None = None
    ended: bool = False


class ChatController(QObject):
    messageAdded = Signal(int, object)
    answerDelta = Signal(int, int, str, str)
    messageUpdated = Signal(int, object)
    followUpsChanged = Signal(int, list)
    busyChanged = Signal(int, bool)
    conversationUpdated = Signal(int)
    retrying = Signal(int, float, int, int)  # conversation id, seconds until the retry, attempt, Coze code

    def __init__(
        self,
        store: Store,
        connection_for: Callable[[str], Connection | None],
        parent: QObject | None = None,
        backoff: Backoff = DEFAULT_BACKOFF,
    ) -> None:
        """`connection_for(bot_id)` gives where a conversation's chats go, or None if not configured."""
        super().__init__(parent)
        self._store = store
        self._connection_for = connection_for
        self._backoff = backoff
        self._active: dict[int, _ActiveChat] = {}
        self._retired: list[_ActiveChat] = []  # threads finishing after their chat ended
        self._flush_timer = QTimer(self)
        self._flush_timer.setInterval(FLUSH_INTERVAL_MS)
        self._flush_timer.timeout.connect(self._flush_all)
        self._closing = False

    # -- queries ----------------------------------------------------------------------------------

    def is_busy(self, conversation_id: int) -> bool:
        return conversation_id in self._active

    @property
    def busy_conversations(self) -> list[int]:
        return list(self._active)

    def answer_duration(self, conversation_id: int) -> float:
        chat = self._active.get(conversation_id)
        return time.monotonic() - chat.started if chat else 0.0

    # -- intents ----------------------------------------------------------------------------------

    def send(self, conversation_id: int, text: str, *, record_question: bool = True) -> bool:
        """Ask `text` in a conversation. False (and nothing happens) if it is already streaming."""
        text = text.strip()
        if not text or self._closing or conversation_id in self._active:
            return False
        conversation = self._store.get_conversation(conversation_id)
        if conversation is None:
            return False
        if record_question:
            question = self._store.add_user_message(conversation_id, text)  # committed before the request
            self.messageAdded.emit(conversation_id, question)
            self.conversationUpdated.emit(conversation_id)
        self._store.set_follow_ups(conversation_id, [])
        self.followUpsChanged.emit(conversation_id, [])
        buffer = AnswerBuffer(self._store, conversation_id)
        connection = self._connection_for(conversation.bot_id)
        if connection is None:  # not configured: the question is kept and the answer says what to do
            self._settle(conversation_id, buffer, set(), MessageStatus.FAILED, NO_TOKEN_ERROR, None)
            self.conversationUpdated.emit(conversation_id)
            return True
        request = ChatRequest(conversation_id, conversation.coze_conversation_id, text, connection, self._backoff)
        self._start_worker(conversation_id, request, buffer)
        return True

    def flush(self, conversation_id: int) -> None:
        """Write what has streamed so far for a conversation (before the window re-reads it)."""
        chat = self._chat_for(conversation_id)
        if chat is not None:
            chat.buffer.flush()

    def retry(self, conversation_id: int, answer_id: int) -> bool:
        """Ask again the question that `answer_id` answered (the failed answer stays in the history)."""
        question = self._question_before(conversation_id, answer_id)
        if question is None:
            return False
        latest = self._store.list_messages(conversation_id, limit=1)
        is_last = bool(latest) and latest[-1].id == answer_id
        # Retrying the latest answer answers right below it; an older one asks again at the bottom.
        return self.send(conversation_id, question.content, record_question=not is_last)

    def stop(self, conversation_id: int) -> None:
        chat = self._active.get(conversation_id)
        if chat is not None:
            chat.worker.stop()
            # A stream stops at once; a request still waiting for Coze's first byte cannot be
            # interrupted, so after a grace period the chat is ended here and its late signals ignored.
            QTimer.singleShot(STOP_GRACE_MS, self, lambda: self._force_stop(conversation_id, chat))

    def _force_stop(self, conversation_id: int, chat: _ActiveChat) -> None:
        if self._active.get(conversation_id) is chat and not chat.ended:
            log.info("chat in conversation %s ended without waiting for its request", conversation_id)
            self._finish(conversation_id, MessageStatus.CANCELLED, None)

    def discard(self, conversation_id: int) -> None:
        """The conversation is being deleted: stop its stream and write nothing more for it."""
        chat = self._active.pop(conversation_id, None)
        if chat is None:
            return
        chat.ended = True
        chat.worker.stop()
        self._retired.append(chat)
        if not self._active:
            self._flush_timer.stop()
        self.busyChanged.emit(conversation_id, False)

    def shutdown(self, timeout_ms: int = 2000) -> bool:
        """Stop every stream, record what arrived, and wait (bounded) for the threads. True if all ended."""
        self._closing = True
        for chat in list(self._active.values()):
            chat.worker.stop()
        deadline = time.monotonic() + timeout_ms / 1000
        all_done = True
        for conversation_id, chat in list(self._active.items()):
            remaining = max(0, int((deadline - time.monotonic()) * 1000))
            if not chat.thread.wait(remaining):
                all_done = False
            # The worker's last signals (deltas, finished) are queued for us: take them in first.
            QCoreApplication.sendPostedEvents(self, 0)
            if not chat.ended:  # a worker that did not finish in time: settle the store here
                self._finish(conversation_id, MessageStatus.CANCELLED, None)
        for chat in self._retired:
            remaining = max(0, int((deadline - time.monotonic()) * 1000))
            all_done = chat.thread.wait(remaining) and all_done
        self._flush_timer.stop()
        return all_done

    # -- worker plumbing --------------------------------------------------------------------------

    def _start_worker(self, conversation_id: int, request: ChatRequest, buffer: AnswerBuffer) -> None:
        thread = QThread()
        thread.setObjectName(f"chat-{conversation_id}")
        worker = ChatWorker(request)
        worker.moveToThread(thread)
        chat = _ActiveChat(worker, thread, buffer, time.monotonic())
        self._active[conversation_id] = chat
        thread.started.connect(worker.run)
        # Direct: QThread.quit is thread-safe, and a queued call would wait for the GUI thread, which may
        # itself be waiting for this thread (shutdown).
        worker.done.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        worker.conversationCreated.connect(self._on_conversation_created)
        worker.chatStarted.connect(self._on_chat_started)
        worker.delta.connect(self._on_delta)
        worker.reasoningDelta.connect(self._on_reasoning)
        worker.messageCompleted.connect(self._on_message_completed)
        worker.followUps.connect(self._on_follow_ups)
        worker.usage.connect(self._on_usage)
        worker.finished.connect(self._on_finished)
        worker.failed.connect(self._on_failed)
        worker.retrying.connect(self.retrying)
        # The worker moves itself back to this thread when it is done (see ChatWorker.run); _reap deletes
        # it here, never in the worker thread.
        thread.finished.connect(lambda: self._reap(chat))
        self.busyChanged.emit(conversation_id, True)
        if not self._flush_timer.isActive():
            self._flush_timer.start()
        thread.start()

    def _reap(self, chat: _ActiveChat) -> None:
        if chat in self._retired:
            self._retired.remove(chat)
        chat.worker.deleteLater()
        chat.thread.deleteLater()

    def _chat_for(self, conversation_id: int) -> _ActiveChat | None:
        chat = self._active.get(conversation_id)
        return chat if chat is not None and not chat.ended else None

    def _on_conversation_created(self, conversation_id: int, coze_id: str) -> None:
        if self._chat_for(conversation_id) is None:
            return  # discarded (deleted) meanwhile
        self._store.set_coze_conversation_id(conversation_id, coze_id)
        self.conversationUpdated.emit(conversation_id)

    def _on_chat_started(self, conversation_id: int, chat_id: str) -> None:
        chat = self._chat_for(conversation_id)
        if chat is not None:
            chat.buffer.set_chat_id(chat_id)

    def _append(self, conversation_id: int, coze_message_id: str, text: str, reasoning: str) -> None:
        chat = self._chat_for(conversation_id)
        if chat is None:
            return
        message_id = chat.buffer.append(coze_message_id, text, reasoning)
        if message_id not in chat.announced:
            chat.announced.add(message_id)
            message = self._store.get_message(message_id)
            if message is not None:
                self.messageAdded.emit(conversation_id, message)
        self.answerDelta.emit(conversation_id, message_id, text, reasoning)

    def _on_delta(self, conversation_id: int, coze_message_id: str, text: str) -> None:
        self._append(conversation_id, coze_message_id, text, "")

    def _on_reasoning(self, conversation_id: int, coze_message_id: str, reasoning: str) -> None:
        self._append(conversation_id, coze_message_id, "", reasoning)

    def _on_message_completed(self, conversation_id: int, coze_message_id: str, content: str, reasoning: str) -> None:
        chat = self._chat_for(conversation_id)
        if chat is None:
            return
        if coze_message_id not in chat.buffer.message_ids:
            self._append(conversation_id, coze_message_id, "", "")
        chat.buffer.complete_message(coze_message_id, content, reasoning or None)
        message = self._store.get_message(chat.buffer.message_ids[coze_message_id])
        if message is not None:
            self.messageUpdated.emit(conversation_id, message)

    def _on_follow_ups(self, conversation_id: int, questions: list[str]) -> None:
        if self._chat_for(conversation_id) is None:
            return
        self._store.set_follow_ups(conversation_id, questions)
        self.followUpsChanged.emit(conversation_id, questions)

    def _on_usage(self, conversation_id: int, input_tokens: int, output_tokens: int) -> None:
        chat = self._chat_for(conversation_id)
        if chat is not None:
            chat.usage = (input_tokens, output_tokens)

    def _on_finished(self, conversation_id: int, outcome: str) -> None:
        self._finish(conversation_id, ChatOutcome(outcome).status, None)

    def _on_failed(self, conversation_id: int, failure: ChatFailure) -> None:
        status = MessageStatus.INTERRUPTED if failure.interrupted else MessageStatus.FAILED
        self._finish(conversation_id, status, failure)

    def _finish(self, conversation_id: int, status: str, failure: ChatFailure | None) -> None:
        chat = self._chat_for(conversation_id)
        if chat is None:
            return
        chat.ended = True
        error = MessageError(failure.code, failure.msg, failure.logid, failure.kind.value) if failure else None
        self._settle(conversation_id, chat.buffer, chat.announced, status, error, chat.usage)
        del self._active[conversation_id]
        self._retired.append(chat)
        if not self._active:
            self._flush_timer.stop()
        self.busyChanged.emit(conversation_id, False)
        self.conversationUpdated.emit(conversation_id)

    def _settle(  # noqa: PLR0917
        self,
        conversation_id: int,
        buffer: AnswerBuffer,
        announced: set[int],
        status: str,
        error: MessageError | None,
        usage: tuple[int, int] | None,
    ) -> None:
        buffer.finish(status, error=error, usage=usage)
        for message_id in buffer.message_ids.values():
            message = self._store.get_message(message_id)
            if message is None:
                continue
            if message_id in announced:
                self.messageUpdated.emit(conversation_id, message)
            else:
                announced.add(message_id)
                self.messageAdded.emit(conversation_id, message)

    def _flush_all(self) -> None:
        for chat in self._active.values():
            chat.buffer.flush_if_due()

    def _question_before(self, conversation_id: int, answer_id: int) -> Message | None:
        for message in reversed(self._store.list_messages(conversation_id, limit=50, before_id=answer_id)):
            if message.role == Role.USER:
                return message
        return None
