"""A chat as a PDF, drawn by the chat view's own renderer: the same Markdown → document conversion,
code highlighting, code boxes, quote bars, user bubbles and pictures as on screen, on A4 pages.

`PdfChatWriter` is a `FileWriter` (see `desktop.core.store.transfer.walk`): the export walks the
history and hands it one message at a time, so memory stays that of one message whatever the
chat's length, and it runs on the export's worker thread (QPdfWriter, QPainter and QTextDocument
work off the GUI thread; nothing here touches a widget). Rows taller than what is left of a page are
cut between two lines of text, never through one. Fonts are embedded by QPdfWriter (a subset of each
font used: the CJK font too). QPdfWriter is QtGui: no QtPrintSupport, no CUPS plugin in the package.

Pictures of answers come from the app's disk cache of pictures (`ImageCache`): a picture the window
has shown is in the PDF; one it never loaded stays a link, as with pictures switched off. Pictures of
questions come from their local copies (`pdf_pictures.CopiedPictures`); one whose copy is gone stays
a box with its name.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPdfWriter,
    QRawFont,
)

from desktop.core.attachments.copies import stored_question
from desktop.core.images.cache import ImageCache
from desktop.core.pdf_child import PdfLook
from desktop.core.pdf_text_map import fix_text_map
from desktop.core.store import Conversation, Message
from desktop.core.store.models import DIALOGUE_TYPES
from desktop.core.store.versions import AnswerVersion
from desktop.core.timestamps import local_time
from desktop.core.vocabulary import Role
from desktop.ui.chat.delegate import MessageDelegate
from desktop.ui.chat.documents import make_document
from desktop.ui.chat.images import loadable
from desktop.ui.chat.items import MessageItem
from desktop.ui.chat.question_files import PictureTiles
from desktop.ui.chat.rendered import Rendered
from desktop.ui.chat.rows import RowLayout, RowState
from desktop.ui.chat.style import CJK_MONO, CJK_SANS, ChatStyle
from desktop.ui.i18n import current_language, install_translators
from desktop.ui.pdf_pictures import MAX_PICTURE, CopiedPictures
from desktop.ui.presenters import message_item

RESOLUTION = 96  # device pixels per inch: the chat view's layout units, so sizes match the screen
MARGINS_MM = QMarginsF(16, 16, 16, 14)
FOOTER = 28.0  # px at the bottom of each page for the page number
SMALL_ROW = 1 / 3  # a row shorter than this part of a page moves to the next page instead of being cut
EVERYTHING = 1 << 40  # the conversion budget: a PDF renders each message completely in one go


def print_palette() -> QPalette:
    """Dark text on white, whatever the window's theme: a PDF is read like paper."""
    palette = QPalette()
    for role, color in (
        (QPalette.ColorRole.Base, "#ffffff"),
        (QPalette.ColorRole.Window, "#ffffff"),
        (QPalette.ColorRole.Text, "#1f2329"),
        (QPalette.ColorRole.WindowText, "#1f2329"),
        (QPalette.ColorRole.Link, "#1456f0"),
        (QPalette.ColorRole.Highlight, "#3370ff"),
        (QPalette.ColorRole.HighlightedText, "#ffffff"),
    ):
        palette.setColor(role, QColor(color))
    return palette


class CachedPictures:
    """The pictures of answers from the disk cache, decoded when a document asks (a `PictureSource`)."""

    enabled = True

    def __init__(self, cache: ImageCache | None) -> None:
        self._cache = cache

    def wants(self, url: str) -> bool:
        return self._cache is not None and loadable(url) and self._cache.dimensions(url) is not None

    def not_image(self, url: str) -> bool:
        return not self.wants(url)

    def natural_size(self, url: str) -> QSize:
        dims = self._cache.dimensions(url) if self._cache is not None else None
        return QSize(*dims) if dims is not None else QSize(1, 1)

    def resource(self, url: str) -> QImage:
        data = self._cache.get(url) if self._cache is not None else None
        image = QImage.fromData(data) if data else QImage()
        if image.width() > MAX_PICTURE:
            image = image.scaledToWidth(MAX_PICTURE, Qt.TransformationMode.SmoothTransformation)
        return image


