"""Opening the SQLite file: connection settings, and moving a corrupt file aside instead of failing.

A history file that cannot be used (not SQLite at all, "file is not a database", "database disk image
is malformed", a failed integrity check) is renamed to ``<name>.corrupt-YYYYmmdd-HHMMSS`` together
with its ``-wal``/``-shm`` companions and a fresh database is created in its place. Nothing is ever
deleted: the user (or support) can still try to rescue the old file.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import threading
import time
import weakref
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

from desktop.core.store.migrations import LATEST_VERSION, NewerDatabaseError, migrate, schema_version
from desktop.core.store.models import StoreError

log = logging.getLogger(__name__)
T = TypeVar("T")

BUSY_TIMEOUT_MS = 5000
# Up to this size `quick_check` runs at every open (see open_database).
AUTO_CHECK_MAX_BYTES = 64 * 1024 * 1024
SQLITE_HEADER = b"SQLite format 3\x00"
_USER_VERSION_OFFSET = 60  # PRAGMA user_version: 4 bytes, big-endian, in the 100-byte file header
# Primary result codes that mean "this file is damaged" rather than "try again later".
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26
_CORRUPTION_CODES = frozenset({_SQLITE_CORRUPT, _SQLITE_NOTADB})


class CorruptDatabaseError(StoreError):
    """The file exists but is not a usable SQLite database."""


class WatchedConnection(sqlite3.Connection):
    """A connection that tells `on_damage` when a statement meets damage ("database disk image is
    malformed"), so that no `.checked` mark vouches for the file any more (checked.py)."""

    on_damage: Callable[[], object] | None = None
    file_id: tuple[int, int] | None = None  # the file's (device, inode): see in_use
    shut = False

    def close(self) -> None:
        self.shut = True
        super().close()

    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
        cursor = self.cursor(_WatchedCursor)
        cursor.execute(sql, parameters)
        return cursor

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> sqlite3.Cursor:
        cursor = self.cursor(_WatchedCursor)
        cursor.executemany(sql, parameters)
        return cursor

    def met(self, exc: sqlite3.DatabaseError) -> None:
        if self.on_damage is not None and is_corruption(exc):
            try:
                self.on_damage()
            except Exception:  # (only a shortcut's bookkeeping: the damage itself is raised)
                log.warning("could not note the damage met in the history", exc_info=True)


class _WatchedCursor(sqlite3.Cursor):
    """Damage may surface at any step of a statement: executing it, or fetching a later row."""

    def _watch(self, step: Callable[..., T], *args: Any) -> T:
        try:
            return step(*args)
        except sqlite3.DatabaseError as exc:
            if isinstance(self.connection, WatchedConnection):
                self.connection.met(exc)
            raise

    def execute(self, sql: str, parameters: Any = (), /) -> _WatchedCursor:
        self._watch(super().execute, sql, parameters)
        return self

    def executemany(self, sql: str, seq_of_parameters: Iterable[Any], /) -> _WatchedCursor:
        self._watch(super().executemany, sql, seq_of_parameters)
        return self

    def fetchone(self) -> Any:
        return self._watch(super().fetchone)

    def fetchmany(self, size: int | None = None) -> list[Any]:
        return self._watch(super().fetchmany, self.arraysize if size is None else size)

    def fetchall(self) -> list[Any]:
        return self._watch(super().fetchall)

    def __next__(self) -> Any:
        return self._watch(super().__next__)


# This process's open connections. Python's open() and close() of a file that SQLite holds let go of every
# POSIX lock the process has on it (fcntl's rule), SQLite's SHARED lock too: another process closing the
# history then takes itself for its last user and deletes the -wal under the connections still open here.
_connections: weakref.WeakSet[WatchedConnection] = weakref.WeakSet()
_connections_lock = threading.Lock()


def _file_id(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return (status.st_dev, status.st_ino)


def in_use(path: Path) -> bool:
    """Whether a connection of this process has the file at `path` open (its header must not be read with
    open(): see _connections)."""
    file_id = _file_id(path)
    with _connections_lock:
        return file_id is not None and any(c.file_id == file_id and not c.shut for c in _connections)


def connect(path: Path) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit) with the store's pragmas set."""
    conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, factory=WatchedConnection)
    if isinstance(conn, WatchedConnection):
        conn.file_id = _file_id(path)
        with _connections_lock:
            _connections.add(conn)
    try:
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            log.warning("SQLite refused WAL mode for %s (got %s)", path, mode)
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
    except BaseException:
        conn.close()
        raise
    return conn


