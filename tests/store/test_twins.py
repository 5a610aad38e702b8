"""One local conversation per Coze conversation: twins an older version left are merged when the history is
opened (migration 12), a unique index keeps a second link out, and a chat recording the Coze id its
conversation got takes in a copy a sync adopted meanwhile (see desktop/core/store/twins.py)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop.core.store import NewMessage, Store
from desktop.core.store.db import connect
from desktop.core.store.migrations import migrate
from desktop.core.store.transfer import import_json
from desktop.core.vocabulary import Role
from tests.store.conftest import sql

COZE = "7500000000000000001"


def _insert(conn: sqlite3.Connection, conversation: int, *rows: tuple[str, str, str | None]) -> list[int]:
    ids = []
    for role, content, coze_id in rows:
        cursor = conn.execute(
            "INSERT INTO messages (conversation_id, role, type, content, coze_message_id, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, 1, 1)",
            (conversation, role, "question" if role == "user" else "answer", content, coze_id),
        )
        assert cursor.lastrowid is not None
        ids.append(cursor.lastrowid)
    return ids


def test_twins_left_by_an_older_version_become_one_when_the_history_opens(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    conn = connect(db_path)
    try:
        migrate(conn, target=11)
        conn.execute("INSERT INTO bots (bot_id, name, updated_at) VALUES ('b1', 'Bot', 1.0)")
        conn.execute(  # the chat's own conversation; later syncs read into it (the oldest)
            "INSERT INTO conversations (id, title, bot_id, coze_conversation_id, created_at, updated_at,"
            " coze_cursor) VALUES (3, '北京天气', 'b1', ?, 1, 5, 'a2')",
            (COZE,),
        )
        conn.execute(  # the sync's copy, pinned by the user meanwhile
            "INSERT INTO conversations (id, title, bot_id, coze_conversation_id, created_at, updated_at, pinned)"
            " VALUES (4, '', 'b1', ?, 2, 9, 1)",
            (COZE,),
        )
        conn.execute(
            "INSERT INTO conversations (id, title, bot_id, created_at, updated_at) VALUES (5, 'x', 'b1', 1, 1)"
        )
        _insert(conn, 3, ("user", "北京天气怎么样", None), ("assistant", "晴", "a1"))
        _insert(conn, 3, ("user", "明天呢", "q2"), ("assistant", "多云", "a2"))
        copy = _insert(
            conn,
            4,
            ("user", "北京天气怎么样", "q1"),  # the copy of a question asked here: it names its Coze id
            ("assistant", "晴", "a1"),  # stored in both
            ("assistant", "后天下雨", "a3"),  # only the copy has it
            ("user", "asked in the copy", None),  # only here
        )
    finally:
        conn.close()
    with Store.open(db_path) as store:
        assert store.conversations.ids() == [3, 5]
        rows = store.messages.all(3)
        assert [(m.content, m.coze_message_id) for m in rows] == [
            ("北京天气怎么样", "q1"),
            ("晴", "a1"),
            ("明天呢", "q2"),
            ("多云", "a2"),
            ("后天下雨", "a3"),
            ("asked in the copy", None),
        ]
        assert rows[-2].id == copy[2]  # moved with its id (its versions and files follow it)
        kept = store.conversations.get(3)
        assert kept is not None and kept.title == "北京天气" and kept.pinned and kept.updated_at == 9
        link = store.coze.get(3)
        assert link is not None and link.cursor is None  # the next sync reads it whole again
        assert [h.message_id for h in store.search.find("后天下雨")] == [copy[2]]
        with sql(store) as raw, pytest.raises(sqlite3.IntegrityError):
            raw.execute("UPDATE conversations SET coze_conversation_id = ? WHERE id = 5", (COZE,))


def test_recording_the_coze_id_takes_in_the_copy_a_sync_adopted(store: Store) -> None:
    chat = store.conversations.create("b1", "my chat")
    question = store.messages.add_question(chat.id, "hello")
    copy, new = store.coze.adopt("b1", COZE, "", 100.0)
    assert new
    store.messages.add_many(
        copy.conversation_id,
        [
            NewMessage(role=Role.USER, type="question", content="hello", coze_message_id="q1"),
            NewMessage(role=Role.ASSISTANT, type="answer", content="hi", coze_message_id="a1"),
        ],
    )
    store.coze.advance(copy.conversation_id, "a1", "s1")
    assert store.conversations.set_coze_id(chat.id, COZE) == [copy.conversation_id]
    assert store.conversations.ids() == [chat.id]
    # The answer is the chat's to write (it streams it); the question takes the copy's Coze id.
    assert [(m.id, m.coze_message_id) for m in store.messages.all(chat.id)] == [(question.id, "q1")]
    link = store.coze.get(chat.id)
    assert link is not None and link.cursor is None and link.section_id is None
    assert store.conversations.set_coze_id(chat.id, COZE) == []  # recorded again (a retried event): nothing
    again, new = store.coze.adopt("b1", COZE, "", 100.0)  # a sync after it finds the chat's own
    assert (again.conversation_id, new) == (chat.id, False)


def test_an_import_meeting_a_conversation_a_sync_adopted_meanwhile_merges_into_it(db_path: Path) -> None:
    """The import read which Coze conversations the history had when it began; a sync (the window's, or another
    process's) adopted one of the export's meanwhile. Before: creating the import's own copy broke the unique
    index, an sqlite3.IntegrityError undid the whole import. Now the import merges into the adopted one."""
    second = "7500000000000000002"
    conversations = [
        {
            "id": number,
            "title": f"chat {number}",
            "bot_id": "b1",
            "coze_conversation_id": coze_id,
            "created_at": float(number),
            "updated_at": float(number),
            "pinned": False,
            "messages": [
                {
                    "role": "user",
                    "type": "question",
                    "content": f"question {number}",
                    "content_type": "text",
                    "reasoning_content": "",
                    "status": "complete",
                    "error": None,
                    "coze_message_id": f"m{number}",
                    "created_at": float(number),
                }
            ],
        }
        for number, coze_id in ((1, COZE), (2, second))
    ]
    doc = {"format": "coze-desktop-export", "version": 1, "exported_at": "2025-01-01T00:00:00Z"}
    doc["conversations"] = conversations
    with Store.open(db_path) as store, Store.open(db_path) as sync:

        def adopt_the_second_meanwhile(done: int, total: int) -> None:
            if done == 1:  # between the import's two conversations, another connection adopts the second
                sync.coze.adopt("b1", second, "chat 2 on Coze", 2.0)

        result = import_json(store, doc, adopt_the_second_meanwhile)
        assert result.conversations_added == 1 and result.messages_added == 2
        linked = store.conversations.find_by_coze_id(second)
        assert linked is not None and [m.content for m in store.messages.all(linked.id)] == ["question 2"]
        with sql(store) as conn:
            assert conn.execute("SELECT count(*) FROM conversations").fetchone()[0] == 2
