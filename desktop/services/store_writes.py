"""The window's writes to the history, made safe to run in a Qt slot.

Every write the window makes from a slot (rename, pin, delete, new chat, a rating, a new topic, a
question) goes through `StoreWrites`. It never raises for the everyday reasons a write fails; it says
why instead (`problem`), and the write is one transaction, so nothing half-happens:

- the history is read-only (a read-only profile): nothing is tried, `problem("read_only")`;
- another process holds the write lock longer than the (short, see WINDOW_BUSY_TIMEOUT_MS) busy
  timeout — a long import, a sync, an `ask`: `run` queues the write and tries again later with growing
  pauses (`problem("busy")`), keeping the order of the writes, and gives up after the last pause
  (`problem("gave_up")`); `attempt` (for a write whose result is needed now) is not queued and says
  `not_now` (nothing will be tried again: the user does it again);
- the disk is full: `problem("disk_full")`, not queued (the user frees space and does it again).

Signals: problem(str kind), one of WriteProblem; done() after a queued write succeeded.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import TypeVar

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.core.store import Store
from desktop.core.store.models import DiskFullError, ReadOnlyStoreError, StoreBusyError

log = logging.getLogger(__name__)

# How long one write of the window waits for another process's lock before it gives the GUI back.
WINDOW_BUSY_TIMEOUT_MS = 250
# At quit, the last writes (what streamed, a waiting change) may wait a little longer.
QUIT_BUSY_TIMEOUT_MS = 1000
# Pauses between tries of a queued write (about 30 s in all), then it is given up.
RETRY_DELAYS_MS = (250, 500, 1000, 2000, 4000, 8000, 15000)

T = TypeVar("T")


class WriteProblem(StrEnum):
    READ_ONLY = "read_only"
    BUSY = "busy"  # queued: tried again shortly
    NOT_NOW = "not_now"  # busy, and not queued (`attempt`): not done, nothing is tried again
    GAVE_UP = "gave_up"
    DISK_FULL = "disk_full"


class StoreWrites(QObject):
    problem = Signal(str)
    done = Signal()

    def __init__(self, store: Store, parent: QObject | None = None, delays_ms: Sequence[int] = RETRY_DELAYS_MS) -> None:
        super().__init__(parent)
        self._store = store
        self.delays = tuple(delays_ms)
        self._queue: deque[tuple[Callable[[], object], str]] = deque()
        self._attempt_no = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._retry)

    @property
    def pending(self) -> int:
        """Writes waiting to be tried again (the history was busy)."""
        return len(self._queue)

    def allowed(self) -> bool:
        """Whether the history can be written at all; if not, says so (`problem("read_only")`)."""
        if self._store.read_only:
            self.problem.emit(WriteProblem.READ_ONLY)
            return False
        return True

    def run(self, write: Callable[[], object], what: str = "write") -> bool:
        """Do `write` now (True), or, if the history is busy, later and in order (False; see `done`).
        False too when it is refused or fails (read-only, disk full: see `problem`)."""
        if not self.allowed():
            return False
        if self._queue:  # an earlier write waits: this one goes after it
            self._queue.append((write, what))
            return False
        outcome = self._try(write, what)
        if outcome is StoreBusyError:
            self._queue.append((write, what))
            self._schedule()
            return False
        return outcome is None

    def attempt(self, write: Callable[[], T], what: str = "write") -> T | None:
        """Do `write` once now and return its result; None if it was refused or failed (see `problem`):
        for writes whose result is needed at once (a new chat to open, a question to send)."""
        if not self.allowed():
            return None
        result: list[T] = []
        outcome = self._try(lambda: result.append(write()), what)
        if outcome is StoreBusyError:
            self.problem.emit(WriteProblem.NOT_NOW)
        return result[0] if result else None

    def done_now(self, write: Callable[[], object], what: str = "write") -> bool:
        """`attempt` for a write with no result: whether it was done now."""
        return self.attempt(lambda: (write(), True)[1], what) is not None

    def flush(self) -> None:
        """Try every waiting write once more, now (the app is quitting); what still fails is logged."""
        self._timer.stop()
        while self._queue:
            write, what = self._queue.popleft()
            if self._try(write, what) is not None:
                log.warning("%s: not saved before quitting", what)

    def _try(self, write: Callable[[], object], what: str) -> type[Exception] | None:
        """None if done; else the kind of failure (problems other than busy are said here)."""
        try:
            write()
        except StoreBusyError:
            return StoreBusyError
        except DiskFullError:
            log.warning("%s: the disk is full", what)
            self.problem.emit(WriteProblem.DISK_FULL)
            return DiskFullError
        except ReadOnlyStoreError:
            self.problem.emit(WriteProblem.READ_ONLY)
            return ReadOnlyStoreError
        return None

    def _schedule(self) -> None:
        delay = self.delays[min(self._attempt_no, len(self.delays) - 1)]
        log.info("the history is busy; trying %d change(s) again in %d ms", len(self._queue), delay)
        self.problem.emit(WriteProblem.BUSY)
        self._timer.start(delay)

    def _retry(self) -> None:
        while self._queue:
            write, what = self._queue[0]
            outcome = self._try(write, what)
            if outcome is StoreBusyError:
                self._attempt_no += 1
                if self._attempt_no >= len(self.delays):
                    log.warning("the history stayed busy; %d change(s) given up", len(self._queue))
                    self._queue.clear()
                    self._attempt_no = 0
                    self.problem.emit(WriteProblem.GAVE_UP)
                else:
                    self._schedule()
                return
            self._queue.popleft()
            self._attempt_no = 0
            if outcome is None:
                self.done.emit()
