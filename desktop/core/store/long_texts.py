"""Migration 17: a long message written as finished (a question of a whole pasted document, an import) is
indexed for search later, as an answer that stops streaming is (search_queue.py), not in the write.

The insert trigger indexed every finished message at once: a question of 2.6 million characters took 100-150
ms of FTS5 trigram indexing inside `add_question`, on the window's thread, before the request left (BENCHMARKS.md,
"A huge question sent to the demo bot"); the row itself ~30 ms. A message longer than LONG_TEXT characters now
goes into `search_pending` in the same transaction; the search indexer (services/search_indexer.py) takes it on
its worker after the chat, and until then search finds it by reading its text (`Search.find`), as for answers.
"""

from __future__ import annotations

from desktop.core.store.search_queue import in_rebuild

LONG_TEXT = 20_000  # characters; shorter texts are indexed at once (~1 ms)

V17 = (
    "DROP TRIGGER messages_fts_insert",
    f"""
    CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages
    WHEN new.status != 'streaming' AND NOT {in_rebuild("new")}
    BEGIN
        INSERT OR IGNORE INTO search_pending (message_id) SELECT new.id WHERE length(new.content) > {LONG_TEXT};
        INSERT INTO messages_fts(rowid, content)
        SELECT new.id, new.content || char(10, 10) WHERE length(new.content) <= {LONG_TEXT};
    END
    """,
)
