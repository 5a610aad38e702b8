"""IdleTrim: the heap's free pages go back to the system once the app has nothing streaming (#21).

An answer that ended, a conversation the window left (its rendered documents are dropped) or a finished
export leaves freed blocks that glibc keeps in the process. `poke()` after such a moment; DELAY_MS later,
if no chat is streaming, `desktop.core.heap.trim()` runs on the GUI thread (a few ms for the window's
heap: BENCHMARKS.md, "Memory, fourth step"). A chat still streaming then trims at its own end instead.

Signals:
    trimmed()    the heap was just trimmed (whether glibc had anything to give back or not)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, SignalInstance

from desktop.core import heap
from desktop.services.chat_controller import ChatController

DELAY_MS = 300  # after the last poke: a burst of switches or ends trims once


class IdleTrim(QObject):
    trimmed = Signal()

    def __init__(
        self,
        chats: ChatController,
        also: Iterable[SignalInstance] = (),
        delay_ms: int = DELAY_MS,
        parent: QObject | None = None,
    ) -> None:
        """Trims after each chat's end and after each of `also`'s signals (any arguments)."""
        super().__init__(parent)
        self._chats = chats
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._trim)
        chats.busyChanged.connect(self._busy_changed)
        for signal in also:
            signal.connect(self.poke)

    def poke(self, *_args: Any) -> None:
        self._timer.start()

    def _busy_changed(self, _conversation_id: int, busy: bool) -> None:
        if not busy:
            self.poke()

    def _trim(self) -> None:
        if self._chats.busy_conversations:
            return  # the last one's end pokes again
        heap.trim()
        self.trimmed.emit()
