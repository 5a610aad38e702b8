"""Export the history as Markdown, for reading: a `# title` per conversation, speaker labels, message
text verbatim, a note under answers that did not complete."""

from __future__ import annotations

import re
from datetime import datetime
from typing import TYPE_CHECKING, TextIO

from desktop.core.store.models import (
    DIALOGUE_TYPES,
    Conversation,
    Message,
)
from desktop.core.store.transfer.export import conversations_of
from desktop.core.vocabulary import MessageStatus, Role
from desktop.core.workflow_cards import card_as_text, parse_card

if TYPE_CHECKING:
    from desktop.core.store.store import Store

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
    bot = store.bots.get(conversation.bot_id)
    bot_name = bot.name if bot is not None and bot.name else "Bot"
    parts = [
        f"# {conversation.title or 'Untitled conversation'}",
        f"*{_when(conversation.created_at)} · {bot_name}* (bot `{conversation.bot_id}`)",
    ]
    for message in store.messages.all(conversation.id):
        if message.type not in DIALOGUE_TYPES:
            continue
        speaker = "You" if message.role == Role.USER else bot_name
        parts.append(f"**{speaker}** · {_when(message.created_at)}")
        if message.reasoning_content.strip():
            parts.append("\n".join("> " + line for line in message.reasoning_content.strip().splitlines()))
        card = parse_card(message.content, message.content_type)  # a chatflow's card: readable, not JSON
        content = card_as_text(card) if card is not None else message.content
        if content:
            parts.append(close_open_fence(content.rstrip("\n")))
        note = _status_note(message)
        if note:
            parts.append(note)
    return "\n\n".join(parts) + "\n"


def write_markdown(store: Store, out: TextIO, conversation_id: int | None = None) -> None:
    separator = ""
    for conversation in conversations_of(store, conversation_id):
        out.write(separator + _markdown_conversation(store, conversation))
        separator = "\n---\n\n"


def export_markdown(store: Store, conversation_id: int | None = None) -> str:
    """The history (or one conversation) as Markdown: a `# title` per conversation, speaker labels,
    message text verbatim, a note under answers that did not complete."""
    parts = [_markdown_conversation(store, c) for c in conversations_of(store, conversation_id)]
    return "\n---\n\n".join(parts)
