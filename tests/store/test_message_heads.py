"""The conversation list's preview and status of a long last message come from its head (store/heads.py,
#21): the list does not read the long row itself past its role, and what it shows is what the whole text
would show, through every write a message goes through."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop.core.store import NewMessage, Store
from desktop.core.store.conversations import preview_text, question_title
from desktop.core.store.heads import HEAD_CHARS
from desktop.core.store.migrations import migrate
from desktop.core.store.salvage import salvage_into
from tests.store.conftest import sql

LONG = "**Alpha** answer, 第一段。\n" * 2_000  # ~44,000 characters: over the head's length
ATTACHMENTS = '[{"type": "text", "text": "看看这些"}' + ', {"type": "file", "name": "report.pdf"}' * 200 + "]"


def shown(store: Store, conversation_id: int) -> tuple[str, str | None]:
    summary = next(s for s in store.conversations.page() if s.id == conversation_id)
    return summary.last_message_preview, summary.last_message_status


def expected(store: Store, conversation_id: int) -> tuple[str, str | None]:
    last = store.messages.page(conversation_id, limit=1)[-1]
    return preview_text(question_title(last.content, last.content_type)), last.status


def test_the_list_takes_a_long_messages_preview_and_status_from_its_head(store: Store) -> None:
    conversation = store.conversations.create("bot1")
    store.messages.add_question(conversation.id, "q")
    answer = store.messages.start_answer(conversation.id)
    store.messages.update(answer.id, content=LONG, status="complete")
    assert shown(store, conversation.id) == expected(store, conversation.id)
    assert shown(store, conversation.id)[0].startswith("Alpha answer, 第一段。")
    with sql(store) as conn:  # what the list reads of a long message: its head, not its row
        conn.execute("UPDATE message_heads SET head = 'Gamma', status = 'failed' WHERE message_id = ?", (answer.id,))
    assert shown(store, conversation.id) == ("Gamma", "failed")


def test_what_the_list_shows_follows_every_write_of_the_last_message(store: Store) -> None:
    conversation = store.conversations.create("bot1")
    store.messages.add_question(conversation.id, "q")
    assert shown(store, conversation.id) == expected(store, conversation.id)
    answer = store.messages.start_answer(conversation.id)
    for size in (10, HEAD_CHARS - 1, HEAD_CHARS, HEAD_CHARS + 1, len(LONG)):  # streaming past the head's length
        store.messages.update(answer.id, content=LONG[:size])
        assert shown(store, conversation.id) == expected(store, conversation.id)
    store.messages.update(answer.id, status="complete")
    assert shown(store, conversation.id) == expected(store, conversation.id)
    assert shown(store, conversation.id)[1] == "complete"
    store.messages.update(answer.id, content="short again", status="streaming")  # a regenerated answer, emptied
    assert shown(store, conversation.id) == ("short again", "streaming")
    store.messages.update(answer.id, content=ATTACHMENTS, content_type="object_string")  # read whole
    assert shown(store, conversation.id) == expected(store, conversation.id)
    assert shown(store, conversation.id)[0] == "看看这些"
    store.messages.delete_ids([answer.id])
    assert shown(store, conversation.id) == ("q", "complete")
    with sql(store) as conn:
        assert conn.execute("SELECT count(*) FROM message_heads").fetchone()[0] == 0
    long_question = store.messages.add(conversation.id, NewMessage(role="user", type="question", content=LONG))
    assert shown(store, conversation.id) == expected(store, conversation.id)
    with sql(store) as conn:
        assert conn.execute("SELECT message_id FROM message_heads").fetchall() == [(long_question.id,)]


def test_the_migration_gives_existing_long_messages_their_heads(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, target=13)
    conn.execute("INSERT INTO conversations (bot_id, title, created_at, updated_at) VALUES ('7', 'Old', 1, 1)")
    for content in ("short", LONG):
        conn.execute(
            "INSERT INTO messages (conversation_id, role, type, content, created_at, updated_at)"
            " VALUES (1, 'assistant', 'answer', ?, 1, 1)",
            (content,),
        )
    conn.close()
    with Store.open(path) as store:
        assert shown(store, 1) == expected(store, 1)
        with sql(store) as check:
            assert check.execute("SELECT message_id, length(head) FROM message_heads").fetchall() == [(2, HEAD_CHARS)]


def test_a_salvaged_history_makes_its_heads_itself(tmp_path: Path) -> None:
    old, fresh = tmp_path / "old.sqlite3", tmp_path / "fresh.sqlite3"
    with Store.open(old) as store:
        conversation = store.conversations.create("bot1")
        store.messages.add(conversation.id, NewMessage(role="assistant", type="answer", content=LONG))
    target = sqlite3.connect(fresh, isolation_level=None)
    try:
        migrate(target)
        report = salvage_into(old, target)  # (the messages' own trigger makes each head: not copied as well)
        assert report.rows("messages") == 1 and report.complete
        assert target.execute("SELECT message_id, length(head) FROM message_heads").fetchall() == [(1, HEAD_CHARS)]
    finally:
        target.close()
