"""Export the history as JSON (lossless, re-importable); Markdown is in markdown.py, import in importer.py.

JSON layout (version 1)::

    {"format": "coze-desktop-export", "version": 1, "demo_ids_version": 1, "exported_at": "2025-01-31T12:00:00Z",
     "bots": [{"bot_id", "name", "description", "icon_url", "prologue", "suggested_questions"}],
     "conversations": [{"id", "title", "bot_id", "coze_conversation_id", "created_at", "updated_at",
        "pinned", "archived", "follow_ups",
        "messages": [{"role", "type", "content", "content_type", "reasoning_content", "status",
                      "error": {"code", "msg", "logid"} | null, "coze_message_id", "coze_chat_id",
                      "usage": {"input_tokens", "output_tokens"} | null, "created_at",
                      "versions": [{"question", "question_content_type", "content", "content_type",
                                    "reasoning_content", "status", "error", "coze_message_id",
                                    "coze_chat_id", "usage", "created_at", "updated_at"}]}]}]}

Times are float Unix seconds except `exported_at`. "bots", "archived", "follow_ups", "coze_chat_id",
"usage" and "versions" are optional on import. "versions" (answers only) are the earlier versions of a
regenerated answer, oldest first, each with the question as it was asked then; the message itself is
the version shown.
"""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TextIO

from desktop.core.store.models import BotRecord, Conversation, Message
from desktop.core.store.transfer.attachments import attachments_json
from desktop.core.store.transfer.format import DEMO_IDS_KEY, EXPORT_FORMAT, EXPORT_VERSION
from desktop.core.store.transfer.progress import Progress, no_progress
from desktop.core.store.transfer.walk import conversation_ids, walk
from desktop.core.store.versions import AnswerVersion
from desktop.core.timestamps import plausible_seconds
from desktop.core.vocabulary import Role

if TYPE_CHECKING:
    from desktop.core.store.store import Store


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
        "created_at": plausible_seconds(message.created_at),
    }


def _version_json(version: AnswerVersion) -> dict[str, Any]:
    """An earlier version of an answer: the question as asked then, and the answer's fields."""
    answer = {k: v for k, v in _message_json(version.answer).items() if k not in ("role", "type")}
    return {
        "question": version.question,
        "question_content_type": version.question_content_type,
        **answer,
        "updated_at": plausible_seconds(version.answer.updated_at),
    }


def _conversation_json(store: Store, conversation: Conversation) -> dict[str, Any]:
    """A conversation's fields, without its messages."""
    return {
        "id": conversation.id,
        "title": conversation.title,
        "bot_id": conversation.bot_id,
        "coze_conversation_id": conversation.coze_conversation_id,
        "created_at": plausible_seconds(conversation.created_at),
        "updated_at": plausible_seconds(conversation.updated_at),
        "pinned": conversation.pinned,
        "archived": conversation.archived,
        "follow_ups": store.conversations.follow_ups(conversation.id),
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
        DEMO_IDS_KEY: 1,
        "exported_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "bots": [_bot_json(b) for b in bots],
    }


def export_json(store: Store, conversation_id: int | None = None) -> dict[str, Any]:
    """The whole history (or one conversation) as the export document; NotFoundError for a bad id."""
    document: dict[str, Any] = json.loads(_write_to_string(store, conversation_id))
    return document


def _write_to_string(store: Store, conversation_id: int | None) -> str:
    out = io.StringIO()
    write_json(store, out, conversation_id)
    return out.getvalue()


class JsonWriter:
    """A `ChatWriter` writing the "conversations" list of the export, one message at a time."""

    def __init__(self, store: Store, out: TextIO) -> None:
        self._store = store
        self._out = out
        self._separator = "\n"
        self._message_separator = ""

    def conversation(self, conversation: Conversation, bot_name: str) -> None:
        head = json.dumps(_conversation_json(self._store, conversation), ensure_ascii=False)
        self._out.write(self._separator + head[:-1] + ', "messages": [')
        self._separator = ",\n"
        self._message_separator = ""

    def message(self, message: Message, earlier: Sequence[AnswerVersion] = ()) -> None:
        data = _message_json(message)
        if message.shortcut:  # the shortcut command a question was sent with
            data["shortcut"] = json.loads(message.shortcut)
        files = attachments_json(self._store, message) if message.role == Role.USER else []
        if files:  # referenced by SHA-256, the name of each file's local copy
            data["attachments"] = files
        if earlier:
            data["versions"] = [_version_json(v) for v in earlier]
        self._out.write(self._message_separator + json.dumps(data, ensure_ascii=False))
        self._message_separator = ", "

    def conversation_done(self) -> None:
        self._out.write("]}")


def write_json(store: Store, out: TextIO, conversation_id: int | None = None, progress: Progress = no_progress) -> None:
    """The export document written to `out` one message at a time (a large history never sits in
    memory); NotFoundError for a bad id, before anything is written."""
    ids = conversation_ids(store, conversation_id)
    bot_ids = None
    if conversation_id is not None:
        bot_ids = {c.bot_id for cid in ids if (c := store.conversations.get(cid)) is not None}
    header = json.dumps(_header(store, bot_ids), ensure_ascii=False)
    out.write(header[:-1] + ', "conversations": [')
    walk(store, conversation_id, JsonWriter(store, out), progress, dialogue_only=False)
    out.write("\n]}\n")
