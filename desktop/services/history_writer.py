"""Writes to the history on a thread of its own, so that the window's thread never waits for them (#21).

The end of a turn rewrites the answer's whole row (SQLite rewrites a row for any column): 6-14 ms for a
1 MB answer, a stall of the window. `HistoryWriter.submit(write, done)` runs `write(store)` on the
writer's thread with a Store of its own on the same history (opened at the first job: a Store belongs to
the thread that opened it), one job at a time, in order; `done(error)` (None: it committed) is then called
on the thread that owns the writer. `wait(timeout_ms)` blocks until the jobs so far ran and calls their
`done` (quit); `close()` ends the thread and closes its Store.
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from desktop.core.store import Store

log = logging.getLogger(__name__)

Write = Callable[[Store], None]
Done = Callable[[Exception | None], None]


class HistoryWriter(QObject):
    _ran = Signal(int, object)  # job id, the exception or None (emitted on the writer's thread: queued here)

    def __init__(self, path: Path, clock: Callable[[], float], parent: QObject | None = None) -> None:
        """`path`, `clock`: the history's (a Store's `path` and `now`), so rows get the same times."""
        super().__init__(parent)
        self._path = path
        self._clock = clock
        self._jobs: queue.SimpleQueue[tuple[int, Write] | None] = queue.SimpleQueue()
        self._done: dict[int, Done] = {}
        self._ids = itertools.count(1)
        self._thread: threading.Thread | None = None
        self._idle = threading.Condition()
        self._running = 0  # jobs submitted and not run yet (guarded by _idle)
        self._ran.connect(self._deliver)

    @property
    def pending(self) -> int:
        """Jobs whose `done` has not been called yet."""
        return len(self._done)

    def submit(self, write: Write, done: Done) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._serve, name="history-writer", daemon=True)
            self._thread.start()
        job_id = next(self._ids)
        self._done[job_id] = done
        with self._idle:
            self._running += 1
        self._jobs.put((job_id, write))

    def data_version(self, reply: Callable[[int | None], None]) -> bool:
        """Read SQLite's `PRAGMA data_version` on the writer's own connection, after the jobs before it:
        it changes for commits by every other connection (the window's, another process's), never for the
        writer's own. `reply(version)` (None: not read) is called on the owner's thread. False, and no
        reply, when the writer has no connection (it never wrote, or it is closed): no commit of its own to
        tell apart."""
        if self._thread is None:
            return False
        version: list[int | None] = [None]

        def read(store: Store) -> None:
            version[0] = store.data_version()

        self.submit(read, lambda error: reply(version[0] if error is None else None))
        return True

    def wait(self, timeout_ms: int) -> bool:
        """Block until every job submitted so far ran (at most `timeout_ms`), then call their `done` here.
        True if all of them ran."""
        with self._idle:
            ran = self._idle.wait_for(lambda: self._running == 0, max(0, timeout_ms) / 1000)
        QCoreApplication.sendPostedEvents(self, 0)
        return ran

    def close(self, timeout_ms: int = 2000) -> None:
        """End the thread once its jobs ran (at most `timeout_ms`); `done` of jobs not delivered is dropped."""
        thread, self._thread = self._thread, None
        if thread is not None:
            self._jobs.put(None)
            thread.join(max(0, timeout_ms) / 1000)
        self._done.clear()

    def _serve(self) -> None:
        store: Store | None = None
        while (job := self._jobs.get()) is not None:
            job_id, write = job
            error: Exception | None = None
            try:
                if store is None:
                    store = Store.open(self._path, clock=self._clock, integrity_check=False, recover_streaming=False)
                write(store)
            except Exception as exc:  # handed to `done` on the owner's thread, never lost
                error = exc
            self._ran.emit(job_id, error)  # (before the count: `wait` then finds the call queued)
            with self._idle:
                self._running -= 1
                self._idle.notify_all()
        if store is not None:
            store.close()

    @Slot(int, object)
    def _deliver(self, job_id: int, error: object) -> None:
        done = self._done.pop(job_id, None)
        if done is not None:
            done(error if isinstance(error, Exception) else None)
