"""The messages of the open conversation as a list model (one row per message, oldest first)."""

from __future__ import annotations

from dataclasses import replace
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractListModel, QByteArray, QModelIndex, QObject, QPersistentModelIndex, Qt

from desktop.ui.chat.items import MessageItem

Index = QModelIndex | QPersistentModelIndex


class Roles(IntEnum):
    ITEM = Qt.ItemDataRole.UserRole + 1  # the MessageItem
    ID = Qt.ItemDataRole.UserRole + 2
    ROLE = Qt.ItemDataRole.UserRole + 3
    STATUS = Qt.ItemDataRole.UserRole + 4


class ChatModel(QAbstractListModel):
    """Holds copies of the MessageItems it is given; streaming text is appended in place.

    Rows are found by message id in O(1); ids are unique (a prepended page that overlaps what is
    shown keeps the rows already there).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._items: list[MessageItem] = []
        self._rows: dict[int, int] = {}

    # -- Qt -----------------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._items):
            return None
        item = self._items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return item.content
        if role == Roles.ITEM:
            return item
        if role == Roles.ID:
            return item.id
        if role == Roles.ROLE:
            return item.role
        if role == Roles.STATUS:
            return item.status
        return None

    def roleNames(self) -> dict[int, QByteArray]:
        names = super().roleNames()
        for role, name in (
            (Roles.ITEM, b"item"),
            (Roles.ID, b"messageId"),
            (Roles.ROLE, b"role"),
            (Roles.STATUS, b"status"),
        ):
            names[int(role)] = QByteArray(name)
        return names

    def flags(self, index: Index) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled if index.isValid() else Qt.ItemFlag.NoItemFlags

    # -- ours ---------------------------------------------------------------------------------------

    def items(self) -> list[MessageItem]:
        return self._items

    def item(self, row: int) -> MessageItem:
        return self._items[row]

    def row_of(self, message_id: int) -> int:
        """The row of a message, or -1."""
        return self._rows.get(message_id, -1)

    def find(self, message_id: int) -> MessageItem | None:
        row = self._rows.get(message_id, -1)
        return self._items[row] if row >= 0 else None

    def set_items(self, items: list[MessageItem]) -> None:
        self.beginResetModel()
        self._items = []
        self._rows = {}
        for item in items:
            if item.id not in self._rows:
                self._rows[item.id] = len(self._items)
                self._items.append(replace(item))
        self.endResetModel()

    def prepend(self, items: list[MessageItem]) -> int:
        """Insert older messages at the top; returns how many rows were added."""
        fresh: list[MessageItem] = []
        seen = set(self._rows)
        for item in items:
            if item.id not in seen:
                seen.add(item.id)
                fresh.append(replace(item))
        if fresh:
            self.beginInsertRows(QModelIndex(), 0, len(fresh) - 1)
            self._items[:0] = fresh
            self._rows = {item.id: row for row, item in enumerate(self._items)}
            self.endInsertRows()
        return len(fresh)

    def append(self, item: MessageItem) -> bool:
        """Add a message at the bottom (False if its id is already shown)."""
        if item.id in self._rows:
            return False
        row = len(self._items)
        self.beginInsertRows(QModelIndex(), row, row)
        self._items.append(replace(item))
        self._rows[item.id] = row
        self.endInsertRows()
        return True

    def replace_item(self, item: MessageItem) -> int:
        """Replace the message with `item`'s id; the row, or -1 if it is not shown."""
        row = self._rows.get(item.id, -1)
        if row >= 0:
            self._items[row] = replace(item)
            self._changed(row)
        return row

    def extend(self, message_id: int, text: str, reasoning: str, notify: bool = True) -> int:
        """Append streamed text to a message; the row, or -1 if it is not shown. `notify=False`: no
        dataChanged (the view already shows the text: see `MessageListView.grow`)."""
        row = self._rows.get(message_id, -1)
        if row >= 0 and (text or reasoning):
            item = self._items[row]
            item.content += text
            item.reasoning += reasoning
            if notify:
                self._changed(row)
        return row

    def remove(self, message_id: int) -> bool:
        """Take a message's row away (False if it is not shown)."""
        row = self._rows.get(message_id, -1)
        if row < 0:
            return False
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._items[row]
        self._rows = {item.id: index for index, item in enumerate(self._items)}
        self.endRemoveRows()
        return True

    def clear(self) -> None:
        self.set_items([])

    def _changed(self, row: int) -> None:
        index = self.index(row, 0)
        self.dataChanged.emit(index, index, [])
