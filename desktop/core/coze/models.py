"""Typed results of the Coze API, built from the wire JSON.

Parsing is lenient about missing fields and extra fields (Coze adds fields over time) but strict
about types: a field of the wrong type falls back to its default instead of raising deep inside a UI.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from desktop.core.coze.shortcuts import ShortcutCommand, parse_commands
from desktop.core.timestamps import MAX_SECONDS, epoch_seconds

_INT64 = 2**63  # what SQLite stores: a larger count from a broken server is unknown (the default)


def _str(data: dict[str, Any], key: str, default: str = "") -> str:
    return _text(data.get(key, default), default)


def _text(value: Any, default: str = "") -> str:
    """A string field's value: strings as they are, None as `default`, anything else as str()."""
    if value.__class__ is str:
        return value
    if value is None:
        return default
    return value if isinstance(value, str) else str(value)


def _int(data: dict[str, Any], key: str, default: int = 0) -> int:
    value = data.get(key, default)
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):  # OverflowError: JSON's Infinity
        return default
    return number if -_INT64 <= number < _INT64 else default


def _seconds(data: dict[str, Any], key: str) -> int:
    """A timestamp field in seconds (ms, µs and nonsense read by `epoch_seconds`; 0 when unknown)."""
    return epoch_seconds(data.get(key))


@dataclass(slots=True, frozen=True)
class Usage:
    token_count: int = 0
    output_count: int = 0
    input_count: int = 0

    @classmethod
    def from_json(cls, data: Any) -> Usage:
        if not isinstance(data, dict):
            return cls()
        return cls(_int(data, "token_count"), _int(data, "output_count"), _int(data, "input_count"))


@dataclass(slots=True)
class ChatInfo:
    """A Coze chat (one question and its answers): the data of `conversation.chat.*` events."""

    id: str
    conversation_id: str
    bot_id: str = ""
    status: str = ""
    created_at: int = 0
    completed_at: int = 0
    last_error_code: int = 0
    last_error_msg: str = ""
    usage: Usage = field(default_factory=Usage)
    section_id: str = ""
    required_action: dict[str, Any] | None = None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ChatInfo:
        last_error = data.get("last_error") or {}
        if not isinstance(last_error, dict):
            last_error = {}
        required = data.get("required_action")
        return cls(
            id=_str(data, "id"),
            conversation_id=_str(data, "conversation_id"),
            bot_id=_str(data, "bot_id"),
            status=_str(data, "status"),
            created_at=_seconds(data, "created_at"),
            completed_at=_seconds(data, "completed_at"),
            last_error_code=_int(last_error, "code"),
            last_error_msg=_str(last_error, "msg"),
            usage=Usage.from_json(data.get("usage")),
            section_id=_str(data, "section_id"),
            required_action=required if isinstance(required, dict) else None,
        )


@dataclass(slots=True)
class ChatMessage:
    """A Coze message object: the data of `conversation.message.*` events and of message lists."""

    id: str
    conversation_id: str = ""
    bot_id: str = ""
    chat_id: str = ""
    role: str = ""
    type: str = ""
    content: str = ""
    content_type: str = "text"
    reasoning_content: str = ""
    section_id: str = ""
    created_at: int = 0
    meta_data: dict[str, str] | None = None  # a listed message's (coze-py `Message.meta_data`); None in streams

    @classmethod
    def listed(cls, data: dict[str, Any]) -> ChatMessage:
        """A message of a message list, with its meta_data (read only here: a stream's deltas never need it)."""
        message = cls.from_json(data)
        meta = data.get("meta_data")
        if meta and isinstance(meta, dict):
            message.meta_data = {str(k): str(v) for k, v in meta.items()}
        return message

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ChatMessage:
        # Built for every delta of a stream (tens of thousands per answer): one dict lookup per field
        # and, for the strings they nearly always are, a class check inline instead of a call.
        get = data.get
        i, conv, bot, chat = get("id"), get("conversation_id"), get("bot_id"), get("chat_id")
        role, kind, content = get("role"), get("type"), get("content")
        content_type, reasoning, section = get("content_type", "text"), get("reasoning_content"), get("section_id")
        created_at = get("created_at", 0)
        return cls(
            i if i.__class__ is str else _text(i),
            conv if conv.__class__ is str else _text(conv),
            bot if bot.__class__ is str else _text(bot),
            chat if chat.__class__ is str else _text(chat),
            role if role.__class__ is str else _text(role),
            kind if kind.__class__ is str else _text(kind),
            content if content.__class__ is str else _text(content),
            content_type if content_type.__class__ is str else _text(content_type, "text"),
            reasoning if reasoning.__class__ is str else _text(reasoning),
            section if section.__class__ is str else _text(section),
            created_at if created_at.__class__ is int and 0 <= created_at < MAX_SECONDS else epoch_seconds(created_at),
        )


@dataclass(slots=True, frozen=True)
class BotInfo:
    bot_id: str
    name: str
    description: str = ""
    icon_url: str = ""
    prologue: str = ""
    suggested_questions: tuple[str, ...] = ()
    version: str = ""
    shortcut_commands: tuple[ShortcutCommand, ...] = ()

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> BotInfo:
        onboarding = data.get("onboarding_info") or {}
        if not isinstance(onboarding, dict):
            onboarding = {}
        questions = onboarding.get("suggested_questions") or []
        return cls(
            bot_id=_str(data, "bot_id"),
            name=_str(data, "name"),
            description=_str(data, "description"),
            icon_url=_str(data, "icon_url"),
            prologue=_str(onboarding, "prologue"),
            suggested_questions=tuple(str(q) for q in questions if isinstance(q, str | int)),
            version=_str(data, "version"),
            shortcut_commands=parse_commands(data.get("shortcut_commands")),
        )


@dataclass(slots=True, frozen=True)
class Conversation:
    id: str
    created_at: int = 0
    name: str = ""
    last_section_id: str = ""
    meta_data: dict[str, str] = field(default_factory=dict)
    updated_at: int = 0
    connector_id: str = ""

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Conversation:
        meta = data.get("meta_data") or {}
        return cls(
            id=_str(data, "id"),
            created_at=_seconds(data, "created_at"),
            name=_str(data, "name"),
            last_section_id=_str(data, "last_section_id"),
            meta_data={str(k): str(v) for k, v in meta.items()} if isinstance(meta, dict) else {},
            updated_at=_seconds(data, "updated_at"),
            connector_id=_str(data, "connector_id"),
        )


@dataclass(slots=True, frozen=True)
class MessagePage:
    messages: list[ChatMessage]
    first_id: str
    last_id: str
    has_more: bool


@dataclass(slots=True, frozen=True)
class ConversationPage:
    conversations: list[Conversation]
    has_more: bool
