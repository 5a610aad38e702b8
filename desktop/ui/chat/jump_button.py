"""The round "↓" button over the bottom-right corner of the messages: shown while the user reads
older messages and the view no longer follows the newest; a click scrolls to the latest."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QToolButton, QWidget

SIDE = 34  # the button's smallest side, in logical pixels
MARGIN = 16  # from the view's right (inside its scroll bar) and bottom edges
# The strip of the view the button covers. Scrolled up less than that, the newest message's end (a
# question's file chips, right-aligned) is under it and nothing is hidden below: no button then (walk of
# session 33, 44.png: it covered "22 B" of "notes.txt · 22 B").
ZONE = SIDE + 2 * MARGIN


class JumpButton(QToolButton):
    """A child of the chat view floating over `area` (the message list): `place()` keeps it in the corner."""

    def __init__(self, area: QAbstractScrollArea, parent: QWidget) -> None:
        super().__init__(parent)
        self._area = area
        self._parent = parent
        self.setText("↓")
        self.setToolTip(self.tr("Jump to latest"))
        self.setAccessibleName(self.tr("Jump to latest"))
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setStyleSheet(
            "QToolButton { border: 1px solid palette(mid); border-radius: 17px; background: palette(base);"
            " font-size: 15px; } QToolButton:hover { border-color: palette(highlight); }"
        )
        self.hide()

    def show_if(self, visible: bool) -> None:
        """Shown when `visible` and the list is scrolled up more than the strip the button covers."""
        bar = self._area.verticalScrollBar()
        visible = visible and bar.maximum() - bar.value() > ZONE
        if visible == (not self.isHidden()):
            return
        self.setVisible(visible)
        if visible:
            self.place()
            self.raise_()

    def place(self) -> None:
        """Bottom-right of the parent, left of the list's scroll bar when it shows."""
        parent = self._parent
        size = self.sizeHint().expandedTo(self.minimumSizeHint())
        side = max(size.width(), size.height(), SIDE)
        self.resize(side, side)
        bar = self._area.verticalScrollBar()
        right = parent.width() - (bar.width() if bar.isVisible() else 0) - MARGIN
        self.move(QPoint(right - side, parent.height() - side - MARGIN))
