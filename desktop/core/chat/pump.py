"""ChatPump: runs one chat against Coze and emits what happens as `TurnEvent` values.

It only pumps: it creates the Coze conversation if needed, uploads attachments, starts the stream
(retrying, bounded, while Coze is busy), turns each Coze event into at most one value, and ends with
exactly one `Ended`. It writes nothing and holds no Qt object: `ask` calls `run()` in its own loop,
and the GUI's ChatWorker calls it on a QThread and emits each value as one signal (superqt's
generator worker and Anki's background operations follow the same rule: background work reports
plain values, the thread that owns the state applies them). `stop()` is safe from any thread.
"""

from __future__ import annotations

import errno
import functools
import logging
import threading
import uuid
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TypeVar

from desktop.core.attachments import LocalFile
from desktop.core.attachments.upload import FilesGone, content_with, forgotten, upload_each
from desktop.core.chat.events import (
    AnswerCompleted,
    AnswerDelta,
    ChatFailure,
    ChatStarted,
    ConversationCreated,
    Ended,
    FilesUploaded,
    FollowUps,
    MessagesMoved,
    Retrying,
    StepMessage,
    TurnEvent,
    UsageReported,
)
from desktop.core.chat.forget import Lifted, Rework, forget_failed, lift, put_back
from desktop.core.chat.move_journal import MoveJournal, noted
from desktop.core.chat.partway import partway_kind
from desktop.core.coze import ChatEvent, CozeClient, CozeError, EventType
from desktop.core.coze.backoff import DEFAULT_BACKOFF, Backoff, RetryCancelled, call_with_backoff
from desktop.core.coze.client import requires_action
from desktop.core.coze.errors import CozeStreamInterrupted, ErrorKind
from desktop.core.coze.events import MESSAGE_DELTA
from desktop.core.coze.stream import ChatStream
from desktop.core.coze.transcript import ChatTranscript
from desktop.core.coze.workflows import ChatflowTarget
from desktop.core.shortcut_use import ShortcutUse
from desktop.core.tool_steps import is_shown_step
from desktop.core.vocabulary import ChatOutcome

log = logging.getLogger(__name__)
T = TypeVar("T")

Emit = Callable[[TurnEvent], None]
RawObserver = Callable[[ChatEvent], None]


@dataclass(frozen=True)
class TurnRequest:
    """One question to one bot (or, with `chatflow`, to a chatflow), as plain data."""

    bot_id: str
    user_id: str
    message: str
    coze_conversation_id: str | None = None  # None: a Coze conversation is created first
    attachments: Sequence[LocalFile] = ()
    file_ids: Mapping[str, str] = field(default_factory=dict)  # sha256 → a file_id Coze already has
    backoff: Backoff = DEFAULT_BACKOFF  # retries of 4009/4013/4020/429 before the answer starts
    chatflow: ChatflowTarget | None = None  # `POST /v1/workflows/chat` instead of `/v3/chat`
    rework: Rework | None = None  # a turn asked again: Coze forgets it first, the later turns move after it
    shortcut: ShortcutUse | None = None  # run one of the bot's shortcut commands with the question
    journal: MoveJournal | None = None  # a rework's later messages, on disk until they are back on Coze


