"""Repainting only what a streaming frame changed.

When a message's documents grow, the delegate knows from which y of the row its painting changed
(`MessageDelegate.take_dirty`), and rows change height only when they are laid out again, below that
point. So everything above the highest such point is unchanged in document coordinates: if the view
scrolled (it follows the bottom), that part is moved on screen with a scroll (a copy of pixels, no
painting) and only the band below it is painted again.

The list's viewport paints its own background and says so (WA_OpaquePaintEvent): the style sheet's border
on the list turns the viewport's auto-fill off, and each frame then repainted every widget under the
band that changed, down to the window (the splitter, the pane, the view).
The view's scroll bar (`QuietScrollBar`) repaints only when what it shows changes: a streaming answer
changes its range with every new line, and Qt repainted the bar (and, the style sheet having made it
non-opaque, every widget under it down to the window) each time, though the handle moved by less than
a pixel.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QAbstractSlider, QScrollBar, QStyle, QStyleOptionSlider, QWidget

from desktop.ui.chat.delegate import MessageDelegate

HANDLE_MARGIN = 2  # pixels around the scroll bar's handle repainted with it (its frame, its shadow)


def changed_top(delegate: MessageDelegate, laid_out: Iterable[tuple[int, int]]) -> float:
    """The highest document y whose painting changed, of rows (message id, row top) laid out again."""
    return min((top + delegate.take_dirty(message_id) for message_id, top in laid_out), default=math.inf)


def repaint_below(viewport: QWidget, scrolled: int, top: float) -> None:
    """Move what is shown up by `scrolled` pixels, then repaint from viewport y `top` down (`top` is
    infinite when no row was laid out again: a frame whose rows a restyle had already settled)."""
    if scrolled:
        viewport.scroll(0, -scrolled)
    if not top < viewport.height():  # below the view, or nothing changed (inf; NaN too)
        return
    first = max(0, math.floor(top))
    if first < viewport.height():
        viewport.update(QRect(0, first, viewport.width(), viewport.height() - first))


def repaint_band(viewport: QWidget, row_top: int, band: tuple[float, float]) -> bool:
    """Repaint the band (top, bottom in row coordinates) of a row whose top is at viewport y `row_top`;
    False (nothing done) when the band has no bottom (the row must be laid out again)."""
    if math.isinf(band[1]):
        return False
    top = row_top + band[0]
    viewport.update(0, math.floor(top), viewport.width(), math.ceil(band[1] - band[0]) + 1)
    return True


class QuietScrollBar(QScrollBar):
    """A vertical scroll bar that repaints on a change of range, value or steps only if its handle moved
    or changed length on screen, and that paints its own background (the chat pane's colour), so Qt
    need not paint the widgets under it.

    `by_code()` holds the changes the view makes while it lays out (a new range, then the value that
    keeps it at the bottom: the handle goes up and comes back) and compares once at the end; `busy`
    says the view is moving it, not the user."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.busy = 0
        self.repaints = 0  # how often a change asked for a repaint (for tests)
        self._shown: tuple[QRect, bool, bool] | None = None  # the handle, and at either end, as last painted
        self._held = False  # a change came while busy

    def _look(self) -> tuple[QRect, bool, bool]:
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        handle = self.style().subControlRect(
            QStyle.ComplexControl.CC_ScrollBar, option, QStyle.SubControl.SC_ScrollBarSlider, self
        )
        return handle, self.value() <= self.minimum(), self.value() >= self.maximum()  # (and the arrows)

    @contextmanager
    def by_code(self) -> Iterator[None]:
        self.busy += 1
        try:
            yield
        finally:
            self.busy -= 1
            if not self.busy and self._held:
                self._held = False
                self.sliderChange(QAbstractSlider.SliderChange.SliderValueChange)

    def fit(self, page: int, step: int, total: int) -> None:
        """The range for `total` pixels of content seen `page` at a time, `step` per arrow or wheel notch (set
        by the view as it lays out)."""
        with self.by_code():
            self.setPageStep(page)
            self.setSingleStep(step)
            self.setRange(0, max(0, total - page))

    def set_by_code(self, value: int) -> None:
        """Move the handle as the view lays out, not as the user scrolls."""
        with self.by_code():
            self.setValue(value)

    def sliderChange(self, change: QAbstractSlider.SliderChange) -> None:
        if self.busy:
            self._held = True
            return
        shown, look = self._shown, self._look()
        if shown is not None and look == shown:
            return
        self._shown = None  # (until it is painted)
        self.repaints += 1
        if shown is None or look[1:] != shown[1:]:  # an end reached or left (the arrows), or never painted
            super().sliderChange(change)
            return
        # Only the handle moved: the strip it left and the one it took (Fusion fills the whole bar with
        # gradients, ~2.4 M instructions a paint; the handle is a small part of a long chat's bar).
        strip = shown[0].united(look[0]).adjusted(0, -HANDLE_MARGIN, 0, HANDLE_MARGIN)
        self.update(QRect(0, strip.top(), self.width(), strip.height()))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)  # what the pane under it would paint: Fusion's edge line is translucent
        painter.fillRect(event.rect(), self.palette().brush(QPalette.ColorRole.Base))
        painter.end()
        super().paintEvent(event)
        self._shown = self._look()

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() in (QEvent.Type.Polish, QEvent.Type.StyleChange):
            self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)  # the style sheet's polish turns it off
            self._shown = None
        return handled
