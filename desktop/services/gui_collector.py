"""GuiThreadCollector: Python's cyclic garbage collector runs on the window's thread only.

CPython starts a collection in whichever thread happens to allocate when a generation is due. A PySide
object in a reference cycle is then destroyed in that thread: a chat worker, the history writer, the
local server. Its C++ destructor takes Qt's locks, then wants the GIL to ask Python for overrides, while
the GUI thread, holding the GIL, waits for one of those locks in a `connect`: a deadlock (seen in a test
run: the chat worker in `gc_collect_main` → `QObject::~QObject` → `Shiboken::GilState::acquire`, the GUI
thread in `QObject::connectImpl` → `QBasicMutex::lockInternal`; the whole process hung). The known cure
(pyqtgraph's, GitFourchette's GarbageCollector; E. Janssens, "Should Python garbage collector be called
from a thread?", 2014) is to turn the automatic collector off and collect, as it would have, from a
timer on the GUI thread. `desktop.core.heap.collect_due` is that step; INTERVAL_MS bounds how long a
cycle waits to be freed (objects not in cycles are freed at once, by reference counting, as before).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

from desktop.core.heap import collect_due

INTERVAL_MS = 500


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(collect_due)

    def start(self) -> None:
        """From now on no thread but this one (the GUI thread) collects; the process keeps it so to the end."""
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        """No more collections on the timer (at quit); the automatic collector stays off."""
        self._timer.stop()
