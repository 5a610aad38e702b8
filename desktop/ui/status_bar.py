"""The window's status bar: a message longer than the bar ends in "…" and the whole of it is the bar's
tooltip. QStatusBar clips a long message at its edge with no sign that there is more (an automatic
sync's "The sync stopped: Coze did not accept your sign-in…" lost its advice and half a link).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QSizeGrip, QStatusBar, QStyle, QStyleOption, QWidget

from desktop.ui.plain_text import plain_tooltip

MARGIN = 6  # QStatusBar's own: the message starts 6 px in and ends 12 px before the edge


class FittingStatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.messageChanged.connect(self._fit)

    def message_room(self) -> QRect:
        """Where the message is drawn: left of a permanent widget showing (the sync's progress)."""
        right = self.width() - 2 * MARGIN
        for child in self.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
            if child.isVisible() and not isinstance(child, QSizeGrip) and child.x() > MARGIN:
                right = min(right, child.x() - 2)
        return QRect(MARGIN, 0, max(0, right - MARGIN), self.height())

    def visible_text(self) -> str:
        """The message as painted: whole when it fits, else cut with "…"."""
        return self.fontMetrics().elidedText(
            self.currentMessage(), Qt.TextElideMode.ElideRight, self.message_room().width()
        )

    def _fit(self, message: str) -> None:
        # A message can carry data (a file's name, Coze's words): a tooltip would render it as HTML.
        self.setToolTip(plain_tooltip(message) if message and self.visible_text() != message else "")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit(self.currentMessage())

    def paintEvent(self, event: QPaintEvent) -> None:
        message = self.currentMessage()
        shown = self.visible_text()
        if not message or shown == message:
            super().paintEvent(event)
            return
        painter = QPainter(self)
        option = QStyleOption()
        option.initFrom(self)
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_PanelStatusBar, option, painter, self)
        painter.setPen(self.palette().windowText().color())
        flags = Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextSingleLine
        painter.drawText(self.message_room(), int(flags), shown)