def is_writable(path: Path) -> bool:
    """Whether the history at `path` can be written: its folder (journal files live beside it) and
    the file itself, if it exists. False on a read-only mount, even for root."""
    folder = path.parent
    if not os.access(folder, os.W_OK):
        return not folder.exists()  # a folder still to be created: opening will create it (or say why)
    return not path.exists() or os.access(path, os.W_OK)


# Below this much free space SQLite may not even create its journal files (the WAL index alone is 32 KB).
FULL_DISK_BYTES = 1 << 20


def disk_is_full(path: Path) -> bool:
    """Whether the disk holding `path` (a file or folder that may not exist yet) has (nearly) no space left."""
    folder = path if path.is_dir() else path.parent
    try:
        return shutil.disk_usage(folder).free < FULL_DISK_BYTES
    except OSError:
        return False


def _unshared(path: Path) -> bool:
    """No other process has the history open for writing (no WAL with content beside it): reading it as
    `immutable` is then safe, and needs no journal file of its own."""
    wal = path.with_name(path.name + "-wal")
    return not wal.exists() or wal.stat().st_size == 0


def open_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection to an existing history: no migration, no journal files, no recovery.
    `immutable` where the folder cannot be written (SQLite could not create the WAL index there, and
    nobody else can change the file either), or where the disk is full and nobody writes the file."""
    if not path.exists():
        raise StoreError(f"there is no history at {path}")
    frozen = not os.access(path.parent, os.W_OK) or (disk_is_full(path) and _unshared(path))
    immutable = "&immutable=1" if frozen else ""
    uri = f"file:{quote(str(path.resolve()))}?mode=ro{immutable}"
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        conn.row_factory = sqlite3.Row
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if schema_version(conn) < LATEST_VERSION:
            conn = _migrated_copy(conn)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open the history database {path} read-only: {exc}") from exc
    return conn


def _migrated_copy(conn: sqlite3.Connection) -> sqlite3.Connection:
    """An in-memory copy of an older (or empty: a first start on a full disk) history, brought up to
    this version's schema: the queries need its tables and columns, and the file must not change."""
    memory = sqlite3.connect(":memory:", isolation_level=None)
    memory.row_factory = sqlite3.Row
    try:
        conn.backup(memory)
        migrate(memory)
    except BaseException:
        memory.close()
        raise
    finally:
        conn.close()
    return memory


