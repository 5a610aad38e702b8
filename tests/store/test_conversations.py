from __future__ import annotations

import pytest

from desktop.core.store import BotRecord, NotFoundError, Store
from desktop.core.store.conversations import auto_title, preview_text


def test_create_and_get(store: Store) -> None:
    conversation = store.create_conversation("bot1", coze_conversation_id="c-1")
    assert conversation.title == "" and conversation.bot_id == "bot1"
    assert conversation.coze_conversation_id == "c-1"
    assert not conversation.pinned and not conversation.archived and not conversation.title_is_auto
    assert store.get_conversation(conversation.id) == conversation
    assert store.get_conversation(9999) is None
    assert store.find_conversation_by_coze_id("c-1") == conversation


def test_auto_title_from_first_question(store: Store) -> None:
    conversation = store.create_conversation("bot1")
    store.add_user_message(conversation.id, "\n   如何   用 Python\t读取文件？  \n第二行不要")
    titled = store.get_conversation(conversation.id)
    assert titled is not None
    assert titled.title == "如何 用 Python 读取文件？" and titled.title_is_auto
    store.add_user_message(conversation.id, "another question")
    again = store.get_conversation(conversation.id)
    assert again is not None and again.title == "如何 用 Python 读取文件？"


def test_auto_title_is_cut_to_about_40_chars(store: Store) -> None:
    conversation = store.create_conversation("bot1")
    store.add_user_message(conversation.id, "x" * 100)
    titled = store.get_conversation(conversation.id)
    assert titled is not None and len(titled.title) == 40 and titled.title.endswith("…")
    assert auto_title("   \n\n  ") == ""


def test_auto_title_never_replaces_a_given_title(store: Store) -> None:
    conversation = store.create_conversation("bot1", title="My title")
    store.add_user_message(conversation.id, "hello")
    got = store.get_conversation(conversation.id)
    assert got is not None and got.title == "My title" and not got.title_is_auto


def test_rename_clears_auto_flag_and_empty_rename_allows_auto_again(store: Store) -> None:
    conversation = store.create_conversation("bot1")
    store.add_user_message(conversation.id, "first")
    store.rename_conversation(conversation.id, "  Renamed  ")
    got = store.get_conversation(conversation.id)
    assert got is not None and got.title == "Renamed" and not got.title_is_auto
    store.rename_conversation(conversation.id, "")
    store.add_user_message(conversation.id, "second question")
    got = store.get_conversation(conversation.id)
    assert got is not None and got.title == "second question" and got.title_is_auto


def test_list_order_pinned_first_then_newest(store: Store) -> None:
    a = store.create_conversation("bot1", title="a")
    store.create_conversation("bot1", title="b")
    c = store.create_conversation("bot1", title="c")
    store.add_user_message(a.id, "a is now the most recent")
    store.set_pinned(c.id, True)
    assert [s.title for s in store.list_conversations()] == ["c", "a", "b"]
    store.set_pinned(c.id, False)
    assert [s.title for s in store.list_conversations()] == ["a", "c", "b"]
    store.set_archived(a.id, True)
    assert [s.title for s in store.list_conversations()] == ["c", "b"]
    everything = store.list_conversations(include_archived=True)
    assert [(s.title, s.archived) for s in everything] == [("a", True), ("c", False), ("b", False)]
    assert store.count_conversations() == 2 and store.count_conversations(include_archived=True) == 3


def test_list_paging(store: Store) -> None:
    for i in range(7):
        store.create_conversation("bot1", title=f"t{i}")
    first = store.list_conversations(limit=3)
    second = store.list_conversations(limit=3, offset=3)
    third = store.list_conversations(limit=3, offset=6)
    assert [s.title for s in first + second + third] == [f"t{i}" for i in reversed(range(7))]
    assert store.list_conversations(limit=0) == []


def test_list_shows_last_dialogue_message_preview(store: Store) -> None:
    store.upsert_bot(BotRecord("bot1", "小助手"))
    conversation = store.create_conversation("bot1")
    empty = store.list_conversations()[0]
    assert empty.last_message_preview == "" and empty.last_message_role is None
    store.add_user_message(conversation.id, "question")
    store.add_message(conversation.id, role="assistant", type="answer", content="  line one\n\n\tline two  " * 30)
    store.add_message(conversation.id, role="assistant", type="verbose", content='{"msg_type": "x"}')
    summary = store.list_conversations()[0]
    assert summary.bot_name == "小助手" and summary.last_message_role == "assistant"
    assert summary.last_message_preview.startswith("line one line two line one")
    assert len(summary.last_message_preview) <= 100 and summary.last_message_preview.endswith("…")
    assert preview_text("short\n text") == "short text"


def test_unknown_ids_raise_not_found(store: Store) -> None:
    for call in (
        lambda: store.rename_conversation(42, "x"),
        lambda: store.set_pinned(42, True),
        lambda: store.set_archived(42, True),
        lambda: store.set_coze_conversation_id(42, "c"),
        lambda: store.delete_conversation(42),
        lambda: store.set_follow_ups(42, []),
        lambda: store.get_follow_ups(42),
        lambda: store.add_user_message(42, "x"),
        lambda: store.start_answer(42),
        lambda: store.update_answer(42, content="x"),
    ):
        with pytest.raises(NotFoundError):
            call()
    assert store.count_conversations(include_archived=True) == 0


def test_delete_cascades_to_messages_and_search(store: Store) -> None:
    keep = store.create_conversation("bot1")
    gone = store.create_conversation("bot1")
    store.add_user_message(keep.id, "保留的猫咪消息")
    store.add_user_message(gone.id, "要删除的猫咪消息")
    assert len(store.search("猫咪消息")) == 2
    store.delete_conversation(gone.id)
    assert store.get_conversation(gone.id) is None
    assert store.count_messages(gone.id) == 0
    assert [h.conversation_id for h in store.search("猫咪消息")] == [keep.id]
    assert [h.conversation_id for h in store.search("猫")] == [keep.id]
    total = store.connection.execute("SELECT count(*) FROM messages").fetchone()[0]
    assert total == 1


def test_set_coze_conversation_id(store: Store) -> None:
    conversation = store.create_conversation("bot1")
    store.set_coze_conversation_id(conversation.id, "coze-123")
    got = store.get_conversation(conversation.id)
    assert got is not None and got.coze_conversation_id == "coze-123"


def test_follow_ups_are_replaced_and_cleared_by_next_question(store: Store) -> None:
    conversation = store.create_conversation("bot1")
    assert store.get_follow_ups(conversation.id) == []
    store.set_follow_ups(conversation.id, ["还有呢？", "举个例子"])
    assert store.get_follow_ups(conversation.id) == ["还有呢？", "举个例子"]
    store.add_user_message(conversation.id, "举个例子")
    assert store.get_follow_ups(conversation.id) == []


def test_bots_upsert_and_get(store: Store) -> None:
    assert store.get_bot("b") is None
    store.upsert_bot(BotRecord("b", "Name", "desc", "http://icon", "你好！", ("q1", "q2")))
    bot = store.get_bot("b")
    assert bot is not None and bot.suggested_questions == ("q1", "q2") and bot.prologue == "你好！"
    assert bot.updated_at > 0
    store.upsert_bot(BotRecord("b", "New name"))
    bot = store.get_bot("b")
    assert bot is not None and bot.name == "New name" and bot.suggested_questions == ()
    assert [b.bot_id for b in store.list_bots()] == ["b"]
