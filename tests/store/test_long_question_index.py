"""A long question (a whole document sent as text) is queued for the search index, as a finished answer is,
instead of being indexed inside the write that stores it on the window's thread: 100-150 ms of FTS5 indexing
for a 2.6-million-character question (BENCHMARKS.md, "A huge question sent to the demo bot"). Search finds it
all the same, an edit or a deletion leaves the index sound, and the indexer's pass puts it in the index."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from desktop.core.store import Store
from desktop.core.store.long_texts import LONG_TEXT


def _in_index(path: Path, phrase: str) -> set[int]:
    with closing(sqlite3.connect(path)) as conn:
        rows = conn.execute("SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?", (f'"{phrase}"',))
        return {row[0] for row in rows}


def _found(store: Store, query: str) -> set[int]:
    return {hit.message_id for hit in store.search.find(query, limit=10_000)}


def test_a_long_question_is_queued_for_the_index_and_found_meanwhile(db_path: Path) -> None:
    long_text = "一段很长的文档 lorem ipsum。\n" * (LONG_TEXT // 10) + "最后一句 findme"
    with Store.open(db_path) as store:
        conversation = store.conversations.create("bot1")
        short = store.messages.add_question(conversation.id, "短问题 findme")  # at the bound or under: at once
        edge = store.messages.add_question(conversation.id, "边" * LONG_TEXT)
        long = store.messages.add_question(conversation.id, long_text)
        assert store.search.pending() == 1  # before: 0, the question was indexed in the write
        assert _in_index(db_path, "findme") == {short.id} and _in_index(db_path, "边边边") == {edge.id}
        assert _found(store, "findme") == {short.id, long.id}
        assert _found(store, "最后一句") == {long.id}
        gone = store.messages.add_question(conversation.id, "删" * (LONG_TEXT + 1))
        store.messages.delete_ids([gone.id])  # deleted while queued: nothing taken out of the index
        assert store.search.index_pending() == 1
        store.search.check_index()
        assert store.search.pending() == 0 and _in_index(db_path, "最后一句") == {long.id}
        assert _found(store, "findme") == {short.id, long.id} and _found(store, "删删删") == set()
        assert store.messages.get(long.id).content == long_text  # stored whole
