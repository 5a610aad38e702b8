from __future__ import annotations

import pytest

from desktop.core.store import BotRecord, NewMessage, NotFoundError, Store
from desktop.core.store.conversations import auto_title, preview_text
from tests.store.conftest import sql


def test_create_and_get(store: Store) -> None:
    conversation = store.conversations.create("bot1", coze_conversation_id="c-1")
    assert conversation.title == "" and conversation.bot_id == "bot1"
    assert conversation.coze_conversation_id == "c-1"
    assert not conversation.pinned and not conversation.archived and not conversation.title_is_auto
    assert store.conversations.get(conversation.id) == conversation
    assert store.conversations.get(9999) is None
    assert store.conversations.find_by_coze_id("c-1") == conversation


def test_auto_title_from_first_question(store: Store) -> None:
    conversation = store.conversations.create("bot1")
    store.messages.add_question(conversation.id, "\n   如何   用 Python\t读取文件？  \n第二行不要")
    titled = store.conversations.get(conversation.id)
    assert titled is not None
    assert titled.title == "如何 用 Python 读取文件？" and titled.title_is_auto
    store.messages.add_question(conversation.id, "another question")
    again = store.conversations.get(conversation.id)
    assert again is not None and again.title == "如何 用 Python 读取文件？"


def test_auto_title_is_cut_to_about_40_chars(store: Store) -> None:
    conversation = store.conversations.create("bot1")
    store.messages.add_question(conversation.id, "x" * 100)
    titled = store.conversations.get(conversation.id)
    assert titled is not None and len(titled.title) == 40 and titled.title.endswith("…")
    assert auto_title("   \n\n  ") == ""


def test_auto_title_never_replaces_a_given_title(store: Store) -> None:
    conversation = store.conversations.create("bot1", title="My title")
    store.messages.add_question(conversation.id, "hello")
    got = store.conversations.get(conversation.id)
    assert got is not None and got.title == "My title" and not got.title_is_auto


def test_rename_clears_auto_flag_and_empty_rename_allows_auto_again(store: Store) -> None:
    conversation = store.conversations.create("bot1")
    store.messages.add_question(conversation.id, "first")
    store.conversations.rename(conversation.id, "  Renamed  ")
    got = store.conversations.get(conversation.id)
    assert got is not None and got.title == "Renamed" and not got.title_is_auto
    store.conversations.rename(conversation.id, "")
    store.messages.add_question(conversation.id, "second question")
    got = store.conversations.get(conversation.id)
    assert got is not None and got.title == "second question" and got.title_is_auto


def test_list_order_pinned_first_then_newest(store: Store) -> None:
    a = store.conversations.create("bot1", title="a")
    store.conversations.create("bot1", title="b")
    c = store.conversations.create("bot1", title="c")
    store.messages.add_question(a.id, "a is now the most recent")
    store.conversations.set_pinned(c.id, True)
    assert [s.title for s in store.conversations.page()] == ["c", "a", "b"]
    store.conversations.set_pinned(c.id, False)
    assert [s.title for s in store.conversations.page()] == ["a", "c", "b"]
    store.conversations.set_archived(a.id, True)
    assert [s.title for s in store.conversations.page()] == ["c", "b"]
    everything = store.conversations.page(include_archived=True)
    assert [(s.title, s.archived) for s in everything] == [("a", True), ("c", False), ("b", False)]
    assert store.conversations.count() == 2 and store.conversations.count(include_archived=True) == 3


def test_list_paging(store: Store) -> None:
    for i in range(7):
        store.conversations.create("bot1", title=f"t{i}")
    first = store.conversations.page(limit=3)
    second = store.conversations.page(limit=3, offset=3)
    third = store.conversations.page(limit=3, offset=6)
    assert [s.title for s in first + second + third] == [f"t{i}" for i in reversed(range(7))]
    assert store.conversations.page(limit=0) == []


def test_list_shows_last_dialogue_message_preview(store: Store) -> None:
    store.bots.upsert(BotRecord("bot1", "小助手"))
    conversation = store.conversations.create("bot1")
    empty = store.conversations.page()[0]
    assert empty.last_message_preview == "" and empty.last_message_role is None
    store.messages.add_question(conversation.id, "question")
    store.messages.add(
        conversation.id, NewMessage(role="assistant", type="answer", content="  line one\n\n\tline two  " * 30)
    )
    store.messages.add(conversation.id, NewMessage(role="assistant", type="verbose", content='{"msg_type": "x"}'))
    summary = store.conversations.page()[0]
    assert summary.bot_name == "小助手" and summary.last_message_role == "assistant"
    assert summary.last_message_preview.startswith("line one line two line one")
    assert len(summary.last_message_preview) <= 100 and summary.last_message_preview.endswith("…")
    assert preview_text("short\n text") == "short text"


