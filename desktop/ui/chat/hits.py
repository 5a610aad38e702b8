"""What is under the mouse in a row: links and actions, and text positions (for selections). Row
coordinates throughout, as the list view gives them.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, Qt
from PySide6.QtGui import QFontMetricsF

from desktop.ui.chat.delegate import MessageDelegate
from desktop.ui.chat.items import MessageItem
from desktop.ui.chat.rows import COPY_CODE, RowState
from desktop.ui.chat.selection import CONTENT, REASONING, Spot
from desktop.ui.chat.streaming import StreamingDocument


def hit(delegate: MessageDelegate, item: MessageItem, state: RowState, width: int, pos: QPointF) -> str:
    """The action or link under `pos` (row coordinates), or ""."""
    row = delegate.layout(item, state, width)
    rendered = delegate.cached(item.id)
    if row is None or rendered is None:
        return ""
    for label in row.labels:
        if label.href and label.rect.contains(pos):
            return label.href
    if row.error is not None and row.error_box is not None and row.error_box.contains(pos):
        return row.error.anchor_at(pos - row.error_origin)
    found = _hit_pages(delegate, rendered.content, row.content, pos)
    if not found and row.reasoning is not None:
        found = _hit_pages(delegate, rendered.reasoning, row.reasoning, pos)
    return found


def _hit_pages(delegate: MessageDelegate, doc: StreamingDocument, origin: QPointF, pos: QPointF) -> str:
    local = pos - origin
    small = QFontMetricsF(delegate.style.small)
    for _, page, y in doc.placed(local.y() - 1, local.y() + 1):
        for box in page.codes:
            if box.head is not None and box.head.top() <= local.y() - y <= box.head.bottom():
                label_width = max(
                    small.horizontalAdvance(QCoreApplication.translate("ChatView", "Copy")),
                    small.horizontalAdvance(QCoreApplication.translate("ChatView", "Copied")),
                )
                if page.width - delegate.style.pad - label_width - 6 <= local.x() <= page.width:
                    return f"{COPY_CODE}{box.index}"
        if y <= local.y() <= y + page.height:
            return page.anchor_at(QPointF(local.x(), local.y() - y))
    return ""


def spot_at(
    delegate: MessageDelegate, item: MessageItem, state: RowState, width: int, pos: QPointF, *, part: str = ""
) -> tuple[str, Spot] | None:
    """The text position under `pos` (row coordinates): which part and where. With `part`, the
    position is clamped to that part (a selection dragged past its ends)."""
    row = delegate.layout(item, state, width)
    rendered = delegate.cached(item.id)
    if row is None or rendered is None:
        return None
    parts = [(CONTENT, rendered.content, row.content)]
    if row.reasoning is not None:
        parts.append((REASONING, rendered.reasoning, row.reasoning))
    for name, doc, origin in parts:
        local = pos - origin
        inside = 0 <= local.y() <= doc.height() and -4 <= local.x() <= row.column.width() + 4
        if (part and name != part) or (not part and not inside):
            continue
        pages = list(doc.placed(local.y() - 1, local.y() + 1)) or list(doc.placed())
        if not pages:
            return None
        index, page, y = pages[0]
        for found in pages:
            if found[2] <= local.y():
                index, page, y = found
        at = QPointF(local.x(), local.y() - y)
        hit = page.doc.documentLayout().hitTest(at, Qt.HitTestAccuracy.FuzzyHit)
        if local.y() > y + page.height:
            hit = page.doc.characterCount() - 1
        return name, Spot(index, max(0, hit))
    return None
