"""A painted piece of text in a message row (a name, a chip, a card's field...), clickable with an href."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont


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
