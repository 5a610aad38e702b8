"""View ▸ Zoom in / Zoom out / Actual size for the messages: a point size chosen in whole steps
between MIN_FONT and MAX_FONT, or 0 for the window's own font size."""

from __future__ import annotations

from collections.abc import Callable

MIN_FONT, MAX_FONT = 8.0, 28.0


class Zoom:
    """The messages' font size; `apply(points)` shows it, `base()` is the size "Actual size" returns to."""

    def __init__(self, apply: Callable[[float], None], base: Callable[[], float]) -> None:
        self._apply = apply
        self._base = base
        self.size = 0.0  # 0: the base size

    def step(self, step: int) -> None:
        """One point larger (1) or smaller (-1), within the bounds; 0 goes back to the base size."""
        base = self._base()
        if step == 0:
            self.size = 0.0
        else:
            self.size = min(MAX_FONT, max(MIN_FONT, (self.size or base) + step))
        self._apply(self.size or base)

    def set(self, size: float) -> None:
        """The size saved in Settings (0: leave the base size), kept within the bounds: settings.ini is a
        file anyone can edit, and a font_size of 500 left the chat blank, its text off the screen."""
        self.size = min(MAX_FONT, max(MIN_FONT, float(size))) if size > 0 else 0.0
        if self.size:
            self._apply(self.size)
