"""A lock shared by every process of this user, so two never spend the same refresh token.

Keyring items are per API base, not per profile, so the window, `ask` and a second profile can all
hold the same OAuth tokens. Whoever refreshes takes this lock (an OS file lock on a file named after
the keyring item, in a private per-user folder), then re-reads the keyring: if another process
refreshed meanwhile, its new token is used instead of spending the old refresh token again.
The lock file holds nothing secret; the OS drops the lock if its holder dies.
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
from pathlib import Path
from types import TracebackType
from typing import IO

LOCK_TIMEOUT = 30.0  # a refresh is one HTTP call; longer means a stuck holder


class RefreshLockTimeout(RuntimeError):
    pass


def lock_dir() -> Path:
    """A private per-user folder for lock files (not the profile: profiles share keyring items)."""
    if sys.platform == "win32":
        root = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / "coze-desktop"
    elif sys.platform == "darwin":
        root = Path.home() / "Library" / "Caches" / "coze-desktop"
    else:
        runtime = os.environ.get("XDG_RUNTIME_DIR")
        if runtime and Path(runtime).is_dir():
            root = Path(runtime) / "coze-desktop"
        else:
            root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "coze-desktop"
    return root / "locks"


class RefreshLock:
    """`with RefreshLock(item):` — exclusive across processes of this user for that keyring item."""

    def __init__(self, item: str, directory: Path | None = None, timeout: float = LOCK_TIMEOUT) -> None:
        name = hashlib.sha256(item.encode()).hexdigest()[:24]
        self.path = (directory or lock_dir()) / f"refresh-{name}.lock"
        self._timeout = timeout
        self._file: IO[bytes] | None = None

    def __enter__(self) -> RefreshLock:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle = open(self.path, "a+b")  # held until __exit__
        deadline = time.monotonic() + self._timeout
        while not _try_lock(handle):
            if time.monotonic() > deadline:
                handle.close()
                raise RefreshLockTimeout(f"another process has held {self.path} for {self._timeout:.0f} s")
            time.sleep(0.05)  # a lock held by another process: poll (flock has no timed wait)
        self._file = handle
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        handle, self._file = self._file, None
        if handle is not None:
            _unlock(handle)
            handle.close()


if sys.platform == "win32":
    import msvcrt

    def _try_lock(handle: IO[bytes]) -> bool:
        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(handle: IO[bytes]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
