"""Timestamps from outside read as seconds (milliseconds, microseconds, nonsense) and shown without raising."""

from __future__ import annotations

import math

import pytest

from desktop.core.timestamps import UNKNOWN_TIME, epoch_seconds, local_time

NOW = 1_733_400_000


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        (NOW, NOW),
        (NOW * 1000, NOW),  # milliseconds
        (NOW * 1_000_000 + 999_999, NOW),  # microseconds
        (NOW * 10**9, NOW),  # nanoseconds
        (str(NOW), NOW),
        (NOW + 0.75, NOW),
        (0, 0),
        (-5, 0),
        (-(10**15), 0),
        (10**30, 0),
        (1.5e308, 0),
        (math.inf, 0),
        (math.nan, 0),
        ("1e400", 0),
        ("soon", 0),
        (None, 0),
        ([NOW], 0),
    ],
)
def test_epoch_seconds(value: object, seconds: int) -> None:
    assert epoch_seconds(value) == seconds


@pytest.mark.parametrize("stored", [1.7e12, 1e25, -1e15, math.inf, math.nan])
def test_a_time_no_calendar_holds_is_shown_as_unknown(stored: float) -> None:
    assert local_time(stored) == UNKNOWN_TIME


def test_a_normal_time_is_local_time() -> None:
    assert local_time(NOW)[:4] == "2024"
