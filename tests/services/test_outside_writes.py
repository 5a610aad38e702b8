"""OutsideWrites tells the window what another process committed to the history (#21: not what this
process's own history writer committed: each of a streaming answer's saves made the chat list reload and
repaint). The writer's connection is asked whether anyone else committed; nothing from elsewhere is missed,
also when it commits while the writer is being asked."""

from __future__ import annotations

import threading
from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.core.store import Store
from desktop.services.history_writer import HistoryWriter
from desktop.services.outside_writes import OutsideWrites
from tests.coze_fixtures import BOT


def test_the_writers_saves_are_not_told_and_another_connections_commit_is(qtbot: QtBot, tmp_path: Path) -> None:
    with Store.open(tmp_path / "history.sqlite3") as store, Store.open(store.path) as other:
        conversation = store.conversations.create(BOT)
        question = store.messages.add_question(conversation.id, "hello")
        writer = HistoryWriter(store.path, store.now)
        outside = OutsideWrites(store)
        outside.ignore_writer(writer.data_version)
        told: list[None] = []
        outside.changed.connect(lambda: told.append(None))
        outside.start()

        def save(text: str) -> None:
            writer.submit(lambda s: s.messages.update(question.id, content=text), lambda error: None)
            assert writer.wait(5000)

        def look() -> None:
            outside.check()
            assert writer.wait(5000)  # (its answer, and a question asked again, delivered here)
            assert writer.wait(5000)

        save("one")
        look()
        assert len(told) == 1  # the writer's first answer has nothing to compare with: told, to be safe
        for text in ("two", "three", "four"):
            save(text)
            look()
        assert len(told) == 1  # the writer's own saves
        other.conversations.rename(conversation.id, "renamed elsewhere")
        save("five")
        look()
        assert len(told) == 2  # another connection committed beside the writer's save
        look()
        assert len(told) == 2

        # Another commit lands after the writer read its version and before its answer is in: asked again.
        save("six")
        outside.check()  # the question to the writer is queued
        read = threading.Event()
        writer.submit(lambda _s: read.set(), lambda error: None)
        assert read.wait(5)  # the writer has read its version (before the commit below) and answered
        other.conversations.rename(conversation.id, "renamed again")
        outside.check()  # our version changed while the answer is on its way
        assert writer.wait(5000)
        assert writer.wait(5000)
        assert len(told) == 3
        writer.close()
        outside.check()  # a closed writer has no connection: a change is told as it is
        other.conversations.rename(conversation.id, "a third time")
        outside.check()
        assert len(told) == 4
