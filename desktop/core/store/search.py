"""Full-text search over message content, correct for Chinese.

Queries of 3+ characters are one FTS5 phrase over the trigram index (any substring,
case-insensitive). A trigram index cannot match 1-2 characters directly, yet one Chinese character
is a word ("猫") and most words are two ("机器"). Every text is indexed with "\n\n" appended (see
migrations.py), so every occurrence of a 1-2 character string starts some indexed trigram: a short
query becomes an OR of the trigrams it starts, read from the index vocabulary (a b-tree range).

Before that, a short query scans the newest `QUICK_SCAN_ROWS` messages with LIKE: a common string
fills the page there and then (the newest hits are exactly those). Only a query that is both rare in
recent messages and expands to more than `MAX_SHORT_TERMS` trigrams scans further, up to the newest
`FALLBACK_SCAN_ROWS` messages; that bound is the one place results can be incomplete.
Timings: bench/results_store.md.

Every query is a literal phrase: `"`, `*`, `OR`, `(`, `%`, `_` mean themselves.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable

from desktop.core.store.base import Part, clean_text
from desktop.core.store.models import DIALOGUE_TYPES, SearchHit
from desktop.core.vocabulary import Role

TRIGRAM = 3
# Message ids per transaction of an index rebuild: small enough that a writer in another process
# (a streaming answer, `ask`) waits a few milliseconds at most between batches, never the whole rebuild.
REBUILD_BATCH = 500
# A 1-2 character query expanding to more trigrams than this is common: scan instead of OR-ing them.
MAX_SHORT_TERMS = 300
QUICK_SCAN_ROWS = 2_000
FALLBACK_SCAN_ROWS = 20_000
SNIPPET_CONTEXT = 30
DEFAULT_MARKERS = ("[", "]")
_WHITESPACE = re.compile(r"\s+")
# Only what the chat view shows is found: a synced conversation also holds Coze's follow-up suggestions,
# `verbose` JSON and tool calls, which a hit would show as raw JSON and could not jump to.
_DIALOGUE = "(" + ", ".join(f"'{kind}'" for kind in DIALOGUE_TYPES) + ")"


def fts_phrase(query: str) -> str:
    """`query` as an FTS5 string literal: one phrase, no operators, no column filters, no prefixes."""
    return '"' + query.replace('"', '""') + '"'


def like_pattern(query: str) -> str:
    """`query` as a LIKE pattern matching it anywhere, with `\\` as the escape character."""
    escaped = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def normalize_query(query: str) -> str:
    return clean_text(query).replace("\x00", "").strip()


def plain_around(content: str, query: str, reach: int = 400) -> str:
    """The lines around the first match of `query` in `content`, as plain text (no markdown markers).

    Only a bounded window is converted, so a 1 MB answer costs no more than a short one."""
    match = re.search(re.escape(query), content, re.IGNORECASE) if query else None
    at = match.start() if match is not None else 0
    start = content.rfind("\n", 0, max(0, at - reach)) + 1
    end = content.find("\n", at + len(query) + reach)
    window = content[start : end if end >= 0 else len(content)]
    from desktop.core.markdown.plain import plain_text  # markdown-it on first use: `ask` never searches

    plain = plain_text(window)
    # A match on the markup itself (searching for "**", say) keeps the raw window.
    return plain if re.search(re.escape(query), plain, re.IGNORECASE) or match is None else window


def make_snippet(
    content: str, query: str, markers: tuple[str, str] = DEFAULT_MARKERS, context: int = SNIPPET_CONTEXT
) -> str:
    """About `context` characters either side of the first match, on one line, the match in `markers`."""
    match = re.search(re.escape(query), content, re.IGNORECASE) if query else None
    if match is None:  # matched by Unicode case folding that `re` does not share; show the start
        flat = _WHITESPACE.sub(" ", content[: context * 3]).strip()
        return flat + ("…" if len(content) > context * 3 else "")
    start = max(0, match.start() - context)
    end = min(len(content), match.end() + context)
    before = _WHITESPACE.sub(" ", content[start : match.start()]).lstrip()
    found = _WHITESPACE.sub(" ", match.group(0))
    after = _WHITESPACE.sub(" ", content[match.end() : end]).rstrip()
    head = "…" if start > 0 else ""
    tail = "…" if end < len(content) else ""
    return f"{head}{before}{markers[0]}{found}{markers[1]}{after}{tail}"


def scan_ids(conn: sqlite3.Connection, text: str, limit: int, window: int) -> list[int]:
    """Ids of the newest `window` messages containing `text` (LIKE, no index), newest first."""
    rows = conn.execute(
        f"""
        SELECT id FROM messages
        WHERE id > (SELECT coalesce(max(id), 0) FROM messages) - ? AND content LIKE ? ESCAPE '\\'
          AND type IN {_DIALOGUE}
        ORDER BY id DESC LIMIT ?
        """,
        (window, like_pattern(text), limit),
    ).fetchall()
    return [row[0] for row in rows]


_HIT_SQL = """
SELECT m.id, m.conversation_id, m.role, m.content, m.created_at, c.title
FROM messages m JOIN conversations c ON c.id = m.conversation_id
WHERE m.id IN ({ids})
ORDER BY m.id DESC
"""


class Search(Part):
    """`store.search`: finds messages by their text."""

    def find(self, query: str, limit: int = 50, *, markers: tuple[str, str] = DEFAULT_MARKERS) -> list[SearchHit]:
        """Messages containing `query` (a literal phrase), newest first, at most `limit`.

        Newest means most recently stored. Each hit's snippet wraps the match in `markers`.
        """
        text = normalize_query(query)
        if not text or limit <= 0:
            return []
        ids = self._fts_ids(fts_phrase(text), limit) if len(text) >= TRIGRAM else self._short_ids(text, limit)
        queued = self._queued_ids(text)  # finished, not indexed yet: matched by their text (search_queue.py)
        if queued:
            ids = sorted(set(ids).union(queued), reverse=True)[:limit]
        if not ids:
            return []
        rows = self._conn.execute(_HIT_SQL.format(ids=", ".join("?" * len(ids))), ids).fetchall()
        return [
            SearchHit(
                conversation_id=row["conversation_id"],
                conversation_title=row["title"],
                message_id=row["id"],
                role=Role(row["role"]),
                snippet=make_snippet(plain_around(row["content"], text), text, markers),
                created_at=row["created_at"],
            )
            for row in rows
        ]

    def _fts_ids(self, match: str, limit: int) -> list[int]:
        rows = self._conn.execute(
            "SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?"
            f" AND (SELECT type FROM messages WHERE id = messages_fts.rowid) IN {_DIALOGUE}"
            " ORDER BY rowid DESC LIMIT ?",
            (match, limit),
        ).fetchall()
        return [row[0] for row in rows]

    def _short_ids(self, text: str, limit: int) -> list[int]:
        recent = self._scan_ids(text, limit, QUICK_SCAN_ROWS)
        if len(recent) >= limit:
            return recent
        # The index holds case-folded trigrams; str.lower() folds the same way for what people type.
        prefix = text.lower()
        terms = [
            row[0]
            for row in self._conn.execute(
                "SELECT term FROM messages_fts_vocab WHERE term >= ? AND term < ? LIMIT ?",
                (prefix, prefix + "\U0010ffff", MAX_SHORT_TERMS + 1),
            )
        ]
        if not terms:
            return []
        if len(terms) <= MAX_SHORT_TERMS:
            return self._fts_ids(" OR ".join(fts_phrase(term) for term in terms), limit)
        return self._scan_ids(text, limit, FALLBACK_SCAN_ROWS)

    def _scan_ids(self, text: str, limit: int, window: int) -> list[int]:
        return scan_ids(self._conn, text, limit, window)

    def _queued_ids(self, text: str) -> list[int]:
        try:
            rows = self._conn.execute(
                "SELECT m.id, m.content FROM search_pending p JOIN messages m ON m.id = p.message_id"
                f" WHERE m.status != 'streaming' AND m.type IN {_DIALOGUE}"
            ).fetchall()
        except sqlite3.OperationalError:  # a history opened read-only before migration 12: no queue
            return []
        needle = text.casefold()  # the trigram index folds case too
        return [row[0] for row in rows if needle in row[1].casefold()]

    def pending(self) -> int:
        """How many finished messages wait to be indexed (see search_queue.py)."""
        return int(self._conn.execute("SELECT count(*) FROM search_pending").fetchone()[0])

    def index_pending(self, limit: int | None = None) -> int:
        """Index the finished messages waiting in the queue, one per short transaction (a 1 MB answer holds
        the write lock ~20 ms); at most `limit`. Returns how many were indexed. Safe to run from several
        threads or processes at once: a message leaves the queue in the transaction that indexes it."""
        done = 0
        while limit is None or done < limit:
            row = self._conn.execute("SELECT message_id FROM search_pending ORDER BY message_id LIMIT 1").fetchone()
            if row is None:
                break
            with self._db.transaction():
                self._conn.execute(
                    "INSERT INTO messages_fts(rowid, content)"
                    " SELECT m.id, m.content || char(10, 10) FROM messages m JOIN search_pending p"
                    " ON p.message_id = m.id WHERE m.id = ? AND m.status != 'streaming'",
                    (row[0],),
                )
                self._conn.execute("DELETE FROM search_pending WHERE message_id = ?", (row[0],))
            done += 1
        return done

    def check_index(self) -> None:
        """Raise sqlite3.DatabaseError ("database disk image is malformed") if the index is damaged."""
        self._conn.execute("INSERT INTO messages_fts(messages_fts) VALUES ('integrity-check')")

    def rebuild_progress(self) -> tuple[int, int] | None:
        """(message ids indexed so far, ids to index) while the index is being rebuilt, else None."""
        row = self._conn.execute("SELECT done, high_water FROM search_rebuild").fetchone()
        return None if row is None else (int(row[0]), int(row[1]))

    def rebuild_index(self, batch: int = REBUILD_BATCH, on_progress: Callable[[int, int], None] | None = None) -> bool:
        """Finish a pending rebuild of the index (see migration 5), one short transaction per `batch`
        message ids, so that other writers get in between. `on_progress(done, total)` after each batch.
        Returns whether there was anything to do. Safe to run from several processes at once."""
        worked = False
        if self.rebuild_progress() is None:  # a read first: no write lock when there is nothing to do
            return False
        while self._rebuild_batch(max(1, batch), on_progress):
            worked = True
        return worked

    def _rebuild_batch(self, batch: int, on_progress: Callable[[int, int], None] | None) -> bool:
        with self._db.transaction():
            progress = self.rebuild_progress()
            if progress is None:
                return False
            done, high_water = progress
            upto = min(done + batch, high_water)
            self._conn.execute(
                "INSERT INTO messages_fts(rowid, content) SELECT id, content || char(10, 10) FROM messages"
                " WHERE id > ? AND id <= ? AND status != 'streaming'",
                (done, upto),
            )
            if upto >= high_water:
                self._conn.execute("DELETE FROM search_rebuild")
            else:
                self._conn.execute("UPDATE search_rebuild SET done = ?", (upto,))
        if on_progress is not None:
            on_progress(upto, high_water)
        return True
