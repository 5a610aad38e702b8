"""OutsideWrites: notices what another process commits to the history (`coze-desktop ask` or `sync` on
the same profile, a second window), so the window can show it without the user switching chats.

SQLite's `PRAGMA data_version` changes when another connection has committed since the last look, and
never for this connection's own writes; it reads no table and takes no lock, so asking it twice a
second costs microseconds. What changed is for the listeners to find out (the list reloads, the open
chat compares its rows: desktop.ui.outside_rows). The window starts it when it wires the services and
stops it when it lets them go, so no polling timer outlives the window that wanted it.

Signals:
    changed()   another connection committed to the history
"""

from __future__ import annotations

import logging

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

    def start(self) -> None:
        """Look from now on (the window does, while it shows the history); what was committed before is known."""
        self._version = self._read()
        if self._version is not None:
            self._timer.start()

    def check(self) -> None:
        version = self._read()
        if version is not None and version != self._version:
            self._version = version
            self.changed.emit()

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
