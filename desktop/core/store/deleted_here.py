"""Migration 15: the Coze conversations the user deleted here, so that the sync does not bring them back.

Deleting a chat here (without "Also delete on Coze") leaves Coze's copy, and the next sync listed it as one
this computer lacks and adopted it again (found by the attack run: "新增对话：1" at the next start). So a
delete records the Coze id it unlinked in `deleted_coze_conversations`, in the same transaction that deletes
the row; the sync skips those ids, and adopting one (a sync that listed it before the delete) is refused in
the transaction that would insert it. An import of an export that holds the conversation is the user asking
for it back: the record goes as the conversation is made again (conversations.create links it).

A record is needed only while Coze has the conversation: the sync drops it once a whole listing of the bot
leaves the conversation out and Coze answers that it has no such conversation (4002/4200; sync/pull.py
`_prune_deleted_here`). Coze never gives an id again, so nothing can list it later. Not by age: a chat
deleted here months ago that Coze still keeps would come back the day its record went.
"""

from __future__ import annotations

import sqlite3

V15 = (
    """
    CREATE TABLE deleted_coze_conversations (
        coze_conversation_id TEXT PRIMARY KEY,
        bot_id TEXT NOT NULL,
        deleted_at REAL NOT NULL
    )
    """,
)


def remember_deleted(conn: sqlite3.Connection, conversation_id: int, now: float) -> None:
    """The conversation is about to be deleted here: keep its Coze id, if it has one (in the caller's transaction)."""
    conn.execute(
        "INSERT OR REPLACE INTO deleted_coze_conversations (coze_conversation_id, bot_id, deleted_at)"
        " SELECT coze_conversation_id, bot_id, ? FROM conversations WHERE id = ? AND coze_conversation_id IS NOT NULL",
        (now, conversation_id),
    )


def forget_deleted(conn: sqlite3.Connection, coze_conversation_id: str) -> bool:
    """The conversation is wanted here again (in the caller's transaction); True if it had been deleted here."""
    cursor = conn.execute(
        "DELETE FROM deleted_coze_conversations WHERE coze_conversation_id = ?", (coze_conversation_id,)
    )
    return cursor.rowcount > 0


def was_deleted(conn: sqlite3.Connection, coze_conversation_id: str) -> bool:
    row = conn.execute(
        "SELECT 1 FROM deleted_coze_conversations WHERE coze_conversation_id = ?", (coze_conversation_id,)
    ).fetchone()
    return row is not None


def deleted_for_bot(conn: sqlite3.Connection, bot_id: str) -> set[str]:
    rows = conn.execute("SELECT coze_conversation_id FROM deleted_coze_conversations WHERE bot_id = ?", (bot_id,))
    return {str(row[0]) for row in rows}
