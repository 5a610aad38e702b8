"""Rows whose documents are behind their text, and the steps that bring them up to it.

A flood of deltas (a fast bot, a huge stored answer) brings text faster than it can be converted in a frame.
The row is then *pending*: it converts one step per pass of the event loop, on a timer, and only there (a
frame, a new status, the follow-ups landing meanwhile lay the row out without converting, so the pass that
ends an answer does not convert once for each of them). The timer is started again when a step ends (due at
once: the next pass), not repeating: a repeating 1 ms one was due again 1 ms after a step *began*, so a step
that outlasted another timer's interval (a frame, the paint after steps) was followed by the next step in the
same pass, before that timer's turn, and the window was held for both steps. For the same reason a step that
comes due late (`LATE`: the thread was busy, e.g. with a pass of deltas or the answer's end) waits one more
turn, so it does not add itself to that pass before the timers due by then. A step begins no chunk after
`STEP` seconds (it converts at least one, at most `MAX_CHUNK` characters: ~4 ms for a 3,000-character list):
on a loaded machine it converts less rather than taking longer. Only steps have a deadline: a row not behind
its text converts a frame's text (up to the list's character budget) at once, its tail shown. The view shows
the steps at most 1000 / `PAINT_MS` times a second, as frames show streamed text, instead of repainting after
each step.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

STEP = 0.002  # s after which a step begins no new chunk (a step is then one chunk, or a heading and one)
PAINT_MS = 50  # from a step to the repaint that shows it (and the steps meanwhile)
# A step whose timer fired this much later than it was due waits one more turn: the thread was busy meanwhile
# (a pass of deltas, the answer's end), so the timers due by now (the frame, the paint) go first.
LATE = 0.005


class CatchUp:
    """The pending rows (message ids) of a view, its step timer and the repaint after steps."""

    def __init__(self, parent: QObject, step: Callable[[], None], paint: Callable[[], None]) -> None:
        self.pending: set[int] = set()
        self._steps = QTimer(parent, singleShot=True, interval=0)  # started again after each step: see run
        self._steps.timeout.connect(self._due)
        self._step = step
        self._armed = 0.0  # when the step timer was started (perf_counter)
        self._waited = False  # the step due now already waited a turn
        self._paint = QTimer(parent, singleShot=True, interval=PAINT_MS)
        self._paint.timeout.connect(paint)

    @staticmethod
    def deadline() -> float:
        """When a step that starts now begins no new chunk (a `time.perf_counter()` value)."""
        return time.perf_counter() + STEP

    def run(self) -> None:
        """Step while rows are pending (call after each settle, and at the end of each step: the next one
        is due when it ends, so the timers that fell due during it go first)."""
        if not self.pending:
            self._steps.stop()
        elif not self._steps.isActive():
            self._armed = time.perf_counter()
            self._steps.start()

    def _due(self) -> None:
        if not self._waited and time.perf_counter() - self._armed > LATE:
            self._waited = True  # (once: the turn after this one steps however late it is)
            self.run()
            return
        self._waited = False
        self._step()

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
