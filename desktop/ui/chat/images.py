"""The pictures of answers as the chat's documents see them: `coze-image:<url>` resources.

`InlineImages` answers a document's request for a picture at once: the decoded picture when it is
in memory, else a placeholder of the picture's size (known from the disk cache's index, else a
default 16:9 box) while `ImageLoader` fetches it, or a "could not be shown" box. When a picture
arrives or fails, `changed(url)` asks the view to render the messages that show it again.

Memory stays bounded: decoded pictures are kept in an LRU of at most `MEMORY_BUDGET` bytes; one
that falls out is decoded again (from the disk cache) when it is next shown. Placeholders are drawn at
the picture's natural size (up to 1600 × 1600, 10 MB each) and kept in an LRU of `PLACEHOLDER_BUDGET`.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication, QObject, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen

from desktop.core.coze.addresses import is_loopback_host
from desktop.services.images import ImageLoader

SCHEME = "coze-image:"
OPEN = "coze-image-open:"
DEFAULT_SIZE = QSize(360, 203)
BROKEN_SIZE = QSize(300, 64)  # a failed picture shrinks to a one-line box
MEMORY_BUDGET = 96 * 1024 * 1024
# Placeholders drawn before and kept for the next document that asks. A count cap (64) held up to 64
# different sizes at once, 650 MB at worst (#21): a budget in bytes holds a few big ones or many small.
PLACEHOLDER_BUDGET = 16 * 1024 * 1024
LOADING, READY, FAILED = "loading", "ready", "failed"


@dataclass
class _Entry:
    status: str
    natural: QSize | None = None
    reason: str = ""


def loadable(url: str) -> bool:
    """https anywhere, http only to this machine (the local server)."""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return True
    return parts.scheme == "http" and bool(parts.hostname) and is_loopback_host(parts.hostname or "")


class PictureSource(Protocol):
    """What a chat document asks about the pictures of answers (`InlineImages` in the window; the
    PDF export's reads the disk cache)."""

    enabled: bool

    def wants(self, url: str) -> bool: ...

    def not_image(self, url: str) -> bool: ...

    def natural_size(self, url: str) -> QSize: ...

    def resource(self, url: str) -> QImage: ...


class InlineImages(QObject):
    changed = Signal(str)

    def __init__(self, loader: ImageLoader, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.loader = loader
        self.enabled = True
        self.dark = False
        self._entries: dict[str, _Entry] = {}
        self._decoded: OrderedDict[str, QImage] = OrderedDict()
        self._decoded_bytes = 0
        self._placeholders: OrderedDict[tuple[int, int, str, bool], QImage] = OrderedDict()
        self._placeholder_bytes = 0
        loader.loaded.connect(self._loaded)
        loader.failed.connect(self._failed)

    # -- what documents ask -------------------------------------------------------------------------

    def wants(self, url: str) -> bool:
        return self.enabled and loadable(url)

    def not_image(self, url: str) -> bool:
        entry = self._entries.get(url)
        return entry is not None and entry.status == FAILED and entry.reason == "not_image"

    def status(self, url: str) -> str:
        entry = self._entries.get(url)
        return entry.status if entry is not None else ""

    def reason(self, url: str) -> str:
        entry = self._entries.get(url)
        return entry.reason if entry is not None else ""

    def natural_size(self, url: str) -> QSize:
        entry = self._entries.get(url)
        if entry is not None and entry.status == FAILED:
            return BROKEN_SIZE
        if entry is not None and entry.natural is not None and entry.status != FAILED:
            return entry.natural
        if entry is None:
            dims = self.loader.dimensions(url)
            if dims is not None:
                return QSize(*dims)
        return DEFAULT_SIZE

    def image(self, url: str) -> QImage | None:
        """The decoded picture, if it is in memory."""
        image = self._decoded.get(url)
        if image is not None:
            self._decoded.move_to_end(url)
        return image

    def resource(self, url: str) -> QImage:
        """What a document draws for `url` now (and a load starts if needed)."""
        image = self.image(url)
        if image is not None:
            return image
        entry = self._entries.get(url)
        if entry is None or (entry.status == READY and url not in self._decoded):
            natural = self.natural_size(url)
            self._entries[url] = _Entry(LOADING, natural if natural != DEFAULT_SIZE else None)
            self.loader.request(url)
            entry = self._entries[url]
        size = self.natural_size(url)
        return self._placeholder(size, entry.status == FAILED)

    def retry(self, url: str) -> None:
        self._entries.pop(url, None)
        self.changed.emit(url)

    @property
    def decoded_bytes(self) -> int:
        return self._decoded_bytes

    # -- loader results -----------------------------------------------------------------------------

    def _loaded(self, url: str, image: QImage, width: int, height: int) -> None:
        self._entries[url] = _Entry(READY, QSize(width, height))
        self._keep(url, image)
        self.changed.emit(url)

    def _failed(self, url: str, reason: str) -> None:
        self._entries[url] = _Entry(FAILED, None, reason)
        self.changed.emit(url)

    def _keep(self, url: str, image: QImage) -> None:
        old = self._decoded.pop(url, None)
        if old is not None:
            self._decoded_bytes -= old.sizeInBytes()
        self._decoded[url] = image
        self._decoded_bytes += image.sizeInBytes()
        while self._decoded_bytes > MEMORY_BUDGET and len(self._decoded) > 1:
            _, evicted = self._decoded.popitem(last=False)
            self._decoded_bytes -= evicted.sizeInBytes()

    # -- placeholders -------------------------------------------------------------------------------

    def _placeholder(self, size: QSize, broken: bool) -> QImage:
        width = max(48, min(size.width(), 1600))
        height = max(32, round(width * size.height() / max(1, size.width())))
        key = (width, min(height, 1600), "broken" if broken else "loading", self.dark)
        cached = self._placeholders.get(key)
        if cached is not None:
            self._placeholders.move_to_end(key)
            return cached
        image = QImage(key[0], key[1], QImage.Format.Format_ARGB32_Premultiplied)
        background = QColor("#2b2d31" if self.dark else "#f1f2f4")
        image.fill(background)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QColor("#6b6f76" if self.dark else "#9a9ea6")
        painter.setPen(QPen(pen, 1, Qt.PenStyle.DashLine if not broken else Qt.PenStyle.SolidLine))
        painter.drawRect(QRectF(0.5, 0.5, key[0] - 1, key[1] - 1))
        font = QFont()
        font.setPointSizeF(9.5)
        painter.setFont(font)
        text = (
            QCoreApplication.translate("ChatView", "⚠ This picture could not be shown")
            if broken
            else QCoreApplication.translate("ChatView", "Loading picture…")
        )
        painter.drawText(QRectF(0, 0, key[0], key[1]), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, text)
        painter.end()
        self._placeholders[key] = image
        self._placeholder_bytes += image.sizeInBytes()
        while self._placeholder_bytes > PLACEHOLDER_BUDGET and len(self._placeholders) > 1:
            _, evicted = self._placeholders.popitem(last=False)
            self._placeholder_bytes -= evicted.sizeInBytes()
        return image
