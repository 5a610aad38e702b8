"""The Store: the local chat history of one profile, in one SQLite file."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from desktop.core.store import export
from desktop.core.store.db import integrity_problems, open_database
from desktop.core.store.messages import MessagesMixin
from desktop.core.store.migrations import schema_version
from desktop.core.store.models import ImportResult
from desktop.core.store.search import SearchMixin


class Store(MessagesMixin, SearchMixin):
    """Conversations, messages and bots of one profile (stdlib sqlite3, WAL mode).

    One Store owns one connection, and a connection belongs to the thread that opened it: do not
    share a Store across threads; open one Store per thread (or process) instead. Several Stores on
    the same file are fine: WAL lets readers run beside one writer, writers queue for up to 5 s.

    Every write commits when the method returns, unless it runs inside `with store.transaction():`.

    After `open`:
    - `recovered_from` is where a damaged database file was moved (the store then starts empty), or
      None. The GUI should tell the user.
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
        self._init_base(conn, clock)
        self._path = path
        self.recovered_from = recovered_from
        self.recovered_streaming = 0
        self._closed = False

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        clock: Callable[[], float] = time.time,
        integrity_check: bool | None = None,
        recover_streaming: bool = True,
    ) -> Store:
        """Open the history at `path`, creating or migrating it, recovering from corruption and crashes.

        `integrity_check`: run `PRAGMA quick_check` on an existing file first: None (default) = only
        if it is small enough to be quick (see db.open_database), True = always, False = never.
        `recover_streaming` marks answers left "streaming" as "interrupted": right for the app at start,
        wrong for a second process (the CLI) while the app may be streaming.
        Raises StoreError when the file cannot be used and must not be moved aside (locked, no
        permission, written by a newer app).
        """
        path = Path(path)
        conn, recovered_from = open_database(path, integrity_check=integrity_check)
        store = cls(conn, path, clock=clock, recovered_from=recovered_from)
        if recover_streaming:
            try:
                store.recovered_streaming = store.interrupt_streaming()
            except BaseException:
                store.close()
                raise
        return store

    def export_json(self, conversation_id: int | None = None) -> dict[str, Any]:
        """The history (or one conversation) as an export document; see export.py."""
        return export.export_json(self, conversation_id)

    def export_markdown(self, conversation_id: int | None = None) -> str:
        return export.export_markdown(self, conversation_id)

    def import_json(self, data: Any) -> ImportResult:
        """Merge an export (parsed, or its text) without duplicates; InvalidExportFile changes nothing."""
        return export.import_json(self, data)

    def check_integrity(self) -> list[str]:
        """Run `PRAGMA quick_check` now (about 0.5 s per GB): the problems found, or [] if sound."""
        return integrity_problems(self._conn)

    @property
    def path(self) -> Path:
        return self._path

    @property
    def schema_version(self) -> int:
        return schema_version(self._conn)

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def connection(self) -> sqlite3.Connection:
        """The raw connection, for tests and the benchmark; the app goes through the methods."""
        return self._conn

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({str(self._path)!r})"
