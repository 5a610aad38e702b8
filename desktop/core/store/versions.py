"""Earlier versions of answers: a regenerated answer, or one whose question was edited and sent again.

A turn is a question and the answers after it. Reworking a turn keeps the answer's row (so the new
answer appears where the old one was) and moves what it held into `message_versions`, with the
question as it was asked then; the row is emptied and streams the new answer. Only `ChatTurn`
(desktop/core/chat) reworks a turn: it is the one writer of answers.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from desktop.core.store.base import Part, clean_text
from desktop.core.store.messages import BODY_COLUMNS, body_values
from desktop.core.store.models import (
    MESSAGE_COLUMNS,
    TYPE_ANSWER,
    TYPE_QUESTION,
    Message,
    NewMessage,
    message_from_row,
)
from desktop.core.vocabulary import MessageStatus, Role

# Extra answer messages of a reworked turn (a bot that answered in several messages) join the version.
PART_SEPARATOR = "\n\n"

_INSERT_SQL = (
    f"INSERT INTO message_versions (message_id, question, question_content_type, created_at, updated_at, {BODY_COLUMNS})"
    f" VALUES ({', '.join('?' * 17)})"
)
# A version read as the `Message` its answer row was then: the row's identity, the version's content.
_VERSION_AS_MESSAGE = (
    "v.id AS version_id, v.question, v.question_content_type, m.id, m.conversation_id, m.role, m.type,"
    " v.content, v.content_type, v.reasoning_content, v.coze_message_id, v.coze_chat_id, v.status,"
    " v.error_code, v.error_msg, v.error_logid, v.input_tokens, v.output_tokens, v.created_at, v.updated_at,"
    " v.error_kind, NULL AS debug_url, NULL AS feedback, NULL AS shortcut"
    " FROM message_versions v JOIN messages m ON m.id = v.message_id"
)


@dataclass(frozen=True, slots=True)
class AnswerVersion:
    """An earlier version of an answer, and the question it answered: `answer` is the answer row as it
    was then (its local id is the row's; content, status, error, usage and Coze ids the version's)."""

    id: int
    question: str
    question_content_type: str
    answer: Message

    @property
    def message_id(self) -> int:
        return self.answer.id


@dataclass(frozen=True, slots=True)
class Turn:
    """A question and the answers after it (up to the next question)."""

    question: Message
    answers: tuple[Message, ...]


def _version_from_row(row: sqlite3.Row) -> AnswerVersion:
    return AnswerVersion(row["version_id"], row["question"], row["question_content_type"], message_from_row(row))


class Versions(Part):
    """`store.versions`: the earlier versions of answers."""

    def turn(self, message_id: int) -> Turn | None:
        """The turn a question or an answer belongs to; None if there is no question before it."""
        row = self._conn.execute(
            "SELECT conversation_id, role, type FROM messages WHERE id = ?", (message_id,)
        ).fetchone()
        if row is None:
            return None
        conversation_id = row["conversation_id"]
        question_row = self._conn.execute(
            f"SELECT {MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? AND id <= ? AND role = ? AND type = ?"
            " ORDER BY id DESC LIMIT 1",
            (conversation_id, message_id, Role.USER, TYPE_QUESTION),
        ).fetchone()
        if question_row is None:
            return None
        question = message_from_row(question_row)
        rows = self._conn.execute(
            f"SELECT {MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? AND id > ? AND id < coalesce("
            " (SELECT min(id) FROM messages WHERE conversation_id = ? AND id > ? AND role = ?), 1 << 62)"
            " AND role = ? AND type = ? ORDER BY id",  # answers only: tool calls and verbose notes stay as they are
            (conversation_id, question.id, conversation_id, question.id, Role.USER, Role.ASSISTANT, TYPE_ANSWER),
        ).fetchall()
        return Turn(question, tuple(message_from_row(r) for r in rows))

    def rework(self, turn: Turn, question: tuple[str, str] | None = None, owner: str | None = None) -> int:
        """Keep the turn's answers as an earlier version of its first answer and empty that row to stream
        the new answer (status "streaming", owned by `owner`); `question` (content, content_type)
        replaces the question (an edit). Returns the answer row's id. One transaction."""
        if not turn.answers:
            raise ValueError("a turn without an answer has nothing to rework")
        anchor, extra = turn.answers[0], turn.answers[1:]
        now = self._db.now()
        usage = (
            next((a.input_tokens for a in reversed(turn.answers) if a.input_tokens is not None), None),
            next((a.output_tokens for a in reversed(turn.answers) if a.output_tokens is not None), None),
        )
        kept = NewMessage(
            anchor.role,
            anchor.type,
            PART_SEPARATOR.join(a.content for a in turn.answers if a.content),
            anchor.content_type,
            PART_SEPARATOR.join(a.reasoning_content for a in turn.answers if a.reasoning_content),
            anchor.status if anchor.status != MessageStatus.STREAMING else MessageStatus.INTERRUPTED,
            anchor.error,
            usage,
            anchor.coze_message_id,
            anchor.coze_chat_id,
            anchor.created_at,
        )
        # A failed attempt that never reached Coze's answer (no text, no chat: the forget before it failed,
        # or the request was refused) is no earlier version: asking again replaces it instead of piling up
        # "version 2 of 4" pages that are only error sentences.
        empty = not kept.content and not kept.reasoning_content and not kept.coze_chat_id and not kept.coze_message_id
        keep = not (empty and kept.status == MessageStatus.FAILED)
        with self._db.transaction():
            if keep:
                self.add(anchor.id, (turn.question.content, turn.question.content_type), kept, anchor.updated_at)
            if extra:
                marks = ", ".join("?" * len(extra))
                self._conn.execute(f"DELETE FROM messages WHERE id IN ({marks})", [a.id for a in extra])
            # The question is asked again, as a new Coze message: the old one's id no longer names it.
            self._conn.execute("UPDATE messages SET coze_message_id = NULL WHERE id = ?", (turn.question.id,))
            if question is not None:
                self._conn.execute(
                    "UPDATE messages SET content = ?, content_type = ?, updated_at = ? WHERE id = ?",
                    (clean_text(question[0]), question[1], now, turn.question.id),
                )
            self._conn.execute(
                "UPDATE messages SET content = '', reasoning_content = '', content_type = 'text', status = ?,"
                " error_code = NULL, error_msg = NULL, error_logid = NULL, error_kind = NULL,"
                " input_tokens = NULL, output_tokens = NULL, coze_message_id = NULL, coze_chat_id = NULL,"
                " feedback = NULL, debug_url = NULL,"  # the old answer's rating and run, not the new one's
                " created_at = ?, updated_at = ?, stream_owner = ? WHERE id = ?",
                (MessageStatus.STREAMING, now, now, owner, anchor.id),
            )
            self._db.touch_conversation(anchor.conversation_id, now)
        return anchor.id

    def after(self, turn: Turn) -> list[Message]:
        """The questions and answers after a turn, oldest first (what follows it on screen)."""
        last = max(a.id for a in turn.answers) if turn.answers else turn.question.id
        rows = self._conn.execute(
            f"SELECT {MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? AND id > ? AND type IN (?, ?)"
            " ORDER BY id",
            (turn.question.conversation_id, last, TYPE_QUESTION, TYPE_ANSWER),
        ).fetchall()
        return [message_from_row(row) for row in rows]

    def of(self, message_id: int) -> list[AnswerVersion]:
        """The earlier versions of an answer, oldest first."""
        rows = self._conn.execute(
            f"SELECT {_VERSION_AS_MESSAGE} WHERE v.message_id = ? ORDER BY v.id", (message_id,)
        ).fetchall()
        return [_version_from_row(row) for row in rows]

    def in_conversation(self, conversation_id: int) -> dict[int, list[AnswerVersion]]:
        """The earlier versions of every answer of a conversation, by answer row id, oldest first (one
        query: what an export needs for a whole chat)."""
        found: dict[int, list[AnswerVersion]] = {}
        for row in self._conn.execute(
            f"SELECT {_VERSION_AS_MESSAGE} WHERE m.conversation_id = ? ORDER BY v.message_id, v.id", (conversation_id,)
        ):
            version = _version_from_row(row)
            found.setdefault(version.message_id, []).append(version)
        return found

    def add(
        self, message_id: int, question: tuple[str, str], answer: NewMessage, updated_at: float | None = None
    ) -> int:
        """Keep `answer` as an earlier version of the answer row `message_id`, asked as `question`
        (content, content_type): a rework, or an import bringing versions back. The version's id."""
        created = answer.created_at if answer.created_at is not None else self._db.now()
        updated = updated_at if updated_at is not None else created
        with self._db.transaction():
            cursor = self._conn.execute(
                _INSERT_SQL, (message_id, clean_text(question[0]), question[1], created, updated, *body_values(answer))
            )
        return int(cursor.lastrowid or 0)

    def counts(self, message_ids: Iterable[int]) -> dict[int, int]:
        """How many earlier versions each of these answers has (answers without any are left out)."""
        ids = list(message_ids)
        found: dict[int, int] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join("?" * len(chunk))
            for message_id, count in self._conn.execute(
                f"SELECT message_id, count(*) FROM message_versions WHERE message_id IN ({marks}) GROUP BY message_id",
                chunk,
            ):
                found[message_id] = count
        return found

    def replaced_chats(self, conversation_id: int) -> set[str]:
        """The Coze chats of every earlier version in a conversation: chats the user replaced here, whose
        messages a sync must not bring back (Coze may still have them, if it never heard it should forget)."""
        rows = self._conn.execute(
            "SELECT DISTINCT v.coze_chat_id FROM message_versions v JOIN messages m ON m.id = v.message_id"
            " WHERE m.conversation_id = ? AND v.coze_chat_id IS NOT NULL",
            (conversation_id,),
        )
        return {row[0] for row in rows}
