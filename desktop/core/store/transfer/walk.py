"""Walk the history one message at a time for a writer (Markdown, JSON, the window's PDF), with progress.

Nothing is gathered in memory: messages are read from the store in small batches and handed to the
writer as they come, so an export of any size costs the memory of one message.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from desktop.core.store.models import DIALOGUE_TYPES, Conversation, Message, NotFoundError
from desktop.core.store.transfer.progress import Progress, no_progress
from desktop.core.store.versions import AnswerVersion

if TYPE_CHECKING:
    from desktop.core.store.store import Store


class ChatWriter(Protocol):
    """What an export format does with the history, in order: per conversation, `conversation`, then
    `message` for each of its messages (oldest first), then `conversation_done`. An answer that was
    regenerated (or whose question was edited) comes with its `earlier` versions, oldest first; the
    message itself is the version shown."""

    def conversation(self, conversation: Conversation, bot_name: str) -> None: ...

    def message(self, message: Message, earlier: Sequence[AnswerVersion] = ()) -> None: ...

    def conversation_done(self) -> None: ...


class FileWriter(ChatWriter, Protocol):
    """A ChatWriter that writes one file (the PDF, drawn by the window's renderer); `close` finishes
    the file and is called in every case, a failed or cancelled export too."""

    def close(self) -> None: ...


def conversation_ids(store: Store, conversation_id: int | None) -> list[int]:
    """One conversation (NotFoundError if it does not exist) or all of them, oldest first."""
    if conversation_id is None:
        return store.conversations.ids()
    if store.conversations.get(conversation_id) is None:
        raise NotFoundError(f"conversation {conversation_id} not found")
    return [conversation_id]


def bot_name(store: Store, bot_id: str) -> str:
    bot = store.bots.get(bot_id)
    return bot.name if bot is not None and bot.name else "Bot"


def walk(
    store: Store,
    conversation_id: int | None,
    writer: ChatWriter,
    progress: Progress = no_progress,
    *,
    dialogue_only: bool = True,
) -> None:
    """Hand one conversation (or all) to `writer`; `progress(done, total)` counts messages.

    `dialogue_only` skips what the chat does not show (verbose events, follow-up suggestions).
    """
    ids = conversation_ids(store, conversation_id)
    total = sum(store.messages.count(cid) for cid in ids)
    done = 0
    progress(done, total)
    for cid in ids:
        conversation = store.conversations.get(cid)
        if conversation is None:  # deleted while we were writing
            continue
        writer.conversation(conversation, bot_name(store, conversation.bot_id))
        versions = store.versions.in_conversation(cid)
        for message in store.messages.each(cid):
            if not dialogue_only or message.type in DIALOGUE_TYPES:
                writer.message(message, versions.get(message.id, ()))
            done += 1
            progress(min(done, total), total)
        writer.conversation_done()
