"""A folder only this user can write, for the single-instance socket (Qt-free).

A socket in a shared folder such as /tmp can be created first by anybody: another user could then
pose as our running instance (the second start would defer to it and quit), or read what we send.
So the socket lives in `$XDG_RUNTIME_DIR/coze-desktop` (the XDG runtime dir is the user's, mode
0700), else in a `coze-desktop-<uid>` folder under the temp dir, and a folder is only used when it is
a real directory (not a symlink), owned by this user, and not writable by anybody else.
"""

from __future__ import annotations

import os
import socket
import stat
import struct
import tempfile
from pathlib import Path

APP_RUNTIME_NAME = "coze-desktop"


class UnsafeRuntimeDir(OSError):
    """No folder private to this user is available."""


def private_runtime_dir(environ: dict[str, str] | None = None) -> Path:
    """This user's private runtime folder for the app, created 0700 if missing; raises UnsafeRuntimeDir."""
    env = dict(os.environ) if environ is None else environ
    candidates: list[Path] = []
    xdg = env.get("XDG_RUNTIME_DIR", "")
    if xdg and os.path.isabs(xdg) and _is_private(Path(xdg)):
        candidates.append(Path(xdg) / APP_RUNTIME_NAME)
    candidates.append(Path(tempfile.gettempdir()) / f"{APP_RUNTIME_NAME}-{os.getuid()}")
    for folder in candidates:
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            pass
        except OSError:
            continue
        if _is_private(folder):
            folder.chmod(0o700)  # ours (checked above): other helpers' mkdir(parents=True) may leave it 0755
            return folder
    raise UnsafeRuntimeDir(f"no folder private to this user for the instance socket (tried {candidates})")


def _is_private(folder: Path) -> bool:
    try:
        info = folder.lstat()
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        return False
    return not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def peer_uid(fd: int) -> int | None:
    """The user id of the process at the other end of a connected Unix socket, where the OS says
    (Linux SO_PEERCRED); None where it cannot be known."""
    peercred = getattr(socket, "SO_PEERCRED", None)
    if peercred is None or fd < 0:
        return None
    sock = socket.socket(fileno=os.dup(fd))
    try:
        creds = sock.getsockopt(socket.SOL_SOCKET, peercred, struct.calcsize("3i"))
    except OSError:
        return None
    finally:
        sock.close()
    _pid, uid, _gid = struct.unpack("3i", creds)
    return int(uid)


def owned_by_this_user(path: Path) -> bool:
    try:
        return path.lstat().st_uid == os.getuid()
    except OSError:
        return False


def read_only_logs_dir() -> Path:
    """Where the logs go while the profile cannot be written: this user's private runtime folder
    (else a private temp folder)."""
    try:
        return private_runtime_dir() / "logs"
    except (UnsafeRuntimeDir, AttributeError):  # AttributeError: no os.getuid (Windows)
        return Path(tempfile.mkdtemp(prefix="coze-desktop-logs-"))