def is_corruption(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return (code & 0xFF) in _CORRUPTION_CODES
    text = str(exc).lower()
    return "not a database" in text or "malformed" in text


def header_problem(path: Path) -> str | None:
    """Why the file at `path` cannot be a SQLite database, or None (it may be; a missing or empty file
    is fine: SQLite makes a new database of it)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StoreError(f"cannot read the history database {path}: {exc.strerror or exc}") from exc
    if not head or head == SQLITE_HEADER:
        return None
    return "not a SQLite file"


def stored_schema_version(path: Path) -> int | None:
    """The schema version (PRAGMA user_version) in the file's header, read without SQLite; None for a
    missing or too short file. Reading it first means a file written by a newer app is refused before a
    connection could change anything (journal mode, -wal/-shm files). A newer version still sitting in
    an unmerged -wal file is caught by migrate(), which then rolls back."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_USER_VERSION_OFFSET + 4)
    except (FileNotFoundError, IsADirectoryError):
        return None
    except OSError as exc:
        raise StoreError(f"cannot read the history database {path}: {exc.strerror or exc}") from exc
    if len(head) < _USER_VERSION_OFFSET + 4 or not head.startswith(SQLITE_HEADER):
        return None
    return int.from_bytes(head[_USER_VERSION_OFFSET:], "big", signed=True)


def integrity_problems(conn: sqlite3.Connection) -> list[str]:
    """What `PRAGMA quick_check` finds wrong (empty when the file is sound).

    quick_check verifies the b-trees and pages (everything integrity_check does except matching
    index content to table content), at a fraction of the cost; see bench/results_store.md.
    """
    rows = conn.execute("PRAGMA quick_check").fetchall()
    return [str(row[0]) for row in rows if str(row[0]).lower() != "ok"]


def check_integrity(conn: sqlite3.Connection) -> None:
    """Raise CorruptDatabaseError unless `PRAGMA quick_check` says ok."""
    problems = integrity_problems(conn)
    if problems:
        lines = [line for problem in problems for line in problem.splitlines() if not line.startswith("***")]
        first = lines[0] if lines else problems[0]
        raise CorruptDatabaseError(f"integrity check failed: {first[:200]}")


def _timestamp() -> str:
    return time.strftime("%Y%m%d-%H%M%S")


def move_aside(path: Path) -> Path:
    """Rename `path` (and its -wal/-shm files) to `<name>.corrupt-YYYYmmdd-HHMMSS[-n]`; returns the new path."""
    stamp = _timestamp()
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
        n += 1
    try:
        path.rename(target)
        for suffix in ("-wal", "-shm"):
            companion = path.with_name(path.name + suffix)
            if companion.exists():
                companion.rename(target.with_name(target.name + suffix))
    except OSError as exc:
        raise StoreError(f"cannot move the damaged history database {path} aside: {exc}") from exc
    return target


def auto_check(path: Path) -> bool:
    """Whether `open_database(path, integrity_check=None)` checks the file (an existing one, small enough)."""
    return _should_check(path, None)


def _should_check(path: Path, integrity_check: bool | None) -> bool:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return False
    if integrity_check is None:
        return 0 < size <= AUTO_CHECK_MAX_BYTES
    return integrity_check and size > 0


def _open_checked(path: Path, integrity_check: bool | None) -> sqlite3.Connection:
    if not in_use(path):  # else it was read at that connection's open, and migrate() still refuses newer
        problem = header_problem(path)
        if problem:
            raise CorruptDatabaseError(problem)
        found = stored_schema_version(path)
        if found is not None and found > LATEST_VERSION:
            raise NewerDatabaseError(found)
    conn = connect(path)
    try:
        if _should_check(path, integrity_check):
            check_integrity(conn)
        migrate(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def open_database(path: Path, *, integrity_check: bool | None = None) -> tuple[sqlite3.Connection, Path | None]:
    """Open (creating and migrating) the database at `path`.

    `integrity_check`: True always runs `PRAGMA quick_check` first, False never, None (default) only
    for files up to AUTO_CHECK_MAX_BYTES, where it costs < ~40 ms (about 0.5 s per GB, measured).
    A bigger file still gets the header and schema checks, and damage found later surfaces as
    sqlite3.DatabaseError; `Store.check_integrity()` can be run from a background Store.

    Returns the connection and, if the existing file was unusable and got moved aside, where it went.
    Errors that do not mean corruption (locked, permissions, a newer schema) are raised as they are.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        return _open_checked(path, integrity_check), None
    except CorruptDatabaseError as exc:
        reason = str(exc)
    except sqlite3.DatabaseError as exc:
        if not is_corruption(exc):
            raise StoreError(f"cannot open the history database {path}: {exc}") from exc
        reason = str(exc)
    moved = move_aside(path)
    log.error("history database %s was unusable (%s); moved it to %s", path, reason, moved)
    return _open_checked(path, integrity_check=False), moved
