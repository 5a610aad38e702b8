"""Keeping the bot's memory the chat the user sees, when a turn is asked again (regenerate, edit).

Coze's memory of a conversation is its messages in order (`/v1/conversation/message/list`, oldest first
with `order=asc`); a chat adds its question and answers at the end. Asking an older turn again must not
leave the new answer after the turns that follow it on screen. What the API allows (coze-py
`cozepy/conversations/message/__init__.py`, coze-js `resources/conversations/messages/messages.ts`):
`POST /v1/conversation/message/delete` (one message at a time; an answer takes its verbose and
function_call messages with it) and `POST /v1/conversation/message/create` (`role` user or assistant,
`content`, `content_type`, `meta_data`; the message goes at the end, in the current context section).
No call inserts a message at a position or changes a message's time. So:

1. `lift`: the reworked turn's messages are deleted, and so are the later turns' (those of the current
   section: older sections are not in the bot's context), remembering what they said;
2. the chat runs: the bot answers with only the turns before it in mind, and its answer goes last;
3. `put_back`: the later turns are created again, in the order the user sees them.

Each local row whose Coze message moved learns the new Coze id (`MessagesMoved`). Created messages
belong to no chat, so a turn is found on Coze by its chats' ids and by its messages' own ids. Deleting
what is already gone is harmless: only what the list returns is deleted.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from uuid import uuid4

from desktop.core.coze import CozeClient
from desktop.core.coze.errors import CozeError
from desktop.core.coze.models import ChatMessage
from desktop.core.coze.transcript import ChatTranscript
from desktop.core.store import Store
from desktop.core.store.coze_links import Feedback
from desktop.core.store.models import DIALOGUE_TYPES, Message, NotFoundError
from desktop.core.store.versions import Turn
from desktop.core.vocabulary import Role

log = logging.getLogger(__name__)

DELETABLE = frozenset(DIALOGUE_TYPES)  # what the delete call takes (an answer takes its tool calls along)
MAX_PAGE = 50
# Each moved message costs a delete before the answer starts and a create after it (measured on the local
# server: 5 later turns, 21 requests; 24 later turns, 103). Past this many later messages (10 turns) the
# new answer would wait too long to start: it stays last on Coze and the user is told so (`Rework.too_many`).
MAX_MOVED = 20
# The meta_data key a message created again carries (a random tag per lifted message): a move cut short
# between Coze creating a message and the journal noting it finds it by this, instead of creating it twice.
MOVE_TAG = "coze_desktop_move"


@dataclass(frozen=True, slots=True)
class CozeRow:
    """A local message as Coze may know it: a question by its chat (the stream never names a question's
    Coze id), any message by its own Coze id once known."""

    row_id: int
    is_question: bool
    coze_message_id: str | None = None
    coze_chat_id: str | None = None
    feedback: str | None = None  # the rating of an answer (store JSON): given again to its new Coze message


@dataclass(frozen=True, slots=True)
class Rework:
    """What Coze must forget before a turn is asked again, and what it must keep after the new answer."""

    turn: tuple[CozeRow, ...]  # the reworked turn's question and answers (and earlier versions' chats)
    later: tuple[CozeRow, ...] = ()  # the turns after it, in the order the user sees them
    too_many: bool = False  # more later messages than MAX_MOVED: they stay, the new answer goes last


def coze_rows(messages: Sequence[Message]) -> list[CozeRow]:
    """The questions and answers among `messages` (in order) as Coze may know them. A question the
    stream never named is known by the chat of the answers after it."""
    rows: list[CozeRow] = []
    waiting: int | None = None  # a question without any Coze id, until an answer names its chat
    for message in messages:
        if message.type not in DELETABLE:
            continue
        question = message.role == Role.USER
        rows.append(CozeRow(message.id, question, message.coze_message_id, message.coze_chat_id, message.feedback))
        if question:
            waiting = None if message.coze_message_id or message.coze_chat_id else len(rows) - 1
        elif waiting is not None and message.coze_chat_id:
            rows[waiting] = replace(rows[waiting], coze_chat_id=message.coze_chat_id)
            waiting = None
    return rows


def coze_rework(store: Store, turn: Turn) -> Rework:
    """What Coze must forget of a turn about to be asked again (its messages, and its earlier versions'
    chats, in case forgetting them failed before) and the later messages that must follow the new
    answer there. Read it before the turn's rows change."""
    anchor = turn.answers[0]
    earlier = [
        CozeRow(anchor.id, False, v.answer.coze_message_id, v.answer.coze_chat_id) for v in store.versions.of(anchor.id)
    ]
    rows = tuple(coze_rows([turn.question, *turn.answers]) + earlier)
    later = tuple(r for r in coze_rows(store.versions.after(turn)) if r.coze_message_id or r.coze_chat_id)
    if len(later) > MAX_MOVED:
        return Rework(rows, (), too_many=True)
    return Rework(rows, later)


