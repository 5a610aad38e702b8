"""The records the store hands out: frozen dataclasses, plus the message types (roles and states are in
desktop.core.vocabulary)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field

from desktop.core.vocabulary import MessageStatus, Role

# Coze message types; the store accepts others too (Coze adds types over time), these are the known ones.
TYPE_QUESTION = "question"
TYPE_ANSWER = "answer"
MESSAGE_TYPES = frozenset(
    {TYPE_QUESTION, TYPE_ANSWER, "follow_up", "verbose", "function_call", "tool_output", "tool_response"}
)
# The types a human reads as the conversation (previews, Markdown export); the rest is machinery.
DIALOGUE_TYPES = (TYPE_QUESTION, TYPE_ANSWER)
# What a conversation talks to (`conversations.target_kind`).
TARGET_BOT = "bot"
TARGET_CHATFLOW = "chatflow"


# The most bytes of a single text field an import file may hold.
MAX_TEXT_BYTES = 10 * 1024 * 1024


class StoreError(Exception):
    """The store cannot do what was asked (unknown id, bad value, a database from a newer app...)."""


class UnsavedError(StoreError):
    """A write that did not happen for a reason that may pass (a full disk, a busy history): nothing of it
    was saved, so whoever holds what was to be written keeps it and may try again later."""


class DiskFullError(UnsavedError):
    """The disk (or the database's size limit) is full: the write did not happen, nothing was saved."""


class StoreBusyError(UnsavedError):
    """Another process held the history's write lock longer than the busy timeout ("database is
    locked"): the write did not happen, nothing was saved."""


class ReadOnlyStoreError(StoreError):
    """The history is open read-only (a read-only profile): nothing can be written to it."""


class NotFoundError(StoreError, LookupError):
    """A conversation or message id that does not exist."""


@dataclass(frozen=True, slots=True)
class BotRecord:
    bot_id: str
    name: str = ""
    description: str = ""
    icon_url: str = ""
    prologue: str = ""
    suggested_questions: tuple[str, ...] = ()
    updated_at: float = 0.0
    shortcut_commands: str = "[]"  # Coze's shortcut_commands, JSON as Coze sent them (desktop.core.coze.shortcuts)


@dataclass(frozen=True, slots=True)
class Conversation:
    id: int
    title: str
    bot_id: str
    coze_conversation_id: str | None
    created_at: float
    updated_at: float
    pinned: bool = False
    archived: bool = False
    title_is_auto: bool = False
    target_kind: str = "bot"  # "chatflow": `bot_id` holds the workflow id, run in `app_id` or `host_bot_id`
    app_id: str | None = None
    host_bot_id: str | None = None

    @property
    def is_chatflow(self) -> bool:
        return self.target_kind == TARGET_CHATFLOW


@dataclass(frozen=True, slots=True)
class ConversationSummary:
    """A row of the conversation list: the conversation plus what the list shows of its last message."""

    id: int
    title: str
    bot_id: str
    bot_name: str | None
    updated_at: float
    pinned: bool
    archived: bool
    last_message_preview: str
    last_message_role: Role | None
    last_message_status: MessageStatus | None = None  # a failed or cut-off last answer says so in the list
    local_only: bool = False  # not linked to a conversation on Coze: it lives only on this computer


@dataclass(frozen=True, slots=True)
class MessageError:
    code: int | None = None
    msg: str = ""
    logid: str | None = None
    kind: str | None = None  # an ErrorKind value (desktop.core.coze.errors), when known


@dataclass(frozen=True, slots=True)
class Message:
    id: int
    conversation_id: int
    role: Role
    type: str
    content: str
    content_type: str = "text"
    reasoning_content: str = ""
    coze_message_id: str | None = None
    coze_chat_id: str | None = None
    status: MessageStatus = MessageStatus.COMPLETE
    error: MessageError | None = None
    input_tokens: int | None = None
    output_tokens: int | None = None
    created_at: float = 0.0
    updated_at: float = 0.0
    debug_url: str | None = None  # a chatflow answer's run, for the bot's author
    feedback: str | None = None  # the user's rating sent to Coze, JSON (see desktop.core.store.coze_links.Feedback)
    shortcut: str | None = None  # the shortcut command a question was sent with, JSON (desktop.core.coze.shortcuts)


@dataclass(frozen=True, slots=True)
class NewMessage:
    """A message to store: everything but what the store assigns (id, conversation, updated_at).

    `created_at` None means now. `usage` is (input_tokens, output_tokens).
    """

    role: str
    type: str
    content: str = ""
    content_type: str = "text"
    reasoning_content: str = ""
    status: str = MessageStatus.COMPLETE
    error: MessageError | None = None
    usage: tuple[int | None, int | None] | None = None
    coze_message_id: str | None = None
    coze_chat_id: str | None = None
    created_at: float | None = None
    shortcut: str | None = (
        None  # a question sent with a shortcut command: ShortcutUse JSON (desktop.core.coze.shortcuts)
    )


@dataclass(frozen=True, slots=True)
class MessageKeys:
    """What tells the messages of one conversation apart across profiles: their Coze ids, and
    (role, created_at, content) for those without one. Import skips a message matching either."""

    coze_ids: frozenset[str]
    contents: frozenset[tuple[str, float, str]]


@dataclass(frozen=True, slots=True)
class ConversationIdentity:
    """What tells a stored conversation apart across profiles (see the import's merge rules)."""

    id: int
    coze_conversation_id: str | None
    created_at: float
    title: str
    bot_id: str


@dataclass(frozen=True, slots=True)
class SearchHit:
    conversation_id: int
    conversation_title: str
    message_id: int
    role: Role
    snippet: str
    created_at: float


@dataclass(frozen=True, slots=True)
class ImportResult:
    conversations_added: int = 0
    messages_added: int = 0
    skipped_duplicates: int = 0
    conversation_ids: tuple[int, ...] = field(default=(), compare=False)


# --- row converters (column lists are kept next to the converters so they cannot drift apart) ---

CONVERSATION_COLUMNS = (
    "id, title, bot_id, coze_conversation_id, created_at, updated_at, pinned, archived, title_is_auto, "
    "target_kind, app_id, host_bot_id"
)


def conversation_from_row(row: sqlite3.Row) -> Conversation:
    return Conversation(
        id=row["id"],
        title=row["title"],
        bot_id=row["bot_id"],
        coze_conversation_id=row["coze_conversation_id"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        pinned=bool(row["pinned"]),
        archived=bool(row["archived"]),
        title_is_auto=bool(row["title_is_auto"]),
        target_kind=row["target_kind"],
        app_id=row["app_id"],
        host_bot_id=row["host_bot_id"],
    )


MESSAGE_COLUMNS = (
    "id, conversation_id, role, type, content, content_type, reasoning_content, coze_message_id, "
    "coze_chat_id, status, error_code, error_msg, error_logid, input_tokens, output_tokens, "
    "created_at, updated_at, error_kind, debug_url, feedback, shortcut"
)


def message_from_row(row: sqlite3.Row) -> Message:
    error = None
    if row["error_code"] is not None or row["error_msg"] is not None or row["error_logid"] is not None:
        error = MessageError(row["error_code"], row["error_msg"] or "", row["error_logid"], row["error_kind"])
    return Message(
        id=row["id"],
        conversation_id=row["conversation_id"],
        role=Role(row["role"]),
        type=row["type"],
        content=row["content"],
        content_type=row["content_type"],
        reasoning_content=row["reasoning_content"],
        coze_message_id=row["coze_message_id"],
        coze_chat_id=row["coze_chat_id"],
        status=MessageStatus(row["status"]),
        error=error,
        input_tokens=row["input_tokens"],
        output_tokens=row["output_tokens"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        debug_url=row["debug_url"],
        feedback=row["feedback"],
        shortcut=row["shortcut"],
    )


def bot_from_row(row: sqlite3.Row) -> BotRecord:
    try:
        questions = json.loads(row["suggested_questions"] or "[]")
    except ValueError:
        questions = []
    if not isinstance(questions, list):
        questions = []
    return BotRecord(
        bot_id=row["bot_id"],
        name=row["name"],
        description=row["description"],
        icon_url=row["icon_url"],
        prologue=row["prologue"],
        suggested_questions=tuple(q for q in questions if isinstance(q, str)),
        updated_at=row["updated_at"],
        shortcut_commands=row["shortcut_commands"] or "[]",
    )
