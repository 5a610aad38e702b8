"""Migration 13: an answer that stops streaming is indexed for search later, not in the write that ends it.

Indexing the text of a finished answer (FTS5 trigram) costs ~20 ms for a 600,000-character answer, and
that write is made on the window's thread when the answer completes (#21: the longest stall of a long
answer) and at the end of every `ask`. Now the trigger that ends a stream puts the message's id in
`search_pending`, in the same transaction as the final text: the queue is as durable as the answer
itself, so an index write that never happened (a crash, a process that quit first) is still to do at
the next start. `Search.index_pending` empties the queue, one message per short transaction; the window
runs it on a worker with its own connection, `history search` before it searches. Until then search
matches a queued message by reading its text (`Search.find`), so results never miss it.

A queued message is not in the index: an update of its text or its deletion must not take its trigrams
out (a contentless index would be corrupted by removing what it does not hold). Messages written as
finished (questions, imports, synced messages) and edits of an indexed message are still indexed at once.
"""

from __future__ import annotations

_IN_REBUILD = "EXISTS (SELECT 1 FROM search_rebuild WHERE {row}.id > done AND {row}.id <= high_water)"


def in_rebuild(row: str) -> str:
    """SQL: the message `row` (new, old) waits for the index's rebuild (migration 5), which will index it."""
    return _IN_REBUILD.format(row=row)


_QUEUED = "EXISTS (SELECT 1 FROM search_pending WHERE message_id = {row}.id)"

V13 = (
    """
    CREATE TABLE search_pending (
        message_id INTEGER PRIMARY KEY  -- a finished message whose text is not in messages_fts yet
    )
    """,
    "DROP TRIGGER messages_fts_update",
    f"""
    CREATE TRIGGER messages_fts_update AFTER UPDATE OF content, status ON messages
    WHEN (old.content IS NOT new.content OR (old.status = 'streaming') != (new.status = 'streaming'))
        AND NOT {_IN_REBUILD.format(row="new")}
    BEGIN
        INSERT INTO messages_fts(messages_fts, rowid, content)
        SELECT 'delete', old.id, old.content || char(10, 10)
        WHERE old.status != 'streaming' AND NOT {_QUEUED.format(row="old")};
        INSERT OR IGNORE INTO search_pending (message_id)
        SELECT new.id WHERE new.status != 'streaming' AND old.status = 'streaming';
        INSERT INTO messages_fts(rowid, content)
        SELECT new.id, new.content || char(10, 10)
        WHERE new.status != 'streaming' AND NOT {_QUEUED.format(row="new")};
        DELETE FROM search_pending WHERE message_id = new.id AND new.status = 'streaming';
    END
    """,
    "DROP TRIGGER messages_fts_delete",
    f"""
    CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages
    WHEN old.status != 'streaming' AND NOT {_IN_REBUILD.format(row="old")}
    BEGIN
        INSERT INTO messages_fts(messages_fts, rowid, content)
        SELECT 'delete', old.id, old.content || char(10, 10) WHERE NOT {_QUEUED.format(row="old")};
        DELETE FROM search_pending WHERE message_id = old.id;
    END
    """,
)
