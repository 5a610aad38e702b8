"""Short blocking jobs (bot info, a settings "Test") off the GUI thread, results back as signals.

`TaskRunner.submit(fn, on_done, on_error)` runs `fn()` on a private QThreadPool; `on_done(result)` or
`on_error(exc)` is then called on the thread that owns the runner (the GUI thread). Callbacks of a
runner that was shut down are dropped. `shutdown()` waits (bounded) for jobs still running.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Relay(QObject):
    done = Signal(int, object)
    error = Signal(int, object)


class _Job(QRunnable):
    def __init__(self, job_id: int, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._id = job_id
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # delivered to on_error on the GUI thread, never lost
            self._relay.error.emit(self._id, exc)
        else:
            self._relay.done.emit(self._id, result)


class TaskRunner(QObject):
    def __init__(self, parent: QObject | None = None, max_threads: int = 4) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._relay = _Relay(self)
        self._relay.done.connect(self._on_done)
        self._relay.error.connect(self._on_error)
        self._ids = itertools.count(1)
        self._callbacks: dict[int, tuple[Callable[[Any], None], Callable[[Exception], None] | None]] = {}
        self._closed = False

    def submit(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[Exception], None] | None = None,
    ) -> int:
        if self._closed:
            raise RuntimeError("the task runner is shut down")
        job_id = next(self._ids)
        self._callbacks[job_id] = (on_done, on_error)
        self._pool.start(_Job(job_id, fn, self._relay))
        return job_id

    def forget(self, job_id: int) -> None:
        """Drop a job's callbacks (its result is no longer wanted); the job itself runs to its end."""
        self._callbacks.pop(job_id, None)

    @property
    def active(self) -> int:
        return len(self._callbacks)

    def shutdown(self, timeout_ms: int = 3000) -> bool:
        self._closed = True
        self._callbacks.clear()
        return bool(self._pool.waitForDone(timeout_ms))

    @Slot(int, object)
    def _on_done(self, job_id: int, result: object) -> None:
        callbacks = self._callbacks.pop(job_id, None)
        if callbacks is not None:
            callbacks[0](result)

    @Slot(int, object)
    def _on_error(self, job_id: int, exc: object) -> None:
        callbacks = self._callbacks.pop(job_id, None)
        if callbacks is None:
            return
        on_error = callbacks[1]
        if on_error is not None and isinstance(exc, Exception):
            on_error(exc)
        else:
            log.warning("a background task failed: %r", exc)
