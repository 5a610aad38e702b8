"""The files of a question in its row: pictures as square thumbnails of their local copies (click: the
preview), other files as a chip with their name and size, right-aligned above the question's bubble.

A picture whose local copy is gone (or that came from Coze with no copy on this computer) keeps its
place as a box with its name, never an error.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Protocol
from urllib.parse import quote, unquote

from PySide6.QtCore import QCoreApplication, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter, QPainterPath

from desktop.core.attachments.copies import QuestionFile
from desktop.core.media import human_size
from desktop.ui.chat.labels import Label
from desktop.ui.chat.markdown import neutralize
from desktop.ui.chat.style import ChatStyle

OPEN = "coze-attachment-open:"  # + sha256 + ":" + the quoted name: a question's picture, clicked


class PictureTiles(Protocol):
    """Where the thumbnails come from (`desktop.ui.chat.thumbnails.Thumbnails` in the window)."""

    def picture(self, sha256: str, width: int, height: int) -> QImage | None: ...

    def missing(self, sha256: str) -> bool: ...


def open_href(sha256: str, name: str) -> str:
    return f"{OPEN}{sha256}:{quote(name, safe='')}"


def opened(href: str) -> tuple[str, str] | None:
    """(sha256, name) of a picture's href, else None."""
    if not href.startswith(OPEN):
        return None
    sha256, _, name = href[len(OPEN) :].partition(":")
    return (sha256, unquote(name)) if len(sha256) == 64 else None


def tile_size(style: ChatStyle, pictures: int, dimensions: tuple[int, int] | None) -> tuple[int, int]:
    """Several pictures: squares. One: its own shape (when the question says it) within a box, never
    stretched past a panorama's 5:2."""
    if pictures != 1:
        side = round(style.em * 6.5)
        return side, side
    box_w, box_h = style.em * 17, style.em * 12
    if dimensions is None:
        side = round(box_h)
        return side, side
    width, height = dimensions
    ratio = min(2.5, max(0.4, width / height))
    w = min(box_w, box_h * ratio, max(float(width), style.em * 4))  # a small picture: about its size
    h = w / ratio
    if h > box_h:
        h, w = box_h, box_h * ratio
    return round(w), round(h)


def file_label(file: QuestionFile) -> str:
    name = neutralize(file.name) or QCoreApplication.translate("ChatView", "File")
    return f"📄 {name} · {human_size(file.size)}" if file.size else f"📄 {name}"


def lay_out_files(
    files: Sequence[QuestionFile], style: ChatStyle, right: float, top: float, width: float
) -> tuple[list[Label], float]:
    """Labels for `files` (pictures first, then the other files), right-aligned at `right`, from `top`,
    wrapping at `width`; and the y below them."""
    gap = round(style.em * 0.4)
    pictures = [f for f in files if f.is_image]
    others = [f for f in files if not f.is_image]
    labels: list[Label] = []
    pieces: list[tuple[float, float, Label]] = []  # (width, height, label placed at 0,0)
    for picture in pictures:
        name = neutralize(picture.name) or QCoreApplication.translate("ChatView", "Picture")
        href = open_href(picture.sha256, name) if picture.sha256 else ""
        w, h = tile_size(style, len(pictures), picture.dimensions)
        rect = QRectF(0, 0, w, h)
        pieces.append((w, h, Label(rect, name, style.small, style.muted, href, picture=picture.sha256)))
    y = top
    if pieces:
        y = _flow(pieces, right, y, width, gap) + gap
        labels.extend(label for _w, _h, label in pieces)
    metrics = QFontMetricsF(style.font)
    pad_x, height = style.em * 0.9, math.ceil(metrics.height() + style.em * 0.8)
    pieces = []
    for file in others:
        text = metrics.elidedText(file_label(file), Qt.TextElideMode.ElideMiddle, width - 2 * pad_x)
        chip = metrics.horizontalAdvance(text) + 2 * pad_x
        pieces.append((chip, height, Label(QRectF(0, 0, chip, height), text, style.font, style.text, chip=True)))
    if pieces:
        y = _flow(pieces, right, y, width, gap) + gap
        labels.extend(label for _w, _h, label in pieces)
    return labels, y - gap


def _flow(pieces: list[tuple[float, float, Label]], right: float, top: float, width: float, gap: int) -> float:
    """Place `pieces` (their labels' rects) in lines no wider than `width`, each line flush right; the
    bottom of the last line."""
    lines: list[list[tuple[float, float, Label]]] = [[]]
    used = 0.0
    for piece in pieces:
        if lines[-1] and used + gap + piece[0] > width:
            lines.append([])
            used = 0.0
        used += (gap if lines[-1] else 0) + piece[0]
        lines[-1].append(piece)
    y = top
    for line in lines:
        x = right - sum(w for w, _h, _l in line) - gap * (len(line) - 1)
        for w, h, label in line:
            label.rect = QRectF(x, y, w, h)
            x += w + gap
        y += max(h for _w, h, _l in line) + gap
    return y - gap


def paint_tile(painter: QPainter, label: Label, style: ChatStyle, tiles: PictureTiles | None, hover: bool) -> None:
    """A picture's tile: its thumbnail, or a quiet box while it loads, or its name when it cannot be shown."""
    rect = label.rect
    sha = label.picture or ""
    scale = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
    px, py = math.ceil(rect.width() * scale), math.ceil(rect.height() * scale)
    image = tiles.picture(sha, px, py) if tiles is not None and sha else None
    missing = not sha or (tiles is not None and tiles.missing(sha))
    path = QPainterPath()
    path.addRoundedRect(rect, style.radius, style.radius)
    painter.save()
    painter.setClipPath(path)
    painter.fillRect(rect, style.code_bg)
    if image is not None:
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        if image.width() >= px and image.height() >= py:
            painter.drawImage(rect, image)
        else:  # a small picture: at its size, in the middle
            w, h = image.width() / scale, image.height() / scale
            painter.drawImage(QRectF(rect.center().x() - w / 2, rect.center().y() - h / 2, w, h), image)
    elif missing or tiles is None:
        _paint_name(painter, label, style, missing and tiles is not None)
    painter.restore()
    painter.setPen(style.accent if hover else style.border)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), style.radius, style.radius)


def _paint_name(painter: QPainter, label: Label, style: ChatStyle, missing: bool) -> None:
    rect = label.rect.adjusted(style.em * 0.5, style.em * 0.4, -style.em * 0.5, -style.em * 0.4)
    metrics = QFontMetricsF(style.small)
    lines = ["🖼", metrics.elidedText(label.text, Qt.TextElideMode.ElideMiddle, rect.width())]
    if missing:
        lines.append(QCoreApplication.translate("ChatView", "Not on this computer"))
    painter.setFont(style.small)
    color = QColor(style.muted)
    painter.setPen(color)
    flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
    painter.drawText(rect, int(flags), "\n".join(lines))
