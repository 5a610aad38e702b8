"""What the composer's reader thread does for an attachment besides reading it: a picture pasted into the
message box is encoded as PNG there, and a picture's chip thumbnail is decoded and scaled there. Both ran
on the window's thread: an 8000×6000 paste held it 2.2 s encoding and 0.5 s more decoding the thumbnail
(typed text appeared late; bench/bench_paste_image.py). Meanwhile its chip says "Reading…"."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QImage, QImageReader

from desktop.core.attachments.local import LocalFile


def png_bytes(image: QImage) -> bytes:
    """`image` as PNG (QImage is reentrant: the GUI thread's copy is shared, never written, while this runs)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]
    buffer.close()
    return bytes(data.data())


def pasted_name() -> str:
    return time.strftime("pasted-%Y%m%d-%H%M%S.png")


def with_thumbnail(read: Callable[[], LocalFile], side: int) -> tuple[LocalFile, QImage | None]:
    """Read the file, and for a picture its thumbnail (at most `side` px square); on the reader thread."""
    file = read()
    if not file.is_image or file.path is None:
        return file, None
    image = QImageReader(str(file.path)).read()
    if image.isNull():
        return file, None
    mode = Qt.TransformationMode.SmoothTransformation
    return file, image.scaled(side, side, Qt.AspectRatioMode.KeepAspectRatio, mode)
