"""A picture file read with its format named from its first bytes (#21).

Bots' avatars are cached as `<id>.img`. With neither a format nor a suffix it knows, QImageReader asks
every image-format plugin whether it can read the file before it tries its own PNG reader: a demo start
loaded all nine of them (TIFF, WebP, JPEG, ICNS, GIF, ICO, TGA, WBMP, SVG: ~0.7 MB of RSS) to show one PNG.
Named, a PNG or BMP loads no plugin and a JPEG or WebP only its own.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImageReader, QPixmap

from desktop.core.media import sniff

HEAD_BYTES = 64  # every picture signature media.sniff knows is within the first 12 bytes


def read_pixmap(path: Path) -> QPixmap:
    """The picture in `path` (a null pixmap if it cannot be read), its format told to Qt when the file's
    first bytes say it; else Qt guesses, as QPixmap(path) does."""
    try:
        with path.open("rb") as file:
            head = file.read(HEAD_BYTES)
    except OSError:
        return QPixmap()
    kind = sniff(head)
    if not kind.image:
        return QPixmap(str(path))
    return QPixmap.fromImageReader(QImageReader(str(path), kind.name.encode("ascii")))
