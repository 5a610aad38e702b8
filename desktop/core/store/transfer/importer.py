"""Import of a JSON export (see export.py for the layout): validate everything, then merge in one go.

The whole file is checked before anything is written; any problem raises InvalidExportFile with a
one-line message naming the place (``conversations[2].messages[5].role: ...``) and the store is left
exactly as it was. The merge skips what is already there:

- a conversation is the same as a stored one if its coze_conversation_id matches, or else its
  created_at + title + bot_id do; its messages are then merged into the stored conversation;
- a message is the same as one in that conversation if its coze_message_id matches, or else its
  role + created_at + content do.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NoReturn

from desktop.core.store.base import MAX_TEXT_BYTES
from desktop.core.store.models import (
    BotRecord,
    ImportResult,
    MessageError,
)
from desktop.core.vocabulary import ROLES, STATUSES, MessageStatus

if TYPE_CHECKING:
    from desktop.core.store.store import Store

EXPORT_FORMAT = "coze-desktop-export"
EXPORT_VERSION = 1
MAX_ID_CHARS = 256
MAX_TIMESTAMP = 1e11  # year 5138: anything later is garbage, and datetime cannot show it


class InvalidExportFile(ValueError):
    """The data is not a valid export file; the message is one line for the user."""


@dataclass(frozen=True, slots=True)
class _Message:
    role: str
    type: str
    content: str
    content_type: str
    reasoning_content: str
    status: str
    error: MessageError | None
    coze_message_id: str | None
    coze_chat_id: str | None
    usage: tuple[int | None, int | None] | None
    created_at: float


@dataclass(frozen=True, slots=True)
class _Conversation:
    title: str
    bot_id: str
    coze_conversation_id: str | None
    created_at: float
    updated_at: float
    pinned: bool
    archived: bool
    follow_ups: tuple[str, ...]
    messages: tuple[_Message, ...]


# --- parsing ---


def _reject_constant(name: str) -> NoReturn:
    raise InvalidExportFile(f"not valid JSON: {name} is not allowed")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise InvalidExportFile(f"not valid JSON: duplicate key {key!r}")
        result[key] = value
    return result


def load_export(data: str | bytes) -> Any:
    """Parse the text of an export file (strict JSON: no NaN, no duplicate keys)."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InvalidExportFile(f"not UTF-8 text (byte {exc.start})") from None
    try:
        return json.loads(data, parse_constant=_reject_constant, object_pairs_hook=_unique_keys)
    except json.JSONDecodeError as exc:
        raise InvalidExportFile(f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except RecursionError:
        raise InvalidExportFile("not valid JSON: nested too deeply") from None


# --- validation ---


def _fail(where: str, problem: str) -> NoReturn:
    raise InvalidExportFile(f"{where}: {problem}" if where else problem)


def _field(obj: dict[str, Any], key: str, where: str, *, optional: bool = False, default: Any = None) -> Any:
    if key not in obj:
        if optional:
            return default
        _fail(where, f'missing field "{key}"')
    return obj[key]


def _text(value: Any, where: str, *, nullable: bool = False, max_chars: int | None = None) -> Any:
    if value is None and nullable:
        return None
    if not isinstance(value, str):
        _fail(where, "expected a string" + (" or null" if nullable else ""))
    if max_chars is not None and len(value) > max_chars:
        _fail(where, f"longer than {max_chars} characters")
    # A character is at most 4 UTF-8 bytes: only long strings need encoding to be measured.
    if len(value) * 4 > MAX_TEXT_BYTES and len(value.encode("utf-8", "surrogatepass")) > MAX_TEXT_BYTES:
        _fail(where, "longer than 10 MB")
    return value


def _int(value: Any, where: str, *, nullable: bool = False) -> Any:
    if value is None and nullable:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        _fail(where, "expected an integer" + (" or null" if nullable else ""))
    if not -(2**63) <= value < 2**63:
        _fail(where, "integer out of range")
    return value


def _time(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        _fail(where, "expected a number (Unix seconds)")
    if not (math.isfinite(value) and 0 <= value < MAX_TIMESTAMP):
        _fail(where, "not a plausible time")
    return float(value)


def _bool(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        _fail(where, "expected true or false")
    return value


def _object(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        _fail(where, "expected an object")
    return value


def _array(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        _fail(where, "expected a list")
    return value


def _error(value: Any, where: str) -> MessageError | None:
    if value is None:
        return None
    obj = _object(value, where)
    return MessageError(
        code=_int(_field(obj, "code", where, optional=True), f"{where}.code", nullable=True),
        msg=_text(_field(obj, "msg", where, optional=True, default=""), f"{where}.msg"),
        logid=_text(
            _field(obj, "logid", where, optional=True), f"{where}.logid", nullable=True, max_chars=MAX_ID_CHARS
        ),
        kind=_text(_field(obj, "kind", where, optional=True), f"{where}.kind", nullable=True, max_chars=MAX_ID_CHARS),
    )


def _usage(value: Any, where: str) -> tuple[int | None, int | None] | None:
    if value is None:
        return None
    obj = _object(value, where)
    counts = []
    for key in ("input_tokens", "output_tokens"):
        count = _int(_field(obj, key, where, optional=True), f"{where}.{key}", nullable=True)
        if count is not None and count < 0:
            _fail(f"{where}.{key}", "negative")
        counts.append(count)
    return counts[0], counts[1]


def _message(value: Any, where: str) -> _Message:
    obj = _object(value, where)

    def get(key: str, **kwargs: Any) -> Any:
        return _field(obj, key, where, **kwargs)

    role = _text(get("role"), f"{where}.role")
    if role not in ROLES:
        _fail(f"{where}.role", f"unknown role {role[:20]!r}")
    type_ = _text(get("type"), f"{where}.type", max_chars=64)
    if not type_:
        _fail(f"{where}.type", "empty")
    status = _text(get("status"), f"{where}.status")
    if status not in STATUSES:
        _fail(f"{where}.status", f"unknown status {status[:20]!r}")
    return _Message(
        role=role,
        type=type_,
        content=_text(get("content"), f"{where}.content"),
        content_type=_text(get("content_type", optional=True, default="text"), f"{where}.content_type", max_chars=64),
        reasoning_content=_text(get("reasoning_content", optional=True, default=""), f"{where}.reasoning_content"),
        # An answer cannot still be streaming once it is in a file.
        status=MessageStatus.INTERRUPTED if status == MessageStatus.STREAMING else status,
        error=_error(get("error", optional=True), f"{where}.error"),
        coze_message_id=_text(get("coze_message_id"), f"{where}.coze_message_id", nullable=True, max_chars=MAX_ID_CHARS)
        or None,
        coze_chat_id=_text(
            get("coze_chat_id", optional=True), f"{where}.coze_chat_id", nullable=True, max_chars=MAX_ID_CHARS
        )
        or None,
        usage=_usage(get("usage", optional=True), f"{where}.usage"),
        created_at=_time(get("created_at"), f"{where}.created_at"),
    )


def _conversation(value: Any, where: str) -> tuple[int, _Conversation]:
    obj = _object(value, where)

    def get(key: str, **kwargs: Any) -> Any:
        return _field(obj, key, where, **kwargs)

    follow_ups = _array(get("follow_ups", optional=True, default=[]), f"{where}.follow_ups")
    messages = _array(get("messages"), f"{where}.messages")
    conversation = _Conversation(
        title=_text(get("title"), f"{where}.title", max_chars=10_000),
        bot_id=_text(get("bot_id"), f"{where}.bot_id", max_chars=MAX_ID_CHARS),
        coze_conversation_id=_text(
            get("coze_conversation_id"), f"{where}.coze_conversation_id", nullable=True, max_chars=MAX_ID_CHARS
        )
        or None,
        created_at=_time(get("created_at"), f"{where}.created_at"),
        updated_at=_time(get("updated_at"), f"{where}.updated_at"),
        pinned=_bool(get("pinned"), f"{where}.pinned"),
        archived=_bool(get("archived", optional=True, default=False), f"{where}.archived"),
        follow_ups=tuple(_text(item, f"{where}.follow_ups[{i}]") for i, item in enumerate(follow_ups)),
        messages=tuple(_message(m, f"{where}.messages[{i}]") for i, m in enumerate(messages)),
    )
    return _int(get("id"), f"{where}.id"), conversation


def _bot(value: Any, where: str) -> BotRecord:
    obj = _object(value, where)

    def text(key: str, **kwargs: Any) -> str:
        result: str = _text(_field(obj, key, where, optional=key != "bot_id", default=""), f"{where}.{key}", **kwargs)
        return result

    questions = _array(_field(obj, "suggested_questions", where, optional=True, default=[]), where)
    return BotRecord(
        bot_id=text("bot_id", max_chars=MAX_ID_CHARS),
        name=text("name", max_chars=10_000),
        description=text("description"),
        icon_url=text("icon_url", max_chars=10_000),
        prologue=text("prologue"),
        suggested_questions=tuple(_text(q, f"{where}.suggested_questions[{i}]") for i, q in enumerate(questions)),
    )


def validate_export(data: Any) -> tuple[list[BotRecord], list[_Conversation]]:
    """The bots and conversations of a parsed export document; InvalidExportFile at the first problem."""
    doc = _object(data, "")
    if doc.get("format") != EXPORT_FORMAT:
        _fail("", f'not a Coze Desktop export (format is not "{EXPORT_FORMAT}")')
    version = doc.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        _fail("version", "expected an integer")
    if version != EXPORT_VERSION:
        _fail("version", f"unsupported export version {version} (this app reads version {EXPORT_VERSION})")
    exported_at = doc.get("exported_at")
    if exported_at is not None and not isinstance(exported_at, str | int | float):
        _fail("exported_at", "expected a string")
    bots = [_bot(b, f"bots[{i}]") for i, b in enumerate(_array(doc.get("bots", []), "bots"))]
    conversations: list[_Conversation] = []
    seen_ids: set[int] = set()
    seen_coze_conversations: set[str] = set()
    seen_coze_messages: set[str] = set()
    for i, raw in enumerate(_array(_field(doc, "conversations", ""), "conversations")):
        where = f"conversations[{i}]"
        local_id, conversation = _conversation(raw, where)
        if local_id in seen_ids:
            _fail(f"{where}.id", f"duplicate conversation id {local_id}")
        seen_ids.add(local_id)
        coze_id = conversation.coze_conversation_id
        if coze_id is not None:
            if coze_id in seen_coze_conversations:
                _fail(f"{where}.coze_conversation_id", f"duplicate {coze_id[:40]!r}")
            seen_coze_conversations.add(coze_id)
        for j, message in enumerate(conversation.messages):
            if message.coze_message_id is not None:
                if message.coze_message_id in seen_coze_messages:
                    _fail(f"{where}.messages[{j}].coze_message_id", f"duplicate {message.coze_message_id[:40]!r}")
                seen_coze_messages.add(message.coze_message_id)
        conversations.append(conversation)
    return bots, conversations


# --- merging ---


def import_json(store: Store, data: Any) -> ImportResult:
    """Merge an export (parsed, or its text) into `store` without duplicates, in one transaction.

    `skipped_duplicates` counts messages that were already there.
    """
    if isinstance(data, str | bytes):
        data = load_export(data)
    bots, conversations = validate_export(data)
    conn = store.connection
    by_coze: dict[str, int] = {}
    by_identity: dict[tuple[float, str, str], int] = {}
    for row in conn.execute("SELECT id, coze_conversation_id, created_at, title, bot_id FROM conversations"):
        if row["coze_conversation_id"]:
            by_coze.setdefault(row["coze_conversation_id"], row["id"])
        by_identity.setdefault((row["created_at"], row["title"], row["bot_id"]), row["id"])
    added_conversations = added_messages = skipped = 0
    touched: list[int] = []
    with store.transaction():
        for bot in bots:
            if store.get_bot(bot.bot_id) is None:
                store.upsert_bot(bot)
        for conv in conversations:
            identity = (conv.created_at, conv.title, conv.bot_id)
            target = by_coze.get(conv.coze_conversation_id or "") or by_identity.get(identity)
            known_ids: set[str] = set()
            known_keys: set[tuple[str, float, str]] = set()
            is_new = target is None
            if target is None:
                target = store.create_conversation(
                    conv.bot_id,
                    conv.title,
                    conv.coze_conversation_id,
                    created_at=conv.created_at,
                    updated_at=conv.updated_at,
                    pinned=conv.pinned,
                    archived=conv.archived,
                ).id
                added_conversations += 1
                if conv.coze_conversation_id:
                    by_coze[conv.coze_conversation_id] = target
                by_identity.setdefault(identity, target)
            else:
                for row in conn.execute(
                    "SELECT coze_message_id, role, created_at, content FROM messages WHERE conversation_id = ?",
                    (target,),
                ):
                    if row["coze_message_id"]:
                        known_ids.add(row["coze_message_id"])
                    known_keys.add((row["role"], row["created_at"], row["content"]))
            touched.append(target)
            for message in conv.messages:
                key = (message.role, message.created_at, message.content)
                if (message.coze_message_id and message.coze_message_id in known_ids) or key in known_keys:
                    skipped += 1
                    continue
                store._insert_message(  # the batch path of add_message
                    target,
                    role=message.role,
                    type=message.type,
                    content=message.content,
                    content_type=message.content_type,
                    reasoning_content=message.reasoning_content,
                    status=message.status,
                    error=message.error,
                    usage=message.usage,
                    coze_message_id=message.coze_message_id,
                    coze_chat_id=message.coze_chat_id,
                    created_at=message.created_at,
                )
                known_keys.add(key)
                if message.coze_message_id:
                    known_ids.add(message.coze_message_id)
                added_messages += 1
            if is_new and conv.follow_ups:
                store.set_follow_ups(target, list(conv.follow_ups))
    return ImportResult(added_conversations, added_messages, skipped, tuple(dict.fromkeys(touched)))
