"""The mouse over the message list: hover (cursor shapes, link tooltips), clicks on links and actions,
and selecting text by dragging. An event filter on the list's viewport, so the list view itself only
deals with rows and scrolling.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QMouseEvent
from PySide6.QtWidgets import QToolTip

from desktop.ui.chat.markdown import is_web_url
from desktop.ui.chat.selection import Selection

if TYPE_CHECKING:
    from desktop.ui.chat.list_view import MessageListView


class RowMouse(QObject):
    def __init__(self, view: MessageListView) -> None:
        super().__init__(view)
        self._view = view
        self._hover: tuple[int, str] = (-1, "")
        self._pressed: tuple[int, str] = (-1, "")
        self.selection: Selection | None = None

    def clear_selection(self) -> None:
        if self.selection is not None:
            message_id = self.selection.message_id
            self.selection = None
            self._view.state(message_id).selection = None
            self._view.repaint_row(message_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if isinstance(event, QMouseEvent):
            pos = event.position().toPoint()
            if kind == QEvent.Type.MouseMove:
                self._move(pos, bool(event.buttons() & Qt.MouseButton.LeftButton))
            elif event.button() == Qt.MouseButton.LeftButton and kind == QEvent.Type.MouseButtonPress:
                self._press(pos)
            elif event.button() == Qt.MouseButton.LeftButton and kind == QEvent.Type.MouseButtonRelease:
                self._release(pos)
        elif kind == QEvent.Type.Leave:
            self._set_hover((-1, ""))
        elif isinstance(event, QHelpEvent) and kind == QEvent.Type.ToolTip:
            href = self._view.hit(event.pos())[1]
            if is_web_url(href):  # where a link goes, before it is clicked
                QToolTip.showText(event.globalPos(), href, self._view.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().eventFilter(watched, event)

    def _move(self, pos: QPoint, dragging: bool) -> None:
        view, selection = self._view, self.selection
        if selection is not None and dragging:
            found = view.spot(pos, selection.message_id, selection.part)
            if found is not None and found[1] != selection.focus:
                selection.focus = found[1]
                view.repaint_row(selection.message_id)
            return
        hover = view.hit(pos)
        self._set_hover(hover)
        if hover[1]:
            shape = Qt.CursorShape.PointingHandCursor
        elif hover[0] >= 0 and view.spot(pos, hover[0]) is not None:
            shape = Qt.CursorShape.IBeamCursor
        else:
            shape = Qt.CursorShape.ArrowCursor
        if view.viewport().cursor().shape() != shape:
            view.viewport().setCursor(shape)

    def _set_hover(self, hover: tuple[int, str]) -> None:
        if hover == self._hover:
            return
        previous, self._hover = self._hover, hover
        for message_id, _ in (previous, hover):
            if message_id >= 0:
                self._view.state(message_id).hover = hover[1] if message_id == hover[0] else ""
                self._view.repaint_row(message_id)

    def _press(self, pos: QPoint) -> None:
        view = self._view
        self._pressed = view.hit(pos)
        self.clear_selection()
        message_id, href = self._pressed
        found = view.spot(pos, message_id) if message_id >= 0 and not href else None
        if found is not None:  # the start of a selection: take the focus, so Ctrl+C copies it
            self.selection = Selection(message_id, found[0], found[1], found[1])
            view.state(message_id).selection = self.selection
            view.setFocus(Qt.FocusReason.MouseFocusReason)

    def _release(self, pos: QPoint) -> None:
        released = self._view.hit(pos)
        pressed, self._pressed = self._pressed, (-1, "")
        if released[1] and released == pressed:
            self._view.actionTriggered.emit(*released)
        if self.selection is not None and self.selection.empty:
            self.clear_selection()
