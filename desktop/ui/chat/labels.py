"""A painted piece of text in a message row (a name, a chip, a card's field...), clickable with an href."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen


@dataclass
class Label:
    """A painted piece of text; clickable when it has an href."""

    rect: QRectF
    text: str
    font: QFont
    color: QColor
    href: str = ""
    chip: bool = False
    badge: bool = False  # a round avatar with an initial
    box: bool = False  # an input card's field: a rounded box, text left-aligned
    selected: bool = False  # the option an answered card chose
    picture: str | None = None  # a question's picture tile: the sha256 of its local copy ("" when none)
    button: bool = False  # a version arrow ("‹" or "›"): painted as a chevron button (`paint_arrow`)


def paint_arrow(painter: QPainter, label: Label, disc: QColor | None) -> None:
    """A version arrow as a chevron drawn in its colour, sized to its line (a font's "‹" is a speck), on a
    round `disc` when the mouse is over it."""
    rect, center = label.rect, label.rect.center()
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if disc is not None:
        side = min(rect.width(), rect.height()) + 4
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(disc)
        painter.drawEllipse(QRectF(0, 0, side, side).translated(center - QPointF(side, side) / 2))
    half = rect.height() * 0.26
    tip = half * (-0.55 if label.text == "‹" else 0.55)
    pen = QPen(label.color, max(1.5, rect.height() / 9))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPolyline(
        [
            QPointF(center.x() - tip, center.y() - half),
            center + QPointF(tip, 0),
            QPointF(center.x() - tip, center.y() + half),
        ]
    )
    painter.restore()
