"""Writing a file so that no reader (and no crash) ever sees it half written: `atomic_write`.

The content goes to a temporary file with a unique name in the target's folder (so the rename stays
on one file system and two writers never share a temporary file), is flushed and fsync'ed, gets its
permissions, and only then replaces the target in one rename. On any error the temporary file is
removed and the target is left as it was. Every writer of a file in the app goes through here.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, BinaryIO, TextIO, cast

PRIVATE = 0o600  # the user's data: exports, settings, cached icons
LOCK_TIMEOUT = 10.0  # seconds a writer waits for another process's read-modify-write


@contextlib.contextmanager
def atomic_path(path: Path, *, mode: int = PRIVATE, _synced: bool = False) -> Iterator[Path]:
    """`with atomic_path(path) as tmp: writer(tmp)`, for writers that need a file name (QPdfWriter):
    `tmp` is a new empty file beside `path`; when the block ends it is fsync'ed, gets `mode` and
    replaces `path`. On any error (a cancel too) it is removed and `path` is left as it was."""
    path = Path(path)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:  # (a missing or read-only folder): name the file asked for, not a temporary one
        raise type(exc)(exc.errno, exc.strerror, str(path)) from exc
    os.close(fd)
    try:
        yield Path(tmp_name)
        if not _synced:
            _sync_file(tmp_name)
        if os.name == "posix":
            os.chmod(tmp_name, mode)
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    _sync_folder(path.parent)


@contextlib.contextmanager
def _replacing(path: Path, mode: int, binary: bool) -> Iterator[IO[Any]]:
    with atomic_path(path, mode=mode, _synced=True) as tmp:
        out: IO[Any] = open(tmp, "wb") if binary else open(tmp, "w", encoding="utf-8", newline="\n")  # noqa: SIM115
        with out:
            yield out
            out.flush()
            os.fsync(out.fileno())


def _sync_file(name: str) -> None:
    fd = os.open(name, os.O_RDWR)  # Windows cannot flush a file opened read-only
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows cannot open a folder for fsync)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def atomic_write(path: Path, *, mode: int = PRIVATE) -> Iterator[TextIO]:
    """`with atomic_write(path) as out: out.write(...)`: `path` gets the whole text, or stays as it was.

    UTF-8 with "\\n" line ends. `mode` is the new file's permissions (POSIX, not filtered by the
    umask). The folder must exist.
    """
    with _replacing(Path(path), mode, binary=False) as out:
        yield cast(TextIO, out)


@contextlib.contextmanager
def atomic_write_bytes(path: Path, *, mode: int = PRIVATE) -> Iterator[BinaryIO]:
    """`atomic_write` for bytes."""
    with _replacing(Path(path), mode, binary=True) as out:
        yield cast(BinaryIO, out)


class LockTimeout(OSError):
    """Another process held a lock for longer than LOCK_TIMEOUT."""


@contextlib.contextmanager
def exclusive_lock(lock_path: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold an OS advisory lock on `lock_path` (created 0600 if missing) across processes and threads.

    For a read-modify-write of a shared file. Released when the block ends or the process dies.
    """
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, PRIVATE)
    try:
        deadline = time.monotonic() + timeout
        while not _try_lock(fd):
            if time.monotonic() > deadline:
                raise LockTimeout(f"{lock_path} is locked by another process")
            time.sleep(0.01)
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)


if sys.platform == "win32":  # pragma: no cover - Windows
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
