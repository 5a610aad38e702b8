"""A sync that lists a chat's brand-new Coze conversation before the chat has recorded its id (the start-up
sync racing the first question, or any sync meeting a new chat) adopts no second local conversation.

The interleaving is made exact by the local server (scenario `create_held`): Coze creates the conversation,
and its answer to the chat is held until a sync has listed the conversation and read its messages. The sync
leaves a conversation made moments ago and still empty for later; one it adopts anyway (with messages in it:
the chat's thread was behind) is merged into the chat's own (tests/core/test_sync_meets_new_chat.py)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.core.coze import CozeClient
from desktop.core.cozeserver import CozeServer, Scenario
from desktop.services.sync import SyncService
from tests.coze_fixtures import BOT, TOKEN
from tests.ui.sync_harness import Synced
from tests.ui.test_main_window import type_and_enter


def on_coze(server: CozeServer) -> list[str]:
    with CozeClient(TOKEN, server.base_url) as client:
        return [c.id for c in client.list_conversations(BOT, 1, 50).conversations]


def sync_once(qtbot: QtBot, sync: SyncService) -> list[object]:
    outcome: list[object] = []
    sync.finished.connect(lambda conversations, messages: outcome.append((conversations, messages)))
    sync.failed.connect(outcome.append)
    assert sync.sync_now()
    qtbot.waitUntil(lambda: bool(outcome) and not sync.running, timeout=20_000)
    return outcome


def test_a_sync_listing_the_new_chat_before_it_is_recorded_adopts_no_twin(
    qtbot: QtBot, synced: Synced, server: CozeServer
) -> None:
    h, sync, _actions = synced
    server.queue(Scenario("create_held"))
    server.queue(Scenario("framing", text="The answer, streamed once."))
    type_and_enter(qtbot, h, "hello bot")
    qtbot.waitUntil(lambda: h.window.current_conversation is not None, timeout=5000)
    chat = h.window.current_conversation
    assert chat is not None
    qtbot.waitUntil(lambda: len(on_coze(server)) == 1, timeout=10_000)  # Coze has it; the chat does not know yet
    (coze_id,) = on_coze(server)
    first = sync_once(qtbot, sync)  # it lists the conversation, and only then is the chat told its id
    qtbot.waitUntil(lambda: not h.chats.is_busy(chat), timeout=20_000)
    assert first == [(0, 0)]  # was (1, 0): it adopted the chat's conversation as a second one
    assert h.store.conversations.ids() == [chat]  # was two: the chat's, and the sync's copy of it
    conversation = h.store.conversations.get(chat)
    assert conversation is not None and conversation.coze_conversation_id == coze_id
    question, answer = h.store.messages.all(chat)
    assert (question.content, answer.content) == ("hello bot", "The answer, streamed once.")
    model = h.window.model
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=5000)  # the list shows one chat
    sync_once(qtbot, sync)  # the next sync reads it whole and stores what the stream did not (follow-ups...)
    assert h.store.conversations.ids() == [chat]
    rows = h.store.messages.all(chat)
    shown = [(m.role, m.content) for m in rows if m.type in ("question", "answer")]
    assert shown == [("user", "hello bot"), ("assistant", "The answer, streamed once.")]
    coze_ids = [m.coze_message_id for m in rows]
    assert all(coze_ids) and len(set(coze_ids)) == len(rows)  # the question has its Coze id; none twice
    with CozeClient(TOKEN, server.base_url) as client:
        assert len(rows) == len(client.list_messages(coze_id, order="asc").messages)
    assert model.rowCount() == 1
