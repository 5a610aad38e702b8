"""The conversation list as a Qt model, fed page by page from plain ConversationSummary records.

The model holds data only; the pane asks the store (through the window's loader callable) for pages.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QPixmap

from desktop.core.store.models import ConversationSummary
from desktop.core.vocabulary import MessageStatus
from desktop.core.vocabulary import Role as ChatRole
from desktop.ui.conversation_groups import DateGroup, date_group
from desktop.ui.plain_text import MAX_PREVIEW_CHARS, data_text, plain_tooltip

PAGE_SIZE = 200
SHOWN_STATUSES = frozenset({MessageStatus.FAILED, MessageStatus.INTERRUPTED})  # the list says so

Index = QModelIndex | QPersistentModelIndex


class Role(IntEnum):
    ID = Qt.ItemDataRole.UserRole + 1
    PREVIEW = Qt.ItemDataRole.UserRole + 2
    UPDATED = Qt.ItemDataRole.UserRole + 3
    BOT_NAME = Qt.ItemDataRole.UserRole + 4
    PINNED = Qt.ItemDataRole.UserRole + 5
    BUSY = Qt.ItemDataRole.UserRole + 6
    GROUP = Qt.ItemDataRole.UserRole + 7  # the DateGroup a row starts (None: same group as the row above)
    STATUS = Qt.ItemDataRole.UserRole + 8  # the last answer's MessageStatus when it did not finish, else None
    LOCAL_ONLY = Qt.ItemDataRole.UserRole + 9  # no copy on Coze
    SPEAKER = Qt.ItemDataRole.UserRole + 10  # who said the preview's words: "You" or the bot's name


class ConversationListModel(QAbstractListModel):
    """`loader(limit, offset)` returns a page of summaries; more pages load as the view scrolls."""

    def __init__(
        self,
        loader: Callable[[int, int], list[ConversationSummary]],
        untitled: str,
        avatar: Callable[[str], QPixmap | None] | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        """`avatar(bot_id)` gives a bot's picture (or None); each row shows its chat's bot. `clock` is
        what "today" is measured from (the date groups)."""
        super().__init__()
        self._clock = clock
        self._loader = loader
        self._avatar = avatar
        self._avatars: dict[str, QPixmap | None] = {}
        self._untitled = untitled
        self._rows: list[ConversationSummary] = []
        self._busy: set[int] = set()
        self._exhausted = False
        self.hidden: set[int] = set()  # deleted, while the Undo toast still offers them back
        self.renamed: Callable[[int, str], object] = lambda _id, _title: None  # the inline editor's result

    # -- Qt model API -----------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.EditRole:
            return row.title
        if role == Qt.ItemDataRole.DisplayRole:
            return data_text(row.title) or self._untitled
        if role == Qt.ItemDataRole.ToolTipRole:  # the title whole, and the local-only tag the row may shorten
            if not row.local_only:
                return plain_tooltip(row.title) or self._untitled
            return plain_tooltip(f"{row.title or self._untitled}\n{self.tr('only on this computer')}")
        if role == Role.ID:
            return row.id
        if role == Role.PREVIEW:
            if not row.last_message_preview and row.last_message_status is MessageStatus.CANCELLED:
                return self.tr("Stopped")  # stopped before its first words: the bot's name alone said nothing
            return data_text(row.last_message_preview or "", MAX_PREVIEW_CHARS)
        if role == Role.UPDATED:
            return row.updated_at
        if role == Role.BOT_NAME:
            return data_text(row.bot_name or self.tr("Bot"))  # never the raw id
        if role == Role.SPEAKER:  # a question not answered yet is the user's words, not the bot's
            return self.tr("You") if row.last_message_role == ChatRole.USER else self.data(index, Role.BOT_NAME)
        if role == Role.PINNED:
            return row.pinned
        if role == Role.BUSY:
            return row.id in self._busy
        if role == Role.GROUP:
            return self._group_start(index.row())
        if role == Role.STATUS:
            unfinished = row.last_message_role == ChatRole.ASSISTANT and row.last_message_status in SHOWN_STATUSES
            return row.last_message_status if unfinished else None
        if role == Role.LOCAL_ONLY:
            return row.local_only
        if role == Qt.ItemDataRole.DecorationRole and self._avatar is not None:
            if row.bot_id not in self._avatars:
                self._avatars[row.bot_id] = self._avatar(row.bot_id)
            return self._avatars[row.bot_id]
        return None

    def _group_start(self, number: int) -> DateGroup | None:
        now = self._clock()
        row = self._rows[number]
        group = date_group(row.updated_at, row.pinned, now)
        if number == 0:
            return group
        above = self._rows[number - 1]
        return None if date_group(above.updated_at, above.pinned, now) == group else group

    def flags(self, index: Index) -> Qt.ItemFlag:
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable if index.isValid() else Qt.ItemFlag.NoItemFlags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """The inline editor's title: an empty or unchanged one changes nothing."""
        conversation_id = self.id_at(index.row()) if index.isValid() else None
        title = str(value or "").strip()
        if role != Qt.ItemDataRole.EditRole or conversation_id is None or not title:
            return False
        if title != self._rows[index.row()].title:
            self.renamed(conversation_id, title)
        return True

    def set_untitled(self, untitled: str) -> None:
        """What an untitled chat is called, in the language chosen now."""
        self._untitled = untitled
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

    @property
    def untitled(self) -> str:
        return self._untitled

    def bot_changed(self, bot_id: str, name: str) -> None:
        """A bot's details arrived: its chats' rows show its picture and `name` ("" = not known, kept)."""
        self._avatars.pop(bot_id, None)
        for number, row in enumerate(self._rows):
            if row.bot_id == bot_id:
                if name and name != row.bot_name:
                    self._rows[number] = replace(row, bot_name=name)
                index = self.index(number)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole, Role.BOT_NAME, Role.SPEAKER])

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted:
            return
        raw = self._loader(PAGE_SIZE, len(self._rows))
        known = {row.id for row in self._rows} | self.hidden
        page = [row for row in raw if row.id not in known]
        if len(raw) < PAGE_SIZE:
            self._exhausted = True
        if page:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()

    # -- ours -------------------------------------------------------------------------------------

    def reload(self) -> None:
        """Re-read as many rows as are loaded (at least one page): order and previews change often."""
        count = max(PAGE_SIZE, len(self._rows))
        raw = self._loader(count, 0)
        self.beginResetModel()
        self._rows = [row for row in raw if row.id not in self.hidden]
        self._exhausted = len(raw) < count
        self.endResetModel()

    def row_of(self, conversation_id: int) -> int:
        for row, summary in enumerate(self._rows):
            if summary.id == conversation_id:
                return row
        return -1

    def id_at(self, row: int) -> int | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def summary(self, conversation_id: int) -> ConversationSummary | None:
        row = self.row_of(conversation_id)
        return self._rows[row] if row >= 0 else None

    def set_busy(self, conversation_id: int, busy: bool) -> None:
        if busy:
            self._busy.add(conversation_id)
        else:
            self._busy.discard(conversation_id)
        row = self.row_of(conversation_id)
        if row >= 0:
            index = self.index(row)
            self.dataChanged.emit(index, index, [Role.BUSY])
