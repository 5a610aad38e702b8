"""The schema, as a list of forward migrations; `PRAGMA user_version` is the number applied.

Never edit a migration that has shipped: append a new one. Each migration runs in the same
transaction as the version bump, so a crash mid-migration leaves the previous version intact.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from desktop.core.store.deleted_here import V15 as _V15  # Coze conversations deleted here: the sync skips them
from desktop.core.store.demo_rename import V16 as _V16  # the demo's ids can no longer be a real bot's
from desktop.core.store.heads import V14 as _V14  # a long message's start, for the list's previews
from desktop.core.store.long_texts import V17 as _V17  # a long question or import is indexed later, too
from desktop.core.store.models import StoreError
from desktop.core.store.search_queue import V13 as _V13  # an answer that stops streaming is indexed later
from desktop.core.store.twins import merge_all_twins

Step = str | Callable[[sqlite3.Connection], None]  # a statement, or a step that needs more than SQL

# Migration 1: the first schema.
_V1 = (
    """
    CREATE TABLE bots (
        bot_id TEXT PRIMARY KEY,
        name TEXT NOT NULL DEFAULT '',
        description TEXT NOT NULL DEFAULT '',
        icon_url TEXT NOT NULL DEFAULT '',
        prologue TEXT NOT NULL DEFAULT '',
        suggested_questions TEXT NOT NULL DEFAULT '[]',  -- JSON list of strings
        updated_at REAL NOT NULL
    )
    """,
    """
    CREATE TABLE conversations (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL DEFAULT '',
        bot_id TEXT NOT NULL,
        coze_conversation_id TEXT,
        created_at REAL NOT NULL,
        updated_at REAL NOT NULL,
        pinned INTEGER NOT NULL DEFAULT 0,
        archived INTEGER NOT NULL DEFAULT 0,
        title_is_auto INTEGER NOT NULL DEFAULT 0,
        follow_ups TEXT NOT NULL DEFAULT '[]'  -- JSON list: the follow-up questions of the last answer
    )
    """,
    """
    CREATE TABLE messages (
        id INTEGER PRIMARY KEY,
        conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        role TEXT NOT NULL,
        type TEXT NOT NULL,
        content TEXT NOT NULL DEFAULT '',
        content_type TEXT NOT NULL DEFAULT 'text',
        reasoning_content TEXT NOT NULL DEFAULT '',
        coze_message_id TEXT,
        coze_chat_id TEXT,
        status TEXT NOT NULL DEFAULT 'complete',
        error_code INTEGER,
        error_msg TEXT,
        error_logid TEXT,
        input_tokens INTEGER,
        output_tokens INTEGER,
        created_at REAL NOT NULL,
        updated_at REAL NOT NULL
    )
    """,
    "CREATE INDEX messages_by_conversation ON messages(conversation_id, id)",
    # Full-text search. The trigram tokenizer matches any substring of 3+ characters, which is what
    # Chinese needs (no word boundaries), case-insensitively for English. Contentless: the text is
    # stored once, in messages; the triggers keep the index in sync. Each text is indexed with two
    # newlines appended, so that every 1- or 2-character substring is the start of some trigram
    # (even at the very end of a message): search.py finds short queries through the vocabulary.
    """
    CREATE VIRTUAL TABLE messages_fts USING fts5(content, content='', tokenize='trigram')
    """,
    "CREATE VIRTUAL TABLE messages_fts_vocab USING fts5vocab(messages_fts, 'row')",
    """
    CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
        INSERT INTO messages_fts(rowid, content) VALUES (new.id, new.content || char(10, 10));
    END
    """,
    """
    CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
        INSERT INTO messages_fts(messages_fts, rowid, content)
        VALUES ('delete', old.id, old.content || char(10, 10));
    END
    """,
    """
    CREATE TRIGGER messages_fts_update AFTER UPDATE OF content ON messages
    WHEN old.content IS NOT new.content BEGIN
        INSERT INTO messages_fts(messages_fts, rowid, content)
        VALUES ('delete', old.id, old.content || char(10, 10));
        INSERT INTO messages_fts(rowid, content) VALUES (new.id, new.content || char(10, 10));
    END
    """,
)

# Migration 2: indexes for the conversation list order, import de-duplication and crash recovery.
_V2 = (
    "CREATE INDEX conversations_list_active ON conversations(archived, pinned, updated_at)",
    "CREATE INDEX conversations_list_all ON conversations(pinned, updated_at)",
    "CREATE INDEX conversations_by_coze_id ON conversations(coze_conversation_id)"
    " WHERE coze_conversation_id IS NOT NULL",
    "CREATE INDEX messages_by_coze_id ON messages(coze_message_id) WHERE coze_message_id IS NOT NULL",
    "CREATE INDEX messages_streaming ON messages(status) WHERE status = 'streaming'",
)

# Migration 3: what kind of problem a failed answer had (an ErrorKind value), so the window can say
# what to do next even for errors without a Coze code (network, TLS, an HTML page...).
_V3 = ("ALTER TABLE messages ADD COLUMN error_kind TEXT",)

# Migration 4: an answer is indexed for search once it stops streaming, not at every progressive save.
# Re-indexing a growing answer on every save cost O(length) per save (18 ms at 600 KB, on the GUI
# thread); now a streaming answer costs nothing to index until it completes, fails or is interrupted.
# The contentless index must be told exactly what it holds, so rows streaming right now (indexed by
# the old triggers with their current text) are taken out first.
_V4 = (
    "DROP TRIGGER messages_fts_insert",
    "DROP TRIGGER messages_fts_delete",
    "DROP TRIGGER messages_fts_update",
    """
    INSERT INTO messages_fts(messages_fts, rowid, content)
    SELECT 'delete', id, content || char(10, 10) FROM messages WHERE status = 'streaming'
    """,
    """
    CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages WHEN new.status != 'streaming' BEGIN
        INSERT INTO messages_fts(rowid, content) VALUES (new.id, new.content || char(10, 10));
    END
    """,
    """
    CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages WHEN old.status != 'streaming' BEGIN
        INSERT INTO messages_fts(messages_fts, rowid, content)
        VALUES ('delete', old.id, old.content || char(10, 10));
    END
    """,
    """
    CREATE TRIGGER messages_fts_unindex AFTER UPDATE OF content, status ON messages
    WHEN old.status != 'streaming' AND (old.content IS NOT new.content OR new.status = 'streaming') BEGIN
        INSERT INTO messages_fts(messages_fts, rowid, content)
        VALUES ('delete', old.id, old.content || char(10, 10));
    END
    """,
    """
    CREATE TRIGGER messages_fts_index AFTER UPDATE OF content, status ON messages
    WHEN new.status != 'streaming' AND (old.content IS NOT new.content OR old.status = 'streaming') BEGIN
        INSERT INTO messages_fts(rowid, content) VALUES (new.id, new.content || char(10, 10));
    END
    """,
)

# Migration 5: one update trigger instead of two. With two AFTER UPDATE triggers an update of an answer
# that is no longer streaming fired both, newest first: the new text was indexed, then the old text's
# "delete" took out the trigrams both texts share, and search lost the message. One trigger deletes the
# old text first, then indexes the new. The index built by the old triggers cannot be trusted, so it is
# emptied and rebuilt, in bounded batches after the migration (see search.py, `rebuild_index`) so that
# another process can write between batches. `search_rebuild` holds the rebuild's progress: the rows
# with `done < id <= high_water` are not in the index yet and the trigger leaves them alone.
_V5 = (
    "DROP TRIGGER messages_fts_unindex",
    "DROP TRIGGER messages_fts_index",
    "DROP TRIGGER messages_fts_delete",
    """
    CREATE TABLE search_rebuild (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        done INTEGER NOT NULL,  -- every message with an id up to this is indexed as it should be
        high_water INTEGER NOT NULL  -- the last message id when the rebuild started
    )
    """,
    "DROP TRIGGER messages_fts_insert",
    "INSERT INTO messages_fts(messages_fts) VALUES ('delete-all')",
    "INSERT INTO search_rebuild (id, done, high_water) SELECT 1, 0, coalesce(max(id), 0) FROM messages",
    """
    CREATE TRIGGER messages_fts_update AFTER UPDATE OF content, status ON messages
    WHEN (old.content IS NOT new.content OR (old.status = 'streaming') != (new.status = 'streaming'))
        AND NOT EXISTS (SELECT 1 FROM search_rebuild WHERE new.id > done AND new.id <= high_water)
    BEGIN
        INSERT INTO messages_fts(messages_fts, rowid, content)
        SELECT 'delete', old.id, old.content || char(10, 10) WHERE old.status != 'streaming';
        INSERT INTO messages_fts(rowid, content)
        SELECT new.id, new.content || char(10, 10) WHERE new.status != 'streaming';
    END
    """,
    """
    CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages
    WHEN new.status != 'streaming'
        AND NOT EXISTS (SELECT 1 FROM search_rebuild WHERE new.id > done AND new.id <= high_water)
    BEGIN
        INSERT INTO messages_fts(rowid, content) VALUES (new.id, new.content || char(10, 10));
    END
    """,
    """
    CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages
    WHEN old.status != 'streaming'
        AND NOT EXISTS (SELECT 1 FROM search_rebuild WHERE old.id > done AND old.id <= high_water)
    BEGIN
        INSERT INTO messages_fts(messages_fts, rowid, content)
        VALUES ('delete', old.id, old.content || char(10, 10));
    END
    """,
)

# 6: a streaming answer names the process writing it (see desktop.core.store.writers).
_V6 = ("ALTER TABLE messages ADD COLUMN stream_owner TEXT",)

# 7: the sync with Coze's copy of the conversations (desktop.core.sync) and answer feedback.
_V7 = (
    "ALTER TABLE conversations ADD COLUMN coze_name TEXT",  # Coze's name for it at the last sync
    "ALTER TABLE conversations ADD COLUMN coze_cursor TEXT",  # the newest Coze message id the sync has read
    "ALTER TABLE conversations ADD COLUMN coze_section_id TEXT",  # the context section of the newest message
    "ALTER TABLE conversations ADD COLUMN coze_updated_at INTEGER",  # Coze's updated_at when last read through
    "ALTER TABLE messages ADD COLUMN feedback TEXT",  # JSON {"type": "like"|"unlike", "reasons": [], "comment": ""}
)

# 8: a conversation's target is a bot or a chatflow. A chatflow conversation keeps its workflow id in
# `bot_id` (what the list names it by) and runs in exactly one of an app (`app_id`) or a bot
# (`host_bot_id`); an answer of a chatflow keeps the run's `debug_url` (the `done` event's).
_V8 = (
    "ALTER TABLE conversations ADD COLUMN target_kind TEXT NOT NULL DEFAULT 'bot'",
    "ALTER TABLE conversations ADD COLUMN app_id TEXT",
    "ALTER TABLE conversations ADD COLUMN host_bot_id TEXT",
    "ALTER TABLE messages ADD COLUMN debug_url TEXT",
)

# 9: the files of each question, one row each (desktop.core.store.attachments), with the MIME type and
# Coze's file_id of the last upload. Until now they lived only in the question's object_string items
# (`name`, `size`, `sha256`); a trigger keeps writing the rows from those items for every question
# inserted from now on (sent, imported or synced alike), and the rows of older questions are written here.
_ATTACHMENT_ROWS = """
    SELECT {message}.id, CAST(j.key AS INTEGER),
        CASE json_extract(j.value, '$.type') WHEN 'image' THEN 'image' ELSE 'file' END,
        coalesce(json_extract(j.value, '$.name'), 'file'),
        CAST(coalesce(json_extract(j.value, '$.size'), 0) AS INTEGER),
        CASE lower(replace(coalesce(json_extract(j.value, '$.name'), ''), rtrim(coalesce(json_extract(j.value,
                '$.name'), ''), replace(coalesce(json_extract(j.value, '$.name'), ''), '.', '')), ''))
            WHEN 'png' THEN 'image/png' WHEN 'jpg' THEN 'image/jpeg' WHEN 'jpeg' THEN 'image/jpeg'
            WHEN 'gif' THEN 'image/gif' WHEN 'webp' THEN 'image/webp' WHEN 'pdf' THEN 'application/pdf'
            WHEN 'txt' THEN 'text/plain' WHEN 'md' THEN 'text/markdown' WHEN 'json' THEN 'application/json'
            WHEN 'csv' THEN 'text/csv' ELSE 'application/octet-stream' END,
        json_extract(j.value, '$.sha256'), ''
    FROM json_each({message}.content) AS j
    WHERE json_type(j.value) = 'object' AND json_type(j.value, '$.sha256') = 'text'
        AND length(json_extract(j.value, '$.sha256')) = 64
