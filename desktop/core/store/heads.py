"""Migration 14: the start of a long message, kept apart for the conversation list's previews (#21).

The list shows, for each conversation, a preview of its last message and that message's status. A long
answer's text spills over a chain of overflow pages, and SQLite reads the whole chain both to cut the
start of a value (`substr` loads the value) and to reach the columns stored after it (`status`,
`content_type`): ~0.5 ms of the window's thread per such chat at each reload of the list. So a message
longer than the list reads (`HEAD_CHARS`) has its start, status and content type in `message_heads`, kept
by triggers in the transaction that writes the message, and the list reads that small row instead; shorter
messages are read from `messages` as before (their row holds all of it), and take no room here. A card or
attachments (JSON the preview is made from whole) keeps its whole text.
"""

from __future__ import annotations

HEAD_CHARS = 4000  # what the list reads of a message (conversations.PREVIEW_READ when this was written)

_LONG = f"substr(new.content, {HEAD_CHARS + 1}, 1) != ''"  # (reads only the start of the value)
_HEAD = (
    "CASE WHEN new.content_type IN ('object_string', 'card') THEN new.content"
    f" ELSE substr(new.content, 1, {HEAD_CHARS}) END"
)
_ADD = f"INSERT INTO message_heads SELECT new.id, new.status, new.content_type, {_HEAD} WHERE {_LONG};"

V14 = (
    """
    CREATE TABLE message_heads (
        message_id INTEGER PRIMARY KEY,  -- a message longer than HEAD_CHARS characters
        status TEXT NOT NULL,
        content_type TEXT NOT NULL,
        head TEXT NOT NULL  -- its first HEAD_CHARS characters (a card's or attachments' whole text)
    )
    """,
    f"INSERT INTO message_heads SELECT id, status, content_type, {_HEAD.replace('new.', '')} FROM messages"
    f" WHERE {_LONG.replace('new.', '')}",
    f"CREATE TRIGGER message_heads_insert AFTER INSERT ON messages BEGIN {_ADD} END",
    f"""
    CREATE TRIGGER message_heads_update AFTER UPDATE OF content, status, content_type ON messages
    BEGIN
        DELETE FROM message_heads WHERE message_id = new.id;
        {_ADD}
    END
    """,
    "CREATE TRIGGER message_heads_delete AFTER DELETE ON messages"
    " BEGIN DELETE FROM message_heads WHERE message_id = old.id; END",
)
