"""#18 gap: a regenerate moves the later turns on Coze (deleted, then created again after the new answer).
Coze's message/create takes user and assistant text only, so a later answer's tool steps cannot move, and a
rating belongs to a message id. The local history keeps the steps and the rating, a sync after the move
drops nothing and adds nothing twice, and the rating is given again to the answer's new Coze message."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.core.coze import CozeClient
from desktop.core.cozeserver import CozeServer
from desktop.core.cozeserver.demo_shortcuts import WEATHER_ID
from desktop.core.shortcut_use import ShortcutUse
from desktop.core.store import Store
from desktop.core.store.coze_links import LIKE, Feedback
from desktop.core.sync import Puller
from desktop.services.chat_controller import ChatController
from tests.coze_fixtures import BOT


def test_a_moved_answer_keeps_its_tool_steps_here_and_its_rating_on_coze(
    qtbot: QtBot, store: Store, server: CozeServer, client: CozeClient, chats: ChatController
) -> None:
    conversation = store.conversations.create(BOT)
    assert chats.send(conversation.id, "my name is Alice")
    qtbot.waitUntil(lambda: not chats.is_busy(conversation.id), timeout=10_000)
    weather = ShortcutUse(WEATHER_ID, "/weather", "Weather", (("city", "上海"),))
    assert chats.send(conversation.id, "上海今天的天气怎么样？", shortcut=weather)
    qtbot.waitUntil(lambda: not chats.is_busy(conversation.id), timeout=10_000)
    coze_id = store.conversations.get(conversation.id).coze_conversation_id  # type: ignore[union-attr]
    assert coze_id is not None
    rows = store.messages.all(conversation.id)
    answer = [m for m in rows if m.type == "answer"][-1]
    steps = [(m.id, m.type) for m in rows if m.type in ("function_call", "tool_response")]
    assert [t for _i, t in steps] == ["function_call", "tool_response"]
    rating = Feedback(LIKE, ("accurate",), "很准")
    client.send_feedback(coze_id, answer.coze_message_id or "", rating.kind, list(rating.reasons), rating.comment)
    store.coze.set_feedback(answer.id, rating)
    Puller(client, store).pull(BOT)

    first = next(m for m in rows if m.type == "question")
    assert chats.regenerate(conversation.id, first.id)
    qtbot.waitUntil(lambda: not chats.is_busy(conversation.id), timeout=10_000)
    Puller(client, store).pull(BOT)

    after = store.messages.all(conversation.id)
    kept = {m.id: m for m in after}
    assert all(kept.get(i) is not None and kept[i].type == t for i, t in steps)  # the steps stay here
    moved = kept[answer.id]
    assert moved.coze_message_id and moved.coze_message_id != answer.coze_message_id  # created again on Coze
    assert Feedback.from_json(moved.feedback) == rating  # the rating stays here
    on_coze = server._ctx.state.feedback(coze_id, moved.coze_message_id)
    assert on_coze is not None and on_coze.get("feedback_type") == LIKE  # and is given again on Coze
    assert len([m for m in after if m.type in ("function_call", "tool_response")]) == 2  # nothing twice
    assert len([m for m in after if m.type == "answer"]) == 2