@dataclass(frozen=True, slots=True)
class Lifted:
    """A message of a later turn taken off the end of Coze's memory, to be created again: `rank` is its
    place in the chat as the user sees it."""

    rank: int
    row_id: int
    role: str
    content: str
    content_type: str
    coze_id: str = ""  # its id on Coze before it was deleted
    feedback: str | None = None  # an answer's rating (store JSON), given again once it is created again
    tag: str = ""  # created again with this in its meta_data (MOVE_TAG), so a retry finds it made already


def delete_message(client: CozeClient, conversation_id: str, message_id: str) -> ChatMessage:
    """`POST /v1/conversation/message/delete`, both ids in the query (coze-py `messages.delete`). A
    question, or an answer with its verbose/function_call messages; the deleted message."""
    params = {"conversation_id": conversation_id, "message_id": message_id}
    return ChatMessage.from_json(client.data("POST", "/v1/conversation/message/delete", params=params))


def create_message(
    client: CozeClient,
    conversation_id: str,
    role: str,
    content: str,
    content_type: str,
    *,
    meta_data: dict[str, str] | None = None,
) -> ChatMessage:
    """`POST /v1/conversation/message/create` (coze-py `messages.create`): a question (`role` user) or an
    answer (assistant) added last to the conversation, in no chat; the new message."""
    body = {"role": role, "content": content, "content_type": content_type, "meta_data": meta_data}
    params = {"conversation_id": conversation_id}
    return ChatMessage.from_json(client.data("POST", "/v1/conversation/message/create", params=params, body=body))


def forget_chats(client: CozeClient, conversation_id: str, chat_ids: Sequence[str]) -> int:
    """Delete every question and answer of these chats from a Coze conversation; how many.

    One page per chat: a chat holds a question, its answers and a few follow-ups, far below a page (50)."""
    chats = list(dict.fromkeys(chat_ids))
    deleted = 0
    for chat_id in chats:
        page = client.list_messages(conversation_id, order="asc", limit=MAX_PAGE, chat_id=chat_id)
        for message in page.messages:
            if message.chat_id == chat_id and message.type in DELETABLE:
                delete_message(client, conversation_id, message.id)
                deleted += 1
    log.info("Coze forgot %d message(s) of %d chat(s)", deleted, len(chats))
    return deleted


def all_messages(client: CozeClient, conversation_id: str) -> list[ChatMessage]:
    """Every message of a Coze conversation, oldest first (page by page, `after_id`)."""
    found: list[ChatMessage] = []
    after: str | None = None
    while True:
        page = client.list_messages(conversation_id, order="asc", limit=MAX_PAGE, after_id=after)
        found += page.messages
        if not page.has_more or not page.messages:
            return found
        after = page.last_id or page.messages[-1].id


def _matches(row: CozeRow, message: ChatMessage) -> bool:
    if row.coze_message_id:
        return message.id == row.coze_message_id
    return (
        row.is_question and bool(row.coze_chat_id) and message.chat_id == row.coze_chat_id and message.role == Role.USER
    )


