"""Messages: questions (committed before the request leaves), streaming answers, and pages of history."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Sequence

from desktop.core.store.base import Part, clean_text
from desktop.core.store.conversations import question_title, set_auto_title
from desktop.core.store.models import (
    MESSAGE_COLUMNS,
    TYPE_ANSWER,
    TYPE_QUESTION,
    Message,
    MessageError,
    MessageKeys,
    NewMessage,
    NotFoundError,
    message_from_row,
)
from desktop.core.vocabulary import ROLES, STATUSES, MessageStatus, Role

# An error as a tuple is (code, msg, logid), as the Coze API reports it.
ErrorArg = MessageError | tuple[int | None, str, str | None] | None
UsageArg = tuple[int | None, int | None] | None


def _error(error: ErrorArg) -> MessageError | None:
    if error is None or isinstance(error, MessageError):
        return error
    code, msg, logid = error
    return MessageError(code, msg or "", logid)


def _check(role: str | None = None, type_: str | None = None, status: str | None = None) -> None:
    if role is not None and role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    if type_ is not None and (not type_ or len(type_) > 64):
        raise ValueError(f"bad message type {type_!r}")
    if status is not None and status not in STATUSES:
        raise ValueError(f"unknown status {status!r}")


# What a message says and how it ended: the columns `messages` and `message_versions` share, and the one
# place a NewMessage becomes their values (cleaned as SQLite can store them).
BODY_COLUMNS = (
    "content, content_type, reasoning_content, status, error_code, error_msg, error_logid, error_kind,"
    " input_tokens, output_tokens, coze_message_id, coze_chat_id"
)


def body_values(message: NewMessage) -> tuple[object, ...]:
    """The values of BODY_COLUMNS for `message`."""
    err = message.error
    input_tokens, output_tokens = message.usage if message.usage is not None else (None, None)
    return (
        clean_text(message.content),
        message.content_type,
        clean_text(message.reasoning_content),
        message.status,
        err.code if err else None,
        clean_text(err.msg) if err else None,
        err.logid if err else None,
        err.kind if err else None,
        input_tokens,
        output_tokens,
        message.coze_message_id,
        message.coze_chat_id,
    )


_INSERT_SQL = (
    f"INSERT INTO messages (conversation_id, role, type, created_at, updated_at, shortcut, {BODY_COLUMNS})"
    f" VALUES ({', '.join('?' * 18)})"
)


class Messages(Part):
    """`store.messages`: the messages of every conversation."""

    owner_provider: Callable[[], str | None] | None = None  # who this process is, as a stream owner

    def add(self, conversation_id: int, message: NewMessage) -> Message:
        """Store one message as it is (imported, verbose, follow-up...); committed on return.

        A user question also names an untitled conversation and clears stale follow-up suggestions.
        """
        with self._db.transaction():
            message_id = self._insert(conversation_id, message)
        return self._get_or_raise(message_id)

    def add_many(self, conversation_id: int, messages: Iterable[NewMessage]) -> int:
        """Store several messages of one conversation in one transaction (no read-back); how many."""
        return len(self.insert_many(conversation_id, messages))

    def insert_many(self, conversation_id: int, messages: Iterable[NewMessage]) -> list[int]:
        """Store several messages of one conversation in one transaction; their new ids, in order."""
        with self._db.transaction():
            return [self._insert(conversation_id, message) for message in messages]

    def delete_ids(self, message_ids: Sequence[int]) -> int:
        """Delete these messages (the search index follows by trigger); how many were there."""
        deleted = 0
        with self._db.transaction():
            for start in range(0, len(message_ids), 500):
                chunk = list(message_ids[start : start + 500])
                marks = ", ".join("?" * len(chunk))
                deleted += self._conn.execute(f"DELETE FROM messages WHERE id IN ({marks})", chunk).rowcount
        return deleted

    def _insert(self, conversation_id: int, message: NewMessage) -> int:
        _check(message.role, message.type, message.status)
        created = self._db.now() if message.created_at is None else float(message.created_at)
        body = body_values(message)
        self._db.touch_conversation(conversation_id, created)
        cursor = self._conn.execute(
            _INSERT_SQL, (conversation_id, message.role, message.type, created, created, message.shortcut, *body)
        )
        if message.role == Role.USER and message.type == TYPE_QUESTION:
            content = str(body[0])
            set_auto_title(self._db, conversation_id, question_title(content, message.content_type))
            self._conn.execute("UPDATE conversations SET follow_ups = '[]' WHERE id = ?", (conversation_id,))
        message_id = cursor.lastrowid
        assert message_id is not None
        return message_id

    def add_question(
        self, conversation_id: int, text: str, content_type: str = "text", *, shortcut: str | None = None
    ) -> Message:
        """The user's question, committed before the request leaves (so it survives any crash); `shortcut`:
        the shortcut command it was sent with (JSON)."""
        question = NewMessage(
            role=Role.USER, type=TYPE_QUESTION, content=text, content_type=content_type, shortcut=shortcut
        )
        return self.add(conversation_id, question)

    def start_answer(
        self,
        conversation_id: int,
        *,
        coze_chat_id: str | None = None,
        coze_message_id: str | None = None,
        type: str = TYPE_ANSWER,
        created_at: float | None = None,
    ) -> Message:
        """An empty assistant message in status "streaming", to be filled by `update`; it names this
        process as its owner (`stream_owner`), so no other process recovers it while it streams.
        `created_at`: when its question was sent (None: now); the answer's duration counts from it."""
        new = NewMessage(
            role=Role.ASSISTANT,
            type=type,
            status=MessageStatus.STREAMING,
            coze_chat_id=coze_chat_id,
            coze_message_id=coze_message_id,
            created_at=created_at,
        )
        owner = self.stream_owner()
        with self._db.transaction():
            message_id = self._insert(conversation_id, new)
            self._conn.execute("UPDATE messages SET stream_owner = ? WHERE id = ?", (owner, message_id))
        return self._get_or_raise(message_id)

    def stream_owner(self) -> str | None:
        """The owner name this process's streaming rows carry (the Store sets the provider)."""
        return self.owner_provider() if self.owner_provider is not None else None

    def update(
        self,
        message_id: int,
        *,
        content: str | None = None,
        reasoning_content: str | None = None,
        status: str | None = None,
        error: ErrorArg = None,
        usage: UsageArg = None,
        coze_message_id: str | None = None,
        coze_chat_id: str | None = None,
        content_type: str | None = None,
        debug_url: str | None = None,
    ) -> None:
        """Change the given fields of a message (None = leave as is); content replaces, not appends."""
        _check(status=status)
        assignments: list[str] = []
        params: list[object] = []

        def assign(column: str, value: object) -> None:
            assignments.append(f"{column} = ?")
            params.append(value)

        if content is not None:
            assign("content", clean_text(content))
        if reasoning_content is not None:
            assign("reasoning_content", clean_text(reasoning_content))
        if status is not None:
            assign("status", status)
        err = _error(error)
        if err is not None:
            assign("error_code", err.code)
            assign("error_msg", clean_text(err.msg))
            assign("error_logid", err.logid)
            assign("error_kind", err.kind)
        if usage is not None:
            assign("input_tokens", usage[0])
            assign("output_tokens", usage[1])
        if coze_message_id is not None:
            assign("coze_message_id", coze_message_id)
        if coze_chat_id is not None:
            assign("coze_chat_id", coze_chat_id)
        if content_type is not None:
            assign("content_type", content_type)
        if debug_url is not None:
            assign("debug_url", debug_url)
        now = self._db.now()
        assign("updated_at", now)
        with self._db.transaction():
            row = self._conn.execute(
                f"UPDATE messages SET {', '.join(assignments)} WHERE id = ? RETURNING status, conversation_id",
                (*params, message_id),
            ).fetchone()
            if row is None:
                raise NotFoundError(f"message {message_id} not found")
            # More text of an answer still streaming does not make its conversation newer (its start and its
            # end do): else every flush moved it up the list, above a chat the user had just asked in.
            if status is not None or row[0] != MessageStatus.STREAMING:
                self._db.touch_conversation(row[1], now)

    def get(self, message_id: int) -> Message | None:
        row = self._conn.execute(f"SELECT {MESSAGE_COLUMNS} FROM messages WHERE id = ?", (message_id,)).fetchone()
        return None if row is None else message_from_row(row)

    def _get_or_raise(self, message_id: int) -> Message:
        message = self.get(message_id)
        if message is None:
            raise NotFoundError(f"message {message_id} not found")
        return message

    def page(self, conversation_id: int, limit: int = 100, before_id: int | None = None) -> list[Message]:
        """A page from the end of the conversation (the newest `limit` messages older than `before_id`),
        returned oldest to newest. Pass the first message's id of a page as `before_id` for the page before.
        """
        if before_id is None:
            sql = f"SELECT {MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? ORDER BY id DESC LIMIT ?"
            params: tuple[object, ...] = (conversation_id, max(0, limit))
        else:
            sql = (
                f"SELECT {MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? AND id < ? ORDER BY id DESC LIMIT ?"
            )
            params = (conversation_id, before_id, max(0, limit))
        rows = self._conn.execute(sql, params).fetchall()
        return [message_from_row(row) for row in reversed(rows)]

    def of_chats(self, conversation_id: int, chat_ids: Collection[str], types: Collection[str]) -> list[Message]:
        """The messages of these types that these Coze chats produced (tool calls beside answers), oldest first."""
        chats, kinds = list(chat_ids)[:500], list(types)
        if not chats or not kinds:
            return []
        sql = (
            f"SELECT {MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? AND coze_chat_id IN"
            f" ({', '.join('?' * len(chats))}) AND type IN ({', '.join('?' * len(kinds))}) ORDER BY id"
        )
        rows = self._conn.execute(sql, (conversation_id, *chats, *kinds)).fetchall()
        return [message_from_row(row) for row in rows]

    def all(self, conversation_id: int) -> list[Message]:
        """Every message of a conversation, oldest first (for export and `show`)."""
        rows = self._conn.execute(
            f"SELECT {MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? ORDER BY id", (conversation_id,)
        ).fetchall()
        return [message_from_row(row) for row in rows]

    def each(self, conversation_id: int, batch: int = 200) -> Iterator[Message]:
        """Every message of a conversation, oldest first, read `batch` rows at a time (an export of a
        huge conversation never holds all of it in memory)."""
        last = -1
        while True:
            rows = self._conn.execute(
                f"SELECT {MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? AND id > ? ORDER BY id LIMIT ?",
                (conversation_id, last, batch),
            ).fetchall()
            for row in rows:
                message = message_from_row(row)
                last = message.id
                yield message
            if len(rows) < batch:
                return

    def stamps(self, conversation_id: int, from_id: int, types: Collection[str]) -> list[tuple[int, float, str | None]]:
        """(id, updated_at, stream_owner) of the conversation's messages of `types` from `from_id` on, oldest
        first: what a window compares to see what another process wrote (no text is read)."""
        kinds = list(types)
        rows = self._conn.execute(
            f"SELECT id, updated_at, stream_owner FROM messages WHERE conversation_id = ? AND id >= ?"
            f" AND type IN ({', '.join('?' * len(kinds))}) ORDER BY id",
            (conversation_id, from_id, *kinds),
        )
        return [(row[0], row[1], row[2]) for row in rows]

    def count(self, conversation_id: int) -> int:
        count: int = self._conn.execute(
            "SELECT count(*) FROM messages WHERE conversation_id = ?", (conversation_id,)
        ).fetchone()[0]
        return count

    def keys(self, conversation_id: int) -> MessageKeys:
        """The identities of a conversation's messages (import skips a message matching one)."""
        coze_ids: set[str] = set()
        contents: set[tuple[str, float, str]] = set()
        for row in self._conn.execute(
            "SELECT coze_message_id, role, created_at, content FROM messages WHERE conversation_id = ?",
            (conversation_id,),
        ):
            if row["coze_message_id"]:
                coze_ids.add(row["coze_message_id"])
            contents.add((row["role"], row["created_at"], row["content"]))
        return MessageKeys(frozenset(coze_ids), frozenset(contents))

    def find_by_coze_id(self, coze_message_id: str) -> Message | None:
        row = self._conn.execute(
            f"SELECT {MESSAGE_COLUMNS} FROM messages WHERE coze_message_id = ? ORDER BY id LIMIT 1",
            (coze_message_id,),
        ).fetchone()
        return None if row is None else message_from_row(row)

    def stop_abandoned(self, conversation_id: int) -> int:
        """Mark the conversation's answers this process left "streaming" as stopped by the user: their stream was
        stopped and nothing more written for them (a delete then taken back with Undo). Rows another process
        streams stay as they are. Returns how many."""
        with self._db.transaction():
            cursor = self._conn.execute(
                "UPDATE messages SET status = ?, stream_owner = NULL WHERE conversation_id = ? AND status = ?"
                " AND (stream_owner IS NULL OR stream_owner = ?)",
                (MessageStatus.CANCELLED, conversation_id, MessageStatus.STREAMING, self.stream_owner()),
            )
        return cursor.rowcount

    def interrupt_streaming(self, is_live: Callable[[str], bool] | None = None) -> int:
        """Mark messages left in status "streaming" as "interrupted" (crash recovery); returns how many.

        With `is_live`, only rows whose owner is gone (or that name none) are recovered: a row another
        process is streaming right now is never touched. Without it, every streaming row."""
        if is_live is None:
            where, args = "status = ?", [MessageStatus.STREAMING]
        else:
            owners = [
                owner
                for (owner,) in self._conn.execute(
                    "SELECT DISTINCT stream_owner FROM messages WHERE status = ? AND stream_owner IS NOT NULL",
                    (MessageStatus.STREAMING,),
                )
            ]
            dead = [owner for owner in owners if not is_live(owner)]
            marks = ",".join("?" * len(dead))
            where = f"status = ? AND (stream_owner IS NULL OR stream_owner IN ({marks}))"
            args = [MessageStatus.STREAMING, *dead]
        with self._db.transaction():
            cursor = self._conn.execute(
                f"UPDATE messages SET status = ?, stream_owner = NULL WHERE {where}", [MessageStatus.INTERRUPTED, *args]
            )
        return cursor.rowcount
