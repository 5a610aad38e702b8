"""Validation of a parsed export document (see export.py for the layout) into records to import.

The whole document is checked before anything is written; any problem raises InvalidExportFile with
a one-line message naming the place (``conversations[2].messages[5].role: ...``).
"""

from __future__ import annotations

import json
import math
import time
from dataclasses import dataclass, field, replace
from typing import Any, NoReturn

from desktop.core.demo_ids import renamed
from desktop.core.store.models import (
    MAX_TEXT_BYTES,
    BotRecord,
    MessageError,
    NewMessage,
)
from desktop.core.store.transfer.format import DEMO_IDS_KEY, EXPORT_FORMAT, EXPORT_VERSION, InvalidExportFile
from desktop.core.vocabulary import ROLES, STATUSES, MessageStatus

MAX_ID_CHARS = 256
# A longer title is cut, not refused: the rename field took up to 32,767 characters, and one such chat made
# the whole export unimportable.
MAX_TITLE_CHARS = 10_000
FUTURE_SLACK = 86_400.0  # clock skew tolerated on imported times, in seconds
MAX_TIMESTAMP = 1e11  # year 5138: anything later is garbage, and datetime cannot show it


@dataclass(frozen=True, slots=True)
class ImportedConversation:
    """A conversation of an export file, checked, with its messages (every `created_at` set)."""

    title: str
    bot_id: str
    coze_conversation_id: str | None
    created_at: float
    updated_at: float
    pinned: bool
    archived: bool
    follow_ups: tuple[str, ...]
    messages: tuple[NewMessage, ...]
    app_id: str | None = None  # a chatflow conversation: the app or the bot it runs in
    host_bot_id: str | None = None
    versions: dict[int, tuple[ImportedVersion, ...]] = field(default_factory=dict)  # by index in `messages`


@dataclass(frozen=True, slots=True)
class ImportedVersion:
    """An earlier version of an imported answer: the question as asked then (content, content_type),
    the answer as it was, and when it was last changed."""

    question: tuple[str, str]
    answer: NewMessage
    updated_at: float


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
    # A date in the future (a wrong clock, a crafted file) would pin the chat to the top of the list
    # forever: it is clamped to a day from now.
    return min(float(value), time.time() + FUTURE_SLACK)


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


def _message(value: Any, where: str) -> NewMessage:
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
    return NewMessage(
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
        shortcut=_shortcut(get("shortcut", optional=True, default=None), f"{where}.shortcut"),
    )


def _versions(value: Any, where: str) -> tuple[ImportedVersion, ...]:
    """An answer's "versions": each is checked as an answer message, plus the question it answered."""
    versions = []
    for i, item in enumerate(_array(value, where)):
        at = f"{where}[{i}]"
        obj = _object(item, at)
        answer = _message({**obj, "role": "assistant", "type": "answer"}, at)
        question = _text(_field(obj, "question", at), f"{at}.question")
        kind = _text(
            _field(obj, "question_content_type", at, optional=True, default="text"),
            f"{at}.question_content_type",
            max_chars=64,
        )
        updated = _field(obj, "updated_at", at, optional=True)
        updated_at = _time(updated, f"{at}.updated_at") if updated is not None else float(answer.created_at or 0)
        versions.append(ImportedVersion((question, kind), answer, updated_at))
    return tuple(versions)


def _message_versions(messages: list[Any], where: str) -> dict[int, tuple[ImportedVersion, ...]]:
    found: dict[int, tuple[ImportedVersion, ...]] = {}
    for i, raw in enumerate(messages):
        if isinstance(raw, dict) and raw.get("versions"):
            if raw.get("role") != "assistant":
                _fail(f"{where}[{i}].versions", "only answers have earlier versions")
            found[i] = _versions(raw["versions"], f"{where}[{i}].versions")
    return found


def _shortcut(value: Any, where: str) -> str | None:
    """A question's shortcut command (as the export writes it), kept as JSON."""
    if value is None:
        return None
    obj = _object(value, where)
    _text(_field(obj, "command_id", where), f"{where}.command_id", max_chars=MAX_ID_CHARS)
    parameters = _object(_field(obj, "parameters", where, optional=True, default={}), f"{where}.parameters")
    for name, text in parameters.items():
        _text(text, f"{where}.parameters.{name}")
    return json.dumps(obj, ensure_ascii=False)


def _conversation(value: Any, where: str) -> tuple[int, ImportedConversation]:
    obj = _object(value, where)

    def get(key: str, **kwargs: Any) -> Any:
        return _field(obj, key, where, **kwargs)

    follow_ups = _array(get("follow_ups", optional=True, default=[]), f"{where}.follow_ups")
    messages = _array(get("messages"), f"{where}.messages")
    conversation = ImportedConversation(
        title=_text(get("title"), f"{where}.title")[:MAX_TITLE_CHARS],
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
        versions=_message_versions(messages, f"{where}.messages"),
        app_id=_text(get("app_id", optional=True), f"{where}.app_id", nullable=True, max_chars=MAX_ID_CHARS) or None,
        host_bot_id=_text(
            get("host_bot_id", optional=True), f"{where}.host_bot_id", nullable=True, max_chars=MAX_ID_CHARS
        )
        or None,
    )
    if conversation.app_id and conversation.host_bot_id:
        _fail(where, "a chatflow runs in an app or a bot, not both")
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


def validate_export(data: Any) -> tuple[list[BotRecord], list[ImportedConversation]]:
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
    conversations: list[ImportedConversation] = []
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
    if DEMO_IDS_KEY not in doc:  # written by 0.1.0: its demo chats name the demo by its former ids
        bots = [replace(bot, bot_id=renamed(bot.bot_id)) for bot in bots]
        conversations = [_renamed(conversation) for conversation in conversations]
    return bots, conversations


def _renamed(conversation: ImportedConversation) -> ImportedConversation:
    """`conversation` with the demo's former ids made the current ones (desktop.core.demo_ids)."""
    app_id, host_bot_id = conversation.app_id, conversation.host_bot_id
    return replace(
        conversation,
        bot_id=renamed(conversation.bot_id),
        app_id=None if app_id is None else renamed(app_id),
        host_bot_id=None if host_bot_id is None else renamed(host_bot_id),
    )
