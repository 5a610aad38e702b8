"""Making Coze forget a turn: its question and answers are deleted from the Coze conversation, so the
bot's context holds what the user sees after a regenerate or an edit (the turn is then asked again).

`POST /v1/conversation/message/delete` takes one message at a time (coze-py `messages.delete`); an
answer takes its verbose and function_call messages with it. The messages of a chat are found with
`/v1/conversation/message/list` filtered by `chat_id`. Deleting what is already gone is harmless:
the list no longer returns it, so forgetting a chat twice does nothing the second time.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from desktop.core.coze import CozeClient
from desktop.core.coze.models import ChatMessage

log = logging.getLogger(__name__)

DELETABLE = frozenset({"question", "answer"})
MAX_PAGE = 50


def delete_message(client: CozeClient, conversation_id: str, message_id: str) -> ChatMessage:
    """`POST /v1/conversation/message/delete`, both ids in the query (coze-py `messages.delete`). A
    question, or an answer with its verbose/function_call messages; the deleted message."""
    params = {"conversation_id": conversation_id, "message_id": message_id}
    return ChatMessage.from_json(client.data("POST", "/v1/conversation/message/delete", params=params))


def forget_chats(client: CozeClient, conversation_id: str, chat_ids: Iterable[str]) -> int:
    """Delete every question and answer of these chats from a Coze conversation; how many.

    One page per chat: a chat holds a question, its answers and a few follow-ups, far below a page (50)."""
    deleted = 0
    chats = list(dict.fromkeys(chat_ids))
    for chat_id in chats:
        page = client.list_messages(conversation_id, order="asc", limit=MAX_PAGE, chat_id=chat_id)
        for message in page.messages:
            if message.chat_id == chat_id and message.type in DELETABLE:
                delete_message(client, conversation_id, message.id)
                deleted += 1
    log.info("Coze forgot %d message(s) of %d chat(s)", deleted, len(chats))
    return deleted
