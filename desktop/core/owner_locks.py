"""Which process owns something that outlives a call: one OS advisory lock per owning process, in a folder.

A process holds an exclusive lock on its own file `<folder>/<owner>.lock` (fcntl.flock on POSIX, msvcrt.locking on
Windows) for as long as it owns things; what it owns names that owner. The OS drops the lock when the process dies
(kill -9 included), so any other process can tell a live owner from a dead one: an owner whose lock can be taken is
gone. Used by the history (streaming answers: desktop.core.store.writers) and by the local Coze server (the chat
streaming in a conversation: desktop.core.cozeserver.state).

The file of an owner killed with -9 stays behind; a process taking its lock sweeps such files away (`sweep`). Only
whoever holds a file's lock removes it, and only while its path still names that file, so a creator that lost its
file to a sweeper between creating and locking it sees so and tries again with another name.
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


def _names(path: Path, handle: IO[bytes]) -> bool:
    """Whether `path` is still the file `handle` has open (not removed, nor replaced)."""
    try:
        found, opened = os.stat(path), os.fstat(handle.fileno())
    except OSError:
        return False
    return (found.st_dev, found.st_ino) == (opened.st_dev, opened.st_ino)


def _held(path: Path) -> bool:
    """Whether a live owner holds the lock of `path`. If not, the file is stale and removed: under its lock, and only
    while `path` still names the file locked (one its owner or another sweeper removed stays removed)."""
    try:
        handle = open(path, "r+b")  # noqa: SIM115 - closed below
    except OSError:
        return False
    try:
        if not _try_lock(handle):
            return True
        if _names(path, handle):
            with contextlib.suppress(OSError):
                path.unlink()
        _unlock(handle)
        return False
    finally:
        handle.close()


def sweep(directory: Path) -> None:
    """Remove the lock files of owners that are gone (killed with -9: nothing else would ever remove them)."""
    with contextlib.suppress(OSError):
        for path in directory.glob("*.lock"):
            _held(path)


class WriterLock:
    """This process's lock as an owner in `directory`; `owner` is the name what it owns carries. Taking it sweeps
    the files of owners that are gone."""

    ATTEMPTS = 8  # each lost only to a sweeper that found the new file before it was locked

    def __init__(self, directory: Path) -> None:
        directory.mkdir(mode=0o700, exist_ok=True)
        for _attempt in range(self.ATTEMPTS):
            self.owner = f"{os.getpid()}-{secrets.token_hex(4)}"
            self.path = directory / f"{self.owner}.lock"
            handle = open(self.path, "a+b")  # noqa: SIM115 - held until release()
            if _try_lock(handle) and _names(self.path, handle):
                self._handle: IO[bytes] | None = handle
                break
            handle.close()  # a sweeper had it: it removes it (a fresh random name: nobody else knows it)
            with contextlib.suppress(OSError):
                self.path.unlink()
        else:  # only where locks do not work at all
            raise OSError(f"cannot lock a file in {directory}")
        sweep(directory)  # this one is locked now: never taken for a stale one

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
    return _held(directory / f"{owner}.lock")
