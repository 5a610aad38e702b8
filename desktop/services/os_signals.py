"""SIGTERM/SIGINT (logout, `kill`, Ctrl+C in a terminal) quit the app the normal way: streams stopped and
recorded, threads joined, history closed.

Python runs signal handlers only when it has control, which a C++ event loop rarely gives it; the
signal is therefore written to a socket (`signal.set_wakeup_fd`) that Qt watches.
"""

from __future__ import annotations

import signal
import socket
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier


class QuitOnSignals(QObject):
    def __init__(self, quit_app: Callable[[], object], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._quit = quit_app
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno())
        self._previous = {sig: signal.signal(sig, lambda *_: None) for sig in (signal.SIGTERM, signal.SIGINT)}
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_signal)

    def _on_signal(self) -> None:
        try:
            self._reader.recv(64)
        except OSError:
            return
        self._quit()

    def close(self) -> None:
        self._notifier.setEnabled(False)
        signal.set_wakeup_fd(self._previous_fd)
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)
        self._reader.close()
        self._writer.close()
