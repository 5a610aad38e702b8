"""An answer's duration (the gray line under it: "3.2 s") counts from when its question was sent, so the
wait for the bot's first word is part of it. The local server waits `pace` seconds before each delta: an
answer of one word arrives `DELAY` after the request, and its stored times must span at least that."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.core.cozeserver import CozeServer, Scenario
from desktop.core.store import Store
from desktop.services.chat_controller import ChatController
from desktop.ui.presenters import message_item
from tests.coze_fixtures import BOT

DELAY = 0.6  # before the answer's one delta


def test_the_wait_for_the_first_word_is_part_of_the_answer_s_duration(
    qtbot: QtBot, store: Store, chats: ChatController, server: CozeServer
) -> None:
    server.queue(Scenario("slow", pace=DELAY, text="Hello"))
    conversation = store.conversations.create(BOT)
    assert chats.send(conversation.id, "are you there?")
    qtbot.waitUntil(lambda: not chats.is_busy(conversation.id), timeout=10_000)
    question, answer = store.messages.page(conversation.id)
    assert (answer.content, answer.status) == ("Hello", "complete")
    assert answer.created_at == question.created_at  # from the send, not from the first delta
    assert answer.updated_at - answer.created_at >= DELAY
    assert message_item(answer, "Demo Bot", "en").duration >= DELAY  # what the gray line shows


def test_a_retried_answer_is_timed_from_the_retry(
    qtbot: QtBot, store: Store, chats: ChatController, server: CozeServer
) -> None:
    server.queue(Scenario("http_error_html", status=502))
    conversation = store.conversations.create(BOT)
    assert chats.send(conversation.id, "are you there?")
    qtbot.waitUntil(lambda: not chats.is_busy(conversation.id), timeout=10_000)
    _question, failed = store.messages.page(conversation.id)
    server.queue(Scenario("slow", pace=DELAY, text="Hello"))
    assert chats.retry(conversation.id, failed.id)  # the latest answer: its question is not recorded again
    qtbot.waitUntil(lambda: not chats.is_busy(conversation.id), timeout=10_000)
    answer = store.messages.page(conversation.id)[-1]
    assert answer.content == "Hello" and answer.created_at >= failed.updated_at
    assert answer.updated_at - answer.created_at >= DELAY
