"""#18 gap: a regenerate deletes the reworked turn and the later ones on Coze and creates the later ones
again (`/v1/conversation/message/create`); the message the sync cursor last read may be among those
deleted. The next sync must still add what is new on Coze, once, and nothing twice. Real controller,
worker thread, puller and local Coze server."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.coze import CozeClient
from desktop.core.cozeserver import CozeServer
from desktop.core.store import Store
from desktop.core.sync import Puller
from desktop.services.chat_controller import ChatController
from tests.coze_fixtures import BOT, USER
from tests.services.conversing import conversation_on_coze


def dialogue(store: Store, conversation_id: int) -> list[tuple[str, str]]:
    return [(m.type, m.content) for m in store.messages.all(conversation_id) if m.type in ("question", "answer")]


def coze_dialogue(client: CozeClient, coze_id: str) -> list[str]:
    page = client.list_messages(coze_id, order="asc", limit=50)
    return [m.content for m in page.messages if m.type == "question"]


@pytest.mark.parametrize("reworked", [0, 2], ids=["later-turns-moved", "last-turn"])
def test_a_sync_after_a_regenerate_that_deleted_its_cursor_adds_what_is_new_once(
    qtbot: QtBot, store: Store, server: CozeServer, client: CozeClient, chats: ChatController, reworked: int
) -> None:
    conversation_id, _coze_id = conversation_on_coze(
        qtbot, store, chats, "my name is Alice", "what is my name?", "thanks"
    )
    Puller(client, store).pull(BOT)  # the cursor: the last message Coze had (the last turn's)
    link = store.coze.get(conversation_id)
    assert link is not None and link.cursor
    questions = [m for m in store.messages.all(conversation_id) if m.type == "question"]

    assert chats.regenerate(conversation_id, questions[reworked].id)
    qtbot.waitUntil(lambda: not chats.is_busy(conversation_id), timeout=10_000)
    coze_id = link.coze_conversation_id
    assert coze_dialogue(client, coze_id) == ["my name is Alice", "what is my name?", "thanks"]
    cursor_gone = link.cursor not in {m.id for m in client.list_messages(coze_id, order="asc", limit=50).messages}
    assert cursor_gone  # the situation under test
    list(client.stream_chat(BOT, USER, "asked on my phone", conversation_id=coze_id))  # then elsewhere
    server._ctx.state._conversations[coze_id].updated_at = link.seen_updated_at or 0  # Coze's clock: same second
    shown = dialogue(store, conversation_id)

    report = Puller(client, store).pull(BOT)

    after = dialogue(store, conversation_id)
    assert after[: len(shown)] == shown  # nothing twice, nothing lost
    assert [c for t, c in after[len(shown) :] if t == "question"] == ["asked on my phone"]
    assert report.messages_added >= 2
    again = Puller(client, store).pull(BOT)
    assert dialogue(store, conversation_id) == after and again.messages_added == 0
