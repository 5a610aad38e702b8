from __future__ import annotations

import pytest

from desktop.core.store import MessageError, NewMessage, Store


def test_user_message_is_committed_at_once(store: Store) -> None:
    conversation = store.conversations.create("bot1")
    message = store.messages.add_question(conversation.id, "你好")
    assert (message.role, message.type, message.status, message.content) == ("user", "question", "complete", "你好")
    # Visible to another connection straight away: nothing waits for a later commit.
    with Store.open(store.path) as other:
        assert [m.content for m in other.messages.page(conversation.id)] == ["你好"]


def test_start_and_update_answer(store: Store) -> None:
    conversation = store.conversations.create("bot1")
    answer = store.messages.start_answer(conversation.id, coze_chat_id="chat1")
    assert (answer.role, answer.type, answer.status, answer.content) == ("assistant", "answer", "streaming", "")
    store.messages.update(answer.id, content="部分", reasoning_content="想一想")
    store.messages.update(
        answer.id,
        content="部分回答",
        status="failed",
        error=(4000, "bad request", "log-1"),
        usage=(12, 34),
        coze_message_id="m1",
    )
    got = store.messages.get(answer.id)
    assert got is not None
    assert (got.content, got.reasoning_content, got.status) == ("部分回答", "想一想", "failed")
    assert got.error == MessageError(4000, "bad request", "log-1")
    assert (got.input_tokens, got.output_tokens) == (12, 34)
    assert (got.coze_message_id, got.coze_chat_id) == ("m1", "chat1")
    assert got.updated_at > got.created_at
    conv = store.conversations.get(conversation.id)
    assert conv is not None and conv.updated_at >= got.updated_at


def test_bad_values_are_rejected(store: Store) -> None:
    conversation = store.conversations.create("bot1")
    with pytest.raises(ValueError, match="role"):
        store.messages.add(conversation.id, NewMessage(role="system", type="answer", content="x"))
    with pytest.raises(ValueError, match="status"):
        store.messages.add(conversation.id, NewMessage(role="user", type="question", content="x", status="done"))
    with pytest.raises(ValueError, match="type"):
        store.messages.add(conversation.id, NewMessage(role="user", type="", content="x"))
    answer = store.messages.start_answer(conversation.id)
    with pytest.raises(ValueError, match="status"):
        store.messages.update(answer.id, status="nope")
    assert store.messages.count(conversation.id) == 1


def test_add_message_of_any_type_keeps_fields(store: Store) -> None:
    conversation = store.conversations.create("bot1")
    message = store.messages.add(
        conversation.id,
        NewMessage(
            role="assistant",
            type="function_call",
            content='{"name": "weather"}',
            content_type="object_string",
            coze_message_id="m9",
            coze_chat_id="c9",
            created_at=123.5,
            error=MessageError(None, "tool failed", None),
            status="failed",
        ),
    )
    assert message.type == "function_call" and message.content_type == "object_string"
    assert message.created_at == 123.5 and message.error == MessageError(None, "tool failed", None)
    assert store.messages.find_by_coze_id("m9") == message


def test_paging_from_the_end(store: Store) -> None:
    conversation = store.conversations.create("bot1")
    ids = [store.messages.add_question(conversation.id, f"m{i}").id for i in range(250)]
    assert store.messages.count(conversation.id) == 250
    last = store.messages.page(conversation.id, limit=100)
    assert [m.id for m in last] == ids[150:]  # oldest -> newest
    before = store.messages.page(conversation.id, limit=100, before_id=last[0].id)
    assert [m.id for m in before] == ids[50:150]
    first = store.messages.page(conversation.id, limit=100, before_id=before[0].id)
    assert [m.id for m in first] == ids[:50]
    assert store.messages.page(conversation.id, limit=100, before_id=first[0].id) == []
    assert store.messages.page(conversation.id, limit=0) == []
    assert [m.id for m in store.messages.all(conversation.id)] == ids


def test_pages_do_not_mix_conversations(store: Store) -> None:
    a = store.conversations.create("bot1")
    b = store.conversations.create("bot1")
    for i in range(5):
        store.messages.add_question(a.id, f"a{i}")
        store.messages.add_question(b.id, f"b{i}")
    assert [m.content for m in store.messages.page(b.id, limit=3)] == ["b2", "b3", "b4"]
    assert store.messages.count(a.id) == 5


def test_text_that_utf8_cannot_hold_is_repaired_not_refused(store: Store) -> None:
    conversation = store.conversations.create("bot1")
    message = store.messages.add_question(conversation.id, "bad \ud800 surrogate")
    assert message.content == "bad ? surrogate"
    store.messages.update(message.id, content="again \udfff")
    got = store.messages.get(message.id)
    assert got is not None and got.content == "again ?"


def test_interrupt_streaming_counts(store: Store) -> None:
    conversation = store.conversations.create("bot1")
    store.messages.start_answer(conversation.id)
    store.messages.start_answer(conversation.id)
    assert store.messages.interrupt_streaming() == 2
    assert {m.status for m in store.messages.page(conversation.id)} == {"interrupted"}


def test_transaction_rolls_back_and_nests(store: Store) -> None:
    conversation = store.conversations.create("bot1")
    with pytest.raises(RuntimeError), store.transaction():
        store.messages.add_question(conversation.id, "lost")
        raise RuntimeError
    assert store.messages.count(conversation.id) == 0
    with store.transaction():
        store.messages.add_question(conversation.id, "kept")
        with pytest.raises(RuntimeError), store.transaction():
            store.messages.add_question(conversation.id, "inner, undone")
            raise RuntimeError
    assert [m.content for m in store.messages.page(conversation.id)] == ["kept"]
