"""The ends of the window's turns, written on the history writer's thread (#21).

At a turn's end the whole answer's row is written once more with its status and usage: 6-14 ms for a
1 MB answer, which the window's thread used to wait for. The ChatController asks each turn to leave that
write (`ChatTurn.defer_end_write`) and hands it here: it runs on a HistoryWriter, and when it committed
the turn shows its answers as stored and `then()` ends the chat (busy off, the list reloads), so nothing
says "done" before the history has it. Until then the rows stay as the last flush wrote them: a crash
loses what it lost before (the last ~0.3 s; the next start marks the answer interrupted). A write the
history refused (disk full, busy) leaves the turn to UnsavedTurns, as a refused end always did; at quit
the writes still running are waited for, then kept the same way.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject

from desktop.core.chat import ChatTurn
from desktop.core.store import Store
from desktop.core.store.models import StoreBusyError, UnsavedError
from desktop.services.history_writer import HistoryWriter
from desktop.services.unsaved_turns import UnsavedTurns

log = logging.getLogger(__name__)


class TurnEnds(QObject):
    def __init__(self, store: Store, unsaved: UnsavedTurns, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._writable = not store.read_only
        self._unsaved = unsaved
        self.writer = HistoryWriter(store.path, store.now, self)
        self._waiting: dict[int, tuple[ChatTurn, Callable[[], None]]] = {}  # by conversation

    def adopt(self, turn: ChatTurn) -> ChatTurn:
        """A turn starting: its periodic saves of the answer go to the writer too (a 1 MB answer's took 6-30 ms)."""
        return turn.save_in_background(self.writer.submit) if self._writable else turn

    def prepare(self, turn: ChatTurn, *, closing: bool) -> None:
        """Before the turn's end is applied: leave its write to us (not while quitting: then it is done at once)."""
        turn.defer_end_write = self._writable and not closing

    def write(self, conversation_id: int, turn: ChatTurn, then: Callable[[], None]) -> bool:
        """Write the end the turn left (see `prepare`), then call `then()`; False: it left none (it is written)."""
        write = turn.end_write
        if write is None:
            return False
        self._waiting[conversation_id] = (turn, then)
        self.writer.submit(write, functools.partial(self._written, conversation_id, turn))
        return True

    def writing(self, conversation_id: int) -> bool:
        """The conversation's last chat ended and its end is being written (the chat is still busy)."""
        return conversation_id in self._waiting

    @property
    def conversations(self) -> list[int]:
        return list(self._waiting)

    def forget(self, conversation_id: int) -> bool:
        """The conversation is being deleted: its end, if still being written, changes nothing more here.
        True if it was."""
        return self._waiting.pop(conversation_id, None) is not None

    def finish(self, timeout_ms: int) -> None:
        """Quit: wait for the ends being written (bounded); those still running are kept as unsaved."""
        if not self.writer.wait(timeout_ms):
            for conversation_id, (turn, _then) in list(self._waiting.items()):
                self._written(conversation_id, turn, StoreBusyError("the history writer did not finish in time"))
        self.writer.close()

    def _written(self, conversation_id: int, turn: ChatTurn, error: Exception | None) -> None:
        waiting = self._waiting.get(conversation_id)
        if waiting is None or waiting[0] is not turn:  # forgotten (deleted) meanwhile: its rows are going
            return
        del self._waiting[conversation_id]
        try:
            turn.end_written(error)
        except UnsavedError as exc:  # kept in memory, shown whole, saved again later (as a refused end always was)
            log.warning("an answer in conversation %s is not saved yet: %s", conversation_id, exc)
            self._unsaved.add(conversation_id, turn)
        except Exception:  # the writer's own trouble (its Store could not open...): written on this thread instead
            log.warning("the writer could not save an answer in conversation %s", conversation_id, exc_info=True)
            try:
                turn.save_pending()
            except UnsavedError:
                self._unsaved.add(conversation_id, turn)
        waiting[1]()
