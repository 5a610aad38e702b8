"""Coze ▸ New topic: Coze's clear context, a divider in the chat, and a bot that forgets what came before."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.core.coze import CozeClient
from desktop.core.store.coze_links import TYPE_CONTEXT_BREAK
from desktop.core.sync import Puller
from desktop.ui.conversation_list import HIT_MARKERS
from tests.coze_fixtures import BOT, TOKEN
from tests.ui.sync_harness import Synced


def ask(qtbot: QtBot, synced: Synced, text: str) -> int:
    h = synced[0]
    h.window.send(text)
    qtbot.waitUntil(lambda: h.window.current_conversation is not None, timeout=2000)
    conversation = h.window.current_conversation
    assert conversation is not None
    qtbot.waitUntil(lambda: not h.chats.is_busy(conversation), timeout=10_000)
    return conversation


def test_new_topic_shows_a_divider_and_the_bot_forgets(qtbot: QtBot, synced: Synced) -> None:
    h, _sync, actions = synced
    conversation = ask(qtbot, synced, "My name is Lily")
    assert "Lily" in h.store.messages.all(conversation)[-1].content  # it remembers within a topic
    actions.new_topic.trigger()
    view = h.window.chat.view
    qtbot.waitUntil(lambda: any(item.divider for item in view._model.items()), timeout=5000)
    ask(qtbot, synced, "What is my name?")
    answer = h.store.messages.all(conversation)[-1]
    assert answer.role == "assistant" and "Lily" not in answer.content
    kinds = [m.type for m in h.store.messages.all(conversation)]
    assert kinds.count(TYPE_CONTEXT_BREAK) == 1 and kinds.index(TYPE_CONTEXT_BREAK) < len(kinds) - 2
    assert {hit.conversation_id for hit in h.history.search("Lily", HIT_MARKERS)} == {conversation}  # still there
    h.window.open_conversation(conversation)  # reopened: the divider is read back from the history
    qtbot.waitUntil(lambda: sum(item.divider for item in view._model.items()) == 1, timeout=3000)
    with CozeClient(TOKEN, h.server.base_url) as client:  # a sync afterwards adds no second divider
        Puller(client, h.store).pull(BOT)
    assert [m.type for m in h.store.messages.all(conversation)].count(TYPE_CONTEXT_BREAK) == 1


def test_nothing_to_clear_in_a_chat_coze_has_not_seen(qtbot: QtBot, synced: Synced) -> None:
    h, _sync, actions = synced
    assert not actions.clear_context()
    assert "Nothing to clear" in h.window.statusBar().currentMessage()
