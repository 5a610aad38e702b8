from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from desktop.core.store import LATEST_VERSION, MessageError, NewerDatabaseError, Store, migrations
from desktop.core.store.db import connect
from desktop.core.store.migrations import migrate, schema_version
from tests.store.conftest import sql


def _objects(conn: sqlite3.Connection) -> set[str]:
    return {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}


def test_new_database_has_latest_schema_and_pragmas(store: Store) -> None:
    assert store.schema_version == LATEST_VERSION >= 2
    with closing(connect(store.path)) as conn:  # the function Store.open sets its connection up with
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
        assert {"bots", "conversations", "messages", "messages_fts", "messages_by_conversation"} <= _objects(conn)


def test_migration_from_v1_keeps_data(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    conn = connect(db_path)
    try:
        assert migrate(conn, target=1) == 0
        assert schema_version(conn) == 1
        assert "messages_streaming" not in _objects(conn)
        conn.execute("INSERT INTO bots (bot_id, name, updated_at) VALUES ('b1', '助手', 1.0)")
        conn.execute(
            "INSERT INTO conversations (id, title, bot_id, created_at, updated_at) VALUES (7, '旧的对话', 'b1', 1, 2)"
        )
        conn.executemany(
            "INSERT INTO messages (conversation_id, role, type, content, status, created_at, updated_at)"
            " VALUES (7, ?, ?, ?, ?, ?, ?)",
            [
                ("user", "question", "什么是机器学习？", "complete", 1.0, 1.0),
                ("assistant", "answer", "机器学习是一门学科", "streaming", 2.0, 2.0),
            ],
        )
    finally:
        conn.close()

    with Store.open(db_path) as store:
        assert store.schema_version == LATEST_VERSION
        with sql(store) as conn:
            assert "messages_streaming" in _objects(conn)
        conversation = store.conversations.get(7)
        assert conversation is not None and conversation.title == "旧的对话"
        messages = store.messages.page(7)
        assert [m.content for m in messages] == ["什么是机器学习？", "机器学习是一门学科"]
        assert messages[1].status == "interrupted" and store.recovered_streaming == 1
        assert [h.message_id for h in store.search.find("机器学习")] == [messages[1].id, messages[0].id]
        bot = store.bots.get("b1")
        assert bot is not None and bot.name == "助手"


def test_migrate_is_idempotent(store: Store) -> None:
    with sql(store) as conn:
        assert migrate(conn) == LATEST_VERSION
    assert store.schema_version == LATEST_VERSION


def test_failed_migration_rolls_back(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Store.open(db_path).close()
    broken = (*migrations.MIGRATIONS, ("CREATE TABLE half_done (x)", "THIS IS NOT SQL"))
    monkeypatch.setattr(migrations, "MIGRATIONS", broken)
    monkeypatch.setattr(migrations, "LATEST_VERSION", len(broken))
    conn = connect(db_path)
    try:
        with pytest.raises(sqlite3.OperationalError):
            migrate(conn, target=len(broken))
        assert schema_version(conn) == LATEST_VERSION
        assert "half_done" not in _objects(conn)
    finally:
        conn.close()


def test_newer_database_is_refused_and_left_alone(db_path: Path) -> None:
    Store.open(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(NewerDatabaseError):
        Store.open(db_path)
    assert db_path.read_bytes() == before
    assert not list(db_path.parent.glob("*.corrupt-*"))


def test_unknown_target_is_rejected(store: Store) -> None:
    with pytest.raises(ValueError, match="no schema version"), sql(store) as conn:
        migrate(conn, target=LATEST_VERSION + 1)


def test_v3_adds_error_kind_and_keeps_v2_errors(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    conn = sqlite3.connect(path)
    migrate(conn, target=2)
    conn.execute("INSERT INTO conversations (title, bot_id, created_at, updated_at) VALUES ('t', 'b', 1, 1)")
    conn.execute(
        "INSERT INTO messages (conversation_id, role, type, content, status, error_code, error_msg, created_at,"
        " updated_at) VALUES (1, 'assistant', 'answer', 'partial', 'failed', 4100, 'bad token', 2, 2)"
    )
    conn.commit()
    conn.close()
    with Store.open(path) as store:
        assert store.schema_version == LATEST_VERSION >= 3
        (old,) = store.messages.page(1)
        assert old.error is not None and (old.error.code, old.error.kind) == (4100, None)
        answer = store.messages.start_answer(1)
        store.messages.update(answer.id, status="failed", error=MessageError(None, "refused", None, "network"))
        stored = store.messages.get(answer.id)
        assert stored is not None and stored.error is not None and stored.error.kind == "network"


def test_v4_reindexes_rows_that_were_streaming_under_the_old_triggers(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    conn = sqlite3.connect(path)
    migrate(conn, target=3)
    conn.execute("INSERT INTO conversations (title, bot_id, created_at, updated_at) VALUES ('t', 'b', 1, 1)")
    conn.execute(
        "INSERT INTO messages (conversation_id, role, type, content, status, created_at, updated_at)"
        " VALUES (1, 'assistant', 'answer', '半截的流式答案', 'streaming', 2, 2)"
    )
    conn.commit()
    conn.close()
    with Store.open(path) as store:  # migrates to v4, then turns the streaming row into interrupted
        assert store.schema_version == LATEST_VERSION >= 4
        assert store.recovered_streaming == 1
        assert [hit.message_id for hit in store.search.find("流式答案")] == [1]
        store.search.check_index()
        store.conversations.delete(1)
        assert store.search.find("流式答案") == []
        store.search.check_index()
