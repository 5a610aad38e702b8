"""The local server's conversations, messages and chats on disk, so a restart forgets nothing.

One JSON file (`{"version": 1, "demo_ids_version": 1, "conversations": [...], "chats": [...]}`), replaced
atomically on every change: written to a temporary file beside it, flushed to disk, then renamed over the old one, so
a crash leaves either the old state or the new one, never half of either. Two processes may serve the same
file (the window's demo and a `coze-desktop ask` on a demo chat): each change is made under a lock on
`<name>.lock` (`locked()`), on the state as the file holds it (`stale()`: another process wrote it since
this one read or wrote it), so neither process's save takes away what the other added. The chat streaming in a
conversation is kept with its owner (`stream_owner()`: a lock the process streaming it holds until the chat `ended()`),
so another process's chat there gets 4016 as on Coze, while a chat that ended, or whose process was killed mid-answer,
leaves the conversation free (`is_live()`), even when its end could not be written (a full disk). A file that cannot
be read is moved aside (`<name>.unreadable`) and the server starts empty rather than refusing to start.
Bots are not kept: the server adds them itself when it starts. A file without `demo_ids_version` (0.1.0's) names the
demo by its former ids (desktop.core.demo_ids): it is renamed once when read, and written marked; a marked file's ids
are never renamed (a newer version's mark is kept).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.core.cozeserver.records import ChatHandle, ChatRecord, ConversationRecord
from desktop.core.cozeserver.wire import JsonDict, Usage
from desktop.core.demo_ids import renamed
from desktop.core.files import exclusive_lock
from desktop.core.owner_locks import WriterLock, owner_is_live

log = logging.getLogger(__name__)

VERSION = 1
DEMO_IDS_VERSION = 1  # the demo's ids are desktop.core.demo_ids' (a file without it names them by their 0.1.0 ids)


@dataclass
class Snapshot:
    conversations: list[ConversationRecord] = field(default_factory=list)
    chats: list[ChatRecord] = field(default_factory=list)


class StateFile:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._seen: tuple[int, int, int] | None = None  # the file as this process last read or wrote it
        self._owners = path.with_name(path.name + ".servers")  # one lock per chat streaming, while it streams
        self._streaming: dict[str, WriterLock] = {}  # chat id -> its lock, for the chats this process streams
        self._demo_ids = DEMO_IDS_VERSION  # the file's mark as last read: written back as it was

    def stream_owner(self, chat_id: str) -> str:
        """The owner `chat_id`, streaming in this process, is recorded with: a lock of its own, held until `ended`.
        Per chat, not per process: the end frees the conversation for every process even when it cannot be written."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.ended(chat_id)
        self._streaming[chat_id] = lock = WriterLock(self._owners)
        return lock.owner

    def ended(self, chat_id: str) -> None:
        """`chat_id` no longer streams in this process (settled, left, or never written): its owner is gone."""
        lock = self._streaming.pop(chat_id, None)
        if lock is not None:
            lock.release()

    def is_live(self, owner: str) -> bool:
        """Whether the chat recorded with `owner` still streams, in this process or another."""
        if any(lock.owner == owner for lock in self._streaming.values()):
            return True
        return owner_is_live(self._owners, owner)

    def close(self) -> None:
        """This process no longer serves the file: the locks of its chats go (as they would when the process ends)."""
        for chat_id in list(self._streaming):
            self.ended(chat_id)

    def locked(self) -> contextlib.AbstractContextManager[None]:
        """The lock every process serving this file holds while it reads and changes it."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        return exclusive_lock(self.path.with_name(self.path.name + ".lock"))

    def stale(self) -> bool:
        """Whether the file changed since this process last loaded or saved it (another process wrote it)."""
        return self._signature() != self._seen

    def _signature(self) -> tuple[int, int, int] | None:
        try:
            found = self.path.stat()
        except OSError:
            return None
        return found.st_ino, found.st_mtime_ns, found.st_size

    def load(self) -> Snapshot:
        """What the file holds (called under `locked()`); a file of 0.1.0 is renamed and written marked now."""
        self._seen, self._demo_ids = self._signature(), DEMO_IDS_VERSION
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return Snapshot()
        except OSError as exc:
            log.warning("local server state not readable (%s): starting empty", exc)
            return Snapshot()
        try:
            data = json.loads(raw)
            if not isinstance(data, dict) or data.get("version") != VERSION:
                raise ValueError(f"unknown state file version {data.get('version') if isinstance(data, dict) else '?'}")
            marked = data.get("demo_ids_version")
            self._demo_ids = max(int(marked), DEMO_IDS_VERSION) if marked is not None else DEMO_IDS_VERSION
            rename = str if marked is not None else renamed
            snapshot = Snapshot(
                [_conversation(item, rename) for item in data.get("conversations", [])],
                [_chat(item, rename) for item in data.get("chats", [])],
            )
        except (ValueError, TypeError, KeyError) as exc:
            aside = self.path.with_name(self.path.name + ".unreadable")
            log.warning("local server state %s is damaged (%s): moved to %s, starting empty", self.path, exc, aside)
            with contextlib.suppress(OSError):
                os.replace(self.path, aside)
            self._seen = self._signature()
            return Snapshot()
        if marked is None:
            with contextlib.suppress(OSError):  # (a full disk: renamed again next time, the same)
                self.save(snapshot)
        return snapshot

    def save(self, snapshot: Snapshot) -> None:
        data = {
            "version": VERSION,
            "demo_ids_version": self._demo_ids,
            "conversations": [_conversation_data(conv) for conv in snapshot.conversations],
            "chats": [_chat_data(chat) for chat in snapshot.chats],
        }
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=self.path.name + ".", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
            self._seen = self._signature()
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise


def _conversation_data(conv: ConversationRecord) -> JsonDict:
    return {
        "id": conv.id,
        "bot_id": conv.bot_id,
        "created_at": conv.created_at,
        "meta_data": conv.meta_data,
        "name": conv.name,
        "section_id": conv.section_id,
        "updated_at": conv.updated_at,
        "messages": conv.messages,
        "connector_id": conv.connector_id,
        "feedback": conv.feedback,
        **({"running": [conv.running, conv.running_owner]} if conv.running is not None else {}),
    }


def _conversation(item: Any, rename: Callable[[str], str]) -> ConversationRecord:
    running, running_owner = item.get("running") or (None, "")
    return ConversationRecord(
        id=str(item["id"]),
        bot_id=rename(str(item["bot_id"])),
        created_at=int(item["created_at"]),
        meta_data={str(k): str(v) for k, v in dict(item.get("meta_data") or {}).items()},
        name=str(item.get("name", "")),
        section_id=str(item.get("section_id", "")),
        updated_at=int(item.get("updated_at", 0)),
        messages=[_message(m, rename) for m in item.get("messages", [])],
        connector_id=str(item.get("connector_id", "1024")),
        feedback={str(k): dict(v) for k, v in dict(item.get("feedback") or {}).items()},
        running=None if running is None else str(running),
        running_owner=str(running_owner),
    )


def _chat_data(chat: ChatRecord) -> JsonDict:
    h = chat.handle
    return {
        "chat_id": h.chat_id,
        "conversation_id": h.conversation_id,
        "bot_id": h.bot_id,
        "section_id": h.section_id,
        "created_at": h.created_at,
        "meta_data": h.meta_data,
        "save": chat.save,
        "status": chat.status,
        "usage": list(chat.usage),
        "completed_at": chat.completed_at,
        "failed_at": chat.failed_at,
        "last_error": list(chat.last_error),
        "required_action": chat.required_action,
        "messages": chat.messages,
    }


def _chat(item: Any, rename: Callable[[str], str]) -> ChatRecord:
    meta = item.get("meta_data")
    handle = ChatHandle(
        str(item["chat_id"]),
        str(item["conversation_id"]),
        rename(str(item["bot_id"])),
        str(item["section_id"]),
        int(item["created_at"]),
        {str(k): str(v) for k, v in dict(meta).items()} if meta else None,
    )
    code, msg = item.get("last_error") or (0, "")
    return ChatRecord(
        handle,
        bool(item.get("save", True)),
        status=str(item.get("status", "completed")),
        usage=Usage(*(int(n) for n in item.get("usage") or (0, 0))),
        completed_at=item.get("completed_at"),
        failed_at=item.get("failed_at"),
        last_error=(int(code), str(msg)),
        required_action=item.get("required_action"),
        messages=[_message(m, rename) for m in item.get("messages", [])],
    )


def _message(item: Any, rename: Callable[[str], str]) -> JsonDict:
    message = dict(item)
    if isinstance(message.get("bot_id"), str):
        message["bot_id"] = rename(message["bot_id"])
    return message
