"""Drop files anywhere on the window: while a drag with files or a picture is over it, the whole window
shows where they will go (a dashed frame and one line of text), and a drop attaches them to the
message being written, exactly as a drop on the message box does.

`WindowDropTarget(window, composer)` sees a drag enter anywhere on `window`, covers the window with a
`DropOverlay`, and lets the overlay take the drop.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QWidget

from desktop.ui.composer import Composer
from desktop.ui.message_edit import has_attachable

MARGIN = 16


class DropOverlay(QWidget):
    """Covers its parent while a drag is over it; a drop goes to the composer."""

    def __init__(self, parent: QWidget, composer: Composer) -> None:
        super().__init__(parent)
        self.setObjectName("dropOverlay")
        self._composer = composer
        self.setAcceptDrops(True)
        self.setAccessibleName(self.tr("Drop files to attach them"))
        self.hide()

    def cover(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.raise_()
        self.show()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if has_attachable(event.mimeData()):
            event.acceptProposedAction()
        else:
            self.hide()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        event.acceptProposedAction()

    def dragLeaveEvent(self, event: QEvent) -> None:
        self.hide()

    def dropEvent(self, event: QDropEvent) -> None:
        self.hide()
        if has_attachable(event.mimeData()):
            self._composer.attach_mime(event.mimeData())
            event.acceptProposedAction()
            self._composer.focus()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        veil = QColor(palette.color(QPalette.ColorRole.Window))
        veil.setAlpha(225)
        painter.fillRect(self.rect(), veil)
        accent = palette.color(QPalette.ColorRole.Highlight)
        frame = QRectF(self.rect()).adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
        tint = QColor(accent)
        tint.setAlpha(28)
        painter.setBrush(tint)
        pen = QPen(accent, 2.5, Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawRoundedRect(frame, 14, 14)
        title = QFont(self.font())
        title.setPointSizeF(title.pointSizeF() * 1.5)
        title.setBold(True)
        painter.setFont(title)
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        metrics = painter.fontMetrics()
        middle = frame.center().y()
        above = QRectF(frame.left(), middle - metrics.height() - 4, frame.width(), metrics.height())
        painter.drawText(above, Qt.AlignmentFlag.AlignCenter, self.tr("Drop files to attach them"))
        painter.setFont(self.font())
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        below = QRectF(frame.left(), middle + 4, frame.width(), painter.fontMetrics().height() * 2)
        painter.drawText(
            below,
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
            self.tr("Pictures and files go with your next message"),
        )


class WindowDropTarget(QObject):
    """The window takes drags its widgets do not want (Qt hands a drag to the nearest widget that
    accepts drops); the few that do (the message box, the search field) are watched here, so a drag
    over them shows the overlay too."""

    def __init__(self, window: QWidget, composer: Composer) -> None:
        super().__init__(window)
        self._window = window
        self.overlay = DropOverlay(window, composer)
        window.setAcceptDrops(True)
        window.installEventFilter(self)
        for widget in window.findChildren(QWidget):
            if widget.acceptDrops() and widget is not self.overlay:
                widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.DragEnter or not isinstance(event, QDragEnterEvent):
            return False
        if not has_attachable(event.mimeData()):
            return False
        self.overlay.cover()
        event.acceptProposedAction()
        return True
