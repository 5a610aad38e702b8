"""Messages: questions (committed before the request leaves), streaming answers, and pages of history."""

from __future__ import annotations

from desktop.core.store.base import clean_text
from desktop.core.store.conversations import ConversationsMixin
from desktop.core.store.models import (
    MESSAGE_COLUMNS,
    TYPE_ANSWER,
    TYPE_QUESTION,
    Message,
    MessageError,
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


class MessagesMixin(ConversationsMixin):
    def add_message(
        self,
        conversation_id: int,
        *,
        role: str,
        type: str,
        content: str,
        content_type: str = "text",
        reasoning_content: str = "",
        status: str = MessageStatus.COMPLETE,
        error: ErrorArg = None,
        usage: UsageArg = None,
        coze_message_id: str | None = None,
        coze_chat_id: str | None = None,
        created_at: float | None = None,
    ) -> Message:
        """Store one message as it is (imported, verbose, follow-up...); committed on return.

        A user question also names an untitled conversation and clears stale follow-up suggestions.
        """
        with self.transaction():
            message_id = self._insert_message(
                conversation_id,
                role=role,
                type=type,
                content=content,
                content_type=content_type,
                reasoning_content=reasoning_content,
                status=status,
                error=error,
                usage=usage,
                coze_message_id=coze_message_id,
                coze_chat_id=coze_chat_id,
                created_at=created_at,
            )
        return self._get_message_or_raise(message_id)

    def _insert_message(
        self,
        conversation_id: int,
        *,
        role: str,
        type: str,
        content: str,
        content_type: str = "text",
        reasoning_content: str = "",
        status: str = MessageStatus.COMPLETE,
        error: ErrorArg = None,
        usage: UsageArg = None,
        coze_message_id: str | None = None,
        coze_chat_id: str | None = None,
        created_at: float | None = None,
    ) -> int:
        """add_message without its own transaction or read-back (import calls it in a loop)."""
        _check(role, type, status)
        err = _error(error)
        input_tokens, output_tokens = usage if usage is not None else (None, None)
        created = self._now() if created_at is None else float(created_at)
        content = clean_text(content)
        self._touch_conversation(conversation_id, created)
        cursor = self._conn.execute(
            """
            INSERT INTO messages (conversation_id, role, type, content, content_type,
                reasoning_content, coze_message_id, coze_chat_id, status, error_code, error_msg,
                error_logid, input_tokens, output_tokens, created_at, updated_at, error_kind)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            (
                conversation_id,
                role,
                type,
                content,
                content_type,
                clean_text(reasoning_content),
                coze_message_id,
                coze_chat_id,
                status,
                err.code if err else None,
                clean_text(err.msg) if err else None,
                err.logid if err else None,
                input_tokens,
                output_tokens,
                created,
                created,
                err.kind if err else None,
            ),
        )
        if role == Role.USER and type == TYPE_QUESTION:
            self._set_auto_title(conversation_id, content)
            self._conn.execute("UPDATE conversations SET follow_ups = '[]' WHERE id = ?", (conversation_id,))
        message_id = cursor.lastrowid
        assert message_id is not None
        return message_id

    def add_user_message(self, conversation_id: int, text: str) -> Message:
        """The user's question, committed before the request leaves (so it survives any crash)."""
        return self.add_message(conversation_id, role=Role.USER, type=TYPE_QUESTION, content=text)

    def start_answer(
        self,
        conversation_id: int,
        *,
        coze_chat_id: str | None = None,
        coze_message_id: str | None = None,
        type: str = TYPE_ANSWER,
    ) -> Message:
        """An empty assistant message in status "streaming", to be filled by update_answer."""
        return self.add_message(
            conversation_id,
            role=Role.ASSISTANT,
            type=type,
            content="",
            status=MessageStatus.STREAMING,
            coze_chat_id=coze_chat_id,
            coze_message_id=coze_message_id,
        )

    def update_answer(
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
        now = self._now()
        assign("updated_at", now)
        with self.transaction():
            row = self._conn.execute(
                f"UPDATE messages SET {', '.join(assignments)} WHERE id = ? RETURNING conversation_id",
                (*params, message_id),
            ).fetchone()
            if row is None:
                raise NotFoundError(f"message {message_id} not found")
            self._touch_conversation(row[0], now)

    def get_message(self, message_id: int) -> Message | None:
        row = self._conn.execute(f"SELECT {MESSAGE_COLUMNS} FROM messages WHERE id = ?", (message_id,)).fetchone()
        return None if row is None else message_from_row(row)

    def _get_message_or_raise(self, message_id: int) -> Message:
        message = self.get_message(message_id)
        if message is None:
            raise NotFoundError(f"message {message_id} not found")
        return message

    def list_messages(self, conversation_id: int, limit: int = 100, before_id: int | None = None) -> list[Message]:
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

    def all_messages(self, conversation_id: int) -> list[Message]:
        """Every message of a conversation, oldest first (for export and `show`)."""
        rows = self._conn.execute(
            f"SELECT {MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ? ORDER BY id", (conversation_id,)
        ).fetchall()
        return [message_from_row(row) for row in rows]

    def count_messages(self, conversation_id: int) -> int:
        count: int = self._conn.execute(
            "SELECT count(*) FROM messages WHERE conversation_id = ?", (conversation_id,)
        ).fetchone()[0]
        return count

    def find_message_by_coze_id(self, coze_message_id: str) -> Message | None:
        row = self._conn.execute(
            f"SELECT {MESSAGE_COLUMNS} FROM messages WHERE coze_message_id = ? ORDER BY id LIMIT 1",
            (coze_message_id,),
        ).fetchone()
        return None if row is None else message_from_row(row)

    def interrupt_streaming(self) -> int:
        """Mark every message left in status "streaming" as "interrupted" (crash recovery); returns how many."""
        with self.transaction():
            cursor = self._conn.execute(
                "UPDATE messages SET status = 'interrupted' WHERE status = ?", (MessageStatus.STREAMING,)
            )
        return cursor.rowcount
