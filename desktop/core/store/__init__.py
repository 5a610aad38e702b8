"""The local chat history: conversations, messages and bots in one SQLite file per profile.

Qt-free (stdlib sqlite3). Start with `Store.open(profile.database_path)`; stream answers into it
through `AnswerBuffer`; export and import with `desktop.core.store.export`.
"""

from desktop.core.store.answer_buffer import AnswerBuffer
from desktop.core.store.db import CorruptDatabaseError
from desktop.core.store.export import (
    InvalidExportFile,
    export_json,
    export_markdown,
    import_json,
    load_export,
    write_json,
    write_markdown,
)
from desktop.core.store.migrations import LATEST_VERSION, NewerDatabaseError
from desktop.core.store.models import (
    BotRecord,
    Conversation,
    ConversationSummary,
    ImportResult,
    Message,
    MessageError,
    NotFoundError,
    SearchHit,
    StoreError,
)
from desktop.core.store.store import Store

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
    "NewerDatabaseError",
    "NotFoundError",
    "SearchHit",
    "Store",
    "StoreError",
    "export_json",
    "export_markdown",
    "import_json",
    "load_export",
    "write_json",
    "write_markdown",
]
