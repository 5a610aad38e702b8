"""The chat list's second line says who spoke last: a question not answered yet (sent from `ask`, stopped
before the answer began, or waiting) is the user's words, not the bot's. Found by driving the app: the row
read "Demo Bot: 你好" under a question the user typed, while `coze-desktop list` said "You: 你好"."""

from __future__ import annotations

from desktop.core.store import NewMessage
from desktop.core.vocabulary import Role
from desktop.ui.conversation_delegate import ConversationDelegate
from tests.coze_fixtures import BOT
from tests.ui.window_harness import Harness


def _rows(harness: Harness) -> dict[str, str]:
    harness.window.sidebar.reload()
    model = harness.window.model
    return {
        str(model.data(model.index(n))): ConversationDelegate.preview_text(model.index(n))
        for n in range(model.rowCount())
    }


def test_a_question_not_answered_yet_is_shown_as_the_users(harness: Harness) -> None:
    asked = harness.store.conversations.create(BOT, "Asked")
    harness.store.messages.add(asked.id, NewMessage(role=Role.USER, type="question", content="你好"))
    answered = harness.store.conversations.create(BOT, "Answered")
    harness.store.messages.add(answered.id, NewMessage(role=Role.USER, type="question", content="hello"))
    harness.store.messages.add(answered.id, NewMessage(role=Role.ASSISTANT, type="answer", content="hi there"))

    rows = _rows(harness)

    assert rows["Asked"] == "You: 你好"
    assert rows["Answered"] == "Demo Bot: hi there"
