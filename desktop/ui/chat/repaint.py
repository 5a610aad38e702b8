"""Repainting only what a streaming frame changed.

When a message's documents grow, the delegate knows from which y of the row its painting changed
(`MessageDelegate.take_dirty`), and rows change height only when they are laid out again, below that
point. So everything above the highest such point is unchanged in document coordinates: if the view
scrolled (it follows the bottom), that part is moved on screen with a scroll (a copy of pixels, no
painting) and only the band below it is painted again.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QWidget

from desktop.ui.chat.delegate import MessageDelegate


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
