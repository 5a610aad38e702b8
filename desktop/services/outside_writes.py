"""OutsideWrites: notices what another process commits to the history (`coze-desktop ask` or `sync` on
the same profile, a second window), so the window can show it without the user switching chats.

SQLite's `PRAGMA data_version` changes when another connection has committed since the last look, and
never for this connection's own writes; it reads no table and takes no lock, so asking it twice a
second costs microseconds. What changed is for the listeners to find out (the list reloads, the open
chat compares its rows: desktop.ui.outside_rows). The window starts it when it wires the services and
stops it when it lets them go, so no polling timer outlives the window that wanted it.

This process's history writer (services/history_writer.py: a streaming answer's saves every 0.3 s, the
ends) commits through a connection of its own, which this connection counts as another: each save made
the list reload and repaint, ~0.3-0.6 % of a core while an answer streams (#21). With `ignore_writer`,
a change is told only if the writer's connection also saw a commit since it was last asked: its
data_version counts everyone's commits but its own (another process's, this connection's: a harmless
extra look). Nothing is missed: a commit from elsewhere changes this connection's version, so the
writer is asked after it, and its answer counts every commit since its previous answer.

Signals:
    changed()   another connection committed to the history
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.core.store import Store, StoreError

log = logging.getLogger(__name__)

POLL_MS = 500  # how soon another process's message shows in the window


class OutsideWrites(QObject):
    changed = Signal()

    def __init__(self, store: Store, parent: QObject | None = None, interval_ms: int = POLL_MS) -> None:
        super().__init__(parent)
        self._store = store
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        self._version: int | None = None
        # The writer's side (see ignore_writer): how to ask it, its last answer, a question on its way, and a
        # change of ours seen while it was on its way (asked again then).
        self._ask_writer: Callable[[Callable[[int | None], None]], bool] | None = None
        self._writer_version: int | None = None
        self._asking = False
        self._again = False

    def ignore_writer(self, ask: Callable[[Callable[[int | None], None]], bool]) -> None:
        """Commits of this process's history writer are not another process's: `ask(reply)` reads the
        data_version of the writer's connection (HistoryWriter.data_version)."""
        self._ask_writer = ask

    def start(self) -> None:
        """Look from now on (the window does, while it shows the history); what was committed before is known."""
        self._version = self._read()
        if self._version is not None:
            self._timer.start()

    def check(self) -> None:
        version = self._read()
        if version is None or version == self._version:
            return
        self._version = version
        if self._asking:  # it may have read its version before this commit: ask again when it answers
            self._again = True
            return
        self._ask()

    def _ask(self) -> None:
        self._asking = True
        if self._ask_writer is None or not self._ask_writer(self._writer_answered):
            self._asking = False
            self.changed.emit()

    def _writer_answered(self, version: int | None) -> None:
        self._asking = False
        before, self._writer_version = self._writer_version, version
        if version is None or version != before:  # someone besides the writer committed (or unknown)
            self._again = False  # (what the listeners read now includes it)
            self.changed.emit()
        elif self._again:
            self._again = False
            self._ask()

    def stop(self) -> None:
        """Stop looking (the window is detached, the app quits): no timer outlives its window."""
        self._timer.stop()

    def _read(self) -> int | None:
        if self._store.closed:
            self._timer.stop()
            return None
        try:
            return self._store.data_version()
        except StoreError as exc:  # a damaged or vanished file: whoever writes next says so
            log.debug("the history's data version could not be read: %s", exc)
            return None
