"""`store.coze`: how local conversations stand to their copies on Coze (what the sync reads and writes).

A conversation is linked to Coze by its `coze_conversation_id`; the sync keeps beside it Coze's name at
the last sync (`coze_name`), how far it has read the messages (`coze_cursor`, a Coze message id), the
context section of the newest message (`coze_section_id`), Coze's `updated_at` when it last read
through a settled conversation (`coze_updated_at`) and at its last read of any (`coze_seen_updated_at`).
A conversation without a Coze id lives only on this computer.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from desktop.core.store.base import Part, clean_text
from desktop.core.store.conversations import title_text
from desktop.core.store.deleted_here import deleted_for_bot, forget_deleted, was_deleted
from desktop.core.store.models import NewMessage, NotFoundError, StoreError
from desktop.core.vocabulary import Role

TYPE_CONTEXT_BREAK = "context_break"  # a divider row: the bot forgot everything above it
SECTION_KEY = "section:"  # a divider's coze_message_id: this prefix and the section that starts below it


LIKE, UNLIKE = "like", "unlike"  # Coze's feedback_type values
MAX_REASONS, MAX_REASON_CHARS, MAX_COMMENT_CHARS = 10, 30, 250  # Coze's limits on a rating


@dataclass(frozen=True, slots=True)
class Feedback:
    """A rating of an answer, as sent to Coze: like or unlike, reason tags and a comment."""

    kind: str
    reasons: tuple[str, ...] = field(default=())
    comment: str = ""

    def to_json(self) -> str:
        return json.dumps(
            {"type": self.kind, "reasons": list(self.reasons), "comment": self.comment}, ensure_ascii=False
        )

    @classmethod
    def from_json(cls, raw: str | None) -> Feedback | None:
        try:
            data = json.loads(raw or "null")
        except ValueError:
            return None
        if not isinstance(data, dict) or data.get("type") not in (LIKE, UNLIKE):
            return None
        reasons = tuple(str(r) for r in data.get("reasons") or () if isinstance(r, str))
        return cls(str(data["type"]), reasons, str(data.get("comment") or ""))


class NotLinked(StoreError):
    """The conversation a sync was reading is no longer linked to that Coze conversation (merged, unlinked)."""


@dataclass(frozen=True, slots=True)
class CozeLink:
    conversation_id: int
    coze_conversation_id: str
    title: str
    coze_name: str | None
    cursor: str | None
    section_id: str | None
    coze_updated_at: int | None
    seen_updated_at: int | None = None


_COLUMNS = (
    "id, coze_conversation_id, title, coze_name, coze_cursor, coze_section_id, coze_updated_at, coze_seen_updated_at"
)


def _link(row: tuple[object, ...]) -> CozeLink:
    cid, coze_id, title, name, cursor, section, updated, seen = row
    return CozeLink(
        int(str(cid)),
        str(coze_id),
        str(title),
        None if name is None else str(name),
        None if cursor is None else str(cursor),
        None if section is None else str(section),
        None if updated is None else int(str(updated)),
        None if seen is None else int(str(seen)),
    )


def divider(section_id: str, created_at: float | None = None) -> NewMessage:
    """The row that marks a cleared context: the section below it starts afresh."""
    return NewMessage(
        role=Role.ASSISTANT,
        type=TYPE_CONTEXT_BREAK,
        coze_message_id=SECTION_KEY + section_id if section_id else None,
        created_at=created_at,
    )


class CozeLinks(Part):
    def for_bot(self, bot_id: str) -> dict[str, CozeLink]:
        """The bot's linked conversations, by Coze conversation id (the oldest local one if two share it)."""
        rows = self._conn.execute(
            f"SELECT {_COLUMNS} FROM conversations WHERE bot_id = ? AND coze_conversation_id IS NOT NULL"
            " ORDER BY id DESC",
            (bot_id,),
        ).fetchall()
        return {link.coze_conversation_id: link for link in map(_link, (tuple(r) for r in rows))}

    def deleted_here(self, bot_id: str) -> set[str]:
        """The bot's Coze conversations the user deleted here: the sync does not bring them back."""
        return deleted_for_bot(self._conn, bot_id)

    def forget_deleted_here(self, coze_conversation_id: str) -> None:
        """Coze no longer has a conversation deleted here: no listing can bring it back, its record goes."""
        with self._db.transaction():
            forget_deleted(self._conn, coze_conversation_id)

    def get(self, conversation_id: int) -> CozeLink | None:
        row = self._conn.execute(
            f"SELECT {_COLUMNS} FROM conversations WHERE id = ? AND coze_conversation_id IS NOT NULL",
            (conversation_id,),
        ).fetchone()
        return None if row is None else _link(tuple(row))

    def adopt(self, bot_id: str, coze_conversation_id: str, name: str, created_at: float) -> tuple[CozeLink, bool]:
        """A conversation found on Coze that this computer did not have: a local copy, titled with Coze's name.
        Also says whether it is new: another process (a second sync) may have adopted it meanwhile, and the
        check and the insert are one write transaction, so it is never adopted twice. NotFoundError if the user
        deleted it here since the sync listed it (see deleted_here.py)."""
        with self._db.transaction():
            if was_deleted(self._conn, coze_conversation_id):
                raise NotFoundError(f"Coze conversation {coze_conversation_id} was deleted here")
            row = self._conn.execute(
                "SELECT id FROM conversations WHERE coze_conversation_id = ? ORDER BY id LIMIT 1",
                (coze_conversation_id,),
            ).fetchone()
            local_id = None if row is None else int(row[0])
            if local_id is None:
                cursor = self._conn.execute(
                    "INSERT INTO conversations (title, bot_id, coze_conversation_id, created_at, updated_at, coze_name)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (title_text(name), bot_id, coze_conversation_id, created_at, created_at, name),
                )
                local_id = cursor.lastrowid
                assert local_id is not None
        link = self.get(local_id)
        assert link is not None
        return link, row is None

    def require_link(self, link: CozeLink) -> None:
        """NotLinked unless the conversation is still there and linked to the same Coze conversation (the chat
        that created it may have merged a copy the sync adopted into its own: see twins.py)."""
        row = self._conn.execute(
            "SELECT 1 FROM conversations WHERE id = ? AND coze_conversation_id = ?",
            (link.conversation_id, link.coze_conversation_id),
        ).fetchone()
        if row is None:
            raise NotLinked(f"conversation {link.conversation_id} is no longer linked to {link.coze_conversation_id}")

    def set_coze_name(self, conversation_id: int, coze_name: str, *, retitle: bool) -> None:
        """Remember Coze's name; `retitle` also makes it the local title (it was renamed on Coze)."""
        if retitle:
            sql = "UPDATE conversations SET coze_name = ?, title = ?, title_is_auto = 0 WHERE id = ?"
            params: tuple[object, ...] = (coze_name, title_text(coze_name), conversation_id)
        else:
            sql, params = "UPDATE conversations SET coze_name = ? WHERE id = ?", (coze_name, conversation_id)
        self._write(sql, params)

    def advance(self, conversation_id: int, cursor: str, section_id: str | None) -> None:
        """The sync has read (and stored) the messages up to `cursor`."""
        self._write(
            "UPDATE conversations SET coze_cursor = ?, coze_section_id = coalesce(?, coze_section_id) WHERE id = ?",
            (cursor, section_id, conversation_id),
        )

    def cursor_gone(self, conversation_id: int) -> None:
        """Coze deleted messages of this conversation (a regenerate here): the cursor may be one of them, or
        a message deleted along with them (an answer takes its follow-ups), and Coze's `updated_at` may not
        move. So the next sync reads it again from the start (what it has is known by id, never stored
        twice), and does not skip it as unchanged."""
        with self._db.transaction():  # (a conversation never synced, or deleted meanwhile: nothing to do)
            self._conn.execute(
                "UPDATE conversations SET coze_cursor = NULL, coze_updated_at = NULL, coze_seen_updated_at = NULL"
                " WHERE id = ? AND coze_cursor IS NOT NULL",
                (conversation_id,),
            )

    def read_through(self, conversation_id: int, coze_updated_at: int) -> None:
        """Every message Coze had when it said `updated_at` is stored: the next sync may skip it if unchanged."""
        self._write("UPDATE conversations SET coze_updated_at = ? WHERE id = ?", (coze_updated_at, conversation_id))

    def seen(self, conversation_id: int, coze_updated_at: int) -> None:
        """The sync has read the conversation as Coze had it at `updated_at` (settled or not)."""
        self._write(
            "UPDATE conversations SET coze_seen_updated_at = ? WHERE id = ?", (coze_updated_at, conversation_id)
        )

    def set_section(self, conversation_id: int, section_id: str) -> None:
        self._write("UPDATE conversations SET coze_section_id = ? WHERE id = ?", (section_id, conversation_id))

    def unlink(self, conversation_id: int) -> None:
        """Coze no longer has it: the local copy stays, whole, and now lives only on this computer."""
        self._write(
            "UPDATE conversations SET coze_conversation_id = NULL, coze_name = NULL, coze_cursor = NULL,"
            " coze_section_id = NULL, coze_updated_at = NULL, coze_seen_updated_at = NULL WHERE id = ?",
            (conversation_id,),
        )

    def known_among(self, conversation_id: int, coze_message_ids: list[str]) -> set[str]:
        """Which of these Coze message ids the conversation already has (asked inside the transaction that
        stores a page: another process may have stored it since the page was read)."""
        found: set[str] = set()
        for start in range(0, len(coze_message_ids), 500):
            chunk = coze_message_ids[start : start + 500]
            rows = self._conn.execute(
                f"SELECT coze_message_id FROM messages WHERE conversation_id = ? AND coze_message_id IN"
                f" ({', '.join('?' * len(chunk))})",
                (conversation_id, *chunk),
            )
            found.update(row[0] for row in rows)
        return found

    def known_message_ids(self, conversation_id: int) -> set[str]:
        rows = self._conn.execute(
            "SELECT coze_message_id FROM messages WHERE conversation_id = ? AND coze_message_id IS NOT NULL",
            (conversation_id,),
        )
        return {row[0] for row in rows}

    def claim_question(self, conversation_id: int, coze_message_id: str, coze_chat_id: str, content: str) -> bool:
        """Coze's copy of a question asked here: the stream never names a question's Coze id, so the local
        question is found (the one just before its chat's answer, else the oldest unclaimed one with the
        same text) and given the id. True if one was found; the caller then does not add it again."""
        found = self._conn.execute(
            """
            SELECT id FROM messages WHERE conversation_id = ?1 AND role = 'user' AND coze_message_id IS NULL
              AND id < (SELECT min(id) FROM messages WHERE conversation_id = ?1 AND coze_chat_id = ?2)
            ORDER BY id DESC LIMIT 1
            """,
            (conversation_id, coze_chat_id),
        ).fetchone()
        if found is None:
            found = self._conn.execute(
                "SELECT id FROM messages WHERE conversation_id = ? AND role = 'user' AND coze_message_id IS NULL"
                " AND content = ? ORDER BY id LIMIT 1",
                (conversation_id, clean_text(content)),
            ).fetchone()
        if found is None:
            return False
        self._conn.execute(
            "UPDATE messages SET coze_message_id = ?, coze_chat_id = coalesce(coze_chat_id, ?) WHERE id = ?",
            (coze_message_id, coze_chat_id or None, found[0]),
        )
        return True

    def set_feedback(self, message_id: int, feedback: Feedback | None) -> None:
        """Remember the rating Coze took for an answer (None: taken back)."""
        with self._db.transaction():
            cursor = self._conn.execute(
                "UPDATE messages SET feedback = ? WHERE id = ?",
                (feedback.to_json() if feedback is not None else None, message_id),
            )
            if cursor.rowcount == 0:
                raise NotFoundError(f"message {message_id} not found")

    def _write(self, sql: str, params: tuple[object, ...]) -> None:
        with self._db.transaction():
            if self._conn.execute(sql, params).rowcount == 0:
                raise NotFoundError(f"conversation {params[-1]} not found")
