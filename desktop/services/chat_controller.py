"""ChatController: turns "send this in that conversation" into a worker thread, store writes and
view-level signals, for any number of conversations streaming at once.

Each chat is a `ChatTurn` (desktop/core/chat), the same one `ask` uses: the worker pumps the chat on its
thread and sends each event by signal into an inbox (turn_inbox.py; it waits while too many are in flight:
backlog.py); as the inbox drains, the turn records each in the store on this (the GUI) thread and tells the views.
Nothing is lost: the user's message is committed before the request leaves; answers are written through an
AnswerBuffer (~0.3 s behind the screen, the inbox 0.05 s more at most); a stop, failure or quit keeps what arrived.

Signals (local ids only; messages are store `Message` records):
    messageAdded(conversation_id, Message)        a question or a new answer row
    answerDelta(conversation_id, message_id, text, reasoning)
    messageUpdated(conversation_id, Message)      status, error, usage or final content changed
    messageReplaced(conversation_id, Message)     a regenerated answer (emptied) or an edited question
    followUpsChanged(conversation_id, [str])
    memoryNotice(conversation_id, kind, count)    Coze's memory cannot follow the screen after a rework
                                                  (MEMORY_NOT_REORDERED, or MEMORY_LOST: `count` later messages)
    busyChanged(conversation_id, bool)
    conversationUpdated(conversation_id)          title, Coze id or order changed: refresh the list
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal

from desktop.core.attachments.copies import LocalCopies, question_content, shortcut_to_send
from desktop.core.attachments.local import LocalFile
from desktop.core.chat import ChatFailure, ChatTurn, Ended, MoveJournal, TurnEvent, TurnRequest
from desktop.core.chat.events import MessagesMoved
from desktop.core.chat.forget import Rework, coze_rework, record_moved
from desktop.core.chat.targets import key_of, parse_key
from desktop.core.coze.backoff import DEFAULT_BACKOFF, Backoff
from desktop.core.coze.errors import ErrorKind
from desktop.core.shortcut_use import ShortcutUse
from desktop.core.store import Store
from desktop.core.store.models import Conversation, UnsavedError
from desktop.core.vocabulary import ChatOutcome
from desktop.services.active_chat import ActiveChat
from desktop.services.asked_before import question_before, to_send
from desktop.services.chat_worker import ChatRequest, ChatWorker
from desktop.services.connection import Connection
from desktop.services.store_writes import StoreWrites
from desktop.services.turn_ends import TurnEnds
from desktop.services.turn_inbox import TurnInbox
from desktop.services.turn_relay import Relay
from desktop.services.unsaved_turns import UnsavedTurns

log = logging.getLogger(__name__)

FLUSH_INTERVAL_MS = 250
MEMORY_NOT_REORDERED = "not_reordered"  # too many later messages: the new answer is the latest on Coze
MEMORY_LOST = "lost"  # later messages could not be put back on Coze after the new answer
QUIT = ChatFailure(ErrorKind.QUIT, "the app quit while the answer streamed")
STOP_GRACE_MS = 1000


class ChatController(QObject):
    messageAdded = Signal(int, object)
    answerDelta = Signal(int, int, str, str)
    messageUpdated = Signal(int, object)
    messageReplaced = Signal(int, object)  # a reworked row: show it as it is now (see regenerate)
    followUpsChanged = Signal(int, list)
    busyChanged = Signal(int, bool)
    conversationUpdated = Signal(int)
    retrying = Signal(int, float, int, int)  # conversation id, seconds until the retry, attempt, Coze code
    memoryNotice = Signal(int, str, int)

    def __init__(
        self,
        store: Store,
        connection_for: Callable[[str], Connection | None],
        parent: QObject | None = None,
        backoff: Backoff = DEFAULT_BACKOFF,
        missing_credential: Callable[[], ErrorKind] = lambda: ErrorKind.NO_TOKEN,
    ) -> None:
        """`connection_for(bot_id)` gives where a conversation's chats go, or None if not configured."""
        super().__init__(parent)
        self._store = store
        self._connection_for = connection_for
        self._backoff = backoff
        self.copies: LocalCopies | None = None  # kept attachments, for retries (set by the app)
        self.journal: MoveJournal | None = None  # a regenerate's moves on Coze, on disk till done (set by the app)
        self.parameters_for: Callable[[str], dict[str, str]] = lambda _key: {}  # a chatflow's inputs, by target key
        self._missing_credential = missing_credential  # why there is no connection: no token yet, or gone
        self._active: dict[int, ActiveChat] = {}
        self._retired: list[ActiveChat] = []  # threads finishing after their chat ended
        self._flush_timer = QTimer(self, interval=FLUSH_INTERVAL_MS)
        self._flush_timer.timeout.connect(self._flush_all)
        self._inbox: TurnInbox[ActiveChat] = TurnInbox(lambda c, e: self._on_event(c.conversation_id, e, c), self)
        self._closing = False
        # Ended turns whose answers the history refused (disk full, busy): kept in memory, saved later.
        self.unsaved = UnsavedTurns(self)
        self.unsaved.saved.connect(self.conversationUpdated)
        self.unsaved.shown.connect(self.messageUpdated)
        self.writes = StoreWrites(store, self)  # a question that cannot be saved is not sent (and says why)
        self.ends = TurnEnds(store, self.unsaved, self)  # the ends' writes, off this thread

    # -- queries ----------------------------------------------------------------------------------

    def is_busy(self, conversation_id: int) -> bool:
        return conversation_id in self._active or self.ends.writing(conversation_id)

    @property
    def busy_conversations(self) -> list[int]:
        return [*self._active, *self.ends.conversations]

    @property
    def streaming_turns(self) -> list[ChatTurn]:
        """The turns of the chats still running (their answers so far are in memory, saved every ~0.3 s)."""
        return [chat.turn for chat in self._active.values() if not chat.ended]

    def connection(self, bot_id: str) -> Connection | None:
        """Where chats with `bot_id` go (None: not configured); uploads before a chat go there too."""
        return self._connection_for(bot_id)

    def answer_duration(self, conversation_id: int) -> float:
        chat = self._active.get(conversation_id)
        return time.monotonic() - chat.started if chat else 0.0

    # -- intents ----------------------------------------------------------------------------------

    def send(
        self,
        conversation_id: int,
        text: str,
        *,
        record_question: bool = True,
        attachments: Sequence[LocalFile] = (),
        file_ids: Mapping[str, str] | None = None,
        question_id: int | None = None,
        shortcut: ShortcutUse | None = None,
    ) -> bool:
        """Ask `text` (with `attachments`, those without a known file_id in `file_ids` (sha256 → id)
        uploaded on the worker before the chat starts) in a conversation, with `shortcut` one of the bot's
        shortcut commands. `question_id` names the stored question when it is not recorded again. False
        (and nothing happens) if it is already streaming."""
        text = text.strip()
        if (not text and not attachments) or self._closing or self.is_busy(conversation_id):
            return False
        conversation = self._store.conversations.get(conversation_id)
        if conversation is None:
            return False
        relay = Relay(self, conversation_id)
        content, content_type = question_content(text, attachments)
        question = content if record_question else None
        used = shortcut.to_json() if shortcut is not None else None
        turn = self.writes.attempt(
            lambda: ChatTurn.begin(
                self._store, conversation_id, question, relay, content_type, question_id=question_id, shortcut=used
            ),
            "question",
        )
        if turn is None:  # not saved, so not sent (writes.problem said why): the composer keeps it
            return False
        if file_ids and (asked := turn.question_id) is not None:  # what Coze already has is not uploaded again
            self.writes.run(lambda: self._store.attachments.set_file_ids(asked, file_ids), "file ids")
        self._ask(conversation, turn, text, attachments, file_ids, shortcut=shortcut)
        return True

    def regenerate(self, conversation_id: int, message_id: int, text: str | None = None) -> bool:
        """Ask the turn of `message_id` (its question or an answer) again; with `text`, the question is
        edited first. The answers become an earlier version, the new one streams where they were, and
        Coze forgets the old chats before it is asked. False (nothing happens) while it is streaming."""
        turn = self._store.versions.turn(message_id)
        conversation = self._store.conversations.get(conversation_id)
        if self._closing or self.is_busy(conversation_id) or conversation is None or turn is None:
            return False
        if turn.question.conversation_id != conversation_id or not turn.answers:
            return False
        old_text, files, known = to_send(self._store, self.copies, turn.question)
        ask = old_text if text is None else text.strip()
        if not ask and not files:
            return False
        question = None if text is None or ask == old_text else question_content(ask, files)
        rework = coze_rework(self._store, turn)  # read before the rows change
        reworked = self.writes.attempt(
            lambda: ChatTurn.rework(self._store, turn, question, Relay(self, conversation_id)), "regenerate"
        )
        if reworked is None:
            return False
        shortcut = shortcut_to_send(ShortcutUse.from_json(turn.question.shortcut), self.copies)  # files again too
        if known and (asked := reworked.question_id) is not None:  # what Coze still has is not uploaded again
            self.writes.run(lambda: self._store.attachments.set_file_ids(asked, known), "file ids")
        self._ask(conversation, reworked, ask, files, known, rework=rework, shortcut=shortcut)
        if rework.too_many:
            self.memoryNotice.emit(conversation_id, MEMORY_NOT_REORDERED, 0)
        return True

    def _ask(
        self,
        conversation: Conversation,
        turn: ChatTurn,
        text: str,
        attachments: Sequence[LocalFile],
        file_ids: Mapping[str, str] | None = None,
        *,
        rework: Rework | None = None,
        shortcut: ShortcutUse | None = None,
    ) -> None:
        key = key_of(conversation)
        connection = self._connection_for(key)
        if connection is None:  # not configured: the question is kept and the answer says what to do
            turn.end(ChatOutcome.FAILED, ChatFailure(self._missing_credential(), "no access token is configured"))
            self.conversationUpdated.emit(conversation.id)
            return
        chat = TurnRequest(
            connection.bot_id,
            connection.user_id,
            text,
            conversation.coze_conversation_id,
            tuple(attachments),
            dict(file_ids or {}),
            backoff=self._backoff,
            chatflow=parse_key(key, self.parameters_for(key)),
            rework=rework,
            shortcut=shortcut,
            journal=self.journal,
        )
        self._start_worker(conversation.id, ChatRequest(conversation.id, chat, connection), turn)

    def flush(self, conversation_id: int) -> None:
        """Take in the events that arrived, write what has streamed so far (before the window re-reads it)."""
        self._inbox.drain()
        chat = self._chat_for(conversation_id)
        if chat is not None:
            chat.turn.flush()  # (what the history refuses stays in memory: the next flush tries again)

    def retry(self, conversation_id: int, answer_id: int) -> bool:
        """Ask again the question that `answer_id` answered (the failed answer stays in the history)."""
        question = question_before(self._store, conversation_id, answer_id)
        if question is None:
            return False
        latest = self._store.messages.page(conversation_id, limit=1)
        is_last = bool(latest) and latest[-1].id == answer_id
        # Retrying the latest answer answers right below it; an older one asks again at the bottom.
        text, files, known = to_send(self._store, self.copies, question)
        return self.send(
            conversation_id,
            text,
            record_question=not is_last,
            attachments=files,
            file_ids=known,
            question_id=question.id,
            shortcut=shortcut_to_send(ShortcutUse.from_json(question.shortcut), self.copies),
        )

    def retry_in_new_coze_conversation(self, conversation_id: int, answer_id: int) -> bool:
        """Coze no longer has this chat's conversation: forget its Coze id and ask again, so Coze starts
        a new conversation for it. The local history stays as it is."""
        if self.is_busy(conversation_id) or self._store.conversations.get(conversation_id) is None:
            return False
        if not self.writes.done_now(
            lambda: self._store.conversations.set_coze_id(conversation_id, None), "new Coze chat"
        ):
            return False
        return self.retry(conversation_id, answer_id)

    def stop(self, conversation_id: int) -> None:
        chat = self._active.get(conversation_id)
        if chat is not None:
            self._inbox.drain()  # what arrived before the Stop is shown and kept
            chat.stopped = True
            chat.worker.stop()  # at once; a request waiting for its first byte cannot be: after a grace, ended here
            QTimer.singleShot(STOP_GRACE_MS, self, lambda: self._force_stop(conversation_id, chat))

    def _force_stop(self, conversation_id: int, chat: ActiveChat) -> None:
        self._inbox.drain()  # what arrived is kept; what comes after is ignored
        if self._active.get(conversation_id) is chat and not chat.ended:
            log.info("chat in conversation %s ended without waiting for its request", conversation_id)
            self._finish(conversation_id, Ended(ChatOutcome.CANCELLED))

    def discard(self, conversation_id: int) -> None:
        """The conversation is being deleted: stop its stream and write nothing more for it."""
        self.unsaved.forget(conversation_id)
        writing = self.ends.forget(conversation_id)  # (busy until its end was written: no more)
        chat = self._active.pop(conversation_id, None)
        if chat is None:
            if writing:
                self.busyChanged.emit(conversation_id, False)
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
            all_done = chat.thread.wait(remaining) and all_done
            self._inbox.drain()  # the worker's last events (deltas, its end) wait in the inbox: take them in first
            if not chat.ended:  # a worker that did not finish in time: settle the store here
                self._finish(conversation_id, Ended(ChatOutcome.CANCELLED))
        self.ends.finish(max(1000, int((deadline - time.monotonic()) * 1000)))  # before the history closes
        for chat in self._retired:
            remaining = max(0, int((deadline - time.monotonic()) * 1000))
            all_done = chat.thread.wait(remaining) and all_done
        self._flush_timer.stop()
        self.unsaved.save()  # one last try; what is still refused is offered to be saved to a file
        self.unsaved.stop()
        self.writes.flush()  # (moved Coze ids, file ids) still waiting for a busy history: one last try
        return all_done

    # -- worker plumbing --------------------------------------------------------------------------

    def _start_worker(self, conversation_id: int, request: ChatRequest, turn: ChatTurn) -> None:
        thread = QThread()
        thread.setObjectName(f"chat-{conversation_id}")
        worker = ChatWorker(request)
        worker.moveToThread(thread)
        chat = ActiveChat(conversation_id, worker, thread, self.ends.adopt(turn), time.monotonic())  # (saves: writer)
        self._active[conversation_id] = chat
        thread.started.connect(worker.run)
        # Direct: QThread.quit is thread-safe; queued, it would wait for a GUI thread waiting for this one (shutdown).
        worker.done.connect(thread.quit, Qt.ConnectionType.DirectConnection)
        worker.turnEvent.connect(lambda _c, e: self._inbox.put(chat, e), Qt.ConnectionType.DirectConnection)
        # The worker moves itself back to this thread when it is done (ChatWorker.run): _reap deletes it here.
        thread.finished.connect(lambda: self._reap(chat))
        self.busyChanged.emit(conversation_id, True)
        if not self._flush_timer.isActive():
            self._flush_timer.start()
        thread.start()

    def _reap(self, chat: ActiveChat) -> None:
        if chat in self._retired:
            self._retired.remove(chat)
        chat.worker.deleteLater()
        chat.thread.deleteLater()

    def _chat_for(self, conversation_id: int) -> ActiveChat | None:
        chat = self._active.get(conversation_id)
        return chat if chat is not None and not chat.ended else None

    def _on_event(self, conversation_id: int, event: TurnEvent, source: ActiveChat | None = None) -> None:
        if (chat := self._active.get(conversation_id) if source is None else source) is not None:
            chat.worker.backlog.take_one()  # lets the worker send more (it waits when too many are queued)
        if isinstance(event, MessagesMoved):  # recorded even after a stop: the rows must name what Coze has
            record = functools.partial(record_moved, self._store, event.moved, event.deleted, conversation_id)
            self.writes.run(record, "moved messages")  # busy: later
            if event.missing:
                self.memoryNotice.emit(conversation_id, MEMORY_LOST, event.missing)
            return
        if chat is None or chat is not self._chat_for(conversation_id):
            return  # `source` ended (stopped, discarded): its late events change nothing, nor a newer chat's
        if isinstance(event, Ended):
            self._finish(conversation_id, event)
        else:
            self._apply(conversation_id, chat.turn, event)

    def _apply(self, conversation_id: int, turn: ChatTurn, event: TurnEvent) -> None:
        """Record an event; a history refusing it (full, busy) never raises here: see UnsavedTurns."""
        try:
            turn.apply(event)
        except UnsavedError as exc:
            log.warning("an answer in conversation %s is not saved yet: %s", conversation_id, exc)
            if turn.unsaved:
                self.unsaved.add(conversation_id, turn)

    def _finish(self, conversation_id: int, ended: Ended) -> None:
        chat = self._chat_for(conversation_id)
        if chat is None:
            return
        chat.ended = True
        if self._closing and not chat.stopped and ended.outcome is ChatOutcome.CANCELLED:  # the app quit, no Stop
            ended = Ended(ChatOutcome.CANCELLED, QUIT, ended.debug_url)
        self.ends.prepare(chat.turn, closing=self._closing)  # its row is written on the writer's thread
        self._apply(conversation_id, chat.turn, ended)
        del self._active[conversation_id]
        self._retired.append(chat)
        if not self._active:
            self._flush_timer.stop()
        if not self.ends.write(conversation_id, chat.turn, functools.partial(self._ended, conversation_id)):
            self._ended(conversation_id)

    def _ended(self, conversation_id: int) -> None:
        """The chat's end is in the history: it is no longer busy."""
        self.busyChanged.emit(conversation_id, False)
        self.conversationUpdated.emit(conversation_id)

    def _flush_all(self) -> None:
        for chat in self._active.values():
            chat.turn.flush_if_due()
