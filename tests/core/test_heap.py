"""desktop.core.heap.collect_due: one step of CPython's automatic collection, run by hand."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from desktop.core.heap import collect_due


@pytest.fixture
def small_thresholds() -> Iterator[None]:
    saved, enabled = gc.get_threshold(), gc.isenabled()
    gc.disable()
    gc.collect()
    gc.set_threshold(100, 10, 10)
    yield
    gc.set_threshold(*saved)
    if enabled:
        gc.enable()


def test_nothing_is_collected_until_the_young_generation_is_due(small_thresholds: None) -> None:
    kept = [[] for _ in range(50)]  # fewer new containers than the threshold
    assert collect_due() == 0
    assert kept


def test_the_cycles_made_since_are_collected_once_due(small_thresholds: None) -> None:
    for _ in range(400):
        cycle: list[object] = []
        cycle.append(cycle)
    assert collect_due() >= 300
    assert gc.get_count()[0] < 100
