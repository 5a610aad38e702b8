"""Twins: two local conversations linked to one Coze conversation, made one again.

How one came about: a chat creates its Coze conversation and records the Coze id on its local conversation
only when that news reaches the thread that owns the store. A sync listing Coze's conversations in that gap
(the window's own sync at start-up, or another process on the profile) found a conversation no local one
named yet and adopted it: a second local conversation, sometimes with copies of the chat's messages. A
unique index on `coze_conversation_id` (migration 12) now keeps a second link out, so the chat merges such
a twin into its own conversation in the write transaction that records the id (`Conversations.set_coze_id`),
and migration 12 merges the twins older versions left behind.

What wins: the conversation the chat streams into (or, for old twins, the oldest: every later sync read
into it). Of the twin's rows, a Coze message the survivor has is dropped; a copy of a question asked here
gives the local question its Coze id (the stream never names it) and is dropped; the rest move over, keeping
their ids, versions and attachments, except (for a chat's brand-new Coze conversation, `fresh`) rows of
Coze messages: those are this chat's own, which it is writing itself, and Coze keeps them. The survivor's
sync state starts again from nothing, so the next sync reads the conversation whole and stores whatever the
survivor still lacks (known messages are never stored twice). Pinned stays pinned; the newest activity counts.
"""

from __future__ import annotations

import sqlite3

from desktop.core.vocabulary import Role

SYNC_STATE_RESET = (
    "coze_name = NULL, coze_cursor = NULL, coze_section_id = NULL, coze_updated_at = NULL, coze_seen_updated_at = NULL"
)


def merge_twins(conn: sqlite3.Connection, survivor: int, coze_conversation_id: str, *, fresh: bool) -> list[int]:
    """Merge every other local conversation linked to `coze_conversation_id` into `survivor`; the merged ids.
    Run it inside the caller's write transaction (the survivor's own link is the caller's to write)."""
    twins = [
        int(row[0])
        for row in conn.execute(
            "SELECT id FROM conversations WHERE coze_conversation_id = ? AND id != ? ORDER BY id",
            (coze_conversation_id, survivor),
        )
    ]
    for twin in twins:
        _merge_one(conn, survivor, twin, fresh=fresh)
    return twins


def _merge_one(conn: sqlite3.Connection, survivor: int, twin: int, *, fresh: bool) -> None:
    known = {
        str(row[0])
        for row in conn.execute(
            "SELECT coze_message_id FROM messages WHERE conversation_id = ? AND coze_message_id IS NOT NULL",
            (survivor,),
        )
    }
    rows = conn.execute(
        "SELECT id, role, content, coze_message_id, coze_chat_id FROM messages WHERE conversation_id = ? ORDER BY id",
        (twin,),
    ).fetchall()
    for row_id, role, content, coze_message_id, coze_chat_id in rows:
        if coze_message_id is not None and (
            coze_message_id in known
            or (role == Role.USER and _claim(conn, survivor, str(content), str(coze_message_id), coze_chat_id))
            or fresh
        ):
            conn.execute("DELETE FROM messages WHERE id = ?", (row_id,))
            known.add(str(coze_message_id))
            continue
        conn.execute("UPDATE messages SET conversation_id = ? WHERE id = ?", (survivor, row_id))
        if coze_message_id is not None:
            known.add(str(coze_message_id))
    conn.execute(
        f"""
        UPDATE conversations SET
            pinned = max(pinned, (SELECT pinned FROM conversations WHERE id = ?2)),
            archived = min(archived, (SELECT archived FROM conversations WHERE id = ?2)),
            updated_at = max(updated_at, (SELECT updated_at FROM conversations WHERE id = ?2)),
            title = CASE WHEN title = '' THEN (SELECT title FROM conversations WHERE id = ?2) ELSE title END,
            {SYNC_STATE_RESET}
        WHERE id = ?1
        """,
        (survivor, twin),
    )
    conn.execute("DELETE FROM conversations WHERE id = ?", (twin,))


def _claim(conn: sqlite3.Connection, survivor: int, content: str, coze_message_id: str, chat: object) -> bool:
    """The survivor's question with this text still without a Coze id (the oldest) takes `coze_message_id`."""
    found = conn.execute(
        "SELECT id FROM messages WHERE conversation_id = ? AND role = 'user' AND coze_message_id IS NULL"
        " AND content = ? ORDER BY id LIMIT 1",
        (survivor, content),
    ).fetchone()
    if found is None:
        return False
    conn.execute(
        "UPDATE messages SET coze_message_id = ?, coze_chat_id = coalesce(coze_chat_id, ?) WHERE id = ?",
        (coze_message_id, chat or None, found[0]),
    )
    return True


def merge_all_twins(conn: sqlite3.Connection) -> None:
    """Migration 12's first step: every set of twins becomes its oldest conversation."""
    shared = conn.execute(
        "SELECT coze_conversation_id, min(id) FROM conversations WHERE coze_conversation_id IS NOT NULL"
        " GROUP BY coze_conversation_id HAVING count(*) > 1"
    ).fetchall()
    for coze_conversation_id, oldest in shared:
        merge_twins(conn, int(oldest), str(coze_conversation_id), fresh=False)
