"""An answer's small gray line (time, duration, tokens, Copy, Like, Dislike, Run details, Regenerate,
"‹ 2/3 ›") laid out as a flow: a piece that would pass the column's right edge starts a new line.

At 24–28 pt in an 800 px window the line ran off the right edge and its last actions could not be reached
(the Chinese 踩 and 运行详情 first); now every piece stays inside the column at any size and width."""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF

from desktop.ui.chat.labels import Label


@dataclass(frozen=True)
class Piece:
    text: str
    color: QColor
    href: str = ""
    gap: float = 0.0  # after it, when the next piece is on the same line
    lead: str = ""  # shown before it unless it starts a line ("·  " between the facts)
    glued: bool = False  # stays on the line of the piece before it (the version's "‹ 2/3 ›")
    pad: float = 0.0  # wider than its text (the arrows, easier to hit)
    font: QFont | None = None  # its own font (the version arrows: the body's, bold), else the line's
    button: bool = False  # a round button (Label.button): at least as wide as the line is tall


def flow(
    pieces: list[Piece], font: QFont, at: QPointF, *, left: float, right: float, gap: float
) -> tuple[list[Label], float]:
    """The pieces' labels from `at`, wrapping to `left`, `gap` between lines; and the y of the last line."""
    metrics = QFontMetricsF(font)
    height = math.ceil(metrics.height())
    units: list[list[Piece]] = []
    for piece in pieces:
        if piece.glued and units:
            units[-1].append(piece)
        else:
            units.append([piece])
    labels: list[Label] = []
    x, y = at.x(), at.y()
    last_gap = 0.0
    for unit in units:
        start = x + last_gap if x > left else x

        def width(unit_start: bool, unit: list[Piece] = unit) -> float:
            lead = unit[0].lead if not unit_start else ""
            texts = [_width(p, (lead if n == 0 else "") + p.text, metrics, height) for n, p in enumerate(unit)]
            return sum(texts) + sum(p.gap for p in unit[:-1])

        if x > left and start + width(False) > right:
            x, y, start = left, y + height + gap, left
        at_start = start == left
        x = start
        for n, piece in enumerate(unit):
            text = (piece.lead if n == 0 and not at_start else "") + piece.text
            w = _width(piece, text, metrics, height)
            rect = QRectF(x, y, w, height)
            labels.append(Label(rect, text, piece.font or font, piece.color, piece.href, button=piece.button))
            x += w + (piece.gap if n < len(unit) - 1 else 0.0)
        last_gap = unit[-1].gap
    return labels, y


def _width(piece: Piece, text: str, metrics: QFontMetricsF, height: int) -> float:
    own = QFontMetricsF(piece.font) if piece.font is not None else metrics
    width = own.horizontalAdvance(text) + piece.pad
    return max(width, height) if piece.button else width
