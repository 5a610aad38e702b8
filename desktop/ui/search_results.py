"""The sidebar's search results: hits grouped by conversation (title and count), each snippet plain
text with the match highlighted, a visible selection that the arrow keys move from the search box,
and an empty state.

Rows are items of a QListWidget: a group row (not selectable) per conversation, then its hits.
`hitActivated(conversation_id, message_id)` is emitted on click or Enter.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QListView,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from desktop.core.store.models import SearchHit
from desktop.ui.plain_text import MAX_PREVIEW_CHARS, data_text, plain_tooltip

Index = QModelIndex | QPersistentModelIndex
KIND_ROLE = Qt.ItemDataRole.UserRole + 1  # "group", "hit", "empty" or "note" (more matches than shown)
TARGET_ROLE = Qt.ItemDataRole.UserRole
SNIPPET_ROLE = Qt.ItemDataRole.UserRole + 2  # the snippet with the match between the markers
SNIPPET_LINES = 2
QUERY_SHOWN_CHARS = 60  # of the query, in "No messages match …"
PAD = 10
FITS_KEPT = 500  # snippets whose two-line cut is remembered


def snippet_html(snippet: str, markers: tuple[str, str], highlight: str) -> str:
    """The snippet escaped, with the text between `markers` on a highlight background."""
    out: list[str] = []
    rest = snippet
    while (start := rest.find(markers[0])) >= 0 and (end := rest.find(markers[1], start)) >= 0:
        out.append(html.escape(rest[:start], quote=False))
        match = html.escape(rest[start + 1 : end], quote=False)
        out.append(f'<span style="background-color:{highlight}; font-weight:600">{match}</span>')
        rest = rest[end + 1 :]
    out.append(html.escape(rest.replace(markers[0], "").replace(markers[1], ""), quote=False))
    return "".join(out)


MIN_WIDTH = 120  # a row is as wide as the list; this only keeps a narrow list from scrolling sideways


class SearchResultDelegate(QStyledItemDelegate):
    def __init__(self, markers: tuple[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._markers = markers
        self._fits: dict[tuple[str, int, str], str] = {}

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        line = option.fontMetrics.height()
        kind = index.data(KIND_ROLE)
        if kind == "group":
            return QSize(MIN_WIDTH, line + PAD + 4)
        if kind == "empty":
            return QSize(MIN_WIDTH, line * 3 + 2 * PAD)
        return QSize(MIN_WIDTH, round(line * SNIPPET_LINES * 1.35) + 2 * PAD)  # CJK fallback fonts set lines wider

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        painter.save()
        rect: QRect = option.rect
        palette: QPalette = option.palette
        kind = index.data(KIND_ROLE)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        font = QFont(option.font)
        dim = palette.color(QPalette.ColorRole.PlaceholderText)
        if kind == "group":
            bold = QFont(font)
            bold.setWeight(QFont.Weight.DemiBold)
            painter.setFont(bold)
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            area = rect.adjusted(PAD + 6, PAD, -PAD - 6, 0)
            count = str(index.data(Qt.ItemDataRole.ToolTipRole) or "")
            count_width = painter.fontMetrics().horizontalAdvance(count) + 6
            painter.drawText(
                area.adjusted(0, 0, -count_width, 0),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                painter.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, area.width() - count_width),
            )
            painter.setFont(font)
            painter.setPen(dim)
            painter.drawText(area, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, count)
        elif kind in ("empty", "note"):
            painter.setPen(dim)
            painter.drawText(
                rect.adjusted(PAD, PAD, -PAD, -PAD), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text
            )
        else:
            self._paint_hit(painter, option, str(index.data(SNIPPET_ROLE) or text))
        painter.restore()

    def _paint_hit(self, painter: QPainter, option: QStyleOptionViewItem, snippet: str) -> None:
        palette: QPalette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        card = option.rect.adjusted(6, 1, -6, -1)
        if selected or hovered:
            color = palette.color(QPalette.ColorRole.Highlight)
            color.setAlpha(70 if selected else 25)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            painter.drawRoundedRect(card, 8, 8)
        accent = palette.color(QPalette.ColorRole.Highlight)
        highlight = f"rgba({accent.red()},{accent.green()},{accent.blue()},0.35)"
        text_color = palette.color(QPalette.ColorRole.Text).name()
        area = card.adjusted(PAD, PAD - 2, -PAD, -PAD + 2)

        def document(text: str) -> QTextDocument:
            doc = QTextDocument()
            doc.setDocumentMargin(0)
            doc.setDefaultFont(option.font)
            doc.setDefaultStyleSheet(f"body {{ color: {text_color}; }}")
            doc.setTextWidth(area.width())
            doc.setHtml(f"<body>{snippet_html(text, self._markers, highlight)}</body>")
            return doc

        doc = document(self._fitted(snippet, area.width(), option.font, document))
        # Up to the second line's bottom, not the card's: the card is a little taller than two lines (CJK fallback
        # fonts), and a third line's top showed under the snippet. The lines sit in the card's middle.
        shown = min(area.height(), _lines_bottom(doc, SNIPPET_LINES))
        painter.translate(area.left(), area.top() + (area.height() - shown) // 2)
        painter.setClipRect(QRect(0, 0, area.width(), shown))
        doc.drawContents(painter)

    def _fitted(self, snippet: str, width: int, font: QFont, document: Callable[[str], QTextDocument]) -> str:
        """`snippet`, cut where it would pass SNIPPET_LINES lines at `width` and ended with "…" (the longest such
        start, found by halving); remembered per snippet, width and font."""
        key = (snippet, width, font.key())
        if key in self._fits:
            return self._fits[key]
        fitted = snippet
        if _line_count(document(snippet)) > SNIPPET_LINES:
            low, high = 0, len(snippet)
            while low < high:
                middle = (low + high + 1) // 2
                if _line_count(document(self._cut(snippet, middle))) <= SNIPPET_LINES:
                    low = middle
                else:
                    high = middle - 1
            fitted = self._cut(snippet, low)
        if len(self._fits) > FITS_KEPT:
            self._fits.clear()
        self._fits[key] = fitted
        return fitted

    def _cut(self, snippet: str, length: int) -> str:
        """The first `length` characters and "…", the match's end marker kept if the cut falls inside it."""
        start, end = self._markers
        cut = snippet[:length].rstrip()
        if cut.count(start) > cut.count(end):
            cut += end
        return cut + "…"


