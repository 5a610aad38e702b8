"""The pictures of questions in a PDF: decoded from their local copies (`<profile>/attachments/<sha256>`)
while the page is drawn, on the export's thread, at print resolution.

A tile is laid out in the chat view's units (96 per inch); its picture goes into the file at
`PRINT_SCALE` times that (about 300 dpi), never more than `MAX_PICTURE` on a side, as answers'
pictures are capped. A picture whose local copy is gone (or cannot be decoded) is `missing`: the tile
keeps its place as a box with its name, as in the window.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage

from desktop.services.images import ImageRefused
from desktop.services.local_pictures import decode_file

MAX_PICTURE = 1600  # px: bigger pictures are scaled down before they go into the file
PRINT_SCALE = 3  # decoded pixels per layout pixel: ~288 dpi on paper


class CopiedPictures:
    """A `PictureTiles` (see `desktop.ui.chat.question_files`) reading the local copies synchronously."""

    def __init__(self, folder: Path | None) -> None:
        self._folder = folder
        self._missing: set[str] = set()
        self.decoded = 0  # pictures decoded (tests)

    def picture(self, sha256: str, width: int, height: int) -> QImage | None:
        if self._folder is None or sha256 in self._missing:
            self._missing.add(sha256)
            return None
        scale = min(PRINT_SCALE, MAX_PICTURE / max(width, height, 1))
        try:
            image = decode_file(self._folder / sha256, round(width * scale), round(height * scale))
        except ImageRefused:
            self._missing.add(sha256)
            return None
        self.decoded += 1
        return image

    def missing(self, sha256: str) -> bool:
        return sha256 in self._missing
