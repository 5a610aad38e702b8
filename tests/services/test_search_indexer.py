"""Finished answers reach the search index from a worker thread with its own connection (#21): the write
that ends a stream on the window's thread only queues them, and what a previous process left queued is
indexed after the next start."""

from __future__ import annotations

import sqlite3
import threading
from contextlib import closing
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.cozeserver import CozeServer, Scenario
from desktop.core.store import Store
from desktop.core.vocabulary import MessageStatus
from desktop.services import search_indexer
from desktop.services.chat_controller import ChatController
from desktop.services.search_indexer import SearchIndexer
from desktop.services.tasks import TaskRunner
from tests.coze_fixtures import BOT


def _in_index(path: Path, phrase: str) -> set[int]:
    with closing(sqlite3.connect(path)) as conn:
        rows = conn.execute("SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?", (f'"{phrase}"',))
        return {row[0] for row in rows}


@pytest.fixture
def threads_indexing(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The thread of every indexing job (the real function runs)."""
    seen: list[int] = []
    real = search_indexer.index_pending

    def recording(database: Path) -> int:
        seen.append(threading.get_ident())
        return real(database)

    monkeypatch.setattr(search_indexer, "index_pending", recording)
    return seen


def test_a_finished_answer_is_indexed_on_a_worker_not_the_window_thread(
    qtbot: QtBot, store: Store, chats: ChatController, server: CozeServer, threads_indexing: list[int]
) -> None:
    tasks = TaskRunner()
    indexer = SearchIndexer(store, chats, tasks)
    server.queue(Scenario("framing", text="一个会被索引的答案 indexed later"))
    conversation = store.conversations.create(BOT)
    assert chats.send(conversation.id, "question")
    qtbot.waitUntil(lambda: not chats.is_busy(conversation.id), timeout=10_000)
    answer = store.messages.page(conversation.id)[-1]
    assert answer.status == MessageStatus.COMPLETE
    # The stream's end only queued it; search finds it all the same.
    assert [hit.message_id for hit in store.search.find("被索引")] == [answer.id]
    qtbot.waitUntil(lambda: store.search.pending() == 0, timeout=10_000)
    qtbot.waitUntil(lambda: not indexer.running, timeout=10_000)
    assert _in_index(store.path, "被索引") == {answer.id}
    assert threads_indexing and threading.get_ident() not in threads_indexing
    store.search.check_index()
    assert tasks.shutdown(3000)


def test_answers_left_queued_by_an_earlier_process_are_indexed_after_start(
    qtbot: QtBot, tmp_path: Path, threads_indexing: list[int]
) -> None:
    path = tmp_path / "history.sqlite3"
    with Store.open(path) as earlier:  # e.g. `ask`, or a window that quit before its indexer ran
        conversation = earlier.conversations.create(BOT)
        answer = earlier.messages.start_answer(conversation.id)
        earlier.messages.update(answer.id, content="上次没来得及索引", status=MessageStatus.COMPLETE)
    with Store.open(path) as store:
        chats = ChatController(store, lambda _bot: None)
        tasks = TaskRunner()
        indexer = SearchIndexer(store, chats, tasks)
        indexer.schedule(0)  # the app's start delay, shortened
        qtbot.waitUntil(lambda: store.search.pending() == 0 and not indexer.running, timeout=10_000)
        assert indexer.indexed == 1 and _in_index(path, "没来得及") == {answer.id}
        assert threads_indexing and threading.get_ident() not in threads_indexing
        assert tasks.shutdown(3000) and chats.shutdown(1000)
