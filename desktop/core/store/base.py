"""What every part of the Store shares: the connection, the clock and (nested) transactions."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from desktop.core.store.models import NotFoundError

# The most bytes of a single text field the store accepts (an import file is held to the same bound).
MAX_TEXT_BYTES = 10 * 1024 * 1024


def clean_text(text: str) -> str:
    """`text`, with anything SQLite cannot store as UTF-8 (lone surrogates from a JSON escape) replaced."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8")
    return text


class StoreBase:
    """The shared state of the Store mixins. One connection, used by one thread only."""

    _conn: sqlite3.Connection
    _clock: Callable[[], float]
    _tx_depth: int

    def _init_base(self, conn: sqlite3.Connection, clock: Callable[[], float]) -> None:
        self._conn = conn
        self._clock = clock
        self._tx_depth = 0

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group writes into one transaction (committed at the end, rolled back on an exception).

        Nests: an inner block becomes a savepoint, so a failing inner block undoes only itself if the
        caller catches its exception. Writes outside any block commit one by one.
        """
        depth = self._tx_depth
        if depth == 0:
            # IMMEDIATE takes the write lock now (waiting up to busy_timeout) instead of failing with
            # "database is locked" when a read transaction later tries to become a write.
            self._conn.execute("BEGIN IMMEDIATE")
        else:
            self._conn.execute(f"SAVEPOINT sp{depth}")
        self._tx_depth = depth + 1
        try:
            yield
        except BaseException:
            self._tx_depth = depth
            if depth == 0:
                self._conn.execute("ROLLBACK")
            else:
                self._conn.execute(f"ROLLBACK TO sp{depth}")
                self._conn.execute(f"RELEASE sp{depth}")
            raise
        self._tx_depth = depth
        self._conn.execute("COMMIT" if depth == 0 else f"RELEASE sp{depth}")

    def _now(self) -> float:
        return float(self._clock())

    def _require_conversation(self, conversation_id: int) -> None:
        row = self._conn.execute("SELECT 1 FROM conversations WHERE id = ?", (conversation_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"conversation {conversation_id} not found")

    def _touch_conversation(self, conversation_id: int, when: float) -> None:
        """Move the conversation's updated_at forward to `when` (never back); NotFoundError if missing."""
        cursor = self._conn.execute(
            "UPDATE conversations SET updated_at = MAX(updated_at, ?) WHERE id = ?", (when, conversation_id)
        )
        if cursor.rowcount == 0:
            raise NotFoundError(f"conversation {conversation_id} not found")
