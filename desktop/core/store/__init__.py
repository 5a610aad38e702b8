"""The local chat history: conversations, messages and bots in one SQLite file per profile.

Qt-free (stdlib sqlite3). Start with `Store.open(profile.database_path)` and use its parts
(`store.conversations`, `store.messages`, `store.bots`, `store.search`); stream answers into it
through `AnswerBuffer`; export and import with `desktop.core.store.transfer`.
"""

from desktop.core.store.answer_buffer import AnswerBuffer
from desktop.core.store.db import CorruptDatabaseError
from desktop.core.store.migrations import LATEST_VERSION, NewerDatabaseError
from desktop.core.store.models import (
    BotRecord,
    Conversation,
    ConversationSummary,
    ImportResult,
    Message,
    MessageError,
    NewMessage,
    NotFoundError,
    SearchHit,
    StoreError,
)
from desktop.core.store.store import Store
from desktop.core.store.transfer.format import InvalidExportFile

__all__ = [
    "LATEST_VERSION",
    "AnswerBuffer",
    "BotRecord",
    "Conversation",
    "ConversationSummary",
    "CorruptDatabaseError",
    "ImportResult",
    "InvalidExportFile",
    "Message",
    "MessageError",
    "NewMessage",
    "NewerDatabaseError",
    "NotFoundError",
    "SearchHit",
    "Store",
    "StoreError",
]