RADICALS = [*range(0x2E80, 0x2FE0), *range(0x31C0, 0x31F0)]
IDEOGRAPHS = "".join(map(chr, range(0x4E00, 0xA000)))


def radical_equivalents(families: list[str]) -> dict[int, int]:
    """Radicals the CJK fonts among `families` draw with an ideograph's glyph → that ideograph
    (`fix_text_map` makes such text extract as the ideograph, as this font shows it)."""
    found: dict[int, int] = {}
    available = set(QFontDatabase.families())
    for family in families:
        if family not in available:
            continue
        raw = QRawFont.fromFont(QFont(family))
        by_glyph: dict[int, int] = {}
        for offset, glyph in enumerate(raw.glyphIndexesForString(IDEOGRAPHS)):
            if glyph:
                by_glyph.setdefault(glyph, 0x4E00 + offset)
        glyphs = raw.glyphIndexesForString("".join(map(chr, RADICALS)))
        for code, glyph in zip(RADICALS, glyphs, strict=True):
            if glyph and glyph in by_glyph:
                found.setdefault(code, by_glyph[glyph])
    return found


def break_points(row: RowLayout, rendered: Rendered) -> tuple[list[float], list[float]]:
    """Where a row may be cut between pages: under each paragraph, code line, table and label (a
    document draws every line of a paragraph it draws, clipped or not, so a cut through a paragraph
    would put its text in the file twice); and, for a paragraph taller than a page, under each line."""
    points = [float(row.height)] + [label.rect.bottom() for label in row.labels]
    lines: list[float] = []
    if row.error_box is not None:
        points.append(row.error_box.bottom())
    for doc, origin in ((rendered.content, row.content), (rendered.reasoning, row.reasoning)):
        if origin is None:
            continue
        for _index, page, y in doc.placed():
            layout = page.doc.documentLayout()
            top = origin.y() + y
            it = page.doc.rootFrame().begin()
            while not it.atEnd():
                block, frame = it.currentBlock(), it.currentFrame()
                if frame is not None:
                    points.append(top + layout.frameBoundingRect(frame).bottom())
                elif block.isValid():
                    rect = layout.blockBoundingRect(block)
                    text = block.layout()
                    ends = [rect.top() + line.y() + line.height() for line in map(text.lineAt, range(text.lineCount()))]
                    # With a minimum line height the last line reaches below the block's rect.
                    points.append(top + max([rect.bottom(), *ends]))
                    lines += [top + end for end in ends]
                it += 1
    return sorted(points), sorted(lines)


