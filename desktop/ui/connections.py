"""The signal connections one object made, so that it can undo exactly those.

`signal.disconnect()` with no slot drops every receiver of the signal, including other objects'; a
window going away must only take its own connections with it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMetaObject, QObject, SignalInstance


class Connections:
    """Connect through this and `disconnect_all()` later undoes these connections and no others."""

    def __init__(self) -> None:
        self._made: list[QMetaObject.Connection] = []

    def connect(self, signal: SignalInstance, slot: Callable[..., object]) -> None:
        self._made.append(signal.connect(slot))

    def __len__(self) -> int:
        return len(self._made)

    def disconnect_all(self) -> None:
        while self._made:
            QObject.disconnect(self._made.pop())
