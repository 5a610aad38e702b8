"""The pictures of questions as the chat view shows them: thumbnails of the attached files' local copies.

`Thumbnails.picture(sha256, width, height)` answers at once: the thumbnail when it is in memory, else None
while `LocalPictures` decodes it off the GUI thread (or when the local copy is gone: `missing()`).
When one arrives or fails, `changed(sha256)` asks the view to paint the questions that show it again.
Thumbnails are kept in an LRU of at most `MEMORY_BUDGET` bytes; one that falls out is decoded again
when it is next shown. `open()` shows the whole picture in the preview (as answers' pictures do).

Unlike pictures in answers, these make no remote request, so they show whatever the "load images in
answers" setting says.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QWidget

from desktop.services.local_pictures import LocalPictures

if TYPE_CHECKING:
    from desktop.ui.image_preview import ImagePreview  # imported when first shown (#21)

MEMORY_BUDGET = 48 * 1024 * 1024


class Thumbnails(QObject):
    changed = Signal(str)

    def __init__(self, loader: LocalPictures, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.loader = loader
        self.preview: ImagePreview | None = None
        self._kept: OrderedDict[tuple[str, int, int], QImage] = OrderedDict()
        self._bytes = 0
        self._failed: dict[str, str] = {}
        self._opening: dict[str, tuple[str, QWidget | None]] = {}
        loader.thumbnail.connect(self._arrived)
        loader.failed.connect(self._refused)
        loader.opened.connect(self._opened)

    def picture(self, sha256: str, width: int, height: int) -> QImage | None:
        key = (sha256, width, height)
        image = self._kept.get(key)
        if image is not None:
            self._kept.move_to_end(key)
            return image
        if sha256 not in self._failed:
            self.loader.request(sha256, width, height)
        return None

    def missing(self, sha256: str) -> bool:
        """The picture cannot be shown: its local copy is gone (or is not a picture we can decode)."""
        return sha256 in self._failed

    def open(self, sha256: str, name: str, parent: QWidget | None) -> None:
        """The whole picture in the preview, once decoded (nothing when the local copy is gone)."""
        if sha256 in self._failed:
            return
        self._opening[sha256] = (name, parent)
        self.loader.open(sha256)

    @property
    def kept_bytes(self) -> int:
        return self._bytes

    def _arrived(self, sha256: str, width: int, height: int, image: QImage) -> None:
        key = (sha256, width, height)
        old = self._kept.pop(key, None)
        if old is not None:
            self._bytes -= old.sizeInBytes()
        self._kept[key] = image
        self._bytes += image.sizeInBytes()
        while self._bytes > MEMORY_BUDGET and len(self._kept) > 1:
            _, evicted = self._kept.popitem(last=False)
            self._bytes -= evicted.sizeInBytes()
        self.changed.emit(sha256)

    def _refused(self, sha256: str, reason: str) -> None:
        self._failed[sha256] = reason
        self._opening.pop(sha256, None)
        self.changed.emit(sha256)

    def _opened(self, sha256: str, image: QImage) -> None:
        asked = self._opening.pop(sha256, None)
        if asked is None:
            return
        name, parent = asked
        from desktop.ui.image_preview import ImagePreview

        self.preview = ImagePreview(image, name, parent)
        self.preview.setModal(True)
        self.preview.show()
