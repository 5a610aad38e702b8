"""From store records to what the chat view shows (plain data; no Qt widgets, no SQL)."""

from __future__ import annotations

from dataclasses import replace

from desktop.core.coze.error_text import error_text
from desktop.core.coze.errors import ErrorKind, kind_for
from desktop.core.shortcut_use import ShortcutUse
from desktop.core.store.coze_links import TYPE_CONTEXT_BREAK, Feedback
from desktop.core.store.models import Message
from desktop.core.store.versions import AnswerVersion
from desktop.core.vocabulary import MessageStatus, Role
from desktop.ui.chat.items import MessageItem

_SETTINGS_KINDS = frozenset(
    {
        ErrorKind.INVALID_TOKEN,
        ErrorKind.NO_TOKEN,
        ErrorKind.TOKEN_GONE,
        ErrorKind.SIGNED_OUT,
        ErrorKind.TOKEN_ENDED_PARTWAY,
        ErrorKind.SIGNED_OUT_PARTWAY,
        ErrorKind.PERMISSION,
        ErrorKind.CHATFLOW_NOT_FOUND,
        ErrorKind.MISSING_PARAMETERS,
        ErrorKind.BOT_NOT_FOUND,
        ErrorKind.BOT_NOT_PUBLISHED,
        ErrorKind.INSECURE_URL,
        ErrorKind.PROTOCOL,
        ErrorKind.NETWORK,
        ErrorKind.TLS,
    }
)


def error_kind(message: Message) -> ErrorKind | None:
    """What kind of problem a stored answer had, from its status and its stored error."""
    error = message.error
    if message.status == MessageStatus.CANCELLED:  # the user's stop says nothing more; a quit says so
        return ErrorKind.QUIT if error is not None and error.kind == ErrorKind.QUIT else None
    if message.status not in (MessageStatus.FAILED, MessageStatus.INTERRUPTED) and error is None:
        return None
    if error is not None and error.kind:
        try:
            return ErrorKind(error.kind)
        except ValueError:
            pass
    if error is not None and error.code is not None:
        kind = kind_for(None, error.code, error.msg or "")
        if kind is not ErrorKind.UNKNOWN:
            return kind
    if message.status == MessageStatus.INTERRUPTED:
        return ErrorKind.INTERRUPTED
    return ErrorKind.UNKNOWN


def error_details(message: Message) -> str:
    error = message.error
    if error is None:
        return ""
    parts = []
    if error.code is not None:
        parts.append(f"Coze code {error.code}")
    if error.msg:
        parts.append(error.msg)
    text = ": ".join(parts)
    if error.logid:
        text += f"\nlogid: {error.logid}" if text else f"logid: {error.logid}"
    return text


def _rating(message: Message) -> str | None:
    """A text answer Coze has (it has a Coze id) and that finished can be rated; anything else cannot: Coze
    rates the text answers of bots and chatflows, not a chatflow's card (coze-py
    cozepy/conversations/message/feedback/__init__.py:63)."""
    if message.role != Role.ASSISTANT or message.type != "answer" or not message.coze_message_id:
        return None
    if message.content_type != "text":
        return None
    if message.status != MessageStatus.COMPLETE:
        return None
    rated = Feedback.from_json(message.feedback)
    return rated.kind if rated is not None else ""


def shown_version(answer: Message, question: Message, version: AnswerVersion) -> tuple[Message, Message]:
    """An answer and its question as they were in an earlier version. Coze no longer has that answer
    (it forgot it when the turn was asked again), so it cannot be rated."""
    return (
        replace(version.answer, coze_message_id=None, feedback=None, debug_url=None),
        replace(question, content=version.question, content_type=version.question_content_type),
    )


def message_item(
    message: Message, bot_name: str, language: str, duration: float = 0.0, *, api_base: str | None = None
) -> MessageItem:
    """`api_base`: the address the chat went to, when known (a custom one's sentences cite no Coze page)."""
    kind = error_kind(message)
    sentence = action = ""
    if kind is not None:
        text = error_text(kind, language, api_base=api_base)
        sentence, action = text.sentence, text.action
    return MessageItem(
        id=message.id,
        role=message.role,
        content=message.content,
        reasoning=message.reasoning_content,
        status=message.status,
        error_sentence=sentence,
        error_action=action,
        error_details=error_details(message),
        error_settings=kind in _SETTINGS_KINDS,
        error_new_conversation=kind is ErrorKind.CONVERSATION_NOT_FOUND,
        divider=message.type == TYPE_CONTEXT_BREAK,
        feedback=_rating(message),
        input_tokens=message.input_tokens or 0,
        output_tokens=message.output_tokens or 0,
        created_at=message.created_at,
        duration=duration or max(0.0, message.updated_at - message.created_at)
        if message.role == Role.ASSISTANT
        else 0.0,
        sender_name=bot_name if message.role == Role.ASSISTANT else "",
        content_type=message.content_type,
        debug_url=message.debug_url or "",
        shortcut=ShortcutUse.line_of(message.shortcut),
    )