class ChatPump:
    def __init__(self, request: TurnRequest) -> None:
        self.request = request
        self._stopped = threading.Event()
        self._stream: ChatStream | None = None
        self._lock = threading.Lock()
        self._on_idle: Callable[[], None] | None = None
        self._shown = False  # answer text or a tool step was emitted: a failure now is not retried
        self._failed: ChatTranscript | None = None  # the chat that failed before anything was shown
        self._reuploaded = False
        self._lifted: list[Lifted] = []  # later turns taken off Coze, to put back after the answer
        self._deleted: list[str] = []  # Coze ids of every message the rework deleted
        self._shortcut_reused: list[tuple[LocalFile, str]] = []  # shortcut files sent by an id not uploaded now

    @property
    def transcript(self) -> ChatTranscript | None:
        """What the stream has said so far (None until it started)."""
        with self._lock:
            return self._stream.transcript if self._stream is not None else None

    @property
    def stopped(self) -> bool:
        return self._stopped.is_set()

    def stop(self) -> None:
        """Thread-safe. Closes the stream now; a request not yet answered is dropped when it returns."""
        self._stopped.set()
        with self._lock:
            stream = self._stream
        if stream is not None:
            stream.cancel()

    def run(
        self,
        client: CozeClient,
        emit: Emit,
        on_raw: RawObserver | None = None,
        on_idle: Callable[[], None] | None = None,
    ) -> None:
        """Run the chat, calling `emit` with each value; the last one is always an `Ended`.
        `on_raw` sees every Coze event as it arrives (`ask --json`); `on_idle` runs before the stream
        reads more (see ChatStream.on_idle). A Coze failure ends the chat (`Ended` with a failure);
        anything else (a bug) propagates to the caller. The later turns of a reworked one go back on
        Coze whatever happened (`MessagesMoved`, just before the `Ended`)."""
        self._on_idle = on_idle
        if self.request.rework is None:  # the usual chat: every event goes straight out
            self._run_chat(client, emit, on_raw)
            return
        ended: list[TurnEvent] = []

        def hold(event: TurnEvent) -> None:
            (ended.append if isinstance(event, Ended) else emit)(event)

        try:
            self._run_chat(client, hold, on_raw)
        finally:
            if self._lifted or self._deleted:
                self._put_back(client, emit)
            for event in ended:
                emit(event)

    def _run_chat(self, client: CozeClient, emit: Emit, on_raw: RawObserver | None) -> None:
        try:
            self._run(client, emit, on_raw)
        except RetryCancelled:
            emit(Ended(ChatOutcome.CANCELLED))
        except CozeError as exc:
            log.info("chat ended with %s", exc.summary())
            if self.request.chatflow is not None and exc.kind is ErrorKind.BOT_NOT_FOUND:
                exc.kind = ErrorKind.CHATFLOW_NOT_FOUND  # a 4200 from /v1/workflows/chat is about the chatflow
            exc.kind = partway_kind(client, exc, self._stream) if self._shown else exc.kind  # not sent again
            outcome = ChatOutcome.INTERRUPTED if isinstance(exc, CozeStreamInterrupted) else ChatOutcome.FAILED
            emit(Ended(outcome, ChatFailure.from_error(exc)))

    def _run(self, client: CozeClient, emit: Emit, on_raw: RawObserver | None) -> None:
        request = self.request
        ids: list[str | None] = []
        if request.attachments:  # uploaded before the chat starts, in order (ids Coze has are reused)
            ids = self._upload(client, request.file_ids, emit)
        conversation = request.coze_conversation_id
        rework = request.rework
        if conversation and rework is not None:  # the bot's memory must match what the user sees
            coze_id = conversation
            self._with_backoff(
                lambda: lift(client, coze_id, rework, self._lifted, self._deleted, before_delete=self._journal_lifting),
                emit,
            )
        if not conversation:
            conversation = self._with_backoff(lambda: _new_conversation(client, request), emit)
            emit(ConversationCreated(conversation))
        if self.stopped:
            emit(Ended(ChatOutcome.CANCELLED))
            return
        self._upload_shortcut_files(client, emit)
        try:
            self._ask(client, conversation, ids, emit, on_raw)
        except CozeError as exc:
            # Refused (or taken and failed mid-stream, `conversation.chat.failed`) because the model looks for a
            # file Coze no longer has: upload those again and ask once more, as long as nothing was shown yet.
            if self._shown or self._reuploaded or self.stopped:
                raise
            ids = self._without_forgotten(client, exc, ids, emit)
            if self._failed is not None:
                forget_failed(client, conversation, self._failed)
            self._ask(client, conversation, ids, emit, on_raw)

    def _ask(
        self, client: CozeClient, conversation: str, ids: list[str | None], emit: Emit, on_raw: RawObserver | None
    ) -> None:
        """Start the chat and pump it. A Coze error in the stream's body before anything was shown (an error
        envelope as the stream, an `error` event, `chat.failed`) is what that code refusing the request is: a
        4100 renews the token and asks once more, "busy" or "too fast" waits and asks again (bounded, announced),
        the failed chat taken off Coze first so the bot sees the question once. (coze-js refreshes the token on
        a 4100 there: chat-sdk async-send-message.ts:150-161, mini-coze-api.ts:184-221.) After answer text
        nothing is sent again: the answer would double."""
        request, retries, renewed = self.request, 0, False
        content, content_type = (
            content_with(request.message, request.attachments, ids) if ids else (request.message, "text")
        )
        while True:
            self._failed = None
            stream = self._start(client, conversation, content, content_type, emit)
            try:
                self._pump(self._begin(stream), client, emit, on_raw)
                return
            except CozeError as exc:
                if self._shown or self.stopped or isinstance(exc, CozeStreamInterrupted):
                    raise
                self._failed = stream.transcript
                if exc.kind is ErrorKind.INVALID_TOKEN and not renewed:
                    if not (renewed := client.renew_after(exc, stream)):
                        raise
                else:
                    delay = request.backoff.delay(retries, exc)
                    if delay is None:
                        raise
                    retries += 1
                    self._announce(delay, retries, exc, emit)
                    if self._stopped.wait(delay):
                        raise RetryCancelled(exc) from exc
            forget_failed(client, conversation, stream.transcript)

    def _without_forgotten(
        self, client: CozeClient, exc: CozeError, ids: list[str | None], emit: Emit
    ) -> list[str | None]:
        """Coze keeps uploads about three months: when it refuses or fails a chat that reuses file_ids, ask
        it which of them it no longer has and upload only those again from the local copies (once per
        turn); re-raise `exc` when it still has them all (the failure was about something else)."""
        request = self.request
        attached = list(zip(request.attachments, ids, strict=True))
        reused = [i for a, i in attached if i and (a.coze_only or request.file_ids.get(a.sha256))]
        reused += [i for _file, i in self._shortcut_reused]  # a shortcut command's file inputs alike
        pairs = [*attached, *self._shortcut_reused]
        gone = forgotten(client, reused) if exc.code and reused and not self._reuploaded else set()
        if not gone:
            raise exc
        lost = [a.name or a.coze_file_id for a, i in pairs if a.coze_only and i in gone]
        if lost:  # only Coze had them: nothing to upload again
            raise FilesGone(lost) from exc
        self._reuploaded = True
        log.info("Coze no longer has %d of the attached files: uploading them again", len(gone))
        if any(i in gone for _a, i in self._shortcut_reused):
            self._upload_shortcut_files(client, emit, gone)
        known = {a.sha256: i for a, i in attached if i and a.sha256 and i not in gone}  # (uploaded now too)
        return self._upload(client, known, emit)

    def _begin(self, stream: ChatStream) -> ChatStream:
        stream.on_idle = self._on_idle
        with self._lock:
            self._stream = stream
        if self.stopped:
            stream.cancel()
        return stream

    def _put_back(self, client: CozeClient, emit: Emit) -> None:
        """The lifted later turns, created again after the new answer (even when the chat failed or was
        stopped: they were on Coze before it)."""
        moved: list[tuple[int, str]] = []
        conversation = self.request.coze_conversation_id or ""
        journal = self.request.journal
        on_created = functools.partial(noted, journal.created, conversation) if journal is not None else None
        try:
            put_back(client, conversation, self._lifted, moved, on_created)
        except CozeError as exc:
            log.warning(
                "%d later message(s) could not be put back on Coze: %s", len(self._lifted) - len(moved), exc.summary()
            )
        if journal is not None:  # over (what Coze refused is said to the user, not tried again)
            noted(journal.done, conversation)
        emit(MessagesMoved(tuple(moved), len(self._lifted) - len(moved), tuple(self._deleted)))

    def _journal_lifting(self, lifted: list[Lifted]) -> None:
        """Write-ahead: a journal the disk has no room for means nothing may be deleted (a quit then would
        lose the later turns from the bot's memory), so the chat ends here, before anything changed on Coze."""
        journal, conversation = self.request.journal, self.request.coze_conversation_id
        if journal is not None and conversation:
            try:
                journal.lifting(conversation, self.request.bot_id, lifted)
            except OSError as exc:
                if exc.errno not in (errno.ENOSPC, errno.EDQUOT):
                    raise
                raise CozeError(
                    f"the moves journal cannot be written: {exc.strerror}", kind=ErrorKind.NO_ROOM_TO_ASK
                ) from exc

    def _upload_shortcut_files(self, client: CozeClient, emit: Emit, gone: Collection[str] = ()) -> None:
        """The files a shortcut command's form chose go up first, by the attachments' upload path (a file
        asked again goes by the id Coze has, `uploaded`, unless it is in `gone`); the command then names
        them as coze-js does (`ShortcutUse.to_wire`). New ids are recorded as an attachment's are."""
        shortcut = self.request.shortcut
        if shortcut is None or not shortcut.files:
            return
        files = [file for _name, file in shortcut.files]
        reuse = {name: file_id for name, file_id in shortcut.uploaded if file_id not in gone}
        known = {file.sha256: reuse[name] for name, file in shortcut.files if name in reuse and file.sha256}

        def uploaded(index: int, file_id: str) -> None:
            emit(FilesUploaded(((files[index].sha256, file_id),)))

        ids = upload_each(client, files, known=known, uploaded=uploaded, cancelled=self._stopped)
        named = {name: file_id for (name, _file), file_id in zip(shortcut.files, ids, strict=True) if file_id}
        pairs = zip(shortcut.files, ids, strict=True)
        self._shortcut_reused = [(file, i) for (name, file), i in pairs if i and i == reuse.get(name)]
        self.request = replace(self.request, shortcut=shortcut.with_uploads(named))

    def _upload(self, client: CozeClient, known: Mapping[str, str], emit: Emit) -> list[str | None]:
        files = self.request.attachments

        def uploaded(index: int, file_id: str) -> None:
            emit(FilesUploaded(((files[index].sha256, file_id),)))

        return upload_each(client, files, known=known, uploaded=uploaded, cancelled=self._stopped)

    def _start(self, client: CozeClient, conversation: str, content: str, content_type: str, emit: Emit) -> ChatStream:
        request, chat_in = self.request, conversation
        flow = request.chatflow
        if flow is not None:
            stream = self._with_backoff(
                lambda: client.stream_workflow_chat(
                    flow.workflow_id,
                    request.user_id,
                    content,
                    app_id=flow.app_id or None,
                    bot_id=flow.bot_id or None,
                    conversation_id=chat_in,
                    parameters=dict(flow.parameters) or None,
                    content_type=content_type,
                ),
                emit,
            )
        else:
            stream = self._with_backoff(
                lambda: client.stream_chat(
                    request.bot_id,
                    request.user_id,
                    content,
                    conversation_id=chat_in,
                    content_type=content_type,
                    shortcut=request.shortcut,
                ),
                emit,
            )
        return stream

    def _with_backoff(self, call: Callable[[], T], emit: Emit) -> T:
        """`call()`, retried while Coze says "busy" or "too fast"; each wait is announced and `stop()` ends it."""
        return call_with_backoff(
            call, self.request.backoff, self._stopped.wait, functools.partial(self._announce, emit=emit)
        )

    @staticmethod
    def _announce(seconds: float, attempt: int, error: CozeError, emit: Emit) -> None:
        log.info("%s; retry %d in %.1f s", error.summary(), attempt, seconds)
        emit(Retrying(seconds, attempt, error.code or 0, error.summary()))

    def _pump(self, stream: ChatStream, client: CozeClient, emit: Emit, on_raw: RawObserver | None) -> None:
        transcript = stream.transcript
        for event in stream:
            if on_raw is not None:
                on_raw(event)
            kind = event.type
            message = event.message
            changed = transcript.last_change  # only what the transcript accepted as answer text
            if message is not None and changed is not None:
                if kind == MESSAGE_DELTA:
                    if message.content or message.reasoning_content:
                        self._shown = True
                        emit(AnswerDelta(changed.message_id, message.content, message.reasoning_content))
                elif kind == EventType.MESSAGE_COMPLETED:
                    self._shown = True
                    emit(AnswerCompleted(changed.message_id, changed.text, changed.reasoning, changed.content_type))
            elif (
                kind == EventType.MESSAGE_COMPLETED
                and message is not None
                and is_shown_step(message.type, message.content)
            ):
                self._shown = True
                emit(StepMessage(message.id, message.type, message.content))
            elif kind == EventType.CHAT_CREATED and event.chat is not None:
                emit(ChatStarted(event.chat.id))
            elif kind == EventType.CHAT_COMPLETED:
                usage = transcript.usage
                emit(UsageReported(usage.input_count, usage.output_count))
        if transcript.follow_ups:
            emit(FollowUps(tuple(transcript.follow_ups)))
        outcome = transcript.outcome
        if outcome is ChatOutcome.REQUIRES_ACTION:
            failure = ChatFailure.from_error(requires_action(client, transcript, stream.logid))
            emit(Ended(outcome, failure))
            return
        if outcome is ChatOutcome.STREAMING:  # ended by `done` without chat.completed: still an answer
            outcome = ChatOutcome.COMPLETED
        emit(Ended(outcome, debug_url=transcript.debug_url))


def _new_conversation(client: CozeClient, request: TurnRequest) -> str:
    """A new Coze conversation: an app's chatflow gets one by name, as the chat SDK does (a fresh
    name per local conversation); a bot, or a chatflow in a bot, gets one for the bot."""
    flow = request.chatflow
    if flow is not None and flow.app_id:
        name = f"coze-desktop-{uuid.uuid4().hex}"
        return client.create_app_conversation(flow.app_id, name, flow.workflow_id).id
    return client.create_conversation(flow.bot_id if flow is not None else request.bot_id).id