class PdfChatWriter:
    """Writes chats to a PDF at `path`; `close()` finishes the file (call it in every case)."""

    def __init__(
        self, path: Path, style: ChatStyle, language: str = "en", questions: PictureTiles | None = None
    ) -> None:
        self._path = path
        self._writer = QPdfWriter(str(path))
        self._writer.setCreator("Coze Desktop")
        self._writer.setResolution(RESOLUTION)
        self._writer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                QPageLayout.Orientation.Portrait,
                MARGINS_MM,
                QPageLayout.Unit.Millimeter,
            )
        )
        self._style = style
        self._language = language
        self._delegate = MessageDelegate(style)
        self._delegate.actions = False  # no Copy, Retry or other buttons on paper
        self._delegate.thumbnails = questions  # the pictures of questions (None: their names)
        self._state = RowState(thinking=True, details=True)  # the reasoning and an error's details, open
        self._painter: QPainter | None = None
        self._width = float(self._writer.width())
        self._bottom = self._writer.height() - FOOTER
        self._y = 0.0
        self._page = 0
        self._title = ""
        self._bot_name = ""
        self._question = ""  # the last question's text: an earlier version says if it was asked otherwise
        self.pages = 0

    # -- the ChatWriter protocol --------------------------------------------------------------------

    def conversation(self, conversation: Conversation, bot_name: str) -> None:
        self._title = conversation.title or QCoreApplication.translate("PdfExport", "Untitled chat")
        self._bot_name = bot_name
        if self._painter is None:
            self._writer.setTitle(self._title)
            self._painter = QPainter(self._writer)
            self._start_page(new=False)
        else:
            self._start_page()
        self._header(conversation)

    def message(self, message: Message, earlier: Sequence[AnswerVersion] = ()) -> None:
        """A message as on screen; after a regenerated answer, its earlier versions, each under a caption
        saying which it is (and the question as asked then, if it was edited since). Paper has no
        "‹ 1/2 ›" switcher: the captions number the versions instead."""
        if message.type not in DIALOGUE_TYPES:
            return
        count = len(earlier) + 1
        self._draw(message)
        if message.role == Role.USER:
            self._question = stored_question(message.content, message.content_type)[0]
        for number, version in enumerate(earlier, start=1):
            caption = QCoreApplication.translate("PdfExport", "Earlier version {0} of {1}").format(number, count)
            asked = stored_question(version.question, version.question_content_type)[0]
            if asked != self._question:
                caption += " · " + QCoreApplication.translate("PdfExport", "asked as: {0}").format(
                    " ".join(asked.split())
                )
            self._caption(caption)
            self._draw(version.answer)

    def _draw(self, message: Message) -> None:
        delegate = self._delegate
        item = message_item(message, self._bot_name, self._language)
        delegate.sync(item, EVERYTHING)
        width = self._row_width()
        row = delegate.layout(item, self._state, width)
        rendered = delegate.cached(item.id)
        if row is not None and rendered is not None:
            self._place(item, row, rendered, width)
        delegate.forget(item.id)  # one message at a time: nothing piles up

    def conversation_done(self) -> None:
        pass

    def close(self) -> None:
        if self._painter is None:  # nothing was exported: still a valid (empty) PDF
            self._painter = QPainter(self._writer)
            self._start_page(new=False)
        self._painter.end()
        self.pages = self._page
        fix_text_map(
            self._path, radical_equivalents([*CJK_SANS[:1], *CJK_MONO[:1]])
        )  # Chinese text searchable and copyable as itself, not as radicals

    # -- layout -------------------------------------------------------------------------------------

    def _row_width(self) -> int:
        """The view width whose centred column is exactly the page's printable width."""
        return round(self._width + 2 * round(self._style.em * 1.4))

    def _start_page(self, new: bool = True) -> None:
        assert self._painter is not None
        if new:
            self._writer.newPage()
        self._page += 1
        self._y = 0.0
        painter, s = self._painter, self._style
        painter.save()
        painter.setFont(s.small)
        painter.setPen(s.muted)
        footer = QRectF(0, self._bottom + FOOTER * 0.35, self._width, FOOTER * 0.65)
        elided = painter.fontMetrics().elidedText(self._title, Qt.TextElideMode.ElideMiddle, round(self._width * 0.7))
        painter.drawText(footer, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), elided)
        painter.drawText(footer, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), str(self._page))
        painter.restore()

    def _header(self, conversation: Conversation) -> None:
        s = self._style
        when = local_time(conversation.created_at)
        self._text(
            f"<h1 style='margin-top:0px'>{html.escape(self._title)}</h1>"
            f"<p style='color:{s.muted.name()}'>{html.escape(self._bot_name)} · {when}</p>"
        )
        assert self._painter is not None
        self._painter.setPen(s.border)
        self._painter.drawLine(QPointF(0, self._y - s.em * 0.5), QPointF(self._width, self._y - s.em * 0.5))

    def _caption(self, text: str) -> None:
        """A small muted line above an earlier version, with a rule over it."""
        s = self._style
        self._y += s.em * 0.4
        if self._y + s.em * 4 > self._bottom:
            self._start_page()  # a caption never sits alone at the bottom of a page
        assert self._painter is not None
        self._painter.setPen(s.border)
        self._painter.drawLine(QPointF(0, self._y), QPointF(self._width, self._y))
        self._text(f"<p style='color:{s.muted.name()}'>{html.escape(text)}</p>", s.em * 0.2)

    def _text(self, rich: str, gap: float | None = None) -> None:
        """Rich text across the page at the current height; the height moves below it (plus `gap`)."""
        assert self._painter is not None
        doc = make_document(self._style, rich)
        doc.setTextWidth(self._width)
        self._painter.save()
        self._painter.translate(0, self._y)
        doc.drawContents(self._painter)
        self._painter.restore()
        self._y += doc.size().height() + (self._style.em if gap is None else gap)

    def _place(self, item: MessageItem, row: RowLayout, rendered: Rendered, width: int) -> None:
        height = float(row.height)
        if height > self._bottom - self._y and self._y > 0 and height <= self._bottom * SMALL_ROW:
            self._start_page()  # a short row moves to the next page whole
        points, lines = break_points(row, rendered) if height > self._bottom - self._y else ([height], [])
        offset = 0.0
        while offset < height:
            room = self._bottom - self._y
            fitting = [p for p in points if offset < p <= offset + room]
            if not fitting and self._y > 0:  # the next paragraph does not fit here: it starts a page
                self._start_page()
                continue
            fitting = fitting or [p for p in lines if offset < p <= offset + room]  # a paragraph > a page
            cut = fitting[-1] if fitting else min(height, offset + room)
            self._paint(item, row, width, offset, cut)
            self._y += cut - offset
            offset = cut
            if offset < height:
                self._start_page()

    def _paint(self, item: MessageItem, row: RowLayout, width: int, start: float, end: float) -> None:
        assert self._painter is not None
        painter = self._painter
        painter.save()
        painter.setClipRect(QRectF(0, self._y, self._width, end - start))
        painter.translate(-row.column.x(), self._y - start)
        # The documents draw every line that touches their clip; one ending (or starting) exactly at a
        # cut belongs to the other page, so the clip stops short of the cuts.
        clip = QRectF(0, start + 0.5, width, max(0.0, end - start - 1))
        self._delegate.paint(painter, item, self._state, top=0, width=width, clip=clip)
        painter.restore()


