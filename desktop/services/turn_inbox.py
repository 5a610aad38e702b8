"""The chat workers' events, in the order they were sent, taken in by the GUI thread a frame's worth at a time.

Each worker still emits one `turnEvent` signal per event; the controller connects it directly to `put`, which
runs on the worker's thread and only appends the event to this inbox under a lock. The GUI thread is woken
(one queued call) only when the inbox has something and no drain is on its way: the first event after a
pause is taken in at once. A drain takes in everything the inbox holds, in order, and drains follow every
`INTERVAL_MS` (a frame of the chat view: it shows no delta sooner) until one finds nothing: at a steady 50
deltas a second the window's thread wakes ~20 times a second for them, not 50, and the deltas of a second
answer streaming in the background ride along (BENCHMARKS.md, the CPU's tenth step). An event that is not a
delta (the end of the answer, an error, a question from the bot, follow-ups) and a flood (`URGENT` events
waiting) are taken in at once. Nothing is merged or dropped: every event reaches the controller's `take` on
the GUI thread, in the order the workers sent them.
"""

from __future__ import annotations

import sys
import threading
from collections import deque
from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from desktop.core.chat import TurnEvent
from desktop.core.chat.events import AnswerDelta
from desktop.services.backlog import LIMIT

INTERVAL_MS = 50  # between drains while events keep coming: the chat view's steady frames (ui/chat/pacing.py)
URGENT = LIMIT // 2  # events waiting that are taken in at once (a flood: the worker pauses at LIMIT in flight)

Source = TypeVar("Source")  # who put an event (the controller's chat: a late event of an ended one is told apart)


class TurnInbox(QObject, Generic[Source]):
    """Events put on any thread, taken in on this object's (the GUI) thread in the order they were put."""

    _wake = Signal()  # emitted by `put` on a worker's thread: a queued call of `drain` here

    def __init__(self, take: Callable[[Source, TurnEvent], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._take = take
        self._lock = threading.Lock()
        self._events: list[tuple[Source, TurnEvent]] = []  # put, not taken yet (under the lock)
        self._taking: deque[tuple[Source, TurnEvent]] = deque()  # being taken in (GUI thread only)
        self._due = False  # a drain is on its way (a queued wake, or the timer): `put` wakes nobody
        self._woken = False  # a queued wake is on its way
        self._timer = QTimer(self, interval=INTERVAL_MS)  # repeats while events keep coming
        self._timer.timeout.connect(self.drain)
        self._wake.connect(self.drain, Qt.ConnectionType.QueuedConnection)
        self.wakes = 0  # queued wakes posted (for tests and the benchmark)

    def put(self, source: Source, event: TurnEvent) -> None:
        """Any thread (a worker's, through a direct connection of its `turnEvent`)."""
        with self._lock:
            self._events.append((source, event))
            if self._woken or (self._due and type(event) is AnswerDelta and len(self._events) < URGENT):
                return
            self._due = self._woken = True
            self.wakes += 1
        self._wake.emit()

    def drain(self) -> None:
        """GUI thread: take in every event put so far, in order; the next drain within a frame's time. A drain
        started while one runs (a slot that stops a chat, a nested event loop) goes on with the same events
        in the same order. An event whose handling raised goes to `sys.excepthook` (the crash log), as a slot's
        exception does in Qt, and the rest are taken in: a Stop, a chat switch or the quit, which drain first,
        are never cut short by it (a quit that stopped here left its threads running and its answers unsaved)."""
        with self._lock:
            self._taking.extend(self._events)
            self._events.clear()
            self._woken = False
            if not self._taking:  # a pause: the next event wakes the thread at once
                self._due = False
                self._timer.stop()
                return
        if not self._timer.isActive():
            self._timer.start()
        taking = self._taking
        while taking:
            source, event = taking.popleft()
            try:
                self._take(source, event)
            except Exception as exc:
                sys.excepthook(type(exc), exc, exc.__traceback__)
