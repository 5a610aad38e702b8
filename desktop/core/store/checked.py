"""When the history was last found sound, kept beside it so that `PRAGMA quick_check` need not run again at
every open (#21: up to ~40 ms of every `ask`, and of the window's start, on a 64 MB history).

A Store that found the file sound (it checked at open, or found this mark valid) writes at its clean
close `<name>.checked`: the file's size and modification time once every connection is closed (the
last one merges and removes the `-wal` file; while another process still has it open nothing is
written), and when it was last checked. The next open skips the check only if the file is exactly as
that close left it, there is no unmerged `-wal`, and the check is less than `RECHECK_AFTER` old. A
crash (a `-wal` left behind), any write by another process since, a copied or edited file, or a mark
that cannot be read all mean: check, as before. Damage met later while reading still moves the file
aside (Store.open), and `history check` always checks.

Damage met while the history is in use (a statement of any connection says "malformed": a bad sector,
another program writing into the file) replaces the mark with the time it was met (`note_damage`): it vouches
for nothing, and no close of a Store whose check is older may write a new one, so the next open checks,
finds the damage and moves the file aside, as it did before marks.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

RECHECK_AFTER = 7 * 24 * 3600.0  # seconds: the check still runs at least weekly


def mark_path(database: Path) -> Path:
    return database.with_name(database.name + ".checked")


def _state(database: Path) -> tuple[int, int] | None:
    """The file's (size, mtime in ns), or None while a -wal with content is beside it (not merged yet)."""
    wal = database.with_name(database.name + "-wal")
    try:
        if wal.exists() and wal.stat().st_size > 0:
            return None
        stat = database.stat()
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns


def last_checked(database: Path, now: float) -> float | None:
    """When the file was last found sound, if nothing has touched it since a clean close; else None."""
    try:
        mark = json.loads(mark_path(database).read_text(encoding="utf-8"))
        size, mtime_ns, checked_at = int(mark["size"]), int(mark["mtime_ns"]), float(mark["checked_at"])
    except (OSError, ValueError, TypeError, KeyError):
        return None
    if _state(database) != (size, mtime_ns) or not 0 <= now - checked_at < RECHECK_AFTER:
        return None
    return checked_at


def _damaged_at(database: Path) -> float | None:
    try:
        return float(json.loads(mark_path(database).read_text(encoding="utf-8"))["damaged_at"])
    except (OSError, ValueError, TypeError, KeyError):
        return None


def note_damage(database: Path, now: float) -> bool:
    """Damage was met in the file at `now`: the mark vouches for nothing from now on (False: not written)."""
    return _write(database, {"damaged_at": now})


def record_clean_close(database: Path, checked_at: float) -> bool:
    """After the last connection closed cleanly: remember the file as it is now. False (nothing written)
    while another connection keeps a -wal, when damage was met since `checked_at`, or when the mark cannot be
    written (it is only a shortcut)."""
    state = _state(database)
    if state is None:
        return False
    damaged_at = _damaged_at(database)
    if damaged_at is not None and damaged_at >= checked_at:
        return False
    return _write(database, {"size": state[0], "mtime_ns": state[1], "checked_at": checked_at})


def _write(database: Path, content: dict[str, float]) -> bool:
    mark = mark_path(database)
    partial = mark.with_name(f"{mark.name}.{os.getpid()}.tmp")
    try:
        partial.write_text(json.dumps(content), encoding="utf-8")
        os.replace(partial, mark)
    except OSError:
        partial.unlink(missing_ok=True)
        return False
    return True
