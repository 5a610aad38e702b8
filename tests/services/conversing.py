"""A conversation with some turns behind it, asked through the real chat controller and answered by the
local Coze server."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.core.store import Store
from desktop.services.chat_controller import ChatController
from tests.coze_fixtures import BOT


def asked_and_answered(qtbot: QtBot, chats: ChatController, conversation_id: int, text: str) -> None:
    assert chats.send(conversation_id, text)
    qtbot.waitUntil(lambda: not chats.is_busy(conversation_id), timeout=10_000)


def conversation_on_coze(qtbot: QtBot, store: Store, chats: ChatController, *questions: str) -> tuple[int, str]:
    """A new conversation with BOT where each question was asked and answered in turn: its local id and
    its Coze conversation id."""
    conversation = store.conversations.create(BOT)
    for text in questions:
        asked_and_answered(qtbot, chats, conversation.id, text)
    stored = store.conversations.get(conversation.id)
    assert stored is not None and stored.coze_conversation_id is not None
    return conversation.id, stored.coze_conversation_id
