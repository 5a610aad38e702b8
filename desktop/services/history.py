"""HistoryService: the window's door to the local history. Widgets never touch the store (or SQL);
they ask this service, which reads and writes the store on the GUI thread and says what changed.

Signals:
    conversationsChanged()        the list's order, titles or previews changed
    conversationDeleted(int)
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktop.core.store import (
    BotRecord,
    Conversation,
    ConversationSummary,
    ImportResult,
    Message,
    SearchHit,
    Store,
    export_json,
    export_markdown,
    import_json,
)

SEARCH_LIMIT = 100


class HistoryService(QObject):
    conversationsChanged = Signal()
    conversationDeleted = Signal(int)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store

    @property
    def store(self) -> Store:
        return self._store

    # -- reading ----------------------------------------------------------------------------------

    def conversations(self, limit: int, offset: int) -> list[ConversationSummary]:
        return self._store.list_conversations(limit=limit, offset=offset)

    def conversation(self, conversation_id: int) -> Conversation | None:
        return self._store.get_conversation(conversation_id)

    def messages(self, conversation_id: int, limit: int = 100, before_id: int | None = None) -> list[Message]:
        """A page of a conversation's question/answer messages, oldest first, ending before `before_id`."""
        page = self._store.list_messages(conversation_id, limit=limit, before_id=before_id)
        return [m for m in page if m.type in ("question", "answer")]

    def message(self, message_id: int) -> Message | None:
        return self._store.get_message(message_id)

    def follow_ups(self, conversation_id: int) -> list[str]:
        return self._store.get_follow_ups(conversation_id)

    def search(self, query: str, markers: tuple[str, str]) -> list[SearchHit]:
        return self._store.search(query, limit=SEARCH_LIMIT, markers=markers)

    def bot(self, bot_id: str) -> BotRecord | None:
        return self._store.get_bot(bot_id)

    def bots(self) -> list[BotRecord]:
        return self._store.list_bots()

    # -- writing ----------------------------------------------------------------------------------

    def create_conversation(self, bot_id: str) -> Conversation:
        conversation = self._store.create_conversation(bot_id)
        self.conversationsChanged.emit()
        return conversation

    def rename(self, conversation_id: int, title: str) -> None:
        self._store.rename_conversation(conversation_id, title)
        self.conversationsChanged.emit()

    def set_pinned(self, conversation_id: int, pinned: bool) -> None:
        self._store.set_pinned(conversation_id, pinned)
        self.conversationsChanged.emit()

    def delete(self, conversation_id: int) -> None:
        self._store.delete_conversation(conversation_id)
        self.conversationDeleted.emit(conversation_id)
        self.conversationsChanged.emit()

    def save_bot(self, bot: BotRecord) -> None:
        self._store.upsert_bot(bot)

    # -- export / import --------------------------------------------------------------------------

    def export_to(self, path: Path, conversation_id: int | None, fmt: str) -> None:
        """Write one conversation (or all) as Markdown ("md") or JSON ("json"), atomically."""
        if fmt == "md":
            text = export_markdown(self._store, conversation_id)
        else:
            text = json.dumps(export_json(self._store, conversation_id), ensure_ascii=False, indent=2)
        tmp = path.with_name(path.name + ".part")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)

    def import_from(self, path: Path) -> ImportResult:
        """Raises InvalidExportFile (a ValueError with a one-line reason) and changes nothing on bad input."""
        result = import_json(self._store, path.read_bytes())
        self.conversationsChanged.emit()
        return result
