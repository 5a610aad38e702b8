"""ChatTurn: one question and its answers, recorded in the store from the chat's `TurnEvent`s.

The one place that knows what each event means for the history: the Coze ids, the answer rows
(through an AnswerBuffer: batched, at most ~0.3 s behind), several interleaved answer messages,
follow-ups, usage, and how the chat ended (complete, cancelled, failed or interrupted, with the
stored error). `ask` applies the events in its loop; the GUI's ChatController applies them on the
main thread as they arrive by signal (a Store belongs to one thread). A listener hears what changed,
so the controller can tell the views; `ask` needs none.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable
from contextlib import suppress
from dataclasses import replace

from desktop.core.chat.events import (
    AnswerCompleted,
    AnswerDelta,
    ChatFailure,
    ChatStarted,
    ConversationCreated,
    Ended,
    FilesUploaded,
    FollowUps,
    Retrying,
    StepMessage,
    TurnEvent,
    UsageReported,
)
from desktop.core.chat.listener import TurnListener
from desktop.core.store import Store
from desktop.core.store.answer_buffer import DEFAULT_INTERVAL, AnswerBuffer, Background
from desktop.core.store.messages import UsageArg
from desktop.core.store.models import TYPE_ANSWER, DiskFullError, Message, MessageError, NewMessage, UnsavedError
from desktop.core.store.versions import Turn
from desktop.core.vocabulary import ChatOutcome, MessageStatus, Role

log = logging.getLogger(__name__)

# How long events the history refused wait before `flush_if_due` tries them again (each try may wait the
# store's whole busy timeout on the thread that records them).
WAITING_RETRY_SECONDS = 1.0


class ChatTurn:
    """Applies one chat's events to the store. Use it from the Store's thread only."""

    def __init__(
        self,
        store: Store,
        conversation_id: int,
        listener: TurnListener | None = None,
        *,
        coze_conversation_id: str | None = None,
        interval: float = DEFAULT_INTERVAL,
        clock: Callable[[], float] = time.monotonic,
        reuse: int | None = None,
        sent_at: float | None = None,
    ) -> None:
        self._store = store
        self.conversation_id = conversation_id
        self.coze_conversation_id = coze_conversation_id
        self._listener = listener or TurnListener()
        # `ask` listens to nothing: the rows (a 1 MB answer's text) are then not read back for a listener.
        self._listening = type(self._listener) is not TurnListener
        self._buffer = AnswerBuffer(
            store, conversation_id, interval=interval, clock=clock, reuse=reuse, sent_at=sent_at
        )
        self._announced: set[int] = {reuse} if reuse is not None else set()
        self._usage: tuple[int, int] | None = None
        self.ended: Ended | None = None
        # How the turn ended, kept until it is saved: a full disk or a busy history can refuse the end
        # (then the text waits in the buffer and `save_pending` writes it later).
        self._final: tuple[str, MessageError | None, UsageArg] | None = None
        self.content_types: dict[int, str] = {}  # answer rows completed as other than text (a card)
        self.question_id: int | None = None  # the question this turn answers (its attachments' file_ids)
        # Events the history refused (busy, full) and those after them: applied again, in order, with the
        # next flush or the end (never per delta: each try may wait the whole busy timeout).
        self._waiting: deque[TurnEvent] = deque()
        self._clock = clock
        self._retry_at = 0.0
        # True: the end's write (a 1 MB answer's row, 6-14 ms) is left in `end_write` for the caller to run
        # on another thread with a Store of its own, then to report with `end_written` (the window, #21).
        self.defer_end_write = False
        self.end_write: Callable[[Store], None] | None = None

    @classmethod
    def begin(
        cls,
        store: Store,
        conversation_id: int,
        question: str | None,
        listener: TurnListener | None = None,
        content_type: str = "text",
        *,
        question_id: int | None = None,
        shortcut: str | None = None,
    ) -> ChatTurn:
        """Start a turn: the question is committed before the request leaves (None: it is already
        there, as when the latest answer is retried: `question_id` names it), and the old follow-ups go.
        Its answers are timed from now (`sent_at`): the wait for the bot's first word is part of the answer."""
        listener = listener or TurnListener()
        conversation = store.conversations.get(conversation_id)
        coze_id = conversation.coze_conversation_id if conversation is not None else None
        sent_at = store.now()
        if question is not None:
            added = store.messages.add_question(conversation_id, question, content_type, shortcut=shortcut)
            question_id, sent_at = added.id, added.created_at
            listener.message_added(added)
            listener.conversation_changed()
        store.conversations.set_follow_ups(conversation_id, [])
        listener.follow_ups_changed([])
        turn = cls(store, conversation_id, listener, coze_conversation_id=coze_id, sent_at=sent_at)
        turn.question_id = question_id
        return turn

    @classmethod
    def rework(
        cls,
        store: Store,
        turn: Turn,
        question: tuple[str, str] | None = None,
        listener: TurnListener | None = None,
    ) -> ChatTurn:
        """Ask a turn again (regenerate; with `question` = (content, content_type), edit and resend): its
        answers become an earlier version and the new answer streams into the first answer's row, where the
        old one was. Coze must forget the old turn first (`TurnRequest.rework`, desktop/core/chat/forget.py)."""
        listener = listener or TurnListener()
        conversation_id = turn.question.conversation_id
        conversation = store.conversations.get(conversation_id)
        coze_id = conversation.coze_conversation_id if conversation is not None else None
        answer_id = store.versions.rework(turn, question, store.messages.stream_owner())
        for message_id in (turn.question.id, answer_id) if question is not None else (answer_id,):
            message = store.messages.get(message_id)
            if message is not None:
                listener.message_replaced(message)
        latest = store.messages.page(conversation_id, limit=1)
        if latest and latest[-1].id == answer_id:  # the suggestions belonged to the answer that is gone
            store.conversations.set_follow_ups(conversation_id, [])
            listener.follow_ups_changed([])
        listener.conversation_changed()
        reworked = cls(store, conversation_id, listener, coze_conversation_id=coze_id, reuse=answer_id)
        reworked.question_id = turn.question.id  # its files' new file_ids are recorded on it
        return reworked

    def save_in_background(self, background: Background) -> ChatTurn:
        """The periodic saves of the answers run as jobs of `background` (see AnswerBuffer.background)."""
        self._buffer.background = background
        return self

    @property
    def message_ids(self) -> dict[str, int]:
        """Coze message id → local row id of this turn's answers, in the order they started."""
        return self._buffer.message_ids

    def apply(self, event: TurnEvent) -> None:
        """Record one event. Events after the end are ignored (a stopped chat's late stragglers). One the
        history refuses now (busy, full) is kept with those after it and recorded later, in order; only the
        end raises UnsavedError when it still cannot be recorded (see `unsaved`, `save_pending`)."""
        if self.ended is not None:
            return
        if isinstance(event, Ended):
            self._end(event)
        elif self._waiting:
            self._waiting.append(event)
        else:
            try:
                self._record(event)
            except UnsavedError:  # each handler changes nothing, or only what it does again alike, before it raises
                self._waiting.append(event)
                self._retry_at = self._clock() + WAITING_RETRY_SECONDS

    def _record_waiting(self) -> None:
        """Record the events that waited, in order; raises UnsavedError while the history still refuses one."""
        while self._waiting:
            try:
                self._record(self._waiting[0])
            except UnsavedError:
                self._retry_at = self._clock() + WAITING_RETRY_SECONDS
                raise
            self._waiting.popleft()

    def _record(self, event: TurnEvent) -> None:
        match event:  # the most frequent first
            case AnswerDelta():
                self._answer_delta(event)
            case AnswerCompleted():
                self._answer_completed(event)
            case StepMessage():
                self._step(event)
            case ChatStarted():
                self._buffer.set_chat_id(event.chat_id)
            case ConversationCreated():
                self._conversation_created(event)
            case FollowUps():
                self._follow_ups(event)
            case UsageReported():
                self._usage = (event.input_tokens, event.output_tokens)
            case FilesUploaded():
                if self.question_id is not None:
                    self._store.attachments.set_file_ids(self.question_id, dict(event.file_ids))
            case Retrying():
                self._listener.retrying(event)

    def end(self, outcome: ChatOutcome, failure: ChatFailure | None = None) -> None:
        """End the turn from here (stopped, not configured, shutting down): same as an `Ended` event."""
        self.apply(Ended(outcome, failure))

    def flush(self) -> None:
        """Write what has streamed so far (before a view re-reads the conversation); what the history
        refuses (disk full, busy) stays in memory for the next flush."""
        if self.ended is None:
            with suppress(UnsavedError):
                self._record_waiting()
                self._buffer.flush()

    def flush_if_due(self) -> None:
        if self.ended is None:
            if self._waiting and self._clock() >= self._retry_at:
                with suppress(UnsavedError):
                    self._record_waiting()
            self._buffer.flush_if_due()

    @property
    def unsaved(self) -> bool:
        """The turn ended but some of it is only in memory: the history refused it (full, busy)."""
        return self.ended is not None and (not self._buffer.finished or bool(self._waiting))

    @property
    def disk_full(self) -> bool:
        """The last write of this turn failed because the disk is full."""
        return isinstance(self._buffer.save_problem, DiskFullError)

    def save_pending(self) -> bool:
        """Try again to save an ended turn the history refused; True once it is saved (the listener hears
        each answer as stored). Raises UnsavedError while it still cannot be."""
        if self.ended is None or self._final is None:
            return False
        if self.unsaved:
            self.defer_end_write = False  # (written here: the history refused it elsewhere)
            self._settle(self.ended)
        return True

    def unsaved_answers(self) -> list[Message]:
        """The answers of a turn not (wholly) saved, as the view should show them: all their text, and a
        "disk full" error while that is the reason."""
        status, error, _usage = self._final or (None, None, None)
        if self.disk_full:
            error = MessageError(None, "disk full", None, "disk_full")
        texts = self._buffer.texts()
        shown: list[Message] = []
        for key, message_id in self._buffer.message_ids.items():
            stored = self._store.messages.get(message_id)
            if stored is not None:
                shown.append(
                    replace(
                        stored,
                        content=texts.get(key, ""),
                        status=MessageStatus(status) if status else stored.status,
                        error=error,
                    )
                )
        return shown + self._rowless_answers(MessageStatus(status) if status else MessageStatus.STREAMING, error)

    def _rowless_answers(self, status: MessageStatus, error: MessageError | None) -> list[Message]:
        """Answers whose row the history refused to create (all their deltas wait): id 0, all their text."""
        texts: dict[str, tuple[list[str], list[str]]] = {}
        for event in self._waiting:
            if (
                not isinstance(event, AnswerDelta | AnswerCompleted)
                or event.coze_message_id in self._buffer.message_ids
            ):
                continue
            text, reasoning = texts.setdefault(event.coze_message_id, ([], []))
            if isinstance(event, AnswerCompleted):  # the whole message: it replaces the deltas
                text[:], reasoning[:] = [event.content], [event.reasoning or ""]
            else:
                text.append(event.text)
                reasoning.append(event.reasoning)
        return [
            Message(
                0,
                self.conversation_id,
                Role.ASSISTANT,
                TYPE_ANSWER,
                "".join(text),
                reasoning_content="".join(reasoning),
                coze_message_id=key or None,
                status=status,
                error=error,
            )
            for key, (text, reasoning) in texts.items()
        ]

    # -- one handler per event ----------------------------------------------------------------------

    def _conversation_created(self, event: ConversationCreated) -> None:
        self.coze_conversation_id = event.coze_conversation_id
        merged = self._store.conversations.set_coze_id(self.conversation_id, event.coze_conversation_id)
        if merged:  # a sync listed the new Coze conversation before this turn could name it (twins.py)
            log.info("conversation %s took in the copy %s a sync had adopted meanwhile", self.conversation_id, merged)
        self._listener.conversation_changed()

    def _answer_delta(self, event: AnswerDelta) -> None:
        message_id = self._buffer.append(event.coze_message_id, event.text, event.reasoning)
        if message_id not in self._announced:  # (once per answer: no call per delta)
            # Shown empty, then this delta: the row is new, but a flush that fell due on this very delta
            # (a first delta over `interval` after the question, as most real ones are) already wrote the
            # delta into it, and announcing that text too showed the answer's first words twice.
            self._announce(message_id, empty=True)
        self._listener.answer_delta(message_id, event.text, event.reasoning)

    def _answer_completed(self, event: AnswerCompleted) -> None:
        if event.coze_message_id not in self._buffer.message_ids:  # a message that came whole
            self._announce(self._buffer.append(event.coze_message_id, "", ""))
        self._buffer.complete_message(event.coze_message_id, event.content, event.reasoning or None)
        message_id = self._buffer.message_ids[event.coze_message_id]
        if event.content_type != "text":  # a card, or JSON items: the row says how to show it
            self._store.messages.update(message_id, content_type=event.content_type)
            self.content_types[message_id] = event.content_type
        self._updated(message_id)

    def _step(self, event: StepMessage) -> None:
        """A tool call, its output, a verbose note: kept as a row of its own (with the chat's id, which ties it
        to the answer it is shown under); an answer already on screen is shown again with it."""
        step = NewMessage(
            role=Role.ASSISTANT,
            type=event.type,
            content=event.content,
            coze_message_id=event.coze_message_id or None,
            coze_chat_id=self._buffer.chat_id,
        )
        self._store.messages.add(self.conversation_id, step)
        for message_id in self._announced & set(self._buffer.message_ids.values()):
            self._updated(message_id)

    def _follow_ups(self, event: FollowUps) -> None:
        questions = list(event.questions)
        self._store.conversations.set_follow_ups(self.conversation_id, questions)
        self._listener.follow_ups_changed(questions)

    def _end(self, event: Ended) -> None:
        """Every open answer gets the status of the outcome (and the error); usage goes to the last
        answer. A chat that failed before any answer started still leaves a failed row."""
        self.ended = event
        failure = event.failure
        error = MessageError(failure.code, failure.msg, failure.logid, failure.kind.value) if failure else None
        self._final = (event.outcome.status, error, self._usage)
        self._settle(event)

    def _settle(self, event: Ended) -> None:
        assert self._final is not None
        status, error, usage = self._final
        self._record_waiting()  # what came before the end, first
        if not self._buffer.finished:  # (each write here may be done again: a refused end is settled later)
            if self.defer_end_write:
                self.end_write = self._buffer.final_write(status, error, usage, debug_url=event.debug_url or None)
                return  # until `end_written`, the rows stay as last flushed: a crash loses what it did before
            self._buffer.finish(status, error=error, usage=usage, debug_url=event.debug_url or None)
        self._show_end()

    def end_written(self, error: Exception | None) -> None:
        """The caller ran `end_write` (None: it committed): the listener hears the answers as stored. Raises
        the UnsavedError it met (disk full, busy): the turn is `unsaved`, and `save_pending` writes it here."""
        self.end_write, self.defer_end_write = None, False
        if error is not None:
            self._buffer.final_refused(error)
            raise error
        self._buffer.final_written()
        self._show_end()

    def _show_end(self) -> None:
        for message_id in self._buffer.message_ids.values():
            if message_id in self._announced:
                self._updated(message_id)
            else:
                self._announce(message_id)

    def _announce(self, message_id: int, *, empty: bool = False) -> None:
        if message_id not in self._announced:
            self._announced.add(message_id)
            if not self._listening:
                return
            message = self._store.messages.get(message_id)
            if message is not None:
                self._listener.message_added(replace(message, content="", reasoning_content="") if empty else message)

    def _updated(self, message_id: int) -> None:
        if not self._listening:
            return
        message = self._store.messages.get(message_id)
        if message is not None:
            held = self._buffer.held_final(message_id)  # completed, written with the chat's end: shown as it will be
            if held is not None:
                message = replace(message, content=held[0], reasoning_content=held[1], status=MessageStatus.COMPLETE)
            self._listener.message_updated(message)
