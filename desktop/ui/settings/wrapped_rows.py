"""A list's rows as tall as their words wrapped at its width (Settings → Bots: a bot's name, its ID, "its test
failed" and "default" are often longer than the list)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem


class WrappedRows(QStyledItemDelegate):
    """Rows as tall as their words wrapped at the list's width, with room around them (a QListView asks for
    one line otherwise, and the row was cut: "… — its test failed — defa…")."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        view = self.parent()
        assert isinstance(view, QListView)
        wrapped = QStyleOptionViewItem(option)
        self.initStyleOption(wrapped, index)
        wrapped.rect = QRect()
        one_line = self._size(view, wrapped)  # an invalid rect: the style lays the words out on one line
        wrapped.rect = QRect(0, 0, view.viewport().width(), 1)  # valid (height > 0): the style wraps at its width
        size = self._size(view, wrapped)
        return QSize(size.width(), view.fontMetrics().height() + 12 + size.height() - one_line.height())

    @staticmethod
    def _size(view: QListView, option: QStyleOptionViewItem) -> QSize:
        return view.style().sizeFromContents(QStyle.ContentsType.CT_ItemViewItem, option, QSize(), view)