def _line_count(doc: QTextDocument) -> int:
    doc.size()  # lays the document out
    block = doc.firstBlock()
    count = 0
    while block.isValid():
        count += block.layout().lineCount()
        block = block.next()
    return count


def _lines_bottom(doc: QTextDocument, lines: int) -> int:
    """Where the first `lines` lines of `doc` end, in its coordinates."""
    doc.size()
    block, bottom = doc.firstBlock(), 0.0
    while block.isValid() and lines > 0:
        layout = block.layout()
        for number in range(min(lines, layout.lineCount())):
            line = layout.lineAt(number)
            bottom = layout.position().y() + line.y() + line.height()
        lines -= layout.lineCount()
        block = block.next()
    return math.ceil(bottom)


class SearchResults(QListWidget):
    hitActivated = Signal(int, int)

    def __init__(self, markers: tuple[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._markers = markers
        self.setObjectName("searchResults")
        self.setFrameShape(QListView.Shape.NoFrame)
        self.setMouseTracking(True)
        self.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )  # hits wrap or elide, never scroll sideways
        self.setItemDelegate(SearchResultDelegate(markers, self))
        self.itemActivated.connect(self._on_item)
        self.itemClicked.connect(self._on_item)

    def show_hits(self, hits: list[SearchHit], query: str, untitled: str, *, capped: bool = False) -> None:
        """`capped`: the search stopped at its limit, so older matches may be left out (a note says so)."""
        self.clear()
        if not hits:
            shown = data_text(query, QUERY_SHOWN_CHARS)  # a pasted page would fill the row with its middle
            empty = QListWidgetItem(self.tr("No messages match “{query}”.").format(query=shown))
            empty.setData(KIND_ROLE, "empty")
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.addItem(empty)
            return
        groups: dict[int, list[SearchHit]] = {}
        for hit in hits:  # newest first; a conversation's group sits where its newest hit is
            groups.setdefault(hit.conversation_id, []).append(hit)
        for conversation_hits in groups.values():
            first = conversation_hits[0]
            group = QListWidgetItem(data_text(first.conversation_title) or untitled)
            group.setData(KIND_ROLE, "group")
            group.setData(Qt.ItemDataRole.ToolTipRole, str(len(conversation_hits)))
            group.setFlags(Qt.ItemFlag.NoItemFlags)
            self.addItem(group)
            for hit in conversation_hits:
                snippet = self._clean(hit.snippet)
                shown = snippet.replace(self._markers[0], "").replace(self._markers[1], "")
                item = QListWidgetItem(shown)
                item.setData(SNIPPET_ROLE, snippet)
                item.setToolTip(plain_tooltip(shown))
                item.setData(KIND_ROLE, "hit")
                item.setData(TARGET_ROLE, (hit.conversation_id, hit.message_id))
                self.addItem(item)
        if capped:
            note = QListWidgetItem(
                self.tr("Showing the newest {count} matches. Add words to find older ones.").format(count=len(hits))
            )
            note.setData(KIND_ROLE, "note")
            note.setFlags(Qt.ItemFlag.NoItemFlags)
            self.addItem(note)
        self.move_selection(1)

    def _clean(self, snippet: str) -> str:
        """The snippet as one safe display line (no controls or bidi overrides), keeping the match markers."""
        start, end = self._markers
        before, _, rest = snippet.partition(start)
        match, _, after = rest.partition(end)
        if not rest:
            return data_text(snippet, MAX_PREVIEW_CHARS)
        return f"{data_text(before)}{start}{data_text(match)}{end}{data_text(after, MAX_PREVIEW_CHARS)}"

    def hit_rows(self) -> list[int]:
        return [row for row in range(self.count()) if self.item(row).data(KIND_ROLE) == "hit"]

    def move_selection(self, step: int) -> None:
        """Select the next (`step` 1) or previous (-1) hit, skipping group rows; the first if none."""
        rows = self.hit_rows()
        if not rows:
            return
        current = self.currentRow()
        target = rows[max(0, min(len(rows) - 1, rows.index(current) + step))] if current in rows else rows[0]
        self.setCurrentRow(target)
        self.scrollToItem(self.item(target))

    def activate_current(self) -> None:
        item = self.currentItem()
        if item is None and self.hit_rows():
            item = self.item(self.hit_rows()[0])
        if item is not None:
            self._on_item(item)

    def _on_item(self, item: QListWidgetItem) -> None:
        target = item.data(TARGET_ROLE)
        if target:
            self.hitActivated.emit(int(target[0]), int(target[1]))
