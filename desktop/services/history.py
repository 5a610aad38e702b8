"""HistoryService: the window's door to the local history. Widgets never touch the store (or SQL).

Reads go straight to the store's parts it hands out (`conversations`, `search`); what changes the
list goes through this service, which writes on the GUI thread and says what changed.

Signals:
    conversationsChanged()        the list's order, titles or previews changed
    conversationDeleted(int)
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from desktop.core.attachments.copies import LocalCopies
from desktop.core.chat.targets import parse_key
from desktop.core.files import atomic_write
from desktop.core.store import Conversation, ImportResult, Message, SearchHit, Store
from desktop.core.store.coze_links import TYPE_CONTEXT_BREAK, divider
from desktop.core.store.models import DIALOGUE_TYPES
from desktop.core.store.transfer import export_json, export_markdown, import_json

SEARCH_LIMIT = 100
SHOWN_TYPES = (*DIALOGUE_TYPES, TYPE_CONTEXT_BREAK)  # what the chat view shows: the dialogue and its dividers


class HistoryService(QObject):
    conversationsChanged = Signal()
    conversationDeleted = Signal(int)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.copies: LocalCopies | None = None  # kept attachments (set by the app)
        self._store = store
        self.conversations = store.conversations  # reads: get, page, follow_ups

    # -- reading ----------------------------------------------------------------------------------

    def messages(self, conversation_id: int, limit: int = 100, before_id: int | None = None) -> list[Message]:
        """A page of a conversation's questions, answers and dividers, oldest first, ending before `before_id`."""
        page = self._store.messages.page(conversation_id, limit=limit, before_id=before_id)
        return [m for m in page if m.type in SHOWN_TYPES]

    def search(self, query: str, markers: tuple[str, str]) -> list[SearchHit]:
        return self._store.search.find(query, limit=SEARCH_LIMIT, markers=markers)

    # -- writing ----------------------------------------------------------------------------------

    def create_conversation(self, bot_id: str) -> Conversation:
        """A new conversation with a bot, or with a chatflow (`bot_id` a key of desktop.core.chat.targets)."""
        flow = parse_key(bot_id)
        if flow is None:
            conversation = self._store.conversations.create(bot_id)
        else:
            conversation = self._store.conversations.create(
                flow.workflow_id, app_id=flow.app_id or None, host_bot_id=flow.bot_id or None
            )
        self.conversationsChanged.emit()
        return conversation

    def rename(self, conversation_id: int, title: str) -> None:
        self._store.conversations.rename(conversation_id, title)
        self.conversationsChanged.emit()

    def set_pinned(self, conversation_id: int, pinned: bool) -> None:
        self._store.conversations.set_pinned(conversation_id, pinned)
        self.conversationsChanged.emit()

    def add_divider(self, conversation_id: int, section_id: str) -> Message:
        """Coze cleared the context: a divider row, and the new section (so the sync adds no second one)."""
        with self._store.transaction():
            message = self._store.messages.add(conversation_id, divider(section_id))
            self._store.coze.set_section(conversation_id, section_id)
        return message

    def delete(self, conversation_id: int) -> None:
        self._store.conversations.delete(conversation_id)
        if self.copies is not None:  # local copies of attachments no other question uses go too
            self.copies.delete_unused(self._store.messages.attachment_hashes())
        self.conversationDeleted.emit(conversation_id)
        self.conversationsChanged.emit()

    # -- export / import --------------------------------------------------------------------------

    def export_to(self, path: Path, conversation_id: int | None, fmt: str) -> None:
        """Write one conversation (or all) as Markdown ("md") or JSON ("json"), atomically."""
        if fmt == "md":
            text = export_markdown(self._store, conversation_id)
        else:
            text = json.dumps(export_json(self._store, conversation_id), ensure_ascii=False, indent=2)
        with atomic_write(path) as out:
            out.write(text)

    def import_from(self, path: Path) -> ImportResult:
        """Raises InvalidExportFile (a ValueError with a one-line reason) and changes nothing on bad input."""
        result = import_json(self._store, path.read_bytes())
        self.conversationsChanged.emit()
        return result
