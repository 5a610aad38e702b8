"""Import of a JSON export (see export.py for the layout): validate everything, then merge in batches.

The whole file is checked before anything is written (validate.py); on any problem the store is
left exactly as it was. The merge writes in bounded batches (IMPORT_BATCH messages per transaction),
so a big import never holds the write lock for long: an `ask` or the window streaming an answer into
the same history gets in between. If it fails or is cancelled halfway, what it had added is taken out
again. The merge skips what is already there:

- a conversation is the same as a stored one if its coze_conversation_id matches, or else its
  created_at + title + bot_id do; its messages are then merged into the stored conversation;
- a message is the same as one in that conversation if its coze_message_id matches, or else its
  role + created_at + content do.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from desktop.core.store.conversations import title_text
from desktop.core.store.models import Conversation, ImportResult, NewMessage, NotFoundError
from desktop.core.store.transfer.format import load_export
from desktop.core.store.transfer.progress import Progress, no_progress
from desktop.core.store.transfer.validate import ImportedConversation, ImportedVersion, validate_export

if TYPE_CHECKING:
    from desktop.core.store.store import Store

IMPORT_BATCH = 500  # messages per write transaction (a few ms each): other writers wait at most that long


@dataclass
class _Added:
    """What this import wrote so far, to take out again if it stops halfway."""

    conversations: list[int] = field(default_factory=list)
    messages: list[int] = field(default_factory=list)  # added to conversations that were already there
    revived: set[int] = field(default_factory=set)  # conversations the user had deleted here: deleted again


@contextmanager
def _undone_on_failure(store: Store) -> Iterator[_Added]:
    added = _Added()
    try:
        yield added
    except BaseException:
        store.messages.delete_ids(added.messages)
        for conversation_id in reversed(added.conversations):
            with suppress(NotFoundError):  # deleted meanwhile by someone else
                store.conversations.delete(conversation_id, remember=conversation_id in added.revived)
        raise


def _add_versions(store: Store, ids: list[int], versions: list[tuple[ImportedVersion, ...]]) -> None:
    """A regenerated answer's earlier versions come back with it (one transaction per batch that has any)."""
    if any(versions):
        with store.transaction():
            for message_id, earlier in zip(ids, versions, strict=True):
                for version in earlier:
                    store.versions.add(message_id, version.question, version.answer, version.updated_at)


def _create(store: Store, conv: ImportedConversation, added: _Added) -> Conversation:
    """The conversation made anew (one the user had deleted here comes back: the sync reads it again)."""
    revived = bool(conv.coze_conversation_id) and store.conversations.deleted_here(conv.coze_conversation_id or "")
    made = store.conversations.create(
        conv.bot_id,
        conv.title,
        conv.coze_conversation_id,
        created_at=conv.created_at,
        updated_at=conv.updated_at,
        pinned=conv.pinned,
        archived=conv.archived,
        app_id=conv.app_id,
        host_bot_id=conv.host_bot_id,
    )
    if revived:
        added.revived.add(made.id)
    return made


def import_json(
    store: Store, data: Any, progress: Progress = no_progress, *, batch: int = IMPORT_BATCH
) -> ImportResult:
    """Merge an export (parsed, or its text) into `store` without duplicates, `batch` messages per
    transaction.

    `skipped_duplicates` counts messages that were already there. `progress(done, total)` counts
    conversations; when it raises (TransferCancelled) what was added is taken out again: nothing changes.
    """
    if isinstance(data, str | bytes):
        data = load_export(data)
    bots, conversations = validate_export(data)
    by_coze: dict[str, int] = {}
    by_identity: dict[tuple[float, str, str], int] = {}
    for known in store.conversations.identities():
        if known.coze_conversation_id:
            by_coze.setdefault(known.coze_conversation_id, known.id)
        by_identity.setdefault((known.created_at, title_text(known.title), known.bot_id), known.id)
    added_conversations = added_messages = skipped = 0
    touched: list[int] = []
    progress(0, len(conversations))
    with _undone_on_failure(store) as added:
        with store.transaction():
            for bot in bots:
                if store.bots.get(bot.bot_id) is None:
                    store.bots.upsert(bot)
        for number, conv in enumerate(conversations, start=1):
            identity = (conv.created_at, title_text(conv.title), conv.bot_id)  # as stored: capped
            target = by_coze.get(conv.coze_conversation_id or "") or by_identity.get(identity)
            known_ids: set[str] = set()
            known_keys: set[tuple[str, float, str]] = set()
            is_new = target is None
            if target is None:  # (a sync may have adopted its Coze conversation since the import began)
                made, is_new = store.conversations.linked_or_new(
                    conv.coze_conversation_id, functools.partial(_create, store, conv, added)
                )
                target = made.id
                if is_new:
                    added.conversations.append(target)
                    added_conversations += 1
                if conv.coze_conversation_id:
                    by_coze[conv.coze_conversation_id] = target
                by_identity.setdefault(identity, target)
            if not is_new:
                keys = store.messages.keys(target)
                known_ids.update(keys.coze_ids)
                known_keys.update(keys.contents)
            touched.append(target)
            new: list[NewMessage] = []
            versions: list[tuple[ImportedVersion, ...]] = []  # those of each new message
            for index, message in enumerate(conv.messages):
                key = (message.role, float(message.created_at or 0.0), message.content)
                if (message.coze_message_id and message.coze_message_id in known_ids) or key in known_keys:
                    skipped += 1
                    continue
                new.append(message)
                versions.append(conv.versions.get(index, ()))
                known_keys.add(key)
                if message.coze_message_id:
                    known_ids.add(message.coze_message_id)
            for start in range(0, len(new), max(1, batch)):
                ids = store.messages.insert_many(target, new[start : start + max(1, batch)])
                _add_versions(store, ids, versions[start : start + max(1, batch)])
                added_messages += len(ids)
                if not is_new:
                    added.messages += ids
            if is_new and conv.follow_ups:
                store.conversations.set_follow_ups(target, list(conv.follow_ups))
            progress(number, len(conversations))
    return ImportResult(added_conversations, added_messages, skipped, tuple(dict.fromkeys(touched)))
