"""The mouse over the message list: hover (cursor shapes, link tooltips), clicks on links and actions,
and selecting text by dragging. An event filter on the list's viewport, so the list view itself only
deals with rows and scrolling.

It knows the list only through `RowSurface`, a small protocol (the list view implements it), and
changes row state only through the list's `RowStates`.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QMouseEvent
from PySide6.QtWidgets import QToolTip, QWidget

from desktop.ui.chat.actions import RowAction, parse_href
from desktop.ui.chat.row_states import RowStates
from desktop.ui.chat.selection import Spot
from desktop.ui.chat.span import End, Span


class SpanSelector(Protocol):
    """Selections across rows (desktop.ui.chat.selecting)."""

    def end_at(self, pos: QPoint) -> End | None: ...

    def select(self, span: Span | None) -> None: ...

    def drag_scroll(self, pos: QPoint) -> None: ...


class RowSurface(Protocol):
    """What the mouse handler needs from the list of rows it serves."""

    @property
    def rows(self) -> RowStates: ...

    def hit(self, pos: QPoint) -> tuple[int, str]:
        """The message under a viewport position (-1 for none) and the href there (or "")."""
        ...

    def spot(self, pos: QPoint, message_id: int, part: str = "") -> tuple[str, Spot] | None:
        """The text position under `pos` in a message, clamped to `part` if given."""
        ...

    @property
    def selecting(self) -> SpanSelector:
        """Selections across rows: where a drag ends, showing a selection, scrolling while dragging."""
        ...

    def trigger(self, message_id: int, action: RowAction) -> None:
        """A link or action was clicked."""
        ...

    def setFocus(self, reason: Qt.FocusReason) -> None:
        """Keyboard focus to the list (a selection started there, so Ctrl+C copies it)."""
        ...


class RowMouse(QObject):
    def __init__(self, surface: RowSurface, viewport: QWidget) -> None:
        super().__init__(viewport)
        self._surface = surface
        self._viewport = viewport
        self._pressed: tuple[int, str] = (-1, "")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if isinstance(event, QMouseEvent):
            pos = event.position().toPoint()
            if kind == QEvent.Type.MouseMove:
                self._move(pos, bool(event.buttons() & Qt.MouseButton.LeftButton))
            elif event.button() == Qt.MouseButton.LeftButton and kind == QEvent.Type.MouseButtonPress:
                self._press(pos, bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier))
            elif event.button() == Qt.MouseButton.LeftButton and kind == QEvent.Type.MouseButtonRelease:
                self._release(pos)
        elif kind == QEvent.Type.Leave:
            self._surface.rows.hover(-1, "")
        elif isinstance(event, QHelpEvent) and kind == QEvent.Type.ToolTip:
            action = parse_href(self._surface.hit(event.pos())[1])
            if action is not None and action.is_web_link:  # where a link goes, before it is clicked
                QToolTip.showText(event.globalPos(), action.url, self._viewport)
            else:
                QToolTip.hideText()
            return True
        return super().eventFilter(watched, event)

    def _move(self, pos: QPoint, dragging: bool) -> None:
        surface = self._surface
        span = surface.rows.span
        if span is not None and dragging:  # a selection follows the mouse, across rows
            surface.selecting.drag_scroll(pos)
            focus = surface.selecting.end_at(pos)
            if focus is not None and focus != span.focus:
                surface.selecting.select(span.to(focus))
            return
        message_id, href = surface.hit(pos)
        surface.rows.hover(message_id, href)
        if href:
            shape = Qt.CursorShape.PointingHandCursor
        elif message_id >= 0 and surface.spot(pos, message_id) is not None:
            shape = Qt.CursorShape.IBeamCursor
        else:
            shape = Qt.CursorShape.ArrowCursor
        if self._viewport.cursor().shape() != shape:
            self._viewport.setCursor(shape)

    def _press(self, pos: QPoint, extend: bool) -> None:
        surface = self._surface
        self._pressed = surface.hit(pos)
        span = surface.rows.span
        focus = surface.selecting.end_at(pos) if extend and span is not None else None
        if span is not None and focus is not None:  # Shift+click: the selection now ends here
            surface.selecting.select(span.to(focus))
            return
        surface.rows.select(None)
        message_id, href = self._pressed
        found = surface.spot(pos, message_id) if message_id >= 0 and not href else None
        if found is not None:  # the start of a selection
            start = End(message_id, found[0], found[1])
            surface.selecting.select(Span(start, start))
            surface.setFocus(Qt.FocusReason.MouseFocusReason)

    def _release(self, pos: QPoint) -> None:
        surface = self._surface
        released = surface.hit(pos)
        pressed, self._pressed = self._pressed, (-1, "")
        action = parse_href(released[1])
        if action is not None and released == pressed:
            surface.trigger(released[0], action)
        span = surface.rows.span
        if span is not None and span.empty:
            surface.rows.select(None)
