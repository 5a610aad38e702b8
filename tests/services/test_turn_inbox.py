"""The workers' events reach the GUI thread through an inbox: one wake-up for many deltas, never out of order.

Structure, not timing (#21): how many queued calls the window's thread takes in for the chat controller while
an answer streams, and the order and completeness of what the controller tells and stores.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from pytestqt.qtbot import QtBot

from desktop.core.chat import Ended
from desktop.core.chat.events import AnswerDelta, TurnEvent
from desktop.core.cozeserver import CozeServer, Scenario
from desktop.core.store import Message, Store
from desktop.core.vocabulary import ChatOutcome
from desktop.services.chat_controller import ChatController
from desktop.services.turn_inbox import TurnInbox
from tests.coze_fixtures import BOT


class QueuedCalls(QObject):
    """Counts the queued calls (signals from other threads) the GUI thread takes in for `owner` and its children."""

    def __init__(self, owner: QObject) -> None:
        super().__init__()
        self._owner = owner
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MetaCall and (watched is self._owner or watched.parent() is self._owner):
            self.count += 1
        return False


def stream(qtbot: QtBot, store: Store, chats: ChatController) -> tuple[list[str], int, Message]:
    """Send a question (the server's next scenario answers it): the deltas told, the queued calls the GUI
    thread took in for the controller meanwhile, the stored answer."""
    conversation = store.conversations.create(BOT)
    deltas: list[str] = []
    chats.answerDelta.connect(lambda _c, _m, text, _r: deltas.append(text))
    calls = QueuedCalls(chats)
    app = QCoreApplication.instance()
    assert app is not None
    app.installEventFilter(calls)
    try:
        assert chats.send(conversation.id, "a long one please")
        qtbot.waitUntil(lambda: not chats.is_busy(conversation.id), timeout=20_000)
    finally:
        app.removeEventFilter(calls)
    return deltas, calls.count, store.messages.page(conversation.id)[-1]


def test_a_steady_stream_wakes_the_window_thread_about_once_a_frame_not_once_a_delta(
    qtbot: QtBot, store: Store, chats: ChatController, server: CozeServer
) -> None:
    server.queue(Scenario("long_answer", size_bytes=20_000, deltas=300, pace=0.004))  # 250 deltas a second
    deltas, calls, answer = stream(qtbot, store, chats)
    assert len(deltas) == 300
    assert calls <= 300 // 4  # before the inbox: one queued call per event (> 300); now ~1 a frame (20 a second)
    assert answer.status == "complete" and answer.content == "".join(deltas)


def test_a_flood_is_taken_in_whole_and_in_order_with_few_wake_ups(
    qtbot: QtBot, store: Store, chats: ChatController, server: CozeServer
) -> None:
    server.queue(Scenario("long_answer", size_bytes=200_000, deltas=5000))  # as fast as the server can
    deltas, calls, answer = stream(qtbot, store, chats)
    assert len(deltas) == 5000
    assert calls <= 5000 // 20  # woken for every URGENT (100) waiting at most, or a frame's timer
    assert answer.status == "complete" and answer.content == "".join(deltas)


def test_an_answer_that_fails_midway_keeps_every_delta_before_its_failure(
    qtbot: QtBot, store: Store, chats: ChatController, server: CozeServer
) -> None:
    words = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen"
    server.queue(Scenario("chat_failed", text=words, after_deltas=4, pace=0.004))  # (split 1-3 words a delta: 5+)
    told: list[str] = []
    chats.answerDelta.connect(lambda _c, _m, text, _r: told.append(f"delta {text}"))
    chats.messageUpdated.connect(lambda _c, m: told.append(f"updated {m.status}") if m.role == "assistant" else None)
    deltas, _calls, answer = stream(qtbot, store, chats)
    assert answer.status == "failed" and answer.content == "".join(deltas) and len(deltas) == 4
    assert told.index("updated failed") > max(i for i, t in enumerate(told) if t.startswith("delta"))


def events(n: int, conversation_id: int) -> list[tuple[int, TurnEvent]]:
    """`n` deltas of one conversation, with its end among them (never reordered, even so)."""
    made: list[tuple[int, TurnEvent]] = [
        (conversation_id, AnswerDelta("m", f"{conversation_id}:{i} ")) for i in range(n)
    ]
    made.insert(n // 2, (conversation_id, Ended(ChatOutcome.FAILED)))
    return made


def test_events_put_on_two_threads_are_taken_in_in_the_order_each_thread_put_them(qtbot: QtBot) -> None:
    taken: list[tuple[int, TurnEvent]] = []
    inbox = TurnInbox(lambda c, e: taken.append((c, e)))
    sent = {1: events(3000, 1), 2: events(3000, 2)}
    threads = [threading.Thread(target=lambda c=c: [inbox.put(*item) for item in sent[c]]) for c in sent]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    qtbot.waitUntil(lambda: len(taken) == 6002, timeout=5000)
    assert [e for e in taken if e[0] == 1] == sent[1] and [e for e in taken if e[0] == 2] == sent[2]
    assert inbox.wakes <= 6002 // 20


def test_a_drain_inside_a_drain_and_a_handler_that_raises_keep_the_order(qtbot: QtBot) -> None:
    taken: list[str] = []
    inbox: TurnInbox

    def take(_c: int, event: TurnEvent) -> None:
        assert isinstance(event, AnswerDelta)
        taken.append(event.text)
        if event.text == "b":  # a slot that drains (Stop pressed in it, a nested event loop): no jump ahead
            inbox.put(1, AnswerDelta("m", "d"))
            inbox.drain()
        if event.text == "e":
            raise RuntimeError("a bug in a slot")

    inbox = TurnInbox(take)
    for text in "abc":
        inbox.put(1, AnswerDelta("m", text))
    inbox.drain()
    assert taken == list("abcd")
    for text in "efg":
        inbox.put(1, AnswerDelta("m", text))
    with qtbot.captureExceptions() as exceptions:
        inbox.drain()  # (a Stop or the quit drains first: a bug in one event must not cut it short)
    assert taken == list("abcdefg")  # the rest in the same drain, in order
    assert [type(e[1]) for e in exceptions] == [RuntimeError]  # told as a slot's exception is (the crash log)
