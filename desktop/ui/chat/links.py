"""The links in a message's answer and its reasoning as the keyboard reaches them (row_buttons.py, focus_ring.py): each
link's href, its text and the box of its first line, in row coordinates. Only pages whose HTML has a
link are read (a page far from the view keeps its HTML but may have let its document go)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QTextBlock, QTextLine

from desktop.ui.chat.documents import Page
from desktop.ui.chat.rows import RowLayout
from desktop.ui.chat.streaming import StreamingDocument


@dataclass(frozen=True)
class LinkBox:
    href: str
    text: str
    rect: QRectF


def document_links(row: RowLayout, content: StreamingDocument, reasoning: StreamingDocument) -> list[LinkBox]:
    """The links of a row's reasoning (while it is open: laid out in the row) and of its answer, in row
    coordinates."""
    found = link_boxes(reasoning, row.reasoning) if row.reasoning is not None else []
    return found + link_boxes(content, row.content)


def link_boxes(doc: StreamingDocument, origin: QPointF) -> list[LinkBox]:
    """The document's links in reading order (`origin`: where its first page is drawn in the row)."""
    found: list[LinkBox] = []
    for _index, page, y in doc.placed():
        if "<a " in page.html:
            found += page_links(page, QPointF(origin.x(), origin.y() + y))
    return found


def page_links(page: Page, at: QPointF) -> list[LinkBox]:
    """A page's links (`at`: where the page is drawn in the row); a link in pieces (a bold word in it) is one."""
    found: list[LinkBox] = []
    layout, end = page.doc.documentLayout(), -1
    block = page.doc.begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            href = fragment.charFormat().anchorHref() if fragment.charFormat().isAnchor() else ""
            if href:
                place = at + layout.blockBoundingRect(block).topLeft()
                rect = _first_line(block, fragment.position(), fragment.length()).translated(place)
                last = found[-1] if found else None
                if last is not None and last.href == href and fragment.position() == end:
                    same_line = abs(last.rect.top() - rect.top()) < 1
                    found[-1] = LinkBox(
                        href, last.text + fragment.text(), last.rect.united(rect) if same_line else last.rect
                    )
                else:
                    found.append(LinkBox(href, fragment.text(), rect))
            end = fragment.position() + fragment.length()
            fragments += 1
        block = block.next()
    return found


def _first_line(block: QTextBlock, position: int, length: int) -> QRectF:
    """The box of a fragment's part on its first line, in block coordinates."""
    start = position - block.position()
    line = block.layout().lineForTextPosition(start)
    if not line.isValid():
        return QRectF()
    end = min(start + length, line.textStart() + line.textLength())
    left, right = _x(line, start), _x(line, end)
    return QRectF(left, line.y(), max(1.0, right - left), line.height())


def _x(line: QTextLine, offset: int) -> float:
    found: Any = line.cursorToX(offset)  # (PySide returns a tuple)
    return float(found[0] if isinstance(found, tuple) else found)
