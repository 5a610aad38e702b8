"""Pictures a user attached, read from their local copies (`<profile>/attachments/<sha256>`) off the
GUI thread: a thumbnail of a given size, scaled and cropped while decoding (a 6000 x 4000 photo is never decoded
whole), or the whole picture, at most `MAX_SIDE` on its long side, for the preview.

`LocalPictures` signals, on the GUI thread: `thumbnail(sha256, width, height, QImage)` or
`failed(sha256, reason)` ("missing" when the local copy is gone, else a reason of `images.REASONS`);
`opened(sha256, QImage)` for `open()`.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage, QImageReader

from desktop.core.attachments.copies import LocalCopies
from desktop.services.images import MAX_SIDE, ImageRefused, read_checked
from desktop.services.tasks import TaskRunner

log = logging.getLogger(__name__)


def decode_file(path: Path, width: int, height: int = 0) -> QImage:
    """The picture at `path` as `images.read_checked` gives it (a thumbnail with `height`, else at most
    `width` on its long side), turned as a phone photo's EXIF says. Raises ImageRefused ("missing" when
    there is no such file). Safe on any thread."""
    if not path.is_file():
        raise ImageRefused("missing")
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)  # a phone photo's EXIF orientation
    return read_checked(reader, width, height)[0]


class LocalPictures(QObject):
    thumbnail = Signal(str, int, int, QImage)
    failed = Signal(str, str)
    opened = Signal(str, QImage)

    def __init__(self, copies: LocalCopies, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.copies = copies
        self.decoded = 0  # pictures decoded, ever (tests and the benchmark)
        self._runner = TaskRunner(self, max_threads=2)
        self._pending: set[tuple[str, int, int]] = set()
        self._closed = False

    def request(self, sha256: str, width: int, height: int) -> None:
        """Decode a `width` x `height` thumbnail of the local copy; `thumbnail` or `failed` follows."""
        key = (sha256, width, height)
        if key in self._pending or self._closed:
            return
        self._pending.add(key)
        path = self.copies.path_of(sha256)
        self._runner.submit(
            lambda: decode_file(path, width, height),
            lambda image: self._done(key, image),
            lambda exc: self._failed(key, exc),
        )

    def open(self, sha256: str) -> None:
        """Decode the whole picture for the preview; `opened` or `failed` follows."""
        if self._closed:
            return
        path = self.copies.path_of(sha256)
        self._runner.submit(
            lambda: decode_file(path, MAX_SIDE),
            lambda image: self.opened.emit(sha256, image),
            lambda exc: self._failed((sha256, 0, 0), exc),
        )

    def shutdown(self) -> None:
        self._closed = True
        self._runner.shutdown()

    def _done(self, key: tuple[str, int, int], image: QImage) -> None:
        self._pending.discard(key)
        self.decoded += 1
        self.thumbnail.emit(*key, image)

    def _failed(self, key: tuple[str, int, int], exc: Exception) -> None:
        self._pending.discard(key)
        reason = exc.reason if isinstance(exc, ImageRefused) else "broken"
        log.info("attached picture not shown (%s)", reason)
        self.failed.emit(key[0], reason)
