"""Export the history as JSON (lossless, re-importable) or Markdown (for reading); import lives in
`importer.py` and is re-exported here.

JSON layout (version 1)::

    {"format": "coze-desktop-export", "version": 1, "exported_at": "2025-01-31T12:00:00Z",
     "bots": [{"bot_id", "name", "description", "icon_url", "prologue", "suggested_questions"}],
     "conversations": [{"id", "title", "bot_id", "coze_conversation_id", "created_at", "updated_at",
        "pinned", "archived", "follow_ups",
        "messages": [{"role", "type", "content", "content_type", "reasoning_content", "status",
                      "error": {"code", "msg", "logid"} | null, "coze_message_id", "coze_chat_id",
                      "usage": {"input_tokens", "output_tokens"} | null, "created_at"}]}]}

Times are float Unix seconds except `exported_at`. "bots", "archived", "follow_ups", "coze_chat_id"
and "usage" are optional on import.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TextIO

from desktop.core.store.importer import (
    EXPORT_FORMAT,
    EXPORT_VERSION,
    InvalidExportFile,
    import_json,
    load_export,
)
from desktop.core.store.models import (
    DIALOGUE_TYPES,
    BotRecord,
    Conversation,
    Message,
    NotFoundError,
)
from desktop.core.vocabulary import MessageStatus, Role

if TYPE_CHECKING:
    from desktop.core.store.store import Store

__all__ = [
    "EXPORT_FORMAT",
    "EXPORT_VERSION",
    "InvalidExportFile",
    "export_json",
    "export_markdown",
    "import_json",
    "load_export",
    "write_json",
    "write_markdown",
]


def _conversations(store: Store, conversation_id: int | None) -> Iterator[Conversation]:
    if conversation_id is not None:
        conversation = store.get_conversation(conversation_id)
        if conversation is None:
            raise NotFoundError(f"conversation {conversation_id} not found")
        yield conversation
        return
    ids = [row[0] for row in store.connection.execute("SELECT id FROM conversations ORDER BY id")]
    for cid in ids:
        found = store.get_conversation(cid)
        if found is not None:
            yield found


def _message_json(message: Message) -> dict[str, Any]:
    error = message.error
    usage = None
    if message.input_tokens is not None or message.output_tokens is not None:
        usage = {"input_tokens": message.input_tokens, "output_tokens": message.output_tokens}
    return {
        "role": message.role,
        "type": message.type,
        "content": message.content,
        "content_type": message.content_type,
        "reasoning_content": message.reasoning_content,
        "status": message.status,
        "error": None
        if error is None
        else {"code": error.code, "msg": error.msg, "logid": error.logid, "kind": error.kind},
        "coze_message_id": message.coze_message_id,
        "coze_chat_id": message.coze_chat_id,
        "usage": usage,
        "created_at": message.created_at,
    }


def _conversation_json(store: Store, conversation: Conversation) -> dict[str, Any]:
    return {
        "id": conversation.id,
        "title": conversation.title,
        "bot_id": conversation.bot_id,
        "coze_conversation_id": conversation.coze_conversation_id,
        "created_at": conversation.created_at,
        "updated_at": conversation.updated_at,
        "pinned": conversation.pinned,
        "archived": conversation.archived,
        "follow_ups": store.get_follow_ups(conversation.id),
        "messages": [_message_json(m) for m in store.all_messages(conversation.id)],
    }


def _bot_json(bot: BotRecord) -> dict[str, Any]:
    return {
        "bot_id": bot.bot_id,
        "name": bot.name,
        "description": bot.description,
        "icon_url": bot.icon_url,
        "prologue": bot.prologue,
        "suggested_questions": list(bot.suggested_questions),
    }


def _header(store: Store, bot_ids: set[str] | None) -> dict[str, Any]:
    bots = [b for b in store.list_bots() if bot_ids is None or b.bot_id in bot_ids]
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "bots": [_bot_json(b) for b in bots],
    }


def export_json(store: Store, conversation_id: int | None = None) -> dict[str, Any]:
    """The whole history (or one conversation) as the export document; NotFoundError for a bad id."""
    conversations = [_conversation_json(store, c) for c in _conversations(store, conversation_id)]
    bot_ids = None if conversation_id is None else {c["bot_id"] for c in conversations}
    return {**_header(store, bot_ids), "conversations": conversations}


def write_json(store: Store, out: TextIO, conversation_id: int | None = None) -> None:
    """`export_json` written to `out` one conversation at a time (a large history never sits in memory)."""
    conversations: Iterator[Conversation] | list[Conversation]
    if conversation_id is None:
        conversations, bot_ids = _conversations(store, None), None
    else:  # raises NotFoundError before anything is written
        conversations = list(_conversations(store, conversation_id))
        bot_ids = {c.bot_id for c in conversations}
    header = json.dumps(_header(store, bot_ids), ensure_ascii=False)
    out.write(header[:-1] + ', "conversations": [')
    separator = "\n"
    for conversation in conversations:
        out.write(separator + json.dumps(_conversation_json(store, conversation), ensure_ascii=False))
        separator = ",\n"
    out.write("\n]}\n")


# --- Markdown ---

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def close_open_fence(text: str) -> str:
    """`text` plus a closing fence if it ends inside a code block (an interrupted answer often does),
    so the rest of the document is not swallowed by the open block. The text itself is kept as is."""
    open_fence: str | None = None
    for line in text.splitlines():
        match = _FENCE.match(line)
        if match is None:
            continue
        fence = match.group(1)
        if open_fence is None:
            open_fence = fence
        elif fence[0] == open_fence[0] and len(fence) >= len(open_fence) and not line.strip()[len(fence) :]:
            open_fence = None
    if open_fence is None:
        return text
    return text + ("" if text.endswith("\n") else "\n") + open_fence


def _when(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp).astimezone().strftime("%Y-%m-%d %H:%M")


def _status_note(message: Message) -> str:
    if message.status == MessageStatus.INTERRUPTED:
        note = "answer interrupted"
    elif message.status == MessageStatus.CANCELLED:
        note = "stopped by the user"
    elif message.status == MessageStatus.STREAMING:
        note = "answer still streaming when exported"
    elif message.status == MessageStatus.FAILED:
        note = "failed"
        if message.error is not None:
            detail = [message.error.msg] if message.error.msg else []
            if message.error.code is not None:
                detail.append(f"code {message.error.code}")
            if message.error.logid:
                detail.append(f"logid {message.error.logid}")
            if detail:
                note += ": " + ", ".join(detail)
    else:
        return ""
    return f"> *⚠ {note}*"


def _markdown_conversation(store: Store, conversation: Conversation) -> str:
    bot = store.get_bot(conversation.bot_id)
    bot_name = bot.name if bot is not None and bot.name else "Bot"
    parts = [
        f"# {conversation.title or 'Untitled conversation'}",
        f"*{_when(conversation.created_at)} · {bot_name}* (bot `{conversation.bot_id}`)",
    ]
    for message in store.all_messages(conversation.id):
        if message.type not in DIALOGUE_TYPES:
            continue
        speaker = "You" if message.role == Role.USER else bot_name
        parts.append(f"**{speaker}** · {_when(message.created_at)}")
        if message.reasoning_content.strip():
            parts.append("\n".join("> " + line for line in message.reasoning_content.strip().splitlines()))
        if message.content:
            parts.append(close_open_fence(message.content.rstrip("\n")))
        note = _status_note(message)
        if note:
            parts.append(note)
    return "\n\n".join(parts) + "\n"


def write_markdown(store: Store, out: TextIO, conversation_id: int | None = None) -> None:
    separator = ""
    for conversation in _conversations(store, conversation_id):
        out.write(separator + _markdown_conversation(store, conversation))
        separator = "\n---\n\n"


def export_markdown(store: Store, conversation_id: int | None = None) -> str:
    """The history (or one conversation) as Markdown: a `# title` per conversation, speaker labels,
    message text verbatim, a note under answers that did not complete."""
    parts = [_markdown_conversation(store, c) for c in _conversations(store, conversation_id)]
    return "\n---\n\n".join(parts)
