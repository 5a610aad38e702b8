"""The worker's pause while the GUI thread has too many of its signals queued (services/backlog.py).

Qt-free halves first (a sending thread and a taking thread), then the real worker and controller on
a flood from the local server: every delta still arrives as its own signal, in order, and the GUI's
queue never holds more than the limit.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.cozeserver import CozeServer, Scenario
from desktop.core.store import Store
from desktop.services.backlog import Backlog
from desktop.services.chat_controller import ChatController
from desktop.services.connection import Connection
from tests.coze_fixtures import BOT, TOKEN


def send_in_thread(backlog: Backlog, count: int, alone_every: int = 0) -> threading.Thread:
    def run() -> None:
        for i in range(count):
            backlog.sent_one(alone=bool(alone_every) and i % alone_every == 0)

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def test_the_sender_waits_at_the_limit_until_half_is_taken_in() -> None:
    backlog = Backlog(limit=10, patience=30.0)
    sender = send_in_thread(backlog, 40)
    seen: list[int] = []
    while sender.is_alive() or backlog.in_flight():
        if backlog.in_flight():
            seen.append(backlog.in_flight())
            backlog.take_one()
    sender.join()
    assert backlog.sent == backlog.taken == 40
    assert max(seen) <= 11  # the limit, plus the one just sent before the sender waits
    assert backlog.waits > 0


def test_an_event_sent_alone_is_taken_in_before_the_next_is_sent() -> None:
    backlog = Backlog(limit=1000, patience=30.0)
    sender = send_in_thread(backlog, 6, alone_every=1)
    seen: list[int] = []
    while sender.is_alive() or backlog.in_flight():
        if backlog.in_flight():
            seen.append(backlog.in_flight())
            backlog.take_one()
    sender.join()
    assert seen and set(seen) == {1}


def test_close_wakes_a_waiting_sender_and_it_never_waits_again() -> None:
    backlog = Backlog(limit=2, patience=30.0)
    sender = send_in_thread(backlog, 3)
    threading.Event().wait(0.05)
    assert sender.is_alive()  # nobody takes anything in: it waits
    backlog.close()
    sender.join(5)
    assert not sender.is_alive()
    backlog.sent_one()
    assert backlog.in_flight() == 4


def test_a_gui_that_takes_nothing_in_stops_the_waiting_after_the_patience() -> None:
    backlog = Backlog(limit=2, patience=0.05)
    sender = send_in_thread(backlog, 100)
    sender.join(5)
    assert not sender.is_alive()  # waited once (0.05 s), then sent the rest without waiting
    assert backlog.sent == 100 and backlog.waits == 1


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "history.sqlite3") as opened:
        yield opened


def test_a_flood_arrives_whole_with_the_gui_queue_bounded(qtbot: QtBot, store: Store, server: CozeServer) -> None:
    chats = ChatController(store, lambda bot_id: Connection(server.base_url, TOKEN, bot_id, "user-1"))
    server.queue(Scenario("long_answer", size_bytes=200_000, deltas=6_000))
    conversation = store.conversations.create(BOT)
    deltas: list[str] = []
    queued: list[int] = []

    def delta(conversation_id: int, _message: int, text: str, _reasoning: str) -> None:
        deltas.append(text)
        backlog = chats._active[conversation_id].worker.backlog
        queued.append(backlog.in_flight())

    chats.answerDelta.connect(delta)
    try:
        assert chats.send(conversation.id, "a long answer please")
        qtbot.waitUntil(lambda: not chats.is_busy(conversation.id), timeout=30_000)
    finally:
        assert chats.shutdown(3000)
    answer = store.messages.page(conversation.id)[-1]
    assert answer.status == "complete"
    assert len(deltas) >= 6_000 and "".join(deltas) == answer.content  # one signal per delta, none merged or lost
    assert max(queued) <= Backlog().limit + 1
