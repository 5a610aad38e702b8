"""Who owns a streaming answer: one OS advisory lock per writing process, in the profile.

A process that streams answers holds an exclusive lock on its own file `<profile>/writers/<owner>.lock`
(desktop.core.owner_locks) for as long as its store is open, and every streaming row it writes names that
owner. The OS drops the lock when the process dies (kill -9 included), so any process that opens the store
can tell a live stream from a dead one: a row whose owner's lock can be taken is left over from a process
that is gone, and only such rows are recovered.
"""

from __future__ import annotations

from pathlib import Path

from desktop.core.owner_locks import WriterLock, owner_is_live

__all__ = ["WRITERS_DIR", "WriterLock", "owner_is_live", "writers_dir"]

WRITERS_DIR = "writers"


def writers_dir(database_path: Path) -> Path:
    return database_path.parent / WRITERS_DIR
