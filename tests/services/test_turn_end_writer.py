"""The end of a turn (the whole answer's row, with its status and usage) is written on the history writer's
thread, not the window's (#21: 6-14 ms for a 1 MB answer); the chat is busy until it is in the history, and
an end that cannot be written in time at quit is kept whole, not lost."""

from __future__ import annotations

import sqlite3

from pytestqt.qtbot import QtBot

from desktop.core.cozeserver import CozeServer, Scenario
from desktop.core.store import Message, Store
from desktop.services.chat_controller import ChatController
from tests.coze_fixtures import BOT


def written_through(store: Store) -> list[int]:
    """The answers whose usage (written only by the end) went through `store`'s own connection: a TEMP
    trigger belongs to the connection that made it, so the writer's connection does not fire it."""
    seen: list[int] = []
    conn = store._db.conn
    conn.create_function("usage_written_here", 1, seen.append)
    conn.execute(
        "CREATE TEMP TRIGGER usage_written_here AFTER UPDATE OF output_tokens ON main.messages "
        "WHEN new.output_tokens IS NOT NULL BEGIN SELECT usage_written_here(new.id); END"
    )
    return seen


def test_the_end_is_written_off_the_windows_connection_and_the_chat_is_busy_until_then(
    qtbot: QtBot, store: Store, chats: ChatController, server: CozeServer
) -> None:
    here = written_through(store)
    server.queue(Scenario("long_answer", size_bytes=200_000, deltas=400))
    conversation = store.conversations.create(BOT)
    at_idle: list[Message] = []
    chats.busyChanged.connect(lambda c, busy: busy or at_idle.append(store.messages.page(c)[-1]))
    assert chats.send(conversation.id, "a long answer please")
    qtbot.waitUntil(lambda: not chats.is_busy(conversation.id), timeout=20_000)
    answer = store.messages.page(conversation.id)[-1]
    assert answer.status == "complete" and answer.output_tokens and len(answer.content) > 100_000
    assert here == []  # the end's UPDATE ran on the writer's connection
    assert [(m.id, m.status, m.output_tokens, len(m.content)) for m in at_idle] == [
        (answer.id, "complete", answer.output_tokens, len(answer.content))
    ]  # "not busy" is said once the history has the finished answer


def test_a_quit_while_the_history_stays_locked_keeps_the_whole_answer(
    qtbot: QtBot, store: Store, chats: ChatController, server: CozeServer
) -> None:
    server.queue(Scenario("endless", pace=0.005))
    conversation = store.conversations.create(BOT)
    deltas: list[str] = []
    chats.answerDelta.connect(lambda _c, _m, text, _r: deltas.append(text))
    assert chats.send(conversation.id, "go on")
    qtbot.waitUntil(lambda: len(deltas) > 20, timeout=10_000)
    store.set_busy_timeout(50)  # (the window's own last try, at quit, gives up soon)
    blocker = sqlite3.connect(store.path, isolation_level=None)  # another process writing, for a long while
    try:
        blocker.execute("BEGIN IMMEDIATE")
        chats.stop(conversation.id)
        qtbot.waitUntil(lambda: chats.ends.writing(conversation.id), timeout=5000)
        chats.shutdown(200)  # the writer still waits for the lock: the answer is kept in memory, whole
        kept = chats.unsaved.answers()
        assert [m.content for m in kept] == ["".join(deltas)]
        assert not chats.is_busy(conversation.id)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    chats.unsaved.save()  # the lock is gone: saved (as UnsavedTurns retries)
    answer = store.messages.page(conversation.id)[-1]
    assert (answer.status, answer.content) == ("cancelled", "".join(deltas))


def test_the_periodic_saves_of_a_streaming_answer_are_not_made_on_the_windows_connection(
    qtbot: QtBot, store: Store, chats: ChatController, server: CozeServer
) -> None:
    seen: list[int] = []
    conn = store._db.conn
    conn.create_function("content_written_here", 1, seen.append)
    conn.execute(
        "CREATE TEMP TRIGGER content_written_here AFTER UPDATE OF content ON main.messages "
        "WHEN new.role = 'assistant' BEGIN SELECT content_written_here(new.id); END"
    )
    server.queue(Scenario("long_answer", size_bytes=100_000, deltas=600, pace=0.002))
    conversation = store.conversations.create(BOT)
    saved: list[int] = []  # the answer's length in the history, seen while it streams

    def note(_conversation: int, message_id: int, _text: str, _reasoning: str) -> None:
        stored = store.messages.get(message_id)
        saved.append(len(stored.content) if stored is not None else 0)

    chats.answerDelta.connect(note)
    assert chats.send(conversation.id, "a long answer, slowly")
    qtbot.waitUntil(lambda: not chats.is_busy(conversation.id), timeout=30_000)
    answer = store.messages.page(conversation.id)[-1]
    assert answer.status == "complete" and len(answer.content) > 30_000
    assert 0 < max(saved) < len(answer.content)  # saved while it streamed (by the writer), before its end
    assert seen == []  # neither those saves nor the end went through the window's connection
