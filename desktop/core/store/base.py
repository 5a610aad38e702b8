"""What every part of the Store shares: one connection, the clock and (nested) transactions."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from desktop.core.store.models import DiskFullError, NotFoundError, ReadOnlyStoreError, StoreBusyError, StoreError

log = logging.getLogger(__name__)
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY, _SQLITE_FULL = 5, 6, 8, 13


def _primary_code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def is_disk_full(exc: sqlite3.Error) -> bool:
    code = _primary_code(exc)
    return code == _SQLITE_FULL if code is not None else "disk is full" in str(exc).lower()


def is_busy(exc: sqlite3.Error) -> bool:
    """Another connection held the lock for longer than the busy timeout ("database is locked")."""
    code = _primary_code(exc)
    if code is not None:
        return code in {_SQLITE_BUSY, _SQLITE_LOCKED}
    text = str(exc).lower()
    return "database is locked" in text or "database is busy" in text


def is_read_only_error(exc: sqlite3.Error) -> bool:
    code = _primary_code(exc)
    return code == _SQLITE_READONLY if code is not None else "readonly database" in str(exc).lower()


def store_error(exc: sqlite3.Error) -> StoreError | None:
    """The store's own error for a failed write whose reason the caller can act on (a full disk, a busy or
    read-only history); None for any other SQLite error (a bug, or damage: raised as it is)."""
    if is_disk_full(exc):
        return DiskFullError(f"disk full: {exc}")
    if is_busy(exc):
        return StoreBusyError(f"the history is busy: {exc}")
    if is_read_only_error(exc):
        return ReadOnlyStoreError(f"the history is read-only: {exc}")
    return None


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
        try:
            if depth == 0:
                # IMMEDIATE takes the write lock now (waiting up to busy_timeout) instead of failing with
                # "database is locked" when a read transaction later tries to become a write.
                self.conn.execute("BEGIN IMMEDIATE")
            else:
                self.conn.execute(f"SAVEPOINT sp{depth}")
        except sqlite3.Error as exc:
            raise store_error(exc) or exc from exc
        self._tx_depth = depth + 1
        try:
            yield
            self._tx_depth = depth
            self.conn.execute("COMMIT" if depth == 0 else f"RELEASE sp{depth}")
        except BaseException as exc:
            self._tx_depth = depth
            self._roll_back(depth)
            mapped = store_error(exc) if isinstance(exc, sqlite3.Error) else None
            if mapped is not None:
                raise mapped from exc
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
