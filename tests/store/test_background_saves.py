"""AnswerBuffer's periodic saves as jobs for another thread's Store (the window's, #21): a save that a newer
write made stale never overwrites it, and a refused one leaves its text unwritten, to be saved again."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from desktop.core.store import AnswerBuffer, Store
from desktop.core.store.models import DiskFullError

Job = tuple[Callable[[Store], None], Callable[[Exception | None], None]]


class Later:
    """Runs the jobs handed to it when told, with a Store of its own (as the history writer's thread does)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.jobs: list[Job] = []

    def __call__(self, write: Callable[[Store], None], done: Callable[[Exception | None], None]) -> None:
        self.jobs.append((write, done))

    def run(self) -> None:
        while self.jobs:
            write, done = self.jobs.pop(0)
            try:
                write(self.store)
            except Exception as exc:
                done(exc)
            else:
                done(None)


class Ticker:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def stores(tmp_path: Path) -> Iterator[tuple[Store, Store]]:
    path = tmp_path / "history.sqlite3"
    with Store.open(path) as window, Store.open(path, integrity_check=False, recover_streaming=False) as writer:
        yield window, writer


def test_a_save_made_stale_by_a_newer_write_never_overwrites_it(stores: tuple[Store, Store]) -> None:
    window, writer = stores
    later, ticker = Later(writer), Ticker()
    buffer = AnswerBuffer(window, window.conversations.create("bot").id, clock=ticker)
    buffer.background = later
    message_id = buffer.append("m1", "first words")
    ticker.now += 1
    buffer.append("m1", ", then more")  # a save is due: handed to the writer, not run yet
    assert len(later.jobs) == 1 and window.messages.get(message_id).content == ""  # type: ignore[union-attr]
    buffer.append("m1", ", and the rest")
    buffer.flush()  # the window's own write (before it re-reads the chat): all of it
    later.run()  # the stale save comes after: skipped
    assert window.messages.get(message_id).content == "first words, then more, and the rest"  # type: ignore[union-attr]


def test_a_refused_save_is_written_with_the_next_one(stores: tuple[Store, Store]) -> None:
    window, writer = stores
    later, ticker = Later(writer), Ticker()
    buffer = AnswerBuffer(window, window.conversations.create("bot").id, clock=ticker)
    buffer.background = later
    message_id = buffer.append("m1", "words")
    buffer.complete_message("m1", "words, whole")
    ticker.now += 1
    buffer.append("m2", "a second message")  # due: both saved by one job
    ((_write, done),) = later.jobs
    later.jobs.clear()
    done(DiskFullError("disk full"))  # refused
    assert buffer.save_problem is not None and buffer.unsaved
    ticker.now += 1
    assert buffer.flush_if_due()
    later.run()
    stored = window.messages.get(message_id)
    assert stored is not None and (stored.content, stored.status) == ("words, whole", "complete")
    assert buffer.save_problem is None
