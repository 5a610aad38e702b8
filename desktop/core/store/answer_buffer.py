"""AnswerBuffer: streaming answers reach the disk often enough that a crash loses < `interval` seconds.

One buffer per chat (one question and its answers). Deltas are collected in memory, keyed by the
Coze message id (a chat can stream several messages: answers, verbose, tool calls...). The local row
of a message is created on its first delta (status "streaming"); its text is written at most every
`interval` seconds, all dirty messages in one transaction; never a commit per delta.

Typical use from the thread that owns the Store::

    buffer = AnswerBuffer(store, conversation_id)
    for event in stream:                       # each delta
        buffer.append(event.message.id, event.message.content, event.message.reasoning_content)
    buffer.finish("complete", usage=(usage.input_count, usage.output_count))

`append` flushes when due; while a stream is silent, call `flush_if_due()` from a timer too.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from desktop.core.store.messages import ErrorArg, UsageArg
from desktop.core.store.models import TYPE_ANSWER, DiskFullError, UnsavedError
from desktop.core.store.store import Store
from desktop.core.vocabulary import STATUSES, MessageStatus

DEFAULT_INTERVAL = 0.3
# A flush rewrites the whole text of a message, so it costs more as an answer grows: the next one waits at
# least this many times as long as the last one took. Saving then uses at most ~1/(1 + FLUSH_BACKOFF) of
# the time whatever the answer's length, instead of flushing at every delta once a flush outlasts the
# interval (a 40 MB answer hung `ask` and the window that way).
FLUSH_BACKOFF = 4.0
Background = Callable[[Callable[[Store], None], Callable[[Exception | None], None]], None]  # see `background`


def _nothing(_store: Store) -> None:
    """The final write of a buffer already finished."""


@dataclass(slots=True)
class _Pending:
    message_id: int
    type: str
    content: list[str] = field(default_factory=list)
    reasoning: list[str] = field(default_factory=list)
    dirty: bool = False
    open: bool = True
    # Completed (`complete_message`) but its final text and status not written yet: written with the chat's
    # end (the usage goes in the same UPDATE) or at the next due flush, whichever comes first.
    held: bool = False

    def text(self) -> str:
        if len(self.content) > 1:
            self.content[:] = ["".join(self.content)]
        return self.content[0] if self.content else ""

    def reasoning_text(self) -> str:
        if len(self.reasoning) > 1:
            self.reasoning[:] = ["".join(self.reasoning)]
        return self.reasoning[0] if self.reasoning else ""


class AnswerBuffer:
    """Accumulates the streaming messages of one chat and writes them in timed batches.

    `clock` is injectable (tests drive time by hand; no sleeping). Not thread-safe: use it from the
    Store's thread.
    """

    def __init__(
        self,
        store: Store,
        conversation_id: int,
        *,
        coze_chat_id: str | None = None,
        interval: float = DEFAULT_INTERVAL,
        clock: Callable[[], float] = time.monotonic,
        reuse: int | None = None,
        sent_at: float | None = None,
    ) -> None:
        """`reuse`: an emptied answer row (see Versions.rework) that the first message streams into;
        `sent_at`: when the question was sent, the answer rows' `created_at` (None: their first delta)."""
        self._store = store
        self._reuse = reuse
        self._sent_at = sent_at
        self._conversation_id = conversation_id
        self._chat_id = coze_chat_id
        self._interval = interval
        self._gap = interval  # the interval, stretched after a slow flush (see FLUSH_BACKOFF)
        self._clock = clock
        self._last_flush = clock()
        self._messages: dict[str, _Pending] = {}
        self._finished = False
        self.flush_count = 0
        # The last write that failed because the disk is full (None once a write succeeds again): the
        # text is kept in memory and written at the next flush; `unsaved` says whether any is waiting.
        self.save_problem: DiskFullError | None = None
        # The window's periodic saves run on another thread (`background(write, done)`: a 1 MB answer's took
        # 6-30 ms of the window's, #21). A write made here first takes back a save not confirmed yet (`_later`),
        # which then finds `_generation` changed once it holds the write lock: it never overwrites newer text.
        self.background: Background | None = None
        self._generation = 0
        self._later: list[tuple[_Pending, bool]] | None = None

    @property
    def message_ids(self) -> dict[str, int]:
        """Coze message id → local message id, in the order the messages started."""
        return {key: pending.message_id for key, pending in self._messages.items()}

    @property
    def finished(self) -> bool:
        return self._finished

    @property
    def unsaved(self) -> bool:
        """Text or a final status that is only in memory (a write failed, or is not due yet)."""
        return not self._finished or any(p.dirty or p.held for p in self._messages.values())

    def texts(self) -> dict[str, str]:
        """Every message's whole text so far, by Coze message id (to save it elsewhere when the disk is full)."""
        return {key: pending.text() for key, pending in self._messages.items()}

    def content(self, coze_message_id: str) -> str:
        """The text received so far for a message (including what is not flushed yet)."""
        pending = self._messages.get(coze_message_id)
        return pending.text() if pending else ""

    @property
    def chat_id(self) -> str | None:
        return self._chat_id

    def set_chat_id(self, coze_chat_id: str) -> None:
        """The Coze chat id, once known (`conversation.chat.created`); stored with every later message."""
        self._chat_id = coze_chat_id
        with self._store.transaction():
            for pending in self._messages.values():
                self._store.messages.update(pending.message_id, coze_chat_id=coze_chat_id)

    def append(
        self,
        coze_message_id: str | None,
        content: str = "",
        reasoning_content: str = "",
        *,
        type: str = TYPE_ANSWER,
    ) -> int:
        """Add a delta to a message (created on its first delta); returns the local message id."""
        if self._finished:
            raise RuntimeError("this AnswerBuffer is finished")
        key = coze_message_id or ""
        pending = self._messages.get(key)
        if pending is None:  # its row first: a refused write (disk full) raises here and changes nothing
            with self._saving():
                if self._reuse is not None:
                    row_id = self._reuse
                    self._store.messages.update(
                        row_id, coze_chat_id=self._chat_id, coze_message_id=coze_message_id or None
                    )
                    self._reuse = None  # (only once it is claimed: else the next try would start a new row)
                else:
                    row_id = self._store.messages.start_answer(
                        self._conversation_id,
                        coze_chat_id=self._chat_id,
                        coze_message_id=coze_message_id or None,
                        type=type,
                        created_at=self._sent_at,
                    ).id
            pending = self._messages[key] = _Pending(row_id, type)
        if content:
            pending.content.append(content)
            pending.dirty = True
        if reasoning_content:
            pending.reasoning.append(reasoning_content)
            pending.dirty = True
        now = self._clock()
        if now - self._last_flush >= self._gap - 1e-9:  # flush_if_due's first test, inline: it runs per delta
            self.flush_if_due(now)
        return pending.message_id

    def complete_message(
        self, coze_message_id: str, content: str | None = None, reasoning_content: str | None = None
    ) -> None:
        """One message is done (`conversation.message.completed`); its final text replaces the deltas."""
        pending = self._messages.get(coze_message_id)
        if pending is None:
            self.append(coze_message_id, content or "", reasoning_content or "")
            pending = self._messages[coze_message_id]
        else:  # the final text replaces the deltas; written again only if it differs (1 MB costs ~2 ms)
            if content is not None and content != pending.text():
                pending.content[:] = [content]
                pending.dirty = True
            if reasoning_content is not None and reasoning_content != pending.reasoning_text():
                pending.reasoning[:] = [reasoning_content]
                pending.dirty = True
        # Not written now: SQLite rewrites a whole row for any column, and the chat's end (with the token usage)
        # follows at once, so the final text, the status and the usage go in one UPDATE there (a 1 MB answer
        # was rewritten twice, ~10-20 ms each). A due flush writes it first if the end is late, so a crash
        # loses no more than while it streamed: what came since the last flush.
        pending.held = True
        pending.open = False

    def flush_if_due(self, now: float | None = None) -> bool:
        """Flush if something is unwritten and `interval` (or longer after a slow flush) has passed since
        the last flush."""
        now = self._clock() if now is None else now
        if now - self._last_flush < self._gap - 1e-9:  # (float sums land a hair short)
            return False
        if not any(p.dirty or p.held for p in self._messages.values()):
            return False
        if self.background is not None:
            return self._flush_later(now)
        try:
            self.flush(now)
        except UnsavedError:  # disk full or busy: kept in memory, tried again when the next flush is due
            self._last_flush = self._clock() if now is None else now
            return False
        return True

    def flush(self, now: float | None = None) -> None:
        """Write every message with unwritten text (and a completed one's status), in one transaction."""
        self._take_back()
        dirty = [p for p in self._messages.values() if p.dirty or p.held]
        started = self._clock()
        if dirty:
            with self._saving():
                with self._store.transaction():
                    for pending in dirty:
                        self._write(pending)
                for pending in dirty:
                    pending.dirty = pending.held = False
            self.flush_count += 1
        cost = max(0.0, self._clock() - started)
        self._gap = max(self._interval, FLUSH_BACKOFF * cost)
        self._last_flush = self._clock() if now is None else now + cost

    def finish(
        self,
        status: str = MessageStatus.COMPLETE,
        error: ErrorArg = None,
        usage: UsageArg = None,
        *,
        debug_url: str | None = None,
    ) -> None:
        """Flush and mark every still open message with `status` (and `error`); `usage` goes to the last
        answer, `debug_url` to the last message. A chat that failed before any message started still leaves
        a failed answer row, so the history shows what happened. Each row is written by one UPDATE."""
        if self._finished:
            return
        write = self.final_write(status, error, usage, debug_url=debug_url)
        with self._saving():
            write(self._store)
        self.final_written()

    def final_write(
        self,
        status: str = MessageStatus.COMPLETE,
        error: ErrorArg = None,
        usage: UsageArg = None,
        *,
        debug_url: str | None = None,
    ) -> Callable[[Store], None]:
        """`finish`'s writes as a job, `write(store)`, for a Store of the same history on another thread (#21):
        one transaction, one UPDATE per row, of plain data taken now. Nothing here changes until
        `final_written()` says it committed; a job that raised (full, busy) leaves all to be finished again."""
        if status not in STATUSES or status == MessageStatus.STREAMING:
            raise ValueError(f"cannot finish with status {status!r}")
        if self._finished:
            return _nothing
        self._take_back()
        if not self._messages and (status != MessageStatus.COMPLETE or error is not None or self._reuse is not None):
            self.append(None)  # committed on its own: a retry after a failed finish finds the row
        pendings = list(self._messages.values())
        answers = [p for p in pendings if p.type == TYPE_ANSWER]
        usage_to = (answers or pendings)[-1] if usage is not None and pendings else None
        debug_to = pendings[-1] if debug_url and pendings else None
        rows = [
            (pending.message_id, fields)
            for pending in pendings
            if (
                fields := self._fields(
                    pending,
                    status=status if pending.open else None,
                    error=error if pending.open else None,
                    usage=usage if pending is usage_to else None,
                    debug_url=debug_url if pending is debug_to else None,
                )
            )
            is not None
        ]

        def write(store: Store) -> None:
            with store.transaction():
                for message_id, fields in rows:
                    store.messages.update(message_id, **fields)

        return write

    def final_written(self) -> None:
        """The job of `final_write` committed: nothing waits in memory any more, the buffer is finished."""
        for pending in self._messages.values():
            pending.dirty = pending.held = pending.open = False
        self._finished = True
        self.save_problem = None
        self._last_flush = self._clock()

    def final_refused(self, error: Exception) -> None:
        """The job of `final_write` raised: remember a full disk (`save_problem`), as a write here would."""
        self.save_problem = error if isinstance(error, DiskFullError) else self.save_problem

    def _flush_later(self, now: float) -> bool:
        """`flush` as a job for `background`; one at a time (the next when it is done and due)."""
        if self._later is not None or self.background is None:
            return False
        dirty = [p for p in self._messages.values() if p.dirty or p.held]
        rows = [(p.message_id, fields) for p in dirty if (fields := self._fields(p)) is not None]
        later = self._later = [(p, p.held) for p in dirty]
        for pending in dirty:
            pending.dirty = pending.held = False
        generation, cost = self._generation, [0.0]

        def write(store: Store) -> None:
            started = time.monotonic()
            with store.transaction():  # (BEGIN IMMEDIATE: no write of the window's can come in between)
                if self._generation == generation:  # else a newer write has, or will have, all of it
                    for message_id, fields in rows:
                        store.messages.update(message_id, **fields)
            cost[0] = time.monotonic() - started

        self._last_flush = now
        self.background(write, lambda error: self._saved_later(later, cost[0], error))
        return True

    def _saved_later(self, later: list[tuple[_Pending, bool]], cost: float, error: Exception | None) -> None:
        if self._later is not later:  # taken back: a write made here since has it
            return
        if error is not None:  # refused (full, busy): unwritten again, tried when the next save is due
            self._take_back()
            self.save_problem = error if isinstance(error, DiskFullError) else self.save_problem
            return
        self._later, self.save_problem = None, None
        self.flush_count += 1
        self._gap = max(self._interval, FLUSH_BACKOFF * cost)

    def _take_back(self) -> None:
        """Before a write made here: a background save not confirmed yet is stale, its messages unwritten."""
        self._generation += 1
        later, self._later = self._later, None
        for pending, held in later or ():
            pending.dirty = True
            pending.held = pending.held or (held and not self._finished)

    def held_final(self, message_id: int) -> tuple[str, str] | None:
        """The final text and reasoning of a completed message whose write waits (see `complete_message`)."""
        for pending in self._messages.values():
            if pending.message_id == message_id and pending.held:
                return pending.text(), pending.reasoning_text()
        return None

    def _write(self, pending: _Pending) -> None:
        fields = self._fields(pending)
        if fields is not None:
            self._store.messages.update(pending.message_id, **fields)

    @staticmethod
    def _fields(
        pending: _Pending,
        *,
        status: str | None = None,
        error: ErrorArg = None,
        usage: UsageArg = None,
        debug_url: str | None = None,
    ) -> dict[str, Any] | None:
        """One UPDATE of the row: its text if unwritten, COMPLETE if it completed, and the given fields (None:
        nothing to write)."""
        if not (pending.dirty or pending.held or status or error or usage or debug_url):
            return None
        return {
            "content": pending.text() if pending.dirty else None,
            "reasoning_content": pending.reasoning_text() if pending.dirty and pending.reasoning else None,
            "status": MessageStatus.COMPLETE if pending.held else status,
            "error": error,
            "usage": usage,
            "debug_url": debug_url,
        }

    @contextmanager
    def _saving(self) -> Iterator[None]:
        """Remember a disk-full failure (and re-raise it), forget it once a write succeeds."""
        try:
            yield
        except DiskFullError as exc:
            self.save_problem = exc
            raise
        self.save_problem = None
