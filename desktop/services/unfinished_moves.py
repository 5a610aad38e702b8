"""A regenerate's move on Coze that a quit (or a crash) cut short, finished at the next start.

The chats write each move to a journal (`desktop.core.chat.move_journal`) before Coze deletes anything;
`resume()` creates again, on a worker thread, what is still missing on Coze, then records the new ids
on the local rows on the GUI thread (`finished(count)`).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.core.chat.move_journal import FILE_NAME, MoveJournal, PendingMove, put_back_pending, record_finished
from desktop.core.coze import CozeClient
from desktop.core.store import Store
from desktop.services.chat_controller import ChatController
from desktop.services.tasks import TaskRunner

log = logging.getLogger(__name__)


class UnfinishedMoves(QObject):
    finished = Signal(int)  # how many messages were put back on Coze

    def __init__(self, profile: Path, store: Store, chats: ChatController, tasks: TaskRunner) -> None:
        super().__init__(chats)
        self.journal = MoveJournal(profile / FILE_NAME)
        chats.journal = self.journal
        self._store, self._chats, self._tasks = store, chats, tasks
        QTimer.singleShot(0, self.resume)  # once the app runs (a chat with a bot with no connection: later)

    def resume(self) -> None:
        if self._store.read_only or not self.journal.pending():
            return
        self._tasks.submit(lambda: put_back_pending(self.journal, self._client_for), self._done, self._failed)

    def _client_for(self, bot_id: str) -> CozeClient | None:
        connection = self._chats.connection(bot_id)
        return connection.client() if connection is not None else None

    def _done(self, moves: list[PendingMove]) -> None:
        record_finished(self.journal, self._store, moves)
        count = sum(len(m.moved) for m in moves)
        if moves:
            log.info("finished %d interrupted move(s) on Coze: %d message(s) put back", len(moves), count)
        self.finished.emit(count)

    def _failed(self, exc: Exception) -> None:
        log.warning("interrupted moves on Coze could not be finished: %s", type(exc).__name__)
