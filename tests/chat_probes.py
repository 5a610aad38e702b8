"""Probes for tests and benchmarks of the chat view (they are not part of the product): where things
are painted in a row, so a test can click them, and per-frame counters of streamed rendering.

The view reports each frame through its `frameShown` signal; `FrameStats.watch(view)` collects them.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QPoint, QPointF
from PySide6.QtGui import QTextLine

from desktop.ui.chat.chat_view import ChatView
from desktop.ui.chat.delegate import MessageDelegate
from desktop.ui.chat.items import MessageItem
from desktop.ui.chat.rows import RowState

KEPT_FRAMES = 20_000


@dataclass
class FrameStats:
    """Counters of the frames a chat view showed while text streamed in."""

    deltas: int = 0  # deltas shown so far
    delivered: int = 0  # deltas handed to the view (when the caller counts them: `count_delivered`)
    frames: int = 0  # renders of a streaming message
    # Per frame (the last KEPT_FRAMES): characters converted, seconds taken, deltas shown so far.
    converted: deque[int] = field(default_factory=lambda: deque(maxlen=KEPT_FRAMES))
    seconds: deque[float] = field(default_factory=lambda: deque(maxlen=KEPT_FRAMES))
    at_delta: deque[int] = field(default_factory=lambda: deque(maxlen=KEPT_FRAMES))

    @classmethod
    def watch(cls, view: ChatView) -> FrameStats:
        stats = cls()
        view.frameShown.connect(stats.add)
        return stats

    def add(self, deltas: int, converted: int, seconds: float) -> None:
        self.deltas += deltas
        self.frames += 1
        self.converted.append(converted)
        self.seconds.append(seconds)
        self.at_delta.append(self.deltas)

    def count_delivered(self, *_delta: object) -> None:
        self.delivered += 1

    def reset(self) -> None:
        self.deltas = self.frames = self.delivered = 0
        for counter in (self.converted, self.seconds, self.at_delta):
            counter.clear()


# -- where things are (viewport coordinates of the list, for clicks) ---------------------------------

Find = Callable[[MessageDelegate, MessageItem, RowState, int], QPointF | None]


def _probe(view: ChatView, message_id: int, find: Find) -> QPoint | None:
    item, rows = view.item(message_id), view.list_view
    if item is None:
        return None
    point = find(rows.delegate, item, rows.rows.get(message_id), rows.row_width)
    return None if point is None else rows.viewport_point(message_id, point)


def point_for_text(view: ChatView, message_id: int, needle: str) -> QPoint | None:
    """Where `needle` is in a message's answer, if laid out."""
    return _probe(view, message_id, lambda d, item, state, width: text_point(d, item, state, width, needle))


def point_for_label(view: ChatView, message_id: int, text: str) -> QPoint | None:
    """Where a painted label (a chip, a card's option or field...) showing `text` is, clickable or not."""

    def find(d: MessageDelegate, item: MessageItem, state: RowState, width: int) -> QPointF | None:
        row = d.layout(item, state, width)
        label = next((label for label in row.labels if text in label.text), None) if row is not None else None
        return label.rect.center() if label is not None else None

    return _probe(view, message_id, find)


def point_for_code_copy(view: ChatView, message_id: int, index: int) -> QPoint | None:
    """Where the Copy button of code block `index` is."""
    return _probe(view, message_id, lambda d, item, state, width: code_button_point(d, item, state, width, index))


def point_for_action(view: ChatView, message_id: int, href: str) -> QPoint | None:
    """Where an action (Copy, Retry, a chip, Thinking...) or a link of the error box is."""
    return _probe(view, message_id, lambda d, item, state, width: action_point(d, item, state, width, href))


# -- in row coordinates --------------------------------------------------------------------------------


def text_point(
    delegate: MessageDelegate, item: MessageItem, state: RowState, width: int, needle: str
) -> QPointF | None:
    """Row coordinates of the middle of the first character of `needle` in the answer ."""
    row = delegate.layout(item, state, width)
    rendered = delegate.cached(item.id)
    if row is None or rendered is None:
        return None
    for _, page, y in rendered.content.placed():
        cursor = page.doc.find(needle)
        if cursor.isNull():
            continue
        block = cursor.block()
        offset = cursor.selectionStart() - block.position()
        line = block.layout().lineForTextPosition(offset)
        x = cursor_x(line, offset)
        rect = page.doc.documentLayout().blockBoundingRect(block)
        return QPointF(
            row.content.x() + rect.x() + x + 3, row.content.y() + y + rect.y() + line.y() + line.height() / 2
        )
    return None


def action_point(
    delegate: MessageDelegate, item: MessageItem, state: RowState, width: int, href: str
) -> QPointF | None:
    """Row coordinates of a painted action or of a link in the error box ."""
    row = delegate.layout(item, state, width)
    if row is None:
        return None
    for label in row.labels:
        if label.href == href:
            return label.rect.center()
    if row.error is None:
        return None
    doc = row.error.doc
    block = doc.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            if fragment.charFormat().anchorHref() == href:
                offset = fragment.position() - block.position()
                line = block.layout().lineForTextPosition(offset)
                rect = doc.documentLayout().blockBoundingRect(block)
                x = rect.x() + cursor_x(line, offset) + 3
                return row.error_origin + QPointF(x, rect.y() + line.y() + line.height() / 2)
            fragments += 1
        block = block.next()
    return None


def code_button_point(
    delegate: MessageDelegate, item: MessageItem, state: RowState, width: int, index: int
) -> QPointF | None:
    """Row coordinates of the Copy button of code block `index` ."""
    row = delegate.layout(item, state, width)
    rendered = delegate.cached(item.id)
    if row is None or rendered is None:
        return None
    for _, page, y in rendered.content.placed():
        for box in page.codes:
            if box.index == index and box.head is not None:
                x = row.content.x() + page.width - delegate.style.pad - 4
                return QPointF(x, row.content.y() + y + box.head.center().y())
    return None


def cursor_x(line: QTextLine, offset: int) -> float:
    """x of a text position in a line (PySide returns a tuple from cursorToX)."""
    found: Any = line.cursorToX(offset)
    return float(found[0] if isinstance(found, tuple) else found)
