"""A chat's writes beside its answer text (the Coze conversation id, a card's content type, a tool step,
the follow-ups, the last answer's debug link) while another process holds the history's write lock, as
a long import or a sync does. The window waits only 250 ms for the lock (services/store_writes.py): these
writes raised StoreBusyError out of `ChatTurn.apply`, the controller logged it and the event was gone —
the Coze conversation id with it, so the next question started a new Coze conversation and the bot forgot
the chat. Now they wait in order and go with the next flush, or with the end; nothing is lost."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.core.chat import ChatTurn
from desktop.core.chat.events import (
    AnswerCompleted,
    AnswerDelta,
    ChatStarted,
    ConversationCreated,
    Ended,
    FollowUps,
    StepMessage,
)
from desktop.core.store import Store
from desktop.core.store.models import UnsavedError
from desktop.core.vocabulary import ChatOutcome, MessageStatus
from tests.write_lock import WriteLock

BOT = "7400000000000000001"
CARD = '{"card_type":3,"title":"t"}'


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "history.sqlite3"


@pytest.fixture
def store(path: Path) -> Iterator[Store]:
    with Store.open(path) as opened:
        opened.set_busy_timeout(20)  # the window waits 250 ms; shorter for the test
        yield opened


def begin(store: Store) -> ChatTurn:
    conversation = store.conversations.create(BOT)
    return ChatTurn.begin(store, conversation.id, "hi")


def test_writes_refused_while_locked_wait_and_go_with_the_next_flush(store: Store, path: Path) -> None:
    turn = begin(store)
    turn.apply(ChatStarted("chat-1"))
    with WriteLock(path):
        turn.apply(ConversationCreated("coze-conv-1"))  # raised StoreBusyError before
        turn.apply(StepMessage("step-1", "function_call", '{"name":"weather"}'))
        turn.apply(AnswerDelta("m1", "the first words", ""))  # its row is made by the first delta
        turn.apply(FollowUps(("more?",)))
    turn.apply(AnswerDelta("m1", ", then the rest", ""))
    turn.flush()
    conversation = store.conversations.get(turn.conversation_id)
    assert conversation is not None and conversation.coze_conversation_id == "coze-conv-1"
    assert [m.content for m in store.messages.all(turn.conversation_id) if m.type == "function_call"] == [
        '{"name":"weather"}'
    ]
    assert store.conversations.follow_ups(turn.conversation_id) == ["more?"]
    answers = [m.content for m in store.messages.all(turn.conversation_id) if m.type == "answer"]
    assert answers == ["the first words, then the rest"]


def test_a_chat_that_ends_while_locked_is_unsaved_until_its_waiting_writes_are_done(store: Store, path: Path) -> None:
    turn = begin(store)
    turn.apply(ChatStarted("chat-1"))
    turn.apply(AnswerDelta("m1", "hello", ""))
    with WriteLock(path):
        turn.apply(ConversationCreated("coze-conv-1"))
        turn.apply(AnswerCompleted("m1", CARD, "", "card"))
        with pytest.raises(UnsavedError):
            turn.apply(Ended(ChatOutcome.COMPLETED, debug_url="https://www.coze.cn/work_flow?execute_id=1"))
        assert turn.unsaved
    assert turn.save_pending()
    assert not turn.unsaved
    conversation = store.conversations.get(turn.conversation_id)
    assert conversation is not None and conversation.coze_conversation_id == "coze-conv-1"
    answer = store.messages.all(turn.conversation_id)[-1]
    assert (answer.content, answer.content_type, answer.status) == (CARD, "card", MessageStatus.COMPLETE)
    assert answer.debug_url == "https://www.coze.cn/work_flow?execute_id=1"