def print_style(font: QFont | None = None, pictures: CachedPictures | None = None) -> ChatStyle:
    """The chat view's look for paper: `font` (the app's, default: the application font), light colors."""
    app = QGuiApplication.instance()
    base_font = font if font is not None else (QGuiApplication.font() if app is not None else QFont())
    style = ChatStyle.create(print_palette(), base_font)
    return style if pictures is None else replace(style, images=pictures)


_STANDALONE: list[QGuiApplication] = []  # the CLI's application: created once, kept for the process


def standalone_pdf_writer(path: Path, look: PdfLook) -> PdfChatWriter:
    """A PDF writer for a process without a window (`coze-desktop export --format pdf`, which the
    window's export runs as a child process): an offscreen Qt application is started if there is
    none, with the translations of `look.language`."""
    if QGuiApplication.instance() is None:
        app = QGuiApplication(["coze-desktop", "-platform", "offscreen"])
        _STANDALONE.append(app)
        install_translators(app, look.language)
    font = QFont()
    if not look.font or not font.fromString(look.font):
        font = QGuiApplication.font()
    cache = ImageCache(look.picture_cache) if look.picture_cache is not None else None
    style = print_style(font, CachedPictures(cache))
    return PdfChatWriter(path, style, current_language(), CopiedPictures(look.attachments))
