"""Where the keyboard is in the message list, painted: a ring round the message it is on and one round
the action it is on (Copy, Regenerate…, a link, a code block's Copy; a chip's ring is drawn with the chip). The accent colour of the
light or dark palette, two pixels wide, so it shows on both."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPainter, QPen

from desktop.ui.chat.links import document_links, link_boxes, page_links
from desktop.ui.chat.rows import RowLayout, RowState
from desktop.ui.chat.streaming import StreamingDocument
from desktop.ui.chat.style import ChatStyle


def paint_keyboard_marks(
    painter: QPainter,
    row: RowLayout,
    state: RowState,
    style: ChatStyle,
    width: int,
    *,
    content: StreamingDocument | None = None,
    reasoning: StreamingDocument | None = None,
) -> None:
    """Row coordinates; nothing when the keyboard is elsewhere. `content`, `reasoning`: the answer's and the
    reasoning's pages (their links)."""
    if not state.marked and not state.focus:
        return
    painter.save()
    painter.setPen(QPen(style.accent, 2))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if state.marked:
        pad = style.em * 0.5
        left, right = max(1.0, row.column.x() - pad), min(width - 1.0, row.column.right() + pad)
        ring = QRectF(left, 2, right - left, max(4.0, row.height - 4.0))
        painter.drawRoundedRect(ring, style.radius, style.radius)
    for label in row.labels:
        if state.focus and label.href == state.focus and not label.chip:
            painter.drawRoundedRect(label.rect.adjusted(-4, -1, 4, 1), 4, 4)
    if state.focus and content is not None and not any(label.href == state.focus for label in row.labels):
        links = document_links(row, content, reasoning) if reasoning is not None else link_boxes(content, row.content)
        links += page_links(row.error, row.error_origin) if row.error else []
        link = next((link for link in links if link.href == state.focus), None)
        if link is not None:
            painter.drawRoundedRect(link.rect.adjusted(-3, 0, 3, 0), 3, 3)
    painter.restore()


def code_copy_rect(head: QRectF, label: str, style: ChatStyle) -> QRectF:
    """Where a code block's Copy (or Copied) is drawn in its header bar `head`."""
    width = QFontMetricsF(style.small).horizontalAdvance(label)
    return QRectF(head.right() - style.pad - width, head.top(), width, head.height())


def ring_code_copy(painter: QPainter, rect: QRectF, style: ChatStyle) -> None:
    """The keyboard's ring round a code block's Copy."""
    painter.save()
    painter.setPen(QPen(style.accent, 2))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(rect.adjusted(-4, 1, 4, -1), 4, 4)
    painter.restore()