"""
_ATTACHMENT_COLUMNS = "message_id, position, kind, name, size, mime, sha256, file_id"
_V9 = (
    """
    CREATE TABLE attachments (
        message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,  -- the item's index in the question's object_string
        kind TEXT NOT NULL,  -- 'image' | 'file'
        name TEXT NOT NULL,
        size INTEGER NOT NULL DEFAULT 0,
        mime TEXT NOT NULL DEFAULT 'application/octet-stream',
        sha256 TEXT NOT NULL,  -- the local copy is <profile>/attachments/<sha256>
        file_id TEXT NOT NULL DEFAULT '',  -- Coze's id of the last upload ('' until uploaded)
        PRIMARY KEY (message_id, position)
    )
    """,
    "CREATE INDEX attachments_by_sha256 ON attachments(sha256)",
    f"""
    CREATE TRIGGER attachments_of_question AFTER INSERT ON messages
    WHEN new.role = 'user' AND new.content_type = 'object_string' AND json_valid(new.content)
    BEGIN
        INSERT OR IGNORE INTO attachments ({_ATTACHMENT_COLUMNS}) {_ATTACHMENT_ROWS.format(message="new")};
    END
    """,
    f"""
    INSERT OR IGNORE INTO attachments ({_ATTACHMENT_COLUMNS})
    {_ATTACHMENT_ROWS.format(message="m")}
    """.replace(
        "FROM json_each(m.content) AS j",
        "FROM messages AS m, json_each(m.content) AS j",
    ).replace(
        "WHERE json_type(j.value) = 'object'",
        "WHERE m.role = 'user' AND m.content_type = 'object_string' AND json_valid(m.content)"
        " AND json_type(j.value) = 'object'",
    ),
)

# 10: earlier versions of an answer (regenerated, or its question edited and sent again). The answer's row
# holds the version shown; each earlier one is a row here, with the question as it was asked then. Not
# in the search index: search finds what the conversation shows.
_V10 = (
    """
    CREATE TABLE message_versions (
        id INTEGER PRIMARY KEY,
        message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
        question TEXT NOT NULL DEFAULT '',
        question_content_type TEXT NOT NULL DEFAULT 'text',
        content TEXT NOT NULL DEFAULT '',
        content_type TEXT NOT NULL DEFAULT 'text',
        reasoning_content TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL,
        error_code INTEGER,
        error_msg TEXT,
        error_logid TEXT,
        error_kind TEXT,
        input_tokens INTEGER,
        output_tokens INTEGER,
        coze_message_id TEXT,
        coze_chat_id TEXT,
        created_at REAL NOT NULL,
        updated_at REAL NOT NULL
    )
    """,
    "CREATE INDEX message_versions_by_message ON message_versions(message_id, id)",
)

# 11: the sync remembers Coze's updated_at at every read (`coze_updated_at` only once it has settled), so
# a conversation whose newest read message is still the newest costs one request, not two; a bot's
# shortcut commands (Coze's `shortcut_commands`, JSON as Coze sends them) and the command a question was
# sent with (JSON {"command_id", "command", "name", "parameters"}).
_V11 = (
    "ALTER TABLE conversations ADD COLUMN coze_seen_updated_at INTEGER",
    "ALTER TABLE bots ADD COLUMN shortcut_commands TEXT NOT NULL DEFAULT '[]'",
    "ALTER TABLE messages ADD COLUMN shortcut TEXT",
)

# 12: one local conversation per Coze conversation. A sync that listed a chat's new Coze conversation
# before the chat had recorded its id adopted it as a second one (desktop/core/store/twins.py): those twins
# are merged into the oldest, then a unique index keeps it so (the chat merges a twin as it records the id).
_V12: tuple[Step, ...] = (
    merge_all_twins,
    "DROP INDEX conversations_by_coze_id",
    "CREATE UNIQUE INDEX conversations_by_coze_id ON conversations(coze_conversation_id)"
    " WHERE coze_conversation_id IS NOT NULL",
)

MIGRATIONS: tuple[tuple[Step, ...], ...] = (
    _V1, _V2, _V3, _V4, _V5, _V6, _V7, _V8, _V9, _V10, _V11, _V12, _V13, _V14, _V15, _V16, _V17
)  # fmt: skip
LATEST_VERSION = len(MIGRATIONS)


class NewerDatabaseError(StoreError):
    """The database was written by a newer version of the app; it is left untouched.

    `found` is the file's schema version, `known` the newest this app reads. The message is the English
    sentence the CLI prints; the window shows its own translated one (desktop/ui/startup_errors.py).
    """

    def __init__(self, found: int, known: int = LATEST_VERSION) -> None:
        super().__init__(
            f"this chat history was saved by a newer version of Coze Desktop (schema {found}; this version"
            f" reads up to {known}): update Coze Desktop to open it. The file was left unchanged."
        )
        self.found = found
        self.known = known


def schema_version(conn: sqlite3.Connection) -> int:
    version: int = conn.execute("PRAGMA user_version").fetchone()[0]
    return version


def migrate(conn: sqlite3.Connection, target: int = LATEST_VERSION) -> int:
    """Bring the database up to `target` (tests use a lower one); returns the version found.

    `conn` must be in autocommit mode (isolation_level=None). BEGIN IMMEDIATE takes the write lock
    before the version is read, so two processes opening a new profile at once migrate it once.
    """
    if not 0 <= target <= LATEST_VERSION:
        raise ValueError(f"no schema version {target}")
    found = schema_version(conn)  # a read: an up-to-date database needs no write lock to be opened
    if found > LATEST_VERSION:
        raise NewerDatabaseError(found)
    if found == target:
        return found
    conn.execute("BEGIN IMMEDIATE")
    try:
        found = schema_version(conn)
        if found > LATEST_VERSION:
            raise NewerDatabaseError(found)
        for version in range(found + 1, target + 1):
            for step in MIGRATIONS[version - 1]:
                if isinstance(step, str):
                    conn.execute(step)
                else:
                    step(conn)
        if target > found:
            conn.execute(f"PRAGMA user_version = {int(target)}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return found