def test_unknown_ids_raise_not_found(store: Store) -> None:
    for call in (
        lambda: store.conversations.rename(42, "x"),
        lambda: store.conversations.set_pinned(42, True),
        lambda: store.conversations.set_archived(42, True),
        lambda: store.conversations.set_coze_id(42, "c"),
        lambda: store.conversations.delete(42),
        lambda: store.conversations.set_follow_ups(42, []),
        lambda: store.conversations.follow_ups(42),
        lambda: store.messages.add_question(42, "x"),
        lambda: store.messages.start_answer(42),
        lambda: store.messages.update(42, content="x"),
    ):
        with pytest.raises(NotFoundError):
            call()
    assert store.conversations.count(include_archived=True) == 0


def test_delete_cascades_to_messages_and_search(store: Store) -> None:
    keep = store.conversations.create("bot1")
    gone = store.conversations.create("bot1")
    store.messages.add_question(keep.id, "保留的猫咪消息")
    store.messages.add_question(gone.id, "要删除的猫咪消息")
    assert len(store.search.find("猫咪消息")) == 2
    store.conversations.delete(gone.id)
    assert store.conversations.get(gone.id) is None
    assert store.messages.count(gone.id) == 0
    assert [h.conversation_id for h in store.search.find("猫咪消息")] == [keep.id]
    assert [h.conversation_id for h in store.search.find("猫")] == [keep.id]
    with sql(store) as conn:
        total = conn.execute("SELECT count(*) FROM messages").fetchone()[0]
    assert total == 1


def test_set_coze_conversation_id(store: Store) -> None:
    conversation = store.conversations.create("bot1")
    store.conversations.set_coze_id(conversation.id, "coze-123")
    got = store.conversations.get(conversation.id)
    assert got is not None and got.coze_conversation_id == "coze-123"


def test_follow_ups_are_replaced_and_cleared_by_next_question(store: Store) -> None:
    conversation = store.conversations.create("bot1")
    assert store.conversations.follow_ups(conversation.id) == []
    store.conversations.set_follow_ups(conversation.id, ["还有呢？", "举个例子"])
    assert store.conversations.follow_ups(conversation.id) == ["还有呢？", "举个例子"]
    store.messages.add_question(conversation.id, "举个例子")
    assert store.conversations.follow_ups(conversation.id) == []


def test_bots_upsert_and_get(store: Store) -> None:
    assert store.bots.get("b") is None
    store.bots.upsert(BotRecord("b", "Name", "desc", "http://icon", "你好！", ("q1", "q2")))
    bot = store.bots.get("b")
    assert bot is not None and bot.suggested_questions == ("q1", "q2") and bot.prologue == "你好！"
    assert bot.updated_at > 0
    store.bots.upsert(BotRecord("b", "New name"))
    bot = store.bots.get("b")
    assert bot is not None and bot.name == "New name" and bot.suggested_questions == ()
    assert [b.bot_id for b in store.bots.all()] == ["b"]


LONG_URL = "https://s.coze.cn/t/" + "x" * 600 + ".png?sign=" + "y" * 200


def test_a_picture_in_the_last_answer_previews_as_a_picture_not_markdown(store: Store) -> None:
    conversation = store.conversations.create("bot1")
    store.messages.add_question(conversation.id, "draw a cat")
    answer = f"Here is your cat: ![a cat]({LONG_URL}) Enjoy **it**."
    store.messages.add(conversation.id, NewMessage(role="assistant", type="answer", content=answer))
    preview = store.conversations.page()[0].last_message_preview
    assert preview == "Here is your cat: 🖼 a cat Enjoy it."
    only_picture = f"![image]({LONG_URL})"
    store.messages.add(conversation.id, NewMessage(role="assistant", type="answer", content=only_picture))
    assert store.conversations.page()[0].last_message_preview == "🖼 image"


def test_a_link_cut_by_the_preview_scan_shows_its_words_only(store: Store) -> None:
    assert preview_text(f"See [the docs]({LONG_URL}"[:300]) == "See the docs"
    assert preview_text("See [the docs](http://x.y/a_(b)) and ![](http://x.y/p.png)") == "See the docs and 🖼"
    assert preview_text("half a picture ![a c") == "half a picture"


def test_a_question_with_files_previews_as_its_text_or_file_names(store: Store) -> None:
    conversation = store.conversations.create("bot1")
    files = '[{"type": "file", "name": "报告.pdf", "size": 10, "sha256": "' + "a" * 64 + '"}]'
    store.messages.add_question(conversation.id, files, content_type="object_string")
    assert store.conversations.page()[0].last_message_preview == "报告.pdf"


def test_the_list_knows_the_last_answers_status(store: Store) -> None:
    conversation = store.conversations.create("bot1")
    store.messages.add_question(conversation.id, "question")
    assert store.conversations.page()[0].last_message_status == "complete"
    store.messages.add(conversation.id, NewMessage(role="assistant", type="answer", status="failed"))
    summary = store.conversations.page()[0]
    assert summary.last_message_status == "failed" and summary.last_message_preview == ""
