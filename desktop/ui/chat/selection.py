"""Selecting text of one message with the mouse: where a selection is, how it paints, what it copies.

A message's text lives in several page documents (see `streaming.py`), so a position is a page index
and a character position in that page's document.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAbstractTextDocumentLayout, QTextCharFormat, QTextCursor

from desktop.ui.chat.documents import Page
from desktop.ui.chat.streaming import StreamingDocument
from desktop.ui.chat.style import ChatStyle

CONTENT = "content"
REASONING = "reasoning"


@dataclass(frozen=True, order=True)
class Spot:
    page: int
    pos: int


@dataclass(frozen=True)
class Selection:
    message_id: int
    part: str  # CONTENT or REASONING
    anchor: Spot
    focus: Spot

    def span(self) -> tuple[Spot, Spot]:
        return (self.anchor, self.focus) if self.anchor <= self.focus else (self.focus, self.anchor)

    @property
    def empty(self) -> bool:
        return self.anchor == self.focus


def page_range(selection: Selection, index: int, page: Page) -> tuple[int, int] | None:
    """The selected characters of page `index`, if any."""
    start, end = selection.span()
    if not start.page <= index <= end.page:
        return None
    last = page.doc.characterCount() - 1
    first_pos = min(start.pos, last) if index == start.page else 0
    end_pos = min(end.pos, last) if index == end.page else last
    return (first_pos, end_pos) if end_pos > first_pos else None


def _cursor(page: Page, selected: tuple[int, int]) -> QTextCursor:
    cursor = QTextCursor(page.doc)
    cursor.setPosition(selected[0])
    cursor.setPosition(selected[1], QTextCursor.MoveMode.KeepAnchor)
    return cursor


def paint_selection(page: Page, selected: tuple[int, int], style: ChatStyle) -> QAbstractTextDocumentLayout.Selection:
    highlight = QAbstractTextDocumentLayout.Selection()
    highlight.cursor = _cursor(page, selected)
    text_format = QTextCharFormat()
    text_format.setBackground(style.selection)
    text_format.setForeground(style.selection_text)
    highlight.format = text_format
    return highlight


def selected_text(doc: StreamingDocument, selection: Selection) -> str:
    start, end = selection.span()
    parts = []
    for index in range(start.page, min(end.page, doc.page_count() - 1) + 1):  # an end may be "past the last page"
        page = doc.page(index)
        selected = page_range(selection, index, page) if page is not None else None
        if page is not None and selected is not None:
            parts.append(_cursor(page, selected).selectedText())
    text = "\n".join(parts)
    return text.replace("\u2029", "\n").replace("\u2028", "\n").replace("\xa0", " ").replace("\ufffc", "")
