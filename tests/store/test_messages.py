from __future__ import annotations

import pytest

from desktop.core.store import MessageError, Store


def test_user_message_is_committed_at_once(store: Store) -> None:
    conversation = store.create_conversation("bot1")
    message = store.add_user_message(conversation.id, "你好")
    assert (message.role, message.type, message.status, message.content) == ("user", "question", "complete", "你好")
    # Visible to another connection straight away: nothing waits for a later commit.
    with Store.open(store.path) as other:
        assert [m.content for m in other.list_messages(conversation.id)] == ["你好"]


def test_start_and_update_answer(store: Store) -> None:
    conversation = store.create_conversation("bot1")
    answer = store.start_answer(conversation.id, coze_chat_id="chat1")
    assert (answer.role, answer.type, answer.status, answer.content) == ("assistant", "answer", "streaming", "")
    store.update_answer(answer.id, content="部分", reasoning_content="想一想")
    store.update_answer(
        answer.id,
        content="部分回答",
        status="failed",
        error=(4000, "bad request", "log-1"),
        usage=(12, 34),
        coze_message_id="m1",
    )
    got = store.get_message(answer.id)
    assert got is not None
    assert (got.content, got.reasoning_content, got.status) == ("部分回答", "想一想", "failed")
    assert got.error == MessageError(4000, "bad request", "log-1")
    assert (got.input_tokens, got.output_tokens) == (12, 34)
    assert (got.coze_message_id, got.coze_chat_id) == ("m1", "chat1")
    assert got.updated_at > got.created_at
    conv = store.get_conversation(conversation.id)
    assert conv is not None and conv.updated_at >= got.updated_at


def test_bad_values_are_rejected(store: Store) -> None:
    conversation = store.create_conversation("bot1")
    with pytest.raises(ValueError, match="role"):
        store.add_message(conversation.id, role="system", type="answer", content="x")
    with pytest.raises(ValueError, match="status"):
        store.add_message(conversation.id, role="user", type="question", content="x", status="done")
    with pytest.raises(ValueError, match="type"):
        store.add_message(conversation.id, role="user", type="", content="x")
    answer = store.start_answer(conversation.id)
    with pytest.raises(ValueError, match="status"):
        store.update_answer(answer.id, status="nope")
    assert store.count_messages(conversation.id) == 1


def test_add_message_of_any_type_keeps_fields(store: Store) -> None:
    conversation = store.create_conversation("bot1")
    message = store.add_message(
        conversation.id,
        role="assistant",
        type="function_call",
        content='{"name": "weather"}',
        content_type="object_string",
        coze_message_id="m9",
        coze_chat_id="c9",
        created_at=123.5,
        error=MessageError(None, "tool failed", None),
        status="failed",
    )
    assert message.type == "function_call" and message.content_type == "object_string"
    assert message.created_at == 123.5 and message.error == MessageError(None, "tool failed", None)
    assert store.find_message_by_coze_id("m9") == message


def test_paging_from_the_end(store: Store) -> None:
    conversation = store.create_conversation("bot1")
    ids = [store.add_user_message(conversation.id, f"m{i}").id for i in range(250)]
    assert store.count_messages(conversation.id) == 250
    last = store.list_messages(conversation.id, limit=100)
    assert [m.id for m in last] == ids[150:]  # oldest -> newest
    before = store.list_messages(conversation.id, limit=100, before_id=last[0].id)
    assert [m.id for m in before] == ids[50:150]
    first = store.list_messages(conversation.id, limit=100, before_id=before[0].id)
    assert [m.id for m in first] == ids[:50]
    assert store.list_messages(conversation.id, limit=100, before_id=first[0].id) == []
    assert store.list_messages(conversation.id, limit=0) == []
    assert [m.id for m in store.all_messages(conversation.id)] == ids


def test_pages_do_not_mix_conversations(store: Store) -> None:
    a = store.create_conversation("bot1")
    b = store.create_conversation("bot1")
    for i in range(5):
        store.add_user_message(a.id, f"a{i}")
        store.add_user_message(b.id, f"b{i}")
    assert [m.content for m in store.list_messages(b.id, limit=3)] == ["b2", "b3", "b4"]
    assert store.count_messages(a.id) == 5


def test_text_that_utf8_cannot_hold_is_repaired_not_refused(store: Store) -> None:
    conversation = store.create_conversation("bot1")
    message = store.add_user_message(conversation.id, "bad \ud800 surrogate")
    assert message.content == "bad ? surrogate"
    store.update_answer(message.id, content="again \udfff")
    got = store.get_message(message.id)
    assert got is not None and got.content == "again ?"


def test_interrupt_streaming_counts(store: Store) -> None:
    conversation = store.create_conversation("bot1")
    store.start_answer(conversation.id)
    store.start_answer(conversation.id)
    assert store.interrupt_streaming() == 2
    assert {m.status for m in store.list_messages(conversation.id)} == {"interrupted"}


def test_transaction_rolls_back_and_nests(store: Store) -> None:
    conversation = store.create_conversation("bot1")
    with pytest.raises(RuntimeError), store.transaction():
        store.add_user_message(conversation.id, "lost")
        raise RuntimeError
    assert store.count_messages(conversation.id) == 0
    with store.transaction():
        store.add_user_message(conversation.id, "kept")
        with pytest.raises(RuntimeError), store.transaction():
            store.add_user_message(conversation.id, "inner, undone")
            raise RuntimeError
    assert [m.content for m in store.list_messages(conversation.id)] == ["kept"]
