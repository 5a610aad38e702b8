"""Export the history as JSON (lossless, re-importable); Markdown is in markdown.py, import in importer.py.

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
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TextIO

from desktop.core.store.models import BotRecord, Conversation, Message, NotFoundError
from desktop.core.store.transfer.format import EXPORT_FORMAT, EXPORT_VERSION

if TYPE_CHECKING:
    from desktop.core.store.store import Store


def conversations_of(store: Store, conversation_id: int | None) -> Iterator[Conversation]:
    """One conversation (NotFoundError if it does not exist) or all of them, oldest first."""
    if conversation_id is not None:
        conversation = store.conversations.get(conversation_id)
        if conversation is None:
            raise NotFoundError(f"conversation {conversation_id} not found")
        yield conversation
        return
    for cid in store.conversations.ids():
        found = store.conversations.get(cid)
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
        "follow_ups": store.conversations.follow_ups(conversation.id),
        "messages": [_message_json(m) for m in store.messages.all(conversation.id)],
        # A chatflow's (bot_id holds its workflow id): where it runs. Bot conversations stay as they were.
        **(
            {"app_id": conversation.app_id, "host_bot_id": conversation.host_bot_id} if conversation.is_chatflow else {}
        ),
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
    bots = [b for b in store.bots.all() if bot_ids is None or b.bot_id in bot_ids]
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "bots": [_bot_json(b) for b in bots],
    }


def export_json(store: Store, conversation_id: int | None = None) -> dict[str, Any]:
    """The whole history (or one conversation) as the export document; NotFoundError for a bad id."""
    conversations = [_conversation_json(store, c) for c in conversations_of(store, conversation_id)]
    bot_ids = None if conversation_id is None else {c["bot_id"] for c in conversations}
    return {**_header(store, bot_ids), "conversations": conversations}


def write_json(store: Store, out: TextIO, conversation_id: int | None = None) -> None:
    """`export_json` written to `out` one conversation at a time (a large history never sits in memory)."""
    conversations: Iterator[Conversation] | list[Conversation]
    if conversation_id is None:
        conversations, bot_ids = conversations_of(store, None), None
    else:  # raises NotFoundError before anything is written
        conversations = list(conversations_of(store, conversation_id))
        bot_ids = {c.bot_id for c in conversations}
    header = json.dumps(_header(store, bot_ids), ensure_ascii=False)
    out.write(header[:-1] + ', "conversations": [')
    separator = "\n"
    for conversation in conversations:
        out.write(separator + json.dumps(_conversation_json(store, conversation), ensure_ascii=False))
        separator = ",\n"
    out.write("\n]}\n")
