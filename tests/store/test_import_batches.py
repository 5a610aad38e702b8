"""A big import writes in bounded batches (#13 item 5): another connection on the same history (an `ask`,
the window streaming an answer) gets the write lock between batches instead of waiting for the whole
import, and an import stopped halfway takes out what it had added."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from desktop.core.store import NewMessage, Store
from desktop.core.store.transfer import TransferCancelled, export_json, import_json
from desktop.core.store.transfer.importer import IMPORT_BATCH
from tests.store.conftest import sql


def _export(folder: Path, conversations: int, messages: int) -> dict[str, Any]:
    folder.mkdir(parents=True, exist_ok=True)
    with Store.open(folder / "source.sqlite3") as source:
        for number in range(conversations):
            conversation = source.conversations.create("bot1", title=f"chat {number}")
            source.messages.add_many(
                conversation.id,
                [NewMessage(role="user", type="question", content=f"{number}-{m} 导入") for m in range(messages)],
            )
        return export_json(source)


def _impatient(path: Path) -> sqlite3.Connection:
    """A second connection that does not wait at all for the write lock."""
    conn = sqlite3.connect(path, isolation_level=None, timeout=0)
    conn.execute("PRAGMA busy_timeout = 0")
    return conn


def test_another_writer_gets_in_between_the_batches_of_a_big_import(
    store: Store, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = _export(tmp_path, conversations=3, messages=IMPORT_BATCH * 2 + 7)
    other = _impatient(db_path)
    got_in: list[int] = []
    conversation = store.conversations.create("bot1", title="being asked in meanwhile")

    def concurrent_write() -> None:
        # What `ask` does at that moment, from its own connection: fails at once if the lock is held.
        other.execute("BEGIN IMMEDIATE")
        other.execute("UPDATE conversations SET title = ? WHERE id = ?", (f"written {len(got_in)}", conversation.id))
        other.execute("COMMIT")
        got_in.append(1)

    real_insert = store.messages.insert_many

    def insert_then_let_the_other_write(conversation_id: int, messages: Any) -> list[int]:
        concurrent_write()
        return real_insert(conversation_id, messages)

    monkeypatch.setattr(store.messages, "insert_many", insert_then_let_the_other_write)
    try:
        result = import_json(store, document, lambda _done, _total: concurrent_write())
    finally:
        other.close()
    assert (result.conversations_added, result.messages_added) == (3, 3 * (IMPORT_BATCH * 2 + 7))
    assert len(got_in) == 3 * 3 + 4  # before every batch and after every conversation (and at the start)


def test_an_import_cancelled_halfway_takes_out_what_it_merged(store: Store, tmp_path: Path) -> None:
    document = _export(tmp_path, conversations=4, messages=IMPORT_BATCH + 3)
    assert import_json(store, document).conversations_added == 4
    first = store.conversations.page(10, 0)[-1]
    with sql(store) as conn:
        conn.execute("DELETE FROM messages WHERE conversation_id = ? AND id % 2 = 0", (first.id,))
        before = conn.execute("SELECT count(*) FROM messages").fetchone()[0]
    extra = _export(tmp_path / "more", conversations=2, messages=5)
    for number, conversation in enumerate(extra["conversations"]):
        conversation["id"] = 100 + number
    combined = {**document, "conversations": [*document["conversations"], *extra["conversations"]]}

    def stop_late(done: int, _total: int) -> None:
        if done == 5:  # the old conversations merged again, one new one added
            raise TransferCancelled

    with pytest.raises(TransferCancelled):
        import_json(store, combined, stop_late, batch=50)
    with sql(store) as conn:
        assert conn.execute("SELECT count(*) FROM messages").fetchone()[0] == before
        assert conn.execute("SELECT count(*) FROM conversations").fetchone()[0] == 4
        kept = conn.execute("SELECT content FROM messages WHERE conversation_id = ? LIMIT 1", (first.id,)).fetchone()[0]
        gone = conn.execute("SELECT count(*) FROM messages WHERE conversation_id = ?", (first.id,)).fetchone()[0]
    assert gone < IMPORT_BATCH + 3  # the messages it had merged back are out again
    assert [hit.conversation_id for hit in store.search.find(kept)] == [first.id]  # and the index agrees
