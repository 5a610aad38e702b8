"""Pictures of answers, loaded off the GUI thread: the disk cache first, else a credential-free
download (https, or http to this machine; size cap; deadline), then decoded to check it really is
a PNG, JPEG, GIF, WebP or BMP. Decoded pictures are at most `MAX_SIDE` pixels on their long side.

`ImageLoader` signals, on the GUI thread: `loaded(url, QImage, width, height)` with the original
size, or `failed(url, reason)` with a reason from `REASONS`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QRect, QSize, Qt, Signal
from PySide6.QtGui import QImage, QImageReader

from desktop.core.coze.assets import fetch_bounded
from desktop.core.coze.errors import CozeError, ErrorKind
from desktop.core.images.cache import ImageCache
from desktop.services.tasks import TaskRunner

log = logging.getLogger(__name__)

MAX_IMAGE_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 64_000_000  # e.g. 8000 x 8000: more is refused before decoding
MAX_SIDE = 2048  # decoded size kept in memory (the preview shows the same)
IMAGE_DEADLINE = 30.0
FORMATS = frozenset({"png", "jpeg", "jpg", "gif", "webp", "bmp"})
REASONS = ("not_image", "too_large", "broken", "blocked", "timeout", "network")


class ImageRefused(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class LoadedImage:
    image: QImage
    width: int  # of the original
    height: int


def read_checked(reader: QImageReader, width: int = MAX_SIDE, height: int = 0) -> tuple[QImage, QSize]:
    """The picture `reader` reads, checked (a format of FORMATS, at most MAX_PIXELS) and scaled while it
    decodes (a JPEG decodes at a fraction of its size): with `height`, a `width` x `height` thumbnail of its
    middle (scaled to cover it, never up: a smaller picture is only cropped); else at most `width` on its
    long side. The picture and its original size (invalid when the format does not say). Raises
    ImageRefused. Safe on any thread: the one decoder of answers' pictures and of local copies."""
    fmt = bytes(reader.format().data()).decode("ascii", "replace").lower()
    if fmt not in FORMATS:
        raise ImageRefused("not_image")
    size = reader.size()
    if size.width() * size.height() > MAX_PIXELS:
        raise ImageRefused("too_large")
    if size.isValid() and not size.isEmpty():
        if height:
            cover = size.scaled(QSize(width, height), Qt.AspectRatioMode.KeepAspectRatioByExpanding)
            if cover.width() < size.width():
                reader.setScaledSize(cover)
            else:
                cover = size
            w, h = min(width, cover.width()), min(height, cover.height())
            reader.setScaledClipRect(QRect((cover.width() - w) // 2, (cover.height() - h) // 2, w, h))
        elif max(size.width(), size.height()) > width:
            reader.setScaledSize(size.scaled(QSize(width, width), Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.isNull():
        raise ImageRefused("broken")
    return image, size


def decode(data: bytes) -> LoadedImage:
    """Decode and check; raises ImageRefused. Safe on any thread."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    image, size = read_checked(QImageReader(buffer))
    return LoadedImage(image, size.width() or image.width(), size.height() or image.height())


def load(url: str, cache: ImageCache | None) -> LoadedImage:
    """The picture at `url` (cached on disk once decoded); raises ImageRefused."""
    data = cache.get(url) if cache is not None else None
    fetched = data is None
    if data is None:
        try:
            data = fetch_bounded(url, max_bytes=MAX_IMAGE_BYTES, deadline=IMAGE_DEADLINE, what="image")
        except CozeError as exc:
            raise ImageRefused(_reason(exc)) from exc
    loaded = decode(data)
    if fetched and cache is not None:
        cache.put(url, data, loaded.width, loaded.height)
    return loaded


def _reason(exc: CozeError) -> str:
    if exc.kind is ErrorKind.INSECURE_URL:
        return "blocked"
    if exc.kind is ErrorKind.TIMEOUT:
        return "timeout"
    if "larger than" in exc.msg:
        return "too_large"
    return "network"


class ImageLoader(QObject):
    loaded = Signal(str, QImage, int, int)
    failed = Signal(str, str)

    def __init__(self, cache: ImageCache | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cache = cache
        self.requests = 0  # downloads or cache reads started (tests)
        self._runner = TaskRunner(self, max_threads=3)
        self._pending: set[str] = set()
        self._closed = False

    def request(self, url: str) -> None:
        if url in self._pending or self._closed:
            return
        self._pending.add(url)
        self.requests += 1
        self._runner.submit(
            lambda: load(url, self.cache),
            lambda result: self._done(url, result),
            lambda exc: self._failed(url, exc),
        )

    def dimensions(self, url: str) -> tuple[int, int] | None:
        return self.cache.dimensions(url) if self.cache is not None else None

    def shutdown(self) -> None:
        self._closed = True
        self._runner.shutdown()

    def _done(self, url: str, result: LoadedImage) -> None:
        self._pending.discard(url)
        self.loaded.emit(url, result.image, result.width, result.height)

    def _failed(self, url: str, exc: Exception) -> None:
        self._pending.discard(url)
        reason = exc.reason if isinstance(exc, ImageRefused) else "broken"
        log.info("image not shown (%s)", reason)
        self.failed.emit(url, reason)
