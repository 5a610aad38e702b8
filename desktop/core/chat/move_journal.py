"""The moves of a regenerate that have not finished on Coze, kept on disk so the next start finishes them.

A regenerate deletes the later turns on Coze and creates them again after the new answer
(desktop/core/chat/forget.py). If the app quits (or is killed) in between, what was deleted would be
gone from the bot's memory for good. So before anything is deleted, the later messages are written
here (write-ahead); each one created again is crossed off with its new Coze id; the entry goes when the
move is over. At the next start, `put_back_pending` creates again what is left (a message still on Coze was
never deleted: it is left alone; one Coze made before the journal could note it is found by its tag) on a worker, and `record_finished` records the new ids on the local
rows and has the next sync read the conversation from the start.

One JSON file (`<profile>/coze-moves.json`), replaced atomically at each change; writes are serialised
within the process (the pump runs on a worker thread).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from desktop.core.chat.forget import MOVE_TAG, Lifted, all_messages, create_again, record_moved
from desktop.core.coze import CozeClient
from desktop.core.coze.errors import CozeError
from desktop.core.coze.models import ChatMessage
from desktop.core.store import Store

log = logging.getLogger(__name__)
FILE_NAME = "coze-moves.json"


@dataclass
class PendingMove:
    """A regenerate's later messages on their way back onto Coze (`coze_conversation_id`, of `bot_id`)."""

    coze_conversation_id: str
    bot_id: str
    lifted: list[Lifted]
    moved: list[tuple[int, str]] = field(default_factory=list)  # (row id, new Coze id) of those created again

    def left(self) -> list[Lifted]:
        done = {row for row, _id in self.moved}
        return sorted((m for m in self.lifted if m.row_id not in done), key=lambda m: m.rank)


class MoveJournal:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def lifting(self, coze_conversation_id: str, bot_id: str, lifted: Sequence[Lifted]) -> None:
        """Before they are deleted: the later messages that must be created again."""
        with self._lock:
            moves = self._read()
            moves[coze_conversation_id] = PendingMove(coze_conversation_id, bot_id, list(lifted))
            self._write(moves)

    def created(self, coze_conversation_id: str, row_id: int, coze_message_id: str) -> None:
        with self._lock:
            moves = self._read()
            move = moves.get(coze_conversation_id)
            if move is not None:
                move.moved.append((row_id, coze_message_id))
                self._write(moves)

    def done(self, coze_conversation_id: str) -> None:
        with self._lock:
            moves = self._read()
            if moves.pop(coze_conversation_id, None) is not None:
                self._write(moves)

    def pending(self) -> list[PendingMove]:
        with self._lock:
            return list(self._read().values())

    def _read(self) -> dict[str, PendingMove]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        moves: dict[str, PendingMove] = {}
        for entry in raw if isinstance(raw, list) else []:
            with contextlib.suppress(KeyError, TypeError, ValueError):
                move = PendingMove(
                    str(entry["coze_conversation_id"]),
                    str(entry["bot_id"]),
                    [_lifted(item, entry.get("tags")) for item in entry["lifted"]],
                    [(int(row), str(new)) for row, new in entry.get("moved", [])],
                )
                moves[move.coze_conversation_id] = move
        return moves

    def _write(self, moves: dict[str, PendingMove]) -> None:
        if not moves:
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
            return
        data: list[dict[str, Any]] = [
            {
                **asdict(m),
                "lifted": [{k: v for k, v in asdict(item).items() if k != "tag"} for item in m.lifted],
                "tags": {str(item.row_id): item.tag for item in m.lifted if item.tag},
            }
            for m in moves.values()
        ]
        temporary = self.path.with_suffix(".part")
        try:
            with temporary.open("w", encoding="utf-8") as out:
                json.dump(data, out, ensure_ascii=False)
                out.flush()
                os.fsync(out.fileno())
        except OSError:  # (a full disk): no half-written part left to take the room; the journal is as it was
            temporary.unlink(missing_ok=True)
            raise
        os.replace(temporary, self.path)


def _lifted(item: dict[str, Any], tags: object) -> Lifted:
    """A lifted message as the journal keeps it. The tags are beside the items, not in them: a version
    before tags reads the items as they were and can still finish the move (only not find a made one)."""
    tag = tags.get(str(item["row_id"]), "") if isinstance(tags, dict) else ""
    return Lifted(**item, tag=str(tag))


def put_back_pending(journal: MoveJournal, client_for: Callable[[str], CozeClient | None]) -> list[PendingMove]:
    """Create again on Coze what an interrupted regenerate deleted and never put back (no store: safe on a
    worker thread); the moves now over, for `record_finished`. A message still on Coze was never deleted
    and is left in its place; a bot with no connection now, or a Coze failure, waits for a later start."""
    finished: list[PendingMove] = []
    for move in journal.pending():
        client = client_for(move.bot_id)
        if client is None:
            continue
        try:
            with client:
                _create_left(journal, client, move, all_messages(client, move.coze_conversation_id))
        except CozeError as exc:
            log.warning("an interrupted move on Coze could not be finished yet: %s", exc.summary())
            continue
        finished.append(move)
    return finished


def _create_left(journal: MoveJournal, client: CozeClient, move: PendingMove, listed: list[ChatMessage]) -> None:
    """Create the move's messages not created yet (one still on Coze was never deleted: left in place). One
    Coze created before the process died, or whose answer was lost on the way, carries the message's tag:
    it is noted as created, not created twice."""
    still = {m.id for m in listed}
    tagged = {tag: m.id for m in listed if m.meta_data and (tag := m.meta_data.get(MOVE_TAG))}
    for message in move.left():
        if message.coze_id and message.coze_id in still:
            continue
        made = tagged.get(message.tag) if message.tag else None
        if made is None:
            made = create_again(client, move.coze_conversation_id, message).id
        journal.created(move.coze_conversation_id, message.row_id, made)
        move.moved.append((message.row_id, made))


def record_finished(journal: MoveJournal, store: Store, moves: Sequence[PendingMove]) -> None:
    """The local rows name their messages' new Coze ids, the next sync reads those conversations from the
    start, and the journal forgets the moves."""
    for move in moves:
        record_moved(store, move.moved)
        local = store.conversations.find_by_coze_id(move.coze_conversation_id)
        if local is not None:  # what the sync last read may be among what was deleted
            store.coze.cursor_gone(local.id)
        journal.done(move.coze_conversation_id)


def noted(note: Callable[..., None], *args: object) -> None:
    """A journal note after the deletes: one the disk has no room for is logged, and putting the later turns
    back goes on (stopping there would leave them off Coze until the next start)."""
    try:
        note(*args)
    except OSError as exc:
        log.warning("the moves journal could not be updated: %s", exc.strerror)
