"""Which process owns something that outlives a call: one OS advisory lock per owning process, in a folder.

A process holds an exclusive lock on its own file `<folder>/<owner>.lock` (fcntl.flock on POSIX, msvcrt.locking on
Windows) for as long as it owns things; what it owns names that owner. The OS drops the lock when the process dies
(kill -9 included), so any other process can tell a live owner from a dead one: an owner whose lock can be taken is
gone. Used by the history (streaming answers: desktop.core.store.writers) and by the local Coze server (the chat
streaming in a conversation: desktop.core.cozeserver.state).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import sys
from pathlib import Path
from typing import IO


def _try_lock(handle: IO[bytes]) -> bool:
    try:
        if sys.platform == "win32":
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(handle: IO[bytes]) -> None:
    try:
        if sys.platform == "win32":
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    except OSError:
        pass


class WriterLock:
    """This process's lock as an owner in `directory`; `owner` is the name what it owns carries."""

    def __init__(self, directory: Path) -> None:
        self.owner = f"{os.getpid()}-{secrets.token_hex(4)}"
        self.path = directory / f"{self.owner}.lock"
        directory.mkdir(mode=0o700, exist_ok=True)
        handle = open(self.path, "a+b")  # noqa: SIM115 - held until release()
        if not _try_lock(handle):  # a fresh random name: only fails where locks do not work at all
            handle.close()
            raise OSError(f"cannot lock {self.path}")
        self._handle: IO[bytes] | None = handle

    def release(self) -> None:
        handle, self._handle = self._handle, None
        if handle is None:
            return
        with contextlib.suppress(OSError):
            self.path.unlink()  # first, so nobody takes the lock of a file that is going away
        _unlock(handle)
        handle.close()


def owner_is_live(directory: Path, owner: str) -> bool:
    """True while the process named `owner` holds its lock. A missing file or a lock that can be taken
    means the owner is gone (the stale file is removed)."""
    if not owner or "/" in owner or "\\" in owner or owner.startswith("."):
        return False
    path = directory / f"{owner}.lock"
    try:
        handle = open(path, "r+b")  # noqa: SIM115 - closed below
    except OSError:
        return False
    try:
        if not _try_lock(handle):
            return True
        with contextlib.suppress(OSError):
            path.unlink()
        _unlock(handle)
        return False
    finally:
        handle.close()
