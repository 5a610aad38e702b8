"""Paints message rows from cached documents (what is under the mouse is `hits.py`).

`MessageDelegate` keeps, per message id, the documents of its text (`StreamingDocument`s for the
answer and the reasoning) in a small LRU cache: only rows that come into view get documents, and
`rows_built` counts how many times that happened (tests assert on it). A row's layout is cached
until its item, its state, the width or the documents change; when only the documents grew (a
streaming answer), `take_dirty` tells from which y of the row the painting changed, so the view
repaints that part and not every visible page.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QColor, QPainter, QPainterPath, QPalette, QPen

from desktop.ui.chat.documents import Page, code_padding
from desktop.ui.chat.focus_ring import code_copy_rect, paint_keyboard_marks, ring_code_copy
from desktop.ui.chat.folding import folded, is_long
from desktop.ui.chat.items import MessageItem
from desktop.ui.chat.labels import Label, paint_arrow
from desktop.ui.chat.markdown import MarkdownRenderer
from desktop.ui.chat.question_files import PictureTiles, paint_tile
from desktop.ui.chat.rendered import INF, Rendered, changed_from, item_key
from desktop.ui.chat.rows import COPY_CODE, THINKING, RowLayout, RowState, build_row, estimate_height
from desktop.ui.chat.selection import (
    CONTENT,
    REASONING,
    page_range,
    paint_selection,
)
from desktop.ui.chat.shown_text import shown_markdown
from desktop.ui.chat.streaming import StreamingDocument
from desktop.ui.chat.style import ChatStyle

CACHE_SIZE = 300


class MessageDelegate:
    """Documents, layout and painting of message rows (no Qt item-delegate API: the list view calls
    these directly)."""

    def __init__(self, style: ChatStyle) -> None:
        self.rows_built = 0
        self.actions = True  # paint Copy, Retry and the like (False: on paper, for the PDF export)
        self.converted = 0  # characters converted to HTML, all rows, ever (tests and the benchmark)
        self.thumbnails: PictureTiles | None = None  # the pictures of questions (None: their names)
        self.unfolded: set[int] = set()  # long questions shown whole ("Show all", folding.py)
        self._cache: OrderedDict[int, Rendered] = OrderedDict()
        self.set_style(style)

    def set_style(self, style: ChatStyle) -> None:
        """A new look (palette, font): every document is rebuilt when next shown."""
        self.style = style
        self.renderer = MarkdownRenderer(style)
        self._cache.clear()

    # -- documents ----------------------------------------------------------------------------------

    def cached(self, message_id: int) -> Rendered | None:
        return self._cache.get(message_id)

    def forget(self, message_id: int | None = None) -> None:
        if message_id is None:
            self._cache.clear()
        else:
            self._cache.pop(message_id, None)

    def sync(self, item: MessageItem, budget: int, deadline: float | None = None) -> bool:
        """Bring the message's documents up to its text, converting about `budget` characters at most (and
        no chunk begun after `deadline`, see `StreamingDocument.update`); True when everything is shown
        (else call again)."""
        rendered = self._cache.get(item.id)
        if rendered is None:
            rendered = Rendered(
                StreamingDocument(self.renderer, self.style, plain=item.is_user),
                StreamingDocument(self.renderer, self.style),
            )
            self._cache[item.id] = rendered
            self.rows_built += 1
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(item.id)
        final = not item.is_streaming
        done = rendered.content.update(self.shown_text(item), budget, final, deadline)
        converted = rendered.content.converted
        content, reasoning = rendered.content.dirty_top, INF
        if item.reasoning or rendered.reasoning.text:
            done = rendered.reasoning.update(item.reasoning, budget, final, deadline) and done
            converted += rendered.reasoning.converted
            reasoning = rendered.reasoning.dirty_top
        self.converted += converted
        if min(content, reasoning) < INF:
            rendered.generation += 1
            rendered.changed = (min(rendered.changed[0], content), min(rendered.changed[1], reasoning))
        return done

    def whole_text(self, item: MessageItem) -> str:  # the Markdown a row stands for, folded or not: what is copied
        return shown_markdown(item, self.style.images)

    def shown_text(self, item: MessageItem) -> str:  # the Markdown a row's documents show (a folded question's start)
        text = self.whole_text(item)
        return folded(text) if self.fold(item) == "more" else text

    def fold(self, item: MessageItem) -> str:
        """ "more" for a long question shown folded, "less" for one shown whole, "" for other rows (and on paper)."""
        if not self.actions or not item.is_user or not is_long(item.content):  # (files' JSON counts: see next)
            return ""
        if item.content_type != "text" and not is_long(shown_markdown(item, self.style.images)):
            return ""
        return "less" if item.id in self.unfolded else "more"

    def toggle_fold(self, message_id: int) -> None:  # a long question whole, or folded again (then lay it out)
        self.unfolded ^= {message_id}

    def _layout_key(self, item: MessageItem, state: RowState, width: int) -> tuple[object, ...]:
        return (width, self._cache[item.id].generation, item_key(item), state.key(), self.fold(item))

    def layout(self, item: MessageItem, state: RowState, width: int) -> RowLayout | None:
        """The row's layout, if its documents exist (see `sync`)."""
        rendered = self._cache.get(item.id)
        if rendered is None:
            return None
        key = self._layout_key(item, state, width)
        if rendered.layout is None or rendered.layout_key != key:
            old, old_key = rendered.layout, rendered.layout_key
            rendered.layout = build_row(
                item,
                state,
                width,
                self.style,
                content=rendered.content,
                reasoning=rendered.reasoning,
                fold=self.fold(item),
            )
            rendered.layout_key = key
            grew = old is not None and old_key[0] == key[0] and old_key[2:] == key[2:]  # only the documents changed
            dirty = changed_from(old, rendered.layout, rendered.changed) if grew and old is not None else 0.0
            rendered.dirty = min(rendered.dirty, dirty, rendered.caret)  # (the caret moves when the text grows)
            rendered.changed = (INF, INF)
        return rendered.layout

    def grow(
        self, item: MessageItem, added: str, state: RowState, width: int, budget: Callable[[], int] | None = None
    ) -> tuple[float, float] | None:
        """Streamed text shown in a laid-out streaming answer without laying its row out again: words added in
        place (`StreamingDocument.grow`), else, if `budget()` gives one, the text converted (`sync`) and the row's
        layout kept if the answer kept its height. The band (row y, top and bottom) to repaint, with bottom +inf
        when the height changed (the row is marked changed: lay it out again); None when nothing was done."""
        rendered = self._cache.get(item.id)
        if rendered is None or rendered.layout is None or not item.is_streaming or item.content_type != "text":
            return None
        document, key = rendered.content, self._layout_key(item, state, width)
        if len(document.text) != len(item.content) or rendered.layout_key != key:
            return None
        at = rendered.layout.content.y()
        grown = document.grow(added)
        if grown is None:
            chars = budget() if budget is not None else 0
            return (
                self._convert(rendered, replace(item, content=item.content + added), key, at, chars) if chars else None
            )
        top, bottom, taller = grown
        if taller:
            rendered.generation += 1
            rendered.changed = (min(rendered.changed[0], top), rendered.changed[1])
            return min(at + top, rendered.caret), INF
        return min(at + top, rendered.caret), at + bottom

    def _convert(
        self, rendered: Rendered, item: MessageItem, key: tuple[object, ...], at: float, budget: int
    ) -> tuple[float, float]:
        """`grow`'s conversion: a streaming answer's row depends on its documents only through their height, so
        if that stays the row keeps its layout and only the band from the first changed line down to the text's
        end is repainted; else the row is left changed, to be laid out again."""
        height = rendered.content.height()
        done = self.sync(item, budget)
        dirty, after = rendered.content.dirty_top, rendered.content.height()
        if not done or after != height or item_key(item) != key[2]:
            return min(at + dirty, at + height, rendered.caret), INF
        rendered.layout_key, rendered.changed = (key[0], rendered.generation, *key[2:]), (INF, INF)
        return min(at + dirty, at + after, rendered.caret), at + after

    def take_dirty(self, message_id: int) -> float:
        """The y (row coordinates) from which a row's painting changed since the last call (0: the whole
        row, +inf: nothing)."""
        rendered = self._cache.get(message_id)
        if rendered is None:
            return 0.0
        dirty, rendered.dirty = rendered.dirty, INF
        return dirty

    def estimate(self, item: MessageItem, width: int) -> int:
        return estimate_height(item, width, self.style)

    def code_text(self, message_id: int, index: int) -> str:
        rendered = self._cache.get(message_id)
        return rendered.content.codes.text(index, rendered.content.text) if rendered else ""

    # -- painting -----------------------------------------------------------------------------------

    def paint(
        self, painter: QPainter, item: MessageItem, state: RowState, *, top: int, width: int, clip: QRectF
    ) -> None:
        row = self.layout(item, state, width)
        rendered = self._cache.get(item.id)
        if row is None or rendered is None:
            return
        s = self.style
        painter.save()
        painter.translate(0, top)
        local = clip.translated(0, -top)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for rule in row.rules:
            painter.fillRect(rule, s.border)
        if row.bubble is not None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(s.user_bubble)
            painter.drawRoundedRect(row.bubble, s.radius * 1.6, s.radius * 1.6)
        if row.reasoning is not None and row.thinking_bar is not None:
            painter.fillRect(row.thinking_bar, s.quote_bar)
            reasoning, at = rendered.reasoning, row.reasoning
            self._paint_pages(painter, reasoning, at, local, color=s.muted, state=state, part=REASONING)
        content, at = rendered.content, row.content
        self._paint_pages(painter, content, at, local, color=row.content_color, state=state, part=CONTENT)
        # Where the caret is drawn is remembered: the next frame's band reaches up to it, wherever the text
        # went on (the demo's long answer left a caret at the end of a page frozen between two frames).
        rendered.caret = (
            self._paint_caret(painter, rendered.content, row.content) if row.typing and item.content else INF
        )
        if row.error_box is not None and row.error is not None:
            tint = QColor(row.error_color)
            tint.setAlphaF(0.10 if s.dark else 0.07)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(tint)
            painter.drawRoundedRect(row.error_box, s.radius, s.radius)
            bar = QRectF(row.error_box.x(), row.error_box.y() + s.radius / 2, 3, row.error_box.height() - s.radius)
            painter.fillRect(bar, row.error_color)
            self._draw_page(painter, row.error, row.error_origin, local.translated(-row.error_origin), s.text)
        for step in row.steps:  # the bot's open steps (tool calls) under the answer
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(s.hover)
            painter.drawRoundedRect(step.box, s.radius, s.radius)
            self._draw_page(painter, step.page, step.origin, local.translated(-step.origin), s.muted)
        for label in row.labels:
            if not label.rect.intersects(local):
                continue
            if label.href and not self.actions and label.href != THINKING and label.picture is None:
                continue  # a button: not on paper (a picture's tile is content, and stays)
            hover = bool(label.href) and label.href == state.hover
            if label.picture is not None:
                paint_tile(painter, label, s, self.thumbnails, hover)
                continue
            if label.badge:
                tint = QColor(s.accent)
                tint.setAlphaF(0.25 if s.dark else 0.14)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(tint)
                painter.drawEllipse(label.rect)
            if label.chip or label.box:
                self._paint_chip(painter, label, hover, label.chip and bool(label.href) and label.href == state.focus)
            if label.button:  # a version arrow: a chevron, and a disc under the mouse
                paint_arrow(painter, label, s.hover if hover else None)
                continue
            painter.setFont(label.font)
            painter.setPen(s.link if hover and not (label.chip or label.box) else label.color)
            align = Qt.AlignmentFlag.AlignCenter if label.chip or label.badge else Qt.AlignmentFlag.AlignLeft
            rect = label.rect.adjusted(s.em * 0.8, 0, -s.em * 0.8, 0) if label.box else label.rect
            painter.drawText(rect, int(align | Qt.AlignmentFlag.AlignVCenter), label.text)
        paint_keyboard_marks(painter, row, state, s, width, content=rendered.content, reasoning=rendered.reasoning)
        painter.restore()

    def _paint_chip(self, painter: QPainter, label: Label, hover: bool, focused: bool = False) -> None:
        """A follow-up or card chip (a pill; tinted when it is a chosen option; ringed when it has the
        keyboard's focus), or a card field's box."""
        s = self.style
        hover = hover or focused
        painter.setPen(s.accent if hover or label.selected else s.border)
        if label.selected:
            tint = QColor(s.accent)
            tint.setAlphaF(0.22 if s.dark else 0.12)
            painter.setBrush(tint)
        else:
            painter.setBrush(s.hover if hover else s.base)
        radius = s.radius if label.box else label.rect.height() / 2
        painter.drawRoundedRect(label.rect.adjusted(0.5, 0.5, -0.5, -0.5), radius, radius)
        if focused:
            painter.setPen(QPen(s.accent, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(label.rect.adjusted(-2, -2, 2, 2), radius + 2, radius + 2)

    def _paint_pages(
        self,
        painter: QPainter,
        doc: StreamingDocument,
        origin: QPointF,
        clip: QRectF,
        *,
        color: QColor,
        state: RowState,
        part: str,
    ) -> None:
        top, bottom = clip.top() - origin.y(), clip.bottom() - origin.y()
        selection = next((s for s in (state.selection, state.more) if s is not None and s.part == part), None)
        for index, page, y in doc.placed(top, bottom):
            if y + page.height < top:
                continue
            at = QPointF(origin.x(), origin.y() + y)
            self._paint_decorations(painter, doc, page, at, state)
            selected = page_range(selection, index, page) if selection is not None else None
            self._draw_page(painter, page, at, clip.translated(-at), color, selected=selected)

    def _draw_page(
        self,
        painter: QPainter,
        page: Page,
        at: QPointF,
        clip: QRectF,
        color: QColor,
        *,
        selected: tuple[int, int] | None = None,
    ) -> None:
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, color)
        context.clip = clip
        if selected is not None:
            context.selections = [paint_selection(page, selected, self.style)]
        painter.save()
        painter.translate(at)
        page.doc.documentLayout().draw(painter, context)
        painter.restore()

    def _paint_decorations(
        self, painter: QPainter, doc: StreamingDocument, page: Page, at: QPointF, state: RowState
    ) -> None:
        s = self.style
        for bar in page.quotes:
            x = at.x() + (bar.depth - 1) * round(s.em * 1.1) + 1
            painter.fillRect(QRectF(x, at.y() + bar.top, 3, bar.bottom - bar.top), s.quote_bar)
        for box in page.codes:
            bottom = box.bottom + (code_padding(s) if box.closed else 0)
            rect = QRectF(at.x(), at.y() + box.top, page.width, bottom - box.top)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(s.code_bg)
            painter.drawPath(_rounded(rect, s.radius, box.head is not None, box.closed))
            if box.head is None:
                continue
            head = QRectF(at.x(), at.y() + box.head.top(), page.width, box.head.height())
            painter.setFont(s.small)
            painter.setPen(s.muted)
            text_rect = head.adjusted(s.pad, 0, -s.pad, 0)
            align = Qt.AlignmentFlag.AlignVCenter
            painter.drawText(text_rect, int(align | Qt.AlignmentFlag.AlignLeft), doc.codes.lang(box.index))
            if not self.actions:
                continue
            href = f"{COPY_CODE}{box.index}"
            label = (
                QCoreApplication.translate("ChatView", "Copied")
                if state.copied == href
                else QCoreApplication.translate("ChatView", "Copy")
            )
            painter.setPen(s.link if href in (state.hover, state.focus) else s.muted)
            painter.drawText(text_rect, int(align | Qt.AlignmentFlag.AlignRight), label)
            if state.focus == href:  # the keyboard's ring (message_keys.py)
                ring_code_copy(painter, code_copy_rect(head, label, s), s)

    def _paint_caret(self, painter: QPainter, doc: StreamingDocument, origin: QPointF) -> float:
        """Paint the streaming caret after the text's end; its top (row y), INF if there is no text to follow."""
        last = doc.last_page()
        end = last[0].text_end() if last is not None else None
        if last is None or end is None:
            return INF
        x, top, height = origin.x() + end[0] + 2, origin.y() + last[1] + end[1] + end[2] * 0.15, end[2] * 0.75
        painter.fillRect(QRectF(x, top, max(2.0, self.style.em * 0.45), height), self.style.accent)
        return top


def _rounded(rect: QRectF, radius: float, top: bool, bottom: bool) -> QPainterPath:
    """A rectangle with only its top and/or bottom corners rounded (code blocks split over pages)."""
    path = QPainterPath()
    path.addRoundedRect(rect, radius, radius)
    if not top:
        square = QPainterPath()
        square.addRect(QRectF(rect.x(), rect.y(), rect.width(), min(radius, rect.height())))
        path = path.united(square)
    if not bottom:
        square = QPainterPath()
        square.addRect(
            QRectF(rect.x(), rect.bottom() - min(radius, rect.height()), rect.width(), min(radius, rect.height()))
        )
        path = path.united(square)
    return path
