"""The chat worker retries "busy" answers visibly, and Stop ends the wait at once (real QThreads, loopback)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QStatusBar
from pytestqt.qtbot import QtBot

from desktop.core.coze.backoff import Backoff
from desktop.core.cozeserver import CozeServer, Scenario
from desktop.core.store import Store
from desktop.services.chat_controller import ChatController
from desktop.services.connection import Connection
from desktop.ui.retry_notice import RetryNotice
from tests.coze_fixtures import BOT, TOKEN


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "history.sqlite3") as opened:
        yield opened


def controller_with(store: Store, server: CozeServer, backoff: Backoff) -> ChatController:
    return ChatController(store, lambda bot_id: Connection(server.base_url, TOKEN, bot_id, "u"), backoff=backoff)


def test_a_busy_answer_is_retried_and_announced(qtbot: QtBot, store: Store, server: CozeServer) -> None:
    chats = controller_with(store, server, Backoff((0.05, 0.1)))
    server.queue(Scenario("json_error", code=4009))
    server.queue(Scenario("rate_limited", retry_after=0, code=4020))
    conversation = store.conversations.create(BOT)
    announced: list[tuple[float, int, int]] = []
    chats.retrying.connect(lambda _c, seconds, attempt, code: announced.append((seconds, attempt, code)))
    chats.send(conversation.id, "hello")
    qtbot.waitUntil(lambda: not chats.is_busy(conversation.id), timeout=10_000)
    assert announced == [(0.05, 1, 4009), (0.0, 2, 4020)]
    answer = store.messages.page(conversation.id)[-1]
    assert answer.status == "complete" and answer.content
    assert chats.shutdown(3000)


def test_stop_during_the_wait_cancels_at_once(qtbot: QtBot, store: Store, server: CozeServer) -> None:
    chats = controller_with(store, server, Backoff((60.0,)))
    server.queue(Scenario("json_error", code=4013))
    conversation = store.conversations.create(BOT)
    with qtbot.waitSignal(chats.retrying, timeout=10_000):
        chats.send(conversation.id, "hello")
    chats.stop(conversation.id)
    qtbot.waitUntil(lambda: not chats.is_busy(conversation.id), timeout=10_000)  # not the 60 s wait
    assert store.messages.page(conversation.id)[-1].status == "cancelled"
    assert sum(1 for r in server.requests if r.path == "/v3/chat") == 1
    assert chats.shutdown(3000)


def test_retries_run_out_into_the_error(qtbot: QtBot, store: Store, server: CozeServer) -> None:
    chats = controller_with(store, server, Backoff((0.01, 0.01)))
    for _ in range(3):
        server.queue(Scenario("json_error", code=4013))
    conversation = store.conversations.create(BOT)
    chats.send(conversation.id, "hello")
    qtbot.waitUntil(lambda: not chats.is_busy(conversation.id), timeout=10_000)
    answer = store.messages.page(conversation.id)[-1]
    assert answer.status == "failed" and answer.error is not None and answer.error.kind == "model_limit"
    assert chats.shutdown(3000)


def test_the_notice_counts_down(qtbot: QtBot) -> None:
    bar = QStatusBar()
    qtbot.addWidget(bar)
    notice = RetryNotice(bar)
    notice.show(7, 3.0, 1, 4009)
    assert bar.currentMessage().startswith("Coze is busy — retrying in 3 s")
    notice.show(7, 0.0, 2, 4013)
    qtbot.waitUntil(lambda: "retrying now (attempt 3)" in bar.currentMessage(), timeout=2000)
    notice.clear(8)  # another conversation ending leaves it alone
    assert bar.currentMessage()
    notice.clear(7)
    assert bar.currentMessage() == ""
