"""Rows whose documents are behind their text, and the steps that bring them up to it.

A flood of deltas (a fast bot, a huge stored answer) brings text faster than it can be converted in a
frame. The row is then *pending*: it converts one step per pass of the event loop, on a 1 ms timer, and
only there (a frame, a new status, the follow-ups landing meanwhile lay the row out without converting,
so the pass that ends an answer does not convert once for each of them). A step begins no chunk after
`STEP` seconds (it converts at least one, at most `MAX_CHUNK` characters: ~4 ms for a 3,000-character
list): on a loaded machine it converts less rather than taking longer. Only steps have a deadline: a row
not behind its text converts a frame's text (up to the list's character budget) at once, its tail shown. The view shows the steps at most 1000 / `PAINT_MS` times a second,
as frames show streamed text, instead of repainting after each step.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

STEP = 0.002  # s after which a step begins no new chunk (a step is then one chunk, or a heading and one)
PAINT_MS = 50  # from a step to the repaint that shows it (and the steps meanwhile)


class CatchUp:
    """The pending rows (message ids) of a view, its step timer and the repaint after steps."""

    def __init__(self, parent: QObject, step: Callable[[], None], paint: Callable[[], None]) -> None:
        self.pending: set[int] = set()
        self._steps = QTimer(parent, interval=1)
        self._steps.timeout.connect(step)
        self._paint = QTimer(parent, singleShot=True, interval=PAINT_MS)
        self._paint.timeout.connect(paint)

    @staticmethod
    def deadline() -> float:
        """When a step that starts now begins no new chunk (a `time.perf_counter()` value)."""
        return time.perf_counter() + STEP

    def run(self) -> None:
        """Step while rows are pending (call after each settle)."""
        if not self.pending:
            self._steps.stop()
        elif not self._steps.isActive():
            self._steps.start()

    def paint_later(self) -> None:
        """A step changed the view: repaint it with the next frame of steps."""
        if not self._paint.isActive():
            self._paint.start()

    def paint_due(self) -> bool:
        """A step is not painted yet (it may have scrolled the view: a partial repaint would not do)."""
        return self._paint.isActive()

    def painted(self) -> None:
        """The whole view is being repainted: the steps so far with it."""
        self._paint.stop()
