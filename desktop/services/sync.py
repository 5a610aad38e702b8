"""SyncService: pulls the bots' conversations from Coze on a worker thread, and pushes renames and deletes.

"Sync now" runs at once; the automatic sync (at start and when a conversation is opened) runs only if
`auto` is on and the last sync of that bot is older than `THROTTLE_SECONDS`. One sync at a time; the
worker opens its own Store on the same file (a Store belongs to the thread that opened it) and never
blocks the GUI thread. What a sync stored stays if it is stopped or dropped; the next one resumes.

Signals (all on the GUI thread):
    started()
    progress(str bot_id, int done, int total, int messages_added)
    retrying(float seconds)                  Coze limited the rate: the sync waits, then goes on
    finished(int conversations_added, int messages_added)
    failed(object error)                     a CozeError or StoreError; what was read is kept
    pushFailed(object error)                 a rename or delete could not be sent to Coze
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal

from desktop.core.chat.targets import parse_key
from desktop.core.coze.errors import CozeError
from desktop.core.store import Store, StoreError
from desktop.core.store.coze_links import Feedback
from desktop.core.sync import Puller, SyncProgress, SyncStopped
from desktop.services.connection import Connection
from desktop.services.tasks import TaskRunner

log = logging.getLogger(__name__)

THROTTLE_SECONDS = 300.0

ConnectionFor = Callable[[str], Connection | None]


class _SyncThread(QThread):
    """Pulls the bots of `jobs` in turn; `outcome` is (conversations, messages) added, or the error."""

    progress = Signal(str, int, int, int)
    retrying = Signal(float)

    def __init__(self, database: Path, jobs: list[Connection], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self._jobs = jobs
        self.stop_event = threading.Event()
        self.outcome: tuple[int, int] | Exception = (0, 0)

    def run(self) -> None:
        added_conversations = added_messages = 0
        try:
            with Store.open(self._database, integrity_check=False, recover_streaming=False) as store:
                for connection in self._jobs:
                    with connection.client() as client:
                        puller = Puller(
                            client,
                            store,
                            stopped=self.stop_event,
                            on_progress=self._report,
                            on_retry=lambda seconds, _attempt, _error: self.retrying.emit(seconds),
                        )
                        report = puller.pull(connection.bot_id)
                    added_conversations += report.conversations_added
                    added_messages += report.messages_added
                    log.info(
                        "synced bot %s: %d conversation(s), %d message(s) added in %d request(s)",
                        connection.bot_id,
                        report.conversations_added,
                        report.messages_added,
                        report.requests,
                    )
        except SyncStopped:
            pass
        except (CozeError, StoreError) as exc:
            self.outcome = exc
            return
        self.outcome = (added_conversations, added_messages)

    def _report(self, progress: SyncProgress) -> None:
        self.progress.emit(progress.bot_id, progress.done, progress.total, progress.messages_added)


class SyncService(QObject):
    started = Signal()
    progress = Signal(str, int, int, int)
    retrying = Signal(float)
    finished = Signal(int, int)
    failed = Signal(object)
    pushFailed = Signal(object)

    def __init__(
        self,
        database: Path,
        connection_for: ConnectionFor,
        bot_ids: Callable[[], list[str]],
        tasks: TaskRunner,
        *,
        auto: bool = True,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.auto = auto
        self._database = database
        self._connection_for = connection_for
        self._bot_ids = bot_ids
        self._tasks = tasks
        self._clock = clock
        self._last: dict[str, float] = {}
        self._thread: _SyncThread | None = None
        self._closed = False

    @property
    def running(self) -> bool:
        return self._thread is not None

    def sync_now(self, bot_ids: list[str] | None = None) -> bool:
        """Pull these bots (default: every bot in Settings); False if a sync runs already or none can."""
        if self._thread is not None or self._closed:
            return False
        # Chatflows have no conversation list of their own to pull: only bots are synced.
        wanted = [b for b in bot_ids or self._bot_ids() if parse_key(b) is None]
        jobs = [c for c in map(self._connection_for, wanted) if c is not None]
        if not jobs:
            return False
        now = self._clock()
        for connection in jobs:
            self._last[connection.bot_id] = now
        thread = _SyncThread(self._database, jobs, self)
        thread.progress.connect(self.progress)
        thread.retrying.connect(self.retrying)
        thread.finished.connect(self._ended)
        self._thread = thread
        self.started.emit()
        thread.start()
        return True

    def sync_if_due(self, bot_ids: list[str] | None = None) -> bool:
        """The automatic sync: only when it is on and these bots were not synced in the last few minutes."""
        if not self.auto:
            return False
        wanted = bot_ids or self._bot_ids()
        due = [b for b in wanted if self._clock() - self._last.get(b, float("-inf")) >= THROTTLE_SECONDS]
        return bool(due) and self.sync_now(due)

    def stop(self) -> None:
        if self._thread is not None:
            self._thread.stop_event.set()

    def shutdown(self, timeout_ms: int = 2000) -> bool:
        """Stop a running sync and wait for it (bounded); True if no thread is left running."""
        self._closed = True  # the store and the window go next: the outcome is no longer told
        thread = self._thread
        if thread is None:
            return True
        thread.stop_event.set()
        return bool(thread.wait(timeout_ms))

    def _ended(self) -> None:
        """The thread is done: only now is the outcome told, so a new sync can start from its slot."""
        thread, self._thread = self._thread, None
        if thread is None:
            return
        thread.deleteLater()
        if self._closed:
            return
        if isinstance(thread.outcome, Exception):
            self.failed.emit(thread.outcome)
        else:
            self.finished.emit(*thread.outcome)

    # -- pushing what changed here -----------------------------------------------------------------

    def push_rename(self, bot_id: str, coze_conversation_id: str, title: str) -> None:
        """Send a local rename to Coze (only the creator may rename: a refusal is reported, the local title stays)."""
        connection = self._connection_for(bot_id)
        if connection is None or not title.strip():
            return

        def rename() -> None:
            with connection.client() as client:
                client.rename_conversation(coze_conversation_id, title.strip()[:100])

        self._tasks.submit(rename, lambda _result: None, self.pushFailed.emit)

    def clear_context(
        self,
        bot_id: str,
        coze_conversation_id: str,
        on_done: Callable[[str], None],
        on_error: Callable[[Exception], None],
    ) -> bool:
        """Coze's "clear context": the bot forgets what came before; `on_done(new section id)` on the GUI thread."""
        connection = self._connection_for(bot_id)
        if connection is None:
            return False

        def clear() -> str:
            with connection.client() as client:
                return client.clear_conversation(coze_conversation_id)

        self._tasks.submit(clear, on_done, on_error)
        return True

    def rate(
        self,
        bot_id: str,
        coze_ids: tuple[str, str],
        feedback: Feedback | None,
        on_done: Callable[[object], None],
        on_error: Callable[[Exception], None],
    ) -> bool:
        """Send a rating of the answer `coze_ids` = (conversation, message) to Coze (None: take it back)."""
        connection = self._connection_for(bot_id)
        if connection is None:
            return False
        conversation, message = coze_ids

        def send() -> None:
            with connection.client() as client:
                if feedback is None:
                    client.delete_feedback(conversation, message)
                else:
                    client.send_feedback(conversation, message, feedback.kind, list(feedback.reasons), feedback.comment)

        self._tasks.submit(send, on_done, on_error)
        return True

    def push_delete(self, bot_id: str, coze_conversation_id: str) -> None:
        """Delete the conversation on Coze too (the user asked for it when deleting it here)."""
        connection = self._connection_for(bot_id)
        if connection is None:
            return

        def delete() -> None:
            with connection.client() as client:
                client.delete_conversation(coze_conversation_id)

        self._tasks.submit(delete, lambda _result: None, self.pushFailed.emit)
