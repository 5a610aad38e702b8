"""The QTextDocuments the delegate paints: safe (they never load a resource) and measured once per width.

`Page` is one document plus what the delegate draws around its text: the boxes of code blocks and the
bars of quotes, found from the block states the markdown renderer set.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from PySide6.QtCore import QPointF, QRectF, QSizeF, QUrl
from PySide6.QtGui import QTextBlock, QTextCursor, QTextDocument, QTextOption

from desktop.ui.chat.formats import block_formats, line_look
from desktop.ui.chat.growth import appended_text
from desktop.ui.chat.images import SCHEME, PictureSource
from desktop.ui.chat.list_layout import space_bullets
from desktop.ui.chat.style import CODE_STATE, QUOTE_STATE, ChatStyle


class SafeDocument(QTextDocument):
    """A QTextDocument that refuses every resource (images, stylesheets): answers are untrusted.

    The one exception is `coze-image:<url>`, which `images` answers from memory (never by loading
    anything itself; see `images.py`). `resource_requests` counts the refusals, for tests.
    """

    resource_requests: ClassVar[int] = 0

    def __init__(self, images: PictureSource | None = None) -> None:
        super().__init__()
        self.images = images

    def loadResource(self, type: int, name: QUrl | str) -> Any:
        text = name.toString() if isinstance(name, QUrl) else str(name)
        if self.images is not None and type == QTextDocument.ResourceType.ImageResource and text.startswith(SCHEME):
            return self.images.resource(text[len(SCHEME) :])
        SafeDocument.resource_requests += 1
        return None


def fit_images(doc: QTextDocument, images: PictureSource, width: float) -> None:
    """Size every picture to its natural size, at most `width` wide, keeping its aspect ratio."""
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            if fmt.isImageFormat():
                image_format = fmt.toImageFormat()
                name = image_format.name()
                if name.startswith(SCHEME):
                    natural = images.natural_size(name[len(SCHEME) :])
                    w = max(1.0, min(float(natural.width()), width))
                    h = w * natural.height() / max(1, natural.width())
                    if abs(image_format.width() - w) > 0.5 or abs(image_format.height() - h) > 0.5:
                        image_format.setWidth(w)
                        image_format.setHeight(h)
                        cursor = QTextCursor(doc)
                        cursor.setPosition(fragment.position())
                        cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
                        cursor.setCharFormat(image_format)
            it += 1
        block = block.next()


def make_document(style: ChatStyle, html: str) -> SafeDocument:
    doc = SafeDocument(style.images if SCHEME in html else None)
    doc.setUndoRedoEnabled(False)
    doc.setDocumentMargin(0)
    doc.setDefaultFont(style.font)
    doc.setDefaultStyleSheet(style.css)
    doc.setIndentWidth(style.list_indent)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    doc.setDefaultTextOption(option)
    fill(doc, style, html)
    return doc


def fill(doc: QTextDocument, style: ChatStyle, html: str) -> None:
    """Show `html` in `doc`, the bullets of its lists spaced (`space_bullets`), laid out once.

    Qt lays a document out as it imports the HTML, and again for each list item whose block format
    `space_bullets` changes: a page holding a list was laid out twice. With no page size meanwhile Qt
    lays out nothing, and the size put back lays it all out once (BENCHMARKS.md, CPU's eleventh step)."""
    if "<li" not in html or style.bullet_stretch == 100:
        doc.setHtml(html)
        return
    size = doc.pageSize()
    doc.setPageSize(QSizeF(0, 0))
    doc.setHtml(html)
    space_bullets(doc, style)
    doc.setPageSize(size)


def code_padding(style: ChatStyle) -> float:
    """How far a code box reaches below its last line."""
    return round(style.pad * 0.8)


@dataclass(frozen=True, slots=True)
class CodeBox:
    """A code block's box in document coordinates; `head` is the header bar (None on a continuation)."""

    index: int
    top: float
    bottom: float
    head: QRectF | None
    closed: bool


@dataclass(frozen=True, slots=True)
class QuoteBar:
    depth: int
    top: float
    bottom: float


@dataclass(frozen=True, slots=True)
class Line:
    """A laid-out line: its place, its text, the width of its block (a table cell's: its column's), in a
    table, the table's top (a column that widens moves the borders of every row, up to the table's top), and
    its look (the formats of its text: a code line's colours change when later code closes a string)."""

    top: float
    height: float
    x: float
    text: str
    width: float = 0.0
    table: float | None = None
    look: int = 0


@dataclass
class Page:
    """One document of a message, laid out at `width`.

    A laid-out QTextDocument costs about 200 bytes per character; a page far from the view can
    `release()` its document (keeping its HTML, height and decorations) and rebuild it when needed.
    """

    style: ChatStyle
    html: str
    width: float = -1.0
    height: float = 0.0
    top_margin: float = 0.0  # Qt ignores the first block's top margin and the last block's bottom
    bottom_margin: float = 0.0  # margin; the delegate adds them back between pages
    ideal: float = 0.0  # the width of its longest line
    overhang: float = 0.0  # how far a code box at its end reaches below its text
    codes: list[CodeBox] = field(default_factory=list)
    quotes: list[QuoteBar] = field(default_factory=list)
    _doc: SafeDocument | None = None
    _lines: list[Line] | None = None

    @property
    def doc(self) -> SafeDocument:
        if self._doc is None:
            self._doc = make_document(self.style, self.html)
            if self.width >= 0:
                self._doc.setTextWidth(self.width)
        return self._doc

    @property
    def materialized(self) -> bool:
        return self._doc is not None

    def release(self) -> None:
        self._doc = None

    def plain_text(self) -> str:
        return self.doc.toPlainText() if self._doc is not None else make_document(self.style, self.html).toPlainText()

    def layout(self, width: float) -> bool:
        """Lay out at `width`; True if anything changed."""
        if width == self.width:
            return False
        self.width = width
        doc = self.doc
        if self.style.images is not None and SCHEME in self.html:
            fit_images(doc, self.style.images, width)
        doc.setTextWidth(width)
        self._measure()
        return True

    def reset(self, html: str) -> bool:
        """Show `html` in this page's laid-out document, keeping its settings (font, style sheet): cheaper
        than a new page, and the same document. False (nothing done) if it has no document or the HTML
        needs pictures it was not made for."""
        doc = self._doc
        if doc is None or self.width < 0 or (SCHEME in html and doc.images is None):
            return False
        self.html = html
        fill(doc, self.style, html)
        if self.style.images is not None and SCHEME in html:
            fit_images(doc, self.style.images, self.width)
        self._measure()
        return True

    def extend(self, html: str) -> bool:
        """Show `html` by adding text to the document, if `html` is this page's HTML with text added at
        the end of its last text run and that run ends the document's last block (see `appended_text`):
        Qt then lays out only the last block. False (nothing done) when it is not such an HTML."""
        found = appended_text(self.html, html) if self._doc is not None else None
        if found is None or self._doc is None:
            return False
        block = self._doc.lastBlock()
        text = block.text()
        shown = text.rstrip(" ")  # Qt keeps a space for the line break after the last closing tag
        if not shown.endswith(found[1]):
            return False
        cursor = QTextCursor(self._doc)
        cursor.setPosition(block.position() + block.length() - 1 - (len(text) - len(shown)))
        cursor.insertText(found[0])
        self.html = html
        if self.width >= 0:
            self._measure()
        return True

    def last_line(self) -> tuple[float, float]:
        """Top and height (page coordinates) of the last laid-out line."""
        block = self.doc.lastBlock()
        rect, layout = self.doc.documentLayout().blockBoundingRect(block), block.layout()
        if layout is None or layout.lineCount() == 0:
            return rect.y(), rect.height()
        line = layout.lineAt(layout.lineCount() - 1)
        return rect.y() + line.y(), line.height()

    def text_end(self) -> tuple[float, float, float] | None:
        """Where the text ends (page coordinates): x after the last line's last character, that line's top
        and height; the streaming caret's place. None before a layout. Text that ends in a table ends in the cell
        being written (not on the empty line Qt keeps after a table, right of the table)."""
        block = self.doc.lastBlock()
        if not block.text() and (before := block.previous()).isValid():
            block = _written_cell(before) or block
        layout = block.layout()
        if layout is None or layout.lineCount() == 0:
            return None
        line = layout.lineAt(layout.lineCount() - 1)
        rect = self.doc.documentLayout().blockBoundingRect(block)
        return rect.x() + line.x() + line.naturalTextWidth(), rect.y() + line.y(), line.height()

    def _measure(self) -> None:
        doc = self.doc
        self.height = doc.size().height()
        self.ideal = doc.idealWidth()
        self.top_margin = doc.firstBlock().blockFormat().topMargin()
        self.bottom_margin = doc.lastBlock().blockFormat().bottomMargin()
        self._decorate()
        self._lines = None

    def lines(self) -> list[Line]:
        """Every laid-out line, in page coordinates; what a repaint compares."""
        if self._lines is None:
            layout, lines = self.doc.documentLayout(), list[Line]()
            # Qt's HTML import makes a frame of a table only. A table's top: its line before (Qt's frame
            # rectangle starts below the first row's border and padding), the page's top if none.
            tables = [(frame.firstPosition(), frame.lastPosition()) for frame in self.doc.rootFrame().childFrames()]
            block, table, looks = self.doc.begin(), None, dict[int, int]()
            while block.isValid():
                rect, text, text_layout = layout.blockBoundingRect(block), block.text(), block.layout()
                while tables and tables[0][1] < block.position():
                    tables.pop(0)
                    table = None
                if not (tables and tables[0][0] <= block.position()):
                    table = None
                elif table is None:
                    table = lines[-1].top if lines else 0.0
                count = text_layout.lineCount() if text_layout is not None else 0
                formats = block_formats(block, looks) if count else []
                for index in range(count):
                    line = text_layout.lineAt(index)
                    start, end = line.textStart(), line.textStart() + line.textLength()
                    x, width, look = rect.x() + line.x(), rect.width(), line_look(formats, start, end)
                    lines.append(Line(rect.y() + line.y(), line.height(), x, text[start:end], width, table, look))
                block = block.next()
            self._lines = lines
        return self._lines

    def anchor_at(self, pos: QPointF) -> str:
        return self.doc.documentLayout().anchorAt(pos)

    def _decorate(self) -> None:
        layout = self.doc.documentLayout()
        codes: list[CodeBox] = []
        quotes: list[QuoteBar] = []
        open_quotes: list[list[float]] = []  # [top, bottom] per depth of the current run
        code: list[Any] = []  # index, top, bottom, head, closed of the current box
        block = self.doc.begin()
        while block.isValid():
            state = block.userState()
            if state >= CODE_STATE or (QUOTE_STATE < state < CODE_STATE) or code or open_quotes:
                rect = layout.blockBoundingRect(block)
                depth = state - QUOTE_STATE if QUOTE_STATE < state < CODE_STATE else 0
                while len(open_quotes) > depth:
                    top, bottom = open_quotes.pop()
                    quotes.append(QuoteBar(len(open_quotes) + 1, top, bottom))
                for run in open_quotes:
                    run[1] = rect.bottom()
                while len(open_quotes) < depth:
                    open_quotes.append([rect.top(), rect.bottom()])
                index = (state - CODE_STATE) // 2 if state >= CODE_STATE else -1
                if code and code[0] != index:
                    codes.append(CodeBox(*code))
                    code = []
                if index >= 0:
                    head = (state - CODE_STATE) % 2 == 0
                    closed = block.blockFormat().bottomMargin() > 0
                    if not code:
                        code = [index, rect.top(), rect.bottom(), QRectF(rect) if head else None, closed]
                    code[2], code[4] = rect.bottom(), closed
            block = block.next()
        if code:
            codes.append(CodeBox(*code))
        while open_quotes:
            top, bottom = open_quotes.pop()
            quotes.append(QuoteBar(len(open_quotes) + 1, top, bottom))
        self.codes, self.quotes = codes, quotes
        last = codes[-1] if codes else None
        reach = last.bottom + code_padding(self.style) if last is not None and last.closed else 0.0
        self.overhang = max(0.0, reach - self.height)


def _written_cell(block: QTextBlock) -> QTextBlock | None:
    """The block a streaming table's text ends in, when `block` ends a table: its last row's last cell with text
    (markdown-it pads a row being written with empty cells), else the row's first cell. None if not a table's."""
    table = QTextCursor(block).currentTable()
    if table is None:
        return None
    row = table.rows() - 1
    cells = [table.cellAt(row, column).lastCursorPosition().block() for column in range(table.columns())]
    return next((cell for cell in reversed(cells) if cell.text()), cells[0])
