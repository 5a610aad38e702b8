"""A scroll area that shows the model's rows through the delegate, laying out only what is in view.

Rows never seen have an estimated height; rows that come into view (plus half a screen around it) get
documents and an exact height. When heights change, the first fully laid-out row in view keeps its
place on screen, so nothing the user reads jumps; when the view is at the bottom it stays at the
bottom (it *follows* the streaming answer) until the user scrolls up.
Row state lives in `rows` (`RowStates`, its one owner); the mouse reaches the list as a `RowSurface`.

Signals: `actionTriggered(message_id, RowAction)` for clicks on links and actions, `followChanged(bool)`,
`nearTop()` when the user scrolls to the top (the owner may prepend older messages),
`contextRequested(message_id, RowAction | None, global_pos)` for a context menu.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from PySide6.QtCore import QModelIndex, QPoint, QPointF, QRect, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QPainter, QPaintEvent, QPalette, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from desktop.ui.chat import hits
from desktop.ui.chat.actions import RowAction, parse_href
from desktop.ui.chat.catch_up import CatchUp
from desktop.ui.chat.delegate import MessageDelegate
from desktop.ui.chat.model import ChatModel
from desktop.ui.chat.mouse import RowMouse
from desktop.ui.chat.repaint import QuietScrollBar, changed_top, repaint_band, repaint_below
from desktop.ui.chat.row_states import RowStates
from desktop.ui.chat.selecting import Selecting
from desktop.ui.chat.selection import Spot

FRAME_BUDGET = 4_000  # characters converted per pass over the rows in view (about 10 ms)
MIN_BUDGET = 1_000  # every row in view shows at least this much at once
STEADY_CHARS = 400  # a frame adds fewer characters than this while a bot streams at a real pace


class MessageListView(QAbstractScrollArea):
    actionTriggered = Signal(int, object)
    followChanged = Signal(bool)
    nearTop = Signal()
    contextRequested = Signal(int, object, QPoint)

    def __init__(self, model: ChatModel, delegate: MessageDelegate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self.delegate = delegate  # public for reading, as are `rows` and `row_width`
        self.rows = RowStates(self.repaint_row, self.refresh)
        self.selecting = Selecting(self)  # selection across rows, Shift+arrows, copying
        self._heights: list[int] = []
        self._exact: list[bool] = []
        self._tops: list[int] = [0]
        self.row_width = 0
        self._follow = True
        self._settling = False
        self._asked_older = False
        self._catch_up = CatchUp(self, self._continue, self.viewport().update)  # rows behind their text
        self._pending = self._catch_up.pending
        self._bar = QuietScrollBar(self)
        self.setVerticalScrollBar(self._bar)
        self.setFrameShape(QAbstractScrollArea.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.viewport().setMouseTracking(True)
        self.viewport().installEventFilter(RowMouse(self, self.viewport()))
        self.viewport().setBackgroundRole(QPalette.ColorRole.Base)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)  # it paints its background: repaint.py
        model.modelReset.connect(self._reset)
        model.rowsInserted.connect(self._inserted)
        model.rowsRemoved.connect(self._reset)
        model.dataChanged.connect(self._changed)

    # -- public -------------------------------------------------------------------------------------

    @property
    def following(self) -> bool:
        return self._follow

    def refresh(self, message_id: int | None = None) -> None:
        """A row's state (or, with None, the look of every row) changed: lay out again and repaint."""
        if message_id is None:
            self._reestimate(range(len(self._heights)))
        else:
            row = self._model.row_of(message_id)
            if row >= 0:
                self._exact[row] = False
        self._settle()

    def repaint_row(self, message_id: int) -> None:
        rect = self._row_rect(self._model.row_of(message_id))
        if rect is not None:
            self.viewport().update(rect)

    def scroll_to_bottom(self) -> None:
        self._set_follow(True)
        self._settle()

    def scroll_to(self, message_id: int, top: int | None = None) -> None:
        """Show a message at the top of the view (`top` pixels down; None: a line), following only at the bottom."""
        row = self._model.row_of(message_id)
        if row < 0:
            return
        self._set_follow(False)
        for _ in range(3):
            self._bar.set_by_code(self._tops[row] - (round(self.delegate.style.em) if top is None else top))
            self._settle()
        self._set_follow(self._at_bottom())

    def is_idle(self) -> bool:
        """Every row in view shows all of its text."""
        return not self._pending

    def exact_rows(self) -> int:
        return sum(self._exact)

    def viewport_point(self, message_id: int, point: QPointF) -> QPoint | None:
        """A point in a message's row coordinates, in viewport coordinates (None if not shown)."""
        row = self._model.row_of(message_id)
        if row < 0:
            return None
        return QPoint(round(point.x()), round(point.y() + self._tops[row] - self.verticalScrollBar().value()))

    def selected_text(self, markdown: bool = False) -> str:
        """What the selection copies: plain text, or Markdown; "" without a selection."""
        return self.selecting.text(markdown)

    def clear_selection(self) -> None:
        self.rows.select(None)

    # -- model changes ------------------------------------------------------------------------------

    def _reset(self) -> None:
        self.rows.keep(lambda message_id: self._model.row_of(message_id) >= 0)
        self._heights = [self.delegate.estimate(item, self.row_width) for item in self._model.items()]
        self._exact = [False] * len(self._heights)
        self._pending.clear()
        self._asked_older = False
        self._rebuild_tops()
        self._set_follow(True)
        self._settle()
        QTimer.singleShot(0, self, self._ask_older_if_short)

    def _inserted(self, _parent: QModelIndex, first: int, last: int) -> None:
        items = self._model.items()
        new = [self.delegate.estimate(items[row], self.row_width) for row in range(first, last + 1)]
        self._heights[first:first] = new
        self._exact[first:first] = [False] * len(new)
        old_value = self.verticalScrollBar().value()
        self._rebuild_tops()
        self._update_range()
        if first == 0 and len(self._heights) > len(new):
            self._asked_older = False
            if not self._follow:
                self._bar.set_by_code(old_value + sum(new))  # older rows above: what is shown stays
            QTimer.singleShot(0, self, self._ask_older_if_short)
        self._settle()

    def grow(self, message_id: int, text: str) -> bool:
        """Streamed text shown without laying out a laid-out answer's row (`MessageDelegate.grow`): words that
        only lengthen its last line added in place, other text converted if the row is in view; while the row
        keeps its height only the band that changed is repainted. False: nothing done."""
        row = self._model.row_of(message_id)
        ok = row >= 0 and not self._settling and self._exact[row] and message_id not in self._pending
        # Converted here only at a steady pace and in view (a flood's frames, rows out of view: through _settle).
        budget = lambda: FRAME_BUDGET if len(text) < STEADY_CHARS and row in self._window() else 0  # noqa: E731
        grow = self.delegate.grow
        band = grow(self._model.item(row), text, self.rows.get(message_id), self.row_width, budget) if ok else None
        if band is not None:  # (bottom +inf: the height changed, laid out again through dataChanged)
            top = self._tops[row] - self.verticalScrollBar().value()  # the row's top in the viewport
            self._model.extend(message_id, text, "", notify=not repaint_band(self.viewport(), top, band))
        return band is not None

    def _changed(self, top_left: QModelIndex, bottom_right: QModelIndex, _roles: object = None) -> None:
        for row in range(top_left.row(), bottom_right.row() + 1):
            self._exact[row] = False
        self._settle(partial=True)

    # -- geometry -----------------------------------------------------------------------------------

    def _rebuild_tops(self) -> None:
        self._tops = [0, *accumulate(self._heights)]

    def _reestimate(self, rows: range) -> None:
        items = self._model.items()
        for row in rows:
            self._exact[row] = False
            self._heights[row] = self.delegate.estimate(items[row], self.row_width)
        self._rebuild_tops()

    def _update_range(self) -> None:
        self._bar.fit(self.viewport().height(), max(20, round(self.delegate.style.line * 2)), self._tops[-1])

    def _at_bottom(self) -> bool:
        bar = self.verticalScrollBar()
        return bar.value() >= bar.maximum() - 2

    def _set_follow(self, follow: bool) -> None:
        if follow != self._follow:
            self._follow = follow
            self.followChanged.emit(follow)

    def _row_at(self, y: int) -> int:
        return max(0, min(len(self._heights) - 1, bisect_right(self._tops, y) - 1))

    def _row_rect(self, row: int) -> QRect | None:
        if not 0 <= row < len(self._heights):
            return None
        return QRect(0, self._tops[row] - self.verticalScrollBar().value(), self.row_width, self._heights[row])

    def _window(self) -> range:
        """Rows in view, plus half a screen above and below."""
        if not self._heights:
            return range(0)
        value, height = self.verticalScrollBar().value(), self.viewport().height()
        return range(self._row_at(value - height // 2), self._row_at(value + height + height // 2) + 1)

    def anchor(self) -> tuple[int, int] | None:
        """(message id, its top relative to the view) of the first exact row in view."""
        if not self._heights:
            return None
        value, height = self.verticalScrollBar().value(), self.viewport().height()
        first = self._row_at(value)
        for row in range(first, self._row_at(value + height) + 1):
            if self._exact[row]:
                return self._model.item(row).id, self._tops[row] - value
        return self._model.item(first).id, self._tops[first] - value

    def _settle(self, partial: bool = False, catching_up: bool = False) -> None:
        """Lay out the rows around the view, put the anchor (or bottom) back; `partial`: see repaint.py. A row
        behind its text (`_pending`) converts only in the catch-up's steps (`catching_up`, see catch_up.py);
        a frame, status or chips meanwhile only lay it out (the end of an answer: no step for each update)."""
        if self._settling:
            return  # a scroll while settling: the settle repaints when it ends
        if self.row_width <= 0:
            self.viewport().update()
            return
        self._settling, value_before = True, self.verticalScrollBar().value()
        try:
            with self._bar.by_code():  # the scroll bar repaints once, if its handle moved
                budget = FRAME_BUDGET
                deadline = self._catch_up.deadline() if catching_up else None
                synced: set[int] = set()  # a row still catching up gets one step per settle
                for _ in range(6):
                    anchor = self.anchor()
                    changed = False
                    for row in self._window():
                        message_id = self._model.item(row).id
                        laid_out = self._exact[row] and self.delegate.cached(message_id) is not None
                        behind = message_id in self._pending and not catching_up
                        if message_id in synced or (laid_out and (behind or message_id not in self._pending)):
                            continue
                        synced.add(message_id)
                        if behind and self.delegate.cached(message_id) is not None:
                            self._lay_out(row, 0, convert=False)  # the catch-up timer converts it
                        else:
                            budget -= self._lay_out(row, max(budget, MIN_BUDGET), deadline=deadline)
                        changed = True
                    if changed:
                        self._rebuild_tops()
                    self._update_range()
                    if self._follow:
                        self._bar.set_by_code(self.verticalScrollBar().maximum())
                    elif anchor is not None and changed:
                        row = self._model.row_of(anchor[0])
                        if row >= 0:
                            self._bar.set_by_code(self._tops[row] - anchor[1])
                    if not changed:
                        break
        finally:
            self._settling = False
        self._catch_up.run()
        if catching_up:
            self._catch_up.paint_later()
        elif partial and not self._catch_up.paint_due():
            value, rows = self.verticalScrollBar().value(), ((m, self._tops[self._model.row_of(m)]) for m in synced)
            repaint_below(self.viewport(), value - value_before, changed_top(self.delegate, rows) - value)
        else:
            self._catch_up.painted()
            self.viewport().update()

    def _lay_out(self, row: int, budget: int, convert: bool = True, deadline: float | None = None) -> int:
        """Sync (unless not `convert`: its documents as they are) and lay out one row; the characters converted."""
        item = self._model.item(row)
        if convert:
            (self._pending.discard if self.delegate.sync(item, budget, deadline) else self._pending.add)(item.id)
        rendered = self.delegate.cached(item.id) if convert else None
        layout = self.delegate.layout(item, self.rows.get(item.id), self.row_width)
        if layout is not None:
            self._heights[row] = layout.height
        self._exact[row] = True
        return (rendered.content.converted + rendered.reasoning.converted) if rendered else 0

    def _continue(self) -> None:
        visible = {self._model.item(row).id for row in self._window()}
        for message_id in self._pending - visible:  # finishes when it comes back into view
            row = self._model.row_of(message_id)
            if row >= 0:
                self._exact[row] = False
        self._pending &= visible
        if self._pending:
            self._settle(catching_up=True)
        self._catch_up.run()

    # -- Qt events ----------------------------------------------------------------------------------

    def scrollContentsBy(self, _dx: int, _dy: int) -> None:
        if not self._bar.busy:
            self._set_follow(self._at_bottom())
            if self.verticalScrollBar().value() < self.viewport().height() // 3:
                self._ask_older()
            else:
                self._asked_older = False
        self._settle()

    def _ask_older(self) -> None:
        if not self._asked_older and self._heights:
            self._asked_older = True
            self.nearTop.emit()

    def _ask_older_if_short(self) -> None:
        """Everything fits in the view, so it is at the top already: the owner may have older messages."""
        if self.verticalScrollBar().maximum() == 0 and self.isVisible():
            self._ask_older()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.angleDelta().y() > 0 and self.verticalScrollBar().value() == 0:
            self._ask_older()  # wheeling up at the top moves nothing, so no scroll says so
        super().wheelEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        width = self.viewport().width()
        if width != self.row_width:
            anchor = self.anchor()
            self.row_width = width
            self._reestimate(range(len(self._heights)))
            self._update_range()
            if anchor is not None and not self._follow:
                self._bar.set_by_code(self._tops[self._model.row_of(anchor[0])] - anchor[1])
        self._update_range()
        self._settle()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        painter.fillRect(event.rect(), self.viewport().palette().brush(QPalette.ColorRole.Base))
        if not self._heights:
            return
        clip = QRectF(event.rect())
        value = self.verticalScrollBar().value()
        for row in range(self._row_at(value + round(clip.top())), len(self._heights)):
            top = self._tops[row] - value
            if top > clip.bottom():
                break
            item = self._model.item(row)
            if self.delegate.layout(item, self.rows.get(item.id), self.row_width) is None:
                self._lay_out(row, MIN_BUDGET)  # not settled yet: show it now, put the view right after
                QTimer.singleShot(0, self, self._settle)
            self.delegate.paint(painter, item, self.rows.get(item.id), top=top, width=self.row_width, clip=clip)
        painter.end()

    def _local(self, pos: QPoint, row: int) -> QPointF:
        return QPointF(pos.x(), self.verticalScrollBar().value() + pos.y() - self._tops[row])

    def hit(self, pos: QPoint) -> tuple[int, str]:
        """The message under `pos` and the link or action there (or "")."""
        if not self._heights:
            return -1, ""
        row = self._row_at(self.verticalScrollBar().value() + pos.y())
        item = self._model.item(row)
        return item.id, hits.hit(self.delegate, item, self.rows.get(item.id), self.row_width, self._local(pos, row))

    def spot(self, pos: QPoint, message_id: int, part: str = "") -> tuple[str, Spot] | None:
        """The text position under `pos` in a message (clamped to `part` if given)."""
        row = self._model.row_of(message_id)
        if row < 0:
            return None
        item, local = self._model.item(row), self._local(pos, row)
        return hits.spot_at(self.delegate, item, self.rows.get(message_id), self.row_width, local, part=part)

    def trigger(self, message_id: int, action: RowAction) -> None:
        self.actionTriggered.emit(message_id, action)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        message_id, href = self.hit(self.viewport().mapFrom(self, event.pos()))
        if message_id >= 0:
            self.contextRequested.emit(message_id, parse_href(href), event.globalPos())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.selecting.key(event):
            return
        if event.key() == Qt.Key.Key_Home:
            self.verticalScrollBar().setValue(0)
        elif event.key() == Qt.Key.Key_End:
            self.scroll_to_bottom()
        elif event.key() == Qt.Key.Key_Escape:
            self.clear_selection()
        else:
            super().keyPressEvent(event)
