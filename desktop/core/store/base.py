"""What every part of the Store shares: one connection, the clock and (nested) transactions."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from desktop.core.store.models import DiskFullError, NotFoundError

log = logging.getLogger(__name__)
_SQLITE_FULL = 13


def is_disk_full(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return (code & 0xFF) == _SQLITE_FULL
    return "disk is full" in str(exc).lower()


def clean_text(text: str) -> str:
    """`text`, with anything SQLite cannot store as UTF-8 (lone surrogates from a JSON escape) replaced."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8")
    return text


class Database:
    """The connection every part of one Store writes through, used by one thread only.

    Only the modules of `desktop.core.store` hold one; everyone else goes through the parts.
    """

    def __init__(self, conn: sqlite3.Connection, clock: Callable[[], float]) -> None:
        self.conn = conn
        self._clock = clock
        self._tx_depth = 0

    @property
    def in_transaction(self) -> bool:
        return self._tx_depth > 0

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
            self.conn.execute("BEGIN IMMEDIATE")
        else:
            self.conn.execute(f"SAVEPOINT sp{depth}")
        self._tx_depth = depth + 1
        try:
            yield
            self._tx_depth = depth
            self.conn.execute("COMMIT" if depth == 0 else f"RELEASE sp{depth}")
        except BaseException as exc:
            self._tx_depth = depth
            self._roll_back(depth)
            if isinstance(exc, sqlite3.Error) and is_disk_full(exc):
                raise DiskFullError(f"disk full: {exc}") from exc
            raise

    def _roll_back(self, depth: int) -> None:
        """Undo the failed block. SQLite may already have rolled the whole transaction back by itself
        (SQLITE_FULL, SQLITE_IOERR...): then there is nothing left to undo, and trying would raise "no
        such savepoint" or "no transaction is active" in place of the real error."""
        if not self.conn.in_transaction:
            return
        try:
            if depth == 0:
                self.conn.execute("ROLLBACK")
            else:
                self.conn.execute(f"ROLLBACK TO sp{depth}")
                self.conn.execute(f"RELEASE sp{depth}")
        except sqlite3.Error:
            log.warning("rolling back a failed write failed too", exc_info=True)

    def now(self) -> float:
        return float(self._clock())

    def require_conversation(self, conversation_id: int) -> None:
        row = self.conn.execute("SELECT 1 FROM conversations WHERE id = ?", (conversation_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"conversation {conversation_id} not found")

    def touch_conversation(self, conversation_id: int, when: float) -> None:
        """Move the conversation's updated_at forward to `when` (never back); NotFoundError if missing."""
        cursor = self.conn.execute(
            "UPDATE conversations SET updated_at = MAX(updated_at, ?) WHERE id = ?", (when, conversation_id)
        )
        if cursor.rowcount == 0:
            raise NotFoundError(f"conversation {conversation_id} not found")


class Part:
    """A part of the Store (conversations, messages, bots, search): a view of the shared Database."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._conn = db.conn