def lift(
    client: CozeClient,
    conversation_id: str,
    rework: Rework,
    lifted: list[Lifted],
    deleted: list[str] | None = None,
    *,
    before_delete: Callable[[list[Lifted]], None] | None = None,
) -> int:
    """Delete the reworked turn (its rows and every question and answer of their chats) and the later
    rows of the current section from Coze; each later message deleted is added to `lifted` (so what was
    taken off is known even when a call fails halfway, and a retry lists again); the Coze id of every
    message deleted goes to `deleted` (the sync's cursor may be one); `before_delete` is told the later
    messages before any is deleted (the move's journal). How many were deleted."""
    deleted = deleted if deleted is not None else []
    turn, later = rework.turn, rework.later
    section = client.retrieve_conversation(conversation_id).last_section_id
    listed = [m for m in all_messages(client, conversation_id) if m.type in DELETABLE]
    chats = {row.coze_chat_id for row in turn if row.coze_chat_id}
    gone = [m for m in listed if m.chat_id in chats or any(_matches(row, m) for row in turn)]
    taken = {m.id for m in gone}
    moving: list[tuple[Lifted, str]] = []
    for rank, row in enumerate(later):
        for message in listed:
            if message.id in taken or not _matches(row, message) or (section and message.section_id != section):
                continue
            taken.add(message.id)
            content_type = message.content_type or "text"
            item = Lifted(
                rank, row.row_id, message.role, message.content, content_type, message.id, row.feedback, uuid4().hex
            )
            moving.append((item, message.id))
    if before_delete is not None and moving:  # write-ahead: what must come back, before anything goes
        before_delete([item for item, _id in moving])
    for message in gone:
        delete_message(client, conversation_id, message.id)
        deleted.append(message.id)
    for item, message_id in moving:
        delete_message(client, conversation_id, message_id)
        deleted.append(message_id)
        lifted.append(item)
    log.info("Coze forgot %d message(s); %d later one(s) to put back", len(deleted), len(lifted))
    return len(deleted)


def put_back(
    client: CozeClient,
    conversation_id: str,
    lifted: Sequence[Lifted],
    moved: list[tuple[int, str]],
    on_created: Callable[[int, str], None] | None = None,
) -> None:
    """Create the lifted messages again at the end of the conversation, in the order the user sees them
    (`POST /v1/conversation/message/create`); (local row id, new Coze message id) of each goes to
    `moved` (and `on_created`) as it is made. A failure stops it: the rest stay off Coze."""
    for message in sorted(lifted, key=lambda m: m.rank):
        created = create_again(client, conversation_id, message)
        moved.append((message.row_id, created.id))
        if on_created is not None:
            on_created(message.row_id, created.id)


def create_again(client: CozeClient, conversation_id: str, message: Lifted) -> ChatMessage:
    """A lifted message created again at the end of the conversation, with its rating if it had one (a
    rating is Coze's per message id: the new message would have none). The tool steps an answer had
    (function_call, tool_response) cannot be created (message/create takes user and assistant text):
    they stay in the local history only."""
    tag = {MOVE_TAG: message.tag} if message.tag else None
    created = create_message(
        client, conversation_id, message.role, message.content, message.content_type, meta_data=tag
    )
    feedback = Feedback.from_json(message.feedback)
    if feedback is not None:
        try:
            client.send_feedback(conversation_id, created.id, feedback.kind, list(feedback.reasons), feedback.comment)
        except CozeError as exc:  # the rating stays here; the message itself is back
            log.info("a moved answer's rating was not given again on Coze: %s", exc.summary())
    return created


def record_moved(
    store: Store, moved: Sequence[tuple[int, str]], deleted: Sequence[str] = (), conversation_id: int | None = None
) -> None:
    """The local rows of moved messages name their new Coze messages (a row deleted meanwhile is skipped).
    When Coze deleted messages (`deleted`), the sync's cursor may be gone: the next sync of the
    conversation reads it from the start (`CozeLinks.cursor_gone`)."""
    with store.transaction():
        if deleted and conversation_id is not None:
            store.coze.cursor_gone(conversation_id)
        for row_id, coze_message_id in moved:
            with contextlib.suppress(NotFoundError):
                store.messages.update(row_id, coze_message_id=coze_message_id)


def forget_failed(client: CozeClient, conversation: str, transcript: ChatTranscript) -> None:
    """The failed chat's question stays in Coze's conversation: delete it, so the bot sees the question
    once when it is asked again. Best effort: a failure here only leaves a duplicate in Coze's memory."""
    if transcript.chat is None:
        return
    try:
        forget_chats(client, conversation, (transcript.chat.id,))
    except CozeError as exc:
        log.info("the failed chat stays in Coze's conversation: %s", exc.summary())
