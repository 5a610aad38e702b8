"""A list view that says what to do when it has no rows (a first start, or every chat deleted)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QListView, QWidget


class HintedListView(QListView):
    """Paints `hint()` in the placeholder colour while the model is empty. The hint is asked for at paint
    time, so a live language switch needs nothing more than the repaint it causes."""

    def __init__(self, hint: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hint = hint

    def shown_hint(self) -> str:
        model = self.model()
        empty = model is not None and model.rowCount() == 0 and not model.canFetchMore(QModelIndex())
        return self._hint() if empty else ""

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        hint = self.shown_hint()
        if not hint:
            return
        painter = QPainter(self.viewport())
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        area = self.viewport().rect().adjusted(16, 24, -16, -16)
        painter.drawText(
            area, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap, hint
        )
        painter.end()
