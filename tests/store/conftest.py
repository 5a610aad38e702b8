"""Fixtures for the store tests: real SQLite files under tmp_path, a clock the test drives."""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from desktop.core.store import Store

REPO_ROOT = Path(__file__).resolve().parents[2]


class FakeClock:
    """Returns `now`, then moves it on by `step` (so every write gets a distinct, increasing time)."""

    def __init__(self, start: float = 1_700_000_000.0, step: float = 1.0) -> None:
        self.now = start
        self.step = step

    def __call__(self) -> float:
        value = self.now
        self.now += self.step
        return value


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "profile" / "history.sqlite3"


@pytest.fixture
def store(db_path: Path, clock: FakeClock) -> Iterator[Store]:
    opened = Store.open(db_path, clock=clock)
    try:
        yield opened
    finally:
        opened.close()


def child_env() -> dict[str, str]:
    """Environment for a child Python process that imports the app from this checkout."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO_ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env["PYTHONIOENCODING"] = "utf-8"
    return env


PYTHON = sys.executable


@contextmanager
def sql(store: Store) -> Iterator[sqlite3.Connection]:
    """A second connection to the store's file, for looking at what is on disk (autocommit)."""
    conn = sqlite3.connect(store.path, isolation_level=None)
    try:
        yield conn
    finally:
        conn.close()
