"""Finished answers indexed for search on a worker thread, not on the window's (#21).

An answer that stops streaming waits in the store's queue (desktop/core/store/search_queue.py); search
already finds it by reading its text. The indexer empties the queue on a worker with its own connection
(a Store belongs to the thread that opened it): shortly after start (answers `ask` finished, or ones a
crash or a quick exit left behind) and shortly after each chat ends. One job at a time; a request while
one runs is run again after it.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from desktop.core.store import Store
from desktop.services.chat_controller import ChatController
from desktop.services.tasks import TaskRunner

log = logging.getLogger(__name__)

# After a chat ends: its own last writes (usage, follow-ups) come first, then the index takes the write lock.
AFTER_CHAT_MS = 500
AFTER_START_MS = 2000  # the window has settled


def index_pending(database: Path) -> int:
    """Index what waits in the queue of the history at `database`, on the calling thread."""
    with Store.open(database, integrity_check=False, recover_streaming=False) as store:
        return store.search.index_pending()


class SearchIndexer(QObject):
    def __init__(self, store: Store, chats: ChatController, tasks: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._database = store.path
        self._tasks = tasks
        self._enabled = not store.read_only
        self._running = False
        self._again = False
        self.indexed = 0  # messages indexed so far (tests, logs)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._run)
        chats.busyChanged.connect(self._on_busy)
        self.schedule(AFTER_START_MS)

    def schedule(self, delay_ms: int = AFTER_CHAT_MS) -> None:
        if self._enabled:
            self._timer.start(delay_ms)

    def _on_busy(self, _conversation_id: int, busy: bool) -> None:
        if not busy:
            self.schedule()

    @property
    def running(self) -> bool:
        return self._running or self._timer.isActive()

    def _run(self) -> None:
        if self._running:
            self._again = True
            return
        self._running = True
        try:
            self._tasks.submit(lambda: index_pending(self._database), self._done, self._failed)
        except RuntimeError:  # the runner is shut down: the queue waits for the next start
            self._running = False

    def _done(self, count: object) -> None:
        self._running = False
        self.indexed += int(count) if isinstance(count, int) else 0
        if self._again:
            self._again = False
            self.schedule(0)

    def _failed(self, error: Exception) -> None:
        # Busy or full disk: the queue keeps the message, search still finds it; the next chat or start retries.
        self._running = False
        log.warning("indexing finished answers for search failed: %s", error)
