"""Real image bytes for tests: PNG, JPEG and WebP drawn by Qt, a GIF built by hand (Qt cannot write GIF)."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage

# A 1 x 1 GIF89a (one white pixel), the classic smallest valid GIF.
GIF_1X1 = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00"
    b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


def image_bytes(fmt: str = "PNG", width: int = 64, height: int = 48, color: str = "#4d53e8") -> bytes:
    if fmt.upper() == "GIF":
        return GIF_1X1
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, fmt.upper()):
        raise RuntimeError(f"Qt cannot write {fmt}")
    buffer.close()
    return bytes(data.data())
