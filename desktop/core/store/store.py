"""The Store: the local chat history of one profile, in one SQLite file, composed of its parts."""

from __future__ import annotations

import functools
import sqlite3
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from types import TracebackType

from desktop.core.store.attachments import Attachments
from desktop.core.store.base import Database
from desktop.core.store.bots import Bots
from desktop.core.store.checked import last_checked, note_damage, record_clean_close
from desktop.core.store.conversations import Conversations
from desktop.core.store.coze_links import CozeLinks
from desktop.core.store.db import (
    WatchedConnection,
    auto_check,
    disk_is_full,
    integrity_problems,
    is_corruption,
    is_writable,
    open_database,
    open_read_only,
)
from desktop.core.store.messages import Messages
from desktop.core.store.migrations import schema_version
from desktop.core.store.models import DiskFullError, StoreError
from desktop.core.store.salvage import SalvageReport, salvage_into
from desktop.core.store.search import Search
from desktop.core.store.versions import Versions
from desktop.core.store.writers import WriterLock, owner_is_live, writers_dir


class Store:
    """Conversations, messages and bots of one profile (stdlib sqlite3, WAL mode).

    The history is reached through its parts, all writing through one connection:
    `store.conversations`, `store.messages`, `store.bots`, `store.search` and `store.versions`.

    One Store owns one connection, and a connection belongs to the thread that opened it: do not
    share a Store across threads; open one Store per thread (or process) instead. Several Stores on
    the same file are fine: WAL lets readers run beside one writer, writers queue for up to 5 s.

    Every write commits when the method returns, unless it runs inside `with store.transaction():`.

    After `open`:
    - `recovered_from` is where a damaged database file was moved, or None. The store then holds what
      could still be read from it (`salvaged` says how much). The GUI should tell the user.
    - `recovered_streaming` is how many answers were left "streaming" by a crash and are now marked
      "interrupted".
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: Path,
        *,
        clock: Callable[[], float] = time.time,
        recovered_from: Path | None = None,
    ) -> None:
        """Use `Store.open`; this wraps an already opened and migrated connection."""
        self._db = Database(conn, clock)
        self._path = path
        if isinstance(conn, WatchedConnection):  # damage met in use: the next open checks (checked.py)
            conn.on_damage = functools.partial(_note_damage, path, clock)
        self.conversations = Conversations(self._db)
        self.messages = Messages(self._db)
        self.attachments = Attachments(self._db)
        self.bots = Bots(self._db)
        self.search = Search(self._db)
        self.coze = CozeLinks(self._db)
        self.versions = Versions(self._db)
        self.recovered_from = recovered_from
        self.recovered_streaming = 0
        self.salvaged: SalvageReport | None = None  # what was copied from the damaged file, if any
        self._closed = False
        self.read_only = False
        self._writer: WriterLock | None = None
        self._writers_dir = writers_dir(path)
        self.messages.owner_provider = self._stream_owner
        self._checked_at: float | None = None  # when the file was last found sound (see checked.py)

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        clock: Callable[[], float] = time.time,
        integrity_check: bool | None = None,
        recover_streaming: bool = True,
        read_only: bool | None = None,
    ) -> Store:
        """Open the history at `path`, creating or migrating it, recovering from corruption and crashes.

        `integrity_check`: run `PRAGMA quick_check` on an existing file first: None (default) = only
        if it is small enough to be quick (see db.open_database), True = always, False = never.
        `recover_streaming` marks answers left "streaming" by a process that is gone as "interrupted"
        (see desktop.core.store.writers): an answer another process is streaming is never touched, so
        every process can do it at open.
        `read_only`: open an existing history for reading only (no migration, recovery or journal
        files; `store.read_only` is then True). None (default): read-only exactly when the file or its
        folder cannot be written (a read-only mount, another user's profile).
        Raises StoreError when the file cannot be used and must not be moved aside (locked, no
        permission, written by a newer app).
        """
        path = Path(path)
        if read_only is None:
            read_only = not is_writable(path)
        if read_only:
            store = cls(open_read_only(path), path, clock=clock)
            store.read_only = True
            return store
        # Found sound before and untouched since a clean close (checked.py): no need to check it again.
        checked_at = last_checked(path, clock()) if integrity_check is None else None
        if checked_at is not None:
            integrity_check = False
        elif integrity_check or (integrity_check is None and (auto_check(path) or not path.exists())):
            checked_at = clock()  # checked now by open_database (or created now)
        try:
            conn, recovered_from = open_database(path, integrity_check=integrity_check)
        except StoreError as exc:
            if isinstance(exc, DiskFullError) or not disk_is_full(path):
                raise
            # SQLite cannot even make its journal files: say what is wrong, not "disk I/O error".
            raise DiskFullError(
                f"disk full: the disk holding {path.parent} has no space left; free some space, then try again"
            ) from exc
        store = cls(conn, path, clock=clock, recovered_from=recovered_from)
        store._checked_at = checked_at
        try:
            if recovered_from is not None:  # a fresh history: first what can still be read of the old one
                store.salvaged = salvage_into(recovered_from, conn)
            store.search.rebuild_index()  # after migration 5; in short batches, other writers get in between
            if recover_streaming:
                live = functools.partial(owner_is_live, store._writers_dir)
                store.recovered_streaming = store.messages.interrupt_streaming(live)
        except sqlite3.DatabaseError as exc:
            store._checked_at = None  # not sound after all: no mark of a clean close
            store.close()
            if integrity_check is True or not is_corruption(exc):
                raise
            # A big file is not checked at open (see db.open_database): damage met now is checked for
            # now, and the history moved aside and salvaged.
            return cls.open(path, clock=clock, integrity_check=True, recover_streaming=recover_streaming)
        except BaseException:
            store._checked_at = None
            store.close()
            raise
        return store

    def transaction(self) -> AbstractContextManager[None]:
        """Group writes of any parts into one transaction (see Database.transaction); nests."""
        return self._db.transaction()

    def set_busy_timeout(self, milliseconds: int) -> None:
        """How long a write waits for another process's write lock before it fails with StoreBusyError
        (5 s from open). The window sets it short: its writes retry later instead of freezing it."""
        self._db.conn.execute(f"PRAGMA busy_timeout = {max(0, int(milliseconds))}")

    def data_version(self) -> int:
        """SQLite's `PRAGMA data_version`: it changes when another connection (another process: `ask`,
        `sync`) has committed since the last call, never for this one's own writes. Raises StoreError."""
        try:
            return int(self._db.conn.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error as exc:
            raise StoreError(f"data version: {exc}") from exc

    def writer_is_live(self, owner: str) -> bool:
        """Whether the process whose streaming rows carry `owner` still runs (it holds its writer lock)."""
        return owner_is_live(self._writers_dir, owner)

    def check_integrity(self) -> list[str]:
        """Run `PRAGMA quick_check` now (about 0.5 s per GB): the problems found, or [] if sound."""
        return integrity_problems(self._db.conn)

    @property
    def path(self) -> Path:
        return self._path

    def now(self) -> float:
        """The history's clock (`clock` of `open`): what its rows' times are read from."""
        return self._db.now()

    @property
    def schema_version(self) -> int:
        return schema_version(self._db.conn)

    @property
    def closed(self) -> bool:
        return self._closed

    def _stream_owner(self) -> str | None:
        """This process's writer lock, taken when it first streams an answer; None where no lock
        can be taken (a read-only profile: nothing can be streamed into it anyway)."""
        if self._writer is None:
            try:
                self._writer = WriterLock(self._writers_dir)
            except OSError:
                return None
        return self._writer.owner

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._db.conn.close()
            if self._checked_at is not None and not self.read_only:
                record_clean_close(self._path, self._checked_at)  # the next open need not check again
            if self._writer is not None:
                self._writer.release()
                self._writer = None

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({str(self._path)!r})"


def _note_damage(path: Path, clock: Callable[[], float]) -> None:
    note_damage(path, clock())
