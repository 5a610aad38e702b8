"""Selecting text across the messages of the list: dragging over rows, Shift+click, Shift+arrows,
Ctrl+A, and copying what is selected (Ctrl+C plain text, Ctrl+Shift+C Markdown).

`Selecting` belongs to one `MessageListView` and reads its rows and geometry (it is the list's part
that selects, split off to keep the list small); the selection itself is kept by the view's `RowStates`
(`span` and the `parts` it cuts into, see span.py).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QTextCursor

from desktop.ui.chat.copying import FULL_BUDGET, copied_text
from desktop.ui.chat.documents import Page
from desktop.ui.chat.rows import thinking_open
from desktop.ui.chat.selection import CONTENT, REASONING, Spot
from desktop.ui.chat.span import START, End, Span, segments
from desktop.ui.chat.streaming import StreamingDocument

_MOVES = {
    Qt.Key.Key_Left: QTextCursor.MoveOperation.PreviousCharacter,
    Qt.Key.Key_Right: QTextCursor.MoveOperation.NextCharacter,
    Qt.Key.Key_Up: QTextCursor.MoveOperation.Up,
    Qt.Key.Key_Down: QTextCursor.MoveOperation.Down,
}
_FORWARD = (Qt.Key.Key_Right, Qt.Key.Key_Down)
_CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


class Selecting:
    def __init__(self, view: Any) -> None:
        """`view`: the MessageListView it belongs to (not imported here: the list imports this module)."""
        self._view = view

    # -- the selection ------------------------------------------------------------------------------

    def select(self, span: Span | None) -> None:
        view = self._view
        if span is None:
            view.rows.select(None)
            return
        model = view._model
        parts = segments(span, model.row_of, lambda row: model.item(row).id, self._reasoning_shown)
        view.rows.select_span(span, parts)

    def select_all(self) -> None:
        model = self._view._model
        if model.rowCount() == 0:
            return
        first, last = model.item(0).id, model.item(model.rowCount() - 1).id
        self.select(
            Span(End(first, self._first_part(first), START), End(last, CONTENT, self._last_spot(last, CONTENT)))
        )

    def text(self, markdown: bool = False) -> str:
        """What the selection copies ("" for none)."""
        view = self._view
        span = view.rows.span
        if span is None or span.empty:
            return ""
        return copied_text(view.delegate, view._model.find, view.rows.parts, markdown=markdown)

    def copy(self, markdown: bool = False) -> bool:
        text = self.text(markdown)
        if text:
            QGuiApplication.clipboard().setText(text)
        return bool(text)

    # -- the mouse ----------------------------------------------------------------------------------

    def end_at(self, pos: QPoint) -> End | None:
        """The text position nearest to `pos` (a point above or below the view counts as its edge)."""
        view = self._view
        clamped = QPoint(pos.x(), min(max(pos.y(), 0), max(0, view.viewport().height() - 1)))
        message_id, _href = view.hit(clamped)
        if message_id < 0:
            return None
        found = view.spot(clamped, message_id) or view.spot(clamped, message_id, CONTENT)
        return End(message_id, found[0], found[1]) if found is not None else None

    def drag_scroll(self, pos: QPoint) -> None:
        bar, height = self._view.verticalScrollBar(), self._view.viewport().height()
        if pos.y() < 0:
            bar.setValue(bar.value() + pos.y())
        elif pos.y() > height:
            bar.setValue(bar.value() + pos.y() - height)

    # -- the keyboard -------------------------------------------------------------------------------

    def key(self, event: QKeyEvent) -> bool:
        """Handle a key that selects or copies; False for any other key."""
        if event.key() == Qt.Key.Key_C and event.modifiers() == _CTRL_SHIFT:
            return self.copy(markdown=True)
        if event.matches(QKeySequence.StandardKey.Copy):
            return self.copy()
        if event.matches(QKeySequence.StandardKey.SelectAll):
            self.select_all()
            return True
        key = Qt.Key(event.key())
        if key in _MOVES and event.modifiers() == Qt.KeyboardModifier.ShiftModifier:
            self.extend(key)
            return True
        return False

    def extend(self, key: Qt.Key) -> None:
        """Move the selection's focus by a character (Left/Right) or a line (Up/Down), across rows."""
        span = self._view.rows.span
        if span is None:
            start = self._start(key in _FORWARD)
            if start is None:
                return
            span = Span(start, start)
        focus = self._step(span.focus, key)
        if focus is not None:
            self.select(span.to(focus))
            self._reveal(focus)

    def _start(self, forward: bool) -> End | None:
        """Where Shift+arrows start without a selection: the top of the view, or its bottom."""
        view = self._view
        if view._model.rowCount() == 0:
            return None
        value, height = view.verticalScrollBar().value(), view.viewport().height()
        item = view._model.item(view._row_at(value if forward else value + height - 1))
        if forward:
            return End(item.id, self._first_part(item.id), START)
        return End(item.id, CONTENT, self._last_spot(item.id, CONTENT))

    def _step(self, end: End, key: Qt.Key) -> End | None:
        doc = self._doc(end.message_id, end.part)
        forward = key in _FORWARD
        count = doc.page_count() if doc is not None else 0
        index = min(end.spot.page, count - 1)
        page = doc.page(index) if doc is not None and index >= 0 else None
        if page is not None:
            last = page.doc.characterCount() - 1
            cursor = QTextCursor(page.doc)
            cursor.setPosition(min(end.spot.pos, last))
            before = cursor.position()
            if cursor.movePosition(_MOVES[key]) and cursor.position() != before and cursor.position() <= last:
                return End(end.message_id, end.part, Spot(index, cursor.position()))
            if forward and index + 1 < count:
                return End(end.message_id, end.part, Spot(index + 1, 0))
            if not forward and index > 0:
                previous = doc.page(index - 1) if doc is not None else None
                return End(end.message_id, end.part, Spot(index - 1, _end_of(previous)))
        neighbour = self._neighbour(end.message_id, end.part, forward)
        if neighbour is None:
            return None
        message_id, part = neighbour
        return End(message_id, part, START if forward else self._last_spot(message_id, part))

    def _neighbour(self, message_id: int, part: str, forward: bool) -> tuple[int, str] | None:
        """The part after (or before) this one in reading order."""
        model = self._view._model
        row = model.row_of(message_id)
        if forward:
            if part == REASONING:
                return message_id, CONTENT
            if row + 1 >= model.rowCount():
                return None
            following = model.item(row + 1).id
            return following, self._first_part(following)
        if part == CONTENT and self._reasoning_shown(message_id):
            return message_id, REASONING
        return (model.item(row - 1).id, CONTENT) if row > 0 else None

    def _reveal(self, end: End) -> None:
        """Scroll so that the focus of a keyboard selection is in view."""
        view = self._view
        row = view._model.row_of(end.message_id)
        doc = self._doc(end.message_id, end.part)
        item = view._model.find(end.message_id)
        layout = view.delegate.layout(item, view.rows.get(item.id), view.row_width) if item is not None else None
        if layout is None or doc is None:
            return
        origin = layout.reasoning if end.part == REASONING else layout.content
        y, height = view._tops[row] + (origin.y() if origin is not None else 0), view.delegate.style.line
        for index, page, top in doc.placed():
            if index == end.spot.page:
                block = page.doc.findBlock(min(end.spot.pos, page.doc.characterCount() - 1))
                line = block.layout().lineForTextPosition(end.spot.pos - block.position())
                y += top + page.doc.documentLayout().blockBoundingRect(block).y() + (line.y() if line.isValid() else 0)
                height = line.height() if line.isValid() else height
                break
        bar, shown = view.verticalScrollBar(), view.viewport().height()
        if y < bar.value():
            bar.setValue(round(y - height))
        elif y + height > bar.value() + shown:
            bar.setValue(round(y + 2 * height - shown))

    # -- helpers ------------------------------------------------------------------------------------

    def _doc(self, message_id: int, part: str) -> StreamingDocument | None:
        """A part's document, built and laid out now if the row never came into view."""
        view = self._view
        item = view._model.find(message_id)
        if item is None:
            return None
        if view.delegate.cached(message_id) is None:
            view.delegate.sync(item, FULL_BUDGET)
            view.delegate.layout(item, view.rows.get(message_id), view.row_width)
        rendered = view.delegate.cached(message_id)
        if rendered is None:
            return None
        doc: StreamingDocument = rendered.reasoning if part == REASONING else rendered.content
        return doc

    def _last_spot(self, message_id: int, part: str) -> Spot:
        doc = self._doc(message_id, part)
        count = doc.page_count() if doc is not None else 0
        if doc is None or count == 0:
            return START
        return Spot(count - 1, _end_of(doc.page(count - 1)))

    def _reasoning_shown(self, message_id: int) -> bool:
        item = self._view._model.find(message_id)
        return item is not None and bool(item.reasoning) and thinking_open(item, self._view.rows.get(message_id))

    def _first_part(self, message_id: int) -> str:
        return REASONING if self._reasoning_shown(message_id) else CONTENT


def _end_of(page: Page | None) -> int:
    return page.doc.characterCount() - 1 if page is not None else 0
