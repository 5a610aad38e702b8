"""When Coze no longer has a conversation: say exactly that, offer a new Coze conversation, keep the history."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from desktop.core.cozeserver import Scenario
from desktop.core.store.models import NewMessage
from desktop.core.vocabulary import MessageStatus, Role
from desktop.ui.chat.rows import NEW_CONVERSATION, RETRY
from tests.chat_probes import point_for_action
from tests.coze_fixtures import BOT
from tests.ui.test_main_window import type_and_enter
from tests.ui.window_harness import Harness


def _old_conversation(harness: Harness, coze_id: str) -> int:
    """A chat from an earlier run whose Coze conversation the server does not have."""
    conversation = harness.store.conversations.create(BOT, title="earlier chat", coze_conversation_id=coze_id)
    messages = harness.store.messages
    messages.add(conversation.id, NewMessage(role=Role.USER, type="question", content="an earlier question"))
    messages.add(conversation.id, NewMessage(role=Role.ASSISTANT, type="answer", content="an earlier answer"))
    return conversation.id


@pytest.mark.parametrize(
    "scenario",
    [
        None,  # the server's own answer: 4002 invalid conversation
        Scenario("json_error", code=4000, msg="invalid parameter: conversation_id 7400000000000000001 does not exist"),
    ],
)
def test_a_lost_conversation_offers_a_new_coze_conversation(
    qtbot: QtBot, harness: Harness, scenario: Scenario | None
) -> None:
    conversation = _old_conversation(harness, "7400000000000000001")
    harness.window.open_conversation(conversation)
    if scenario is not None:
        harness.server.queue(scenario)
    type_and_enter(qtbot, harness, "and now?")
    qtbot.waitUntil(lambda: not harness.chats.is_busy(conversation), timeout=10_000)
    failed = harness.store.messages.page(conversation)[-1]
    item = harness.window.chat.view.item(failed.id)
    assert item.error_sentence == "Coze no longer has this conversation."
    assert "Continue in a new Coze conversation" in item.error_action
    assert "bot id" not in (item.error_sentence + item.error_action).lower()
    view = harness.window.chat.view
    qtbot.waitUntil(lambda: point_for_action(view, failed.id, NEW_CONVERSATION) is not None, timeout=5000)
    assert point_for_action(view, failed.id, RETRY) is None  # retrying the lost conversation would fail again

    harness.server.queue(Scenario("framing", text="a fresh answer"))
    view.newConversationRequested.emit(failed.id)
    qtbot.waitUntil(
        lambda: harness.store.messages.page(conversation)[-1].status == MessageStatus.COMPLETE, timeout=10_000
    )
    messages = harness.store.messages.page(conversation)
    assert [m.content for m in messages][:2] == ["an earlier question", "an earlier answer"]  # the history stays
    assert messages[-1].content == "a fresh answer"
    coze_id = harness.store.conversations.get(conversation).coze_conversation_id  # type: ignore[union-attr]
    assert coze_id and coze_id != "7400000000000000001"
