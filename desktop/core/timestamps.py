"""Timestamps from outside (Coze's listings and streams, a history an older version stored) made safe to
store and show.

Coze counts whole seconds since the epoch; a gateway or another API may send milliseconds or
microseconds, and a broken one negatives, 1e30, Infinity or text. `epoch_seconds` reads any of those as
seconds, or 0 (unknown) when nothing sensible is left, so SQLite never refuses a value (`int too large`)
and no date lands in the year 56899. `local_time` formats a stored timestamp and never raises.
"""

from __future__ import annotations

import math
from datetime import datetime

MAX_SECONDS = 10**11  # the year 5138: anything at or past this counts in finer units (or is nonsense)
_UNITS = (1, 1_000, 1_000_000, 1_000_000_000)  # s, ms, µs, ns
UNKNOWN_TIME = "????-??-?? ??:??"


def epoch_seconds(value: object) -> int:
    """`value` (seconds, ms, µs or ns since the epoch, as a number or digits) in seconds; 0 when unknown."""
    if value.__class__ is int and 0 <= value < MAX_SECONDS:
        return value
    try:
        number = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError, OverflowError):  # OverflowError: JSON's Infinity
        return 0
    if number <= 0:
        return 0
    return next((number // unit for unit in _UNITS if number // unit < MAX_SECONDS), 0)


def plausible_seconds(stored: float) -> float:
    """A stored timestamp as an export writes it: itself when plausible, else read by `epoch_seconds` (a
    history synced by an older version may hold Coze's milliseconds, or a negative), so the export file
    imports again instead of being refused whole as "not a plausible time"."""
    if math.isfinite(stored) and 0 <= stored < MAX_SECONDS:
        return stored
    return float(epoch_seconds(stored))


def local_time(timestamp: float, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """A stored timestamp as local time; UNKNOWN_TIME when the platform cannot represent it."""
    try:
        return datetime.fromtimestamp(timestamp).strftime(fmt)
    except (OverflowError, OSError, ValueError):
        return UNKNOWN_TIME
