"""The search index agrees with the text: after any sequence of writes, search finds exactly the
messages a plain scan of their text finds (migration 5 fixed an update that lost shared trigrams)."""

from __future__ import annotations

import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from desktop.core.store import Store
from desktop.core.store import search as search_module
from desktop.core.store.db import open_database
from desktop.core.store.migrations import migrate
from desktop.core.vocabulary import MessageStatus

# A tiny alphabet, so that texts share many trigrams (the case that used to break).
TEXT = st.text(alphabet="ab猫狗 ", min_size=0, max_size=12)
OPS = st.lists(
    st.one_of(
        st.tuples(st.just("ask"), TEXT),
        st.tuples(st.just("stream"), TEXT),  # a new answer, saved while it streams
        st.tuples(st.just("grow"), TEXT),  # the newest streaming answer gets more text
        st.tuples(st.just("complete"), st.one_of(st.none(), TEXT)),  # it finishes (its final text)
        st.tuples(st.just("fail"), st.none()),
        st.tuples(st.just("edit"), TEXT),  # a finished message changes (regenerate, edit, sync)
        st.tuples(st.just("delete"), st.none()),  # a whole conversation goes
        st.tuples(st.just("new"), st.none()),  # a new conversation
        st.tuples(st.just("rework"), st.one_of(st.none(), TEXT)),  # regenerate (None) or edit the question
        st.tuples(st.just("index"), st.none()),  # the window's worker indexes the finished answers queued
    ),
    max_size=25,
)
QUERIES = ["猫狗", "狗猫", "ab", "a", "猫", "aba", "bab", "猫猫狗", "a猫", "b 狗", "abab", "狗 a"]


def _apply(store: Store, ops: list[tuple[str, str | None]]) -> None:
    conversations = [store.conversations.create("bot1").id]
    streaming: list[int] = []
    finished: list[int] = []
    for op, text in ops:
        if op == "new":
            conversations.append(store.conversations.create("bot1").id)
        elif op == "ask" and text is not None:
            finished.append(store.messages.add_question(conversations[-1], text).id)
        elif op == "stream" and text is not None:
            answer = store.messages.start_answer(conversations[-1])
            store.messages.update(answer.id, content=text)
            streaming.append(answer.id)
        elif op == "grow" and text is not None and streaming:
            current = store.messages.get(streaming[-1])
            assert current is not None
            store.messages.update(streaming[-1], content=current.content + text)
        elif op == "complete" and streaming:
            answer_id = streaming.pop()
            store.messages.update(answer_id, content=text, status=MessageStatus.COMPLETE)
            finished.append(answer_id)
        elif op == "fail" and streaming:
            answer_id = streaming.pop()
            store.messages.update(answer_id, status=MessageStatus.FAILED, error=(5000, "boom", None))
            finished.append(answer_id)
        elif op == "edit" and text is not None and finished:
            store.messages.update(finished[-1], content=text)
        elif op == "rework" and finished:
            turn = store.versions.turn(finished[-1])
            if turn is not None and turn.answers and not any(a.id in streaming for a in turn.answers):
                # The answers become an earlier version; the first answer's row streams the new one.
                streaming.append(store.versions.rework(turn, None if text is None else (text, "text")))
        elif op == "index":
            store.search.index_pending()
        elif op == "delete" and len(conversations) > 1:
            store.conversations.delete(conversations.pop(0))
        finished[:] = [m for m in finished if store.messages.get(m) is not None]
        streaming[:] = [m for m in streaming if store.messages.get(m) is not None]


def _scan(path: Path, query: str) -> set[int]:
    """What search should find: every message that is not streaming and contains `query`."""
    with closing(sqlite3.connect(path)) as conn:
        rows = conn.execute("SELECT id, content FROM messages WHERE status != 'streaming'").fetchall()
    return {row[0] for row in rows if query in row[1]}


def _pieces_of_every_text(path: Path) -> list[str]:
    """Every 1-4 character piece of every stored text (streaming ones too: they must not be found)."""
    with closing(sqlite3.connect(path)) as conn:
        texts = [row[0] for row in conn.execute("SELECT content FROM messages")]
    pieces = {text[i : i + n] for text in texts for n in (1, 2, 3, 4) for i in range(len(text) - n + 1)}
    return sorted(piece for piece in pieces if piece and piece == piece.strip())  # search trims a query


def _found(store: Store, query: str) -> set[int]:
    return {hit.message_id for hit in store.search.find(query, limit=10_000)}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=OPS)
@example(ops=[("stream", "猫狗猫"), ("complete", None), ("edit", "猫狗猫狗")])
@example(ops=[("ask", "猫狗"), ("stream", "猫狗猫"), ("complete", None), ("rework", "狗猫"), ("complete", "猫狗猫狗")])
@example(ops=[("stream", "猫狗猫"), ("complete", None), ("edit", "狗猫狗"), ("index", None), ("edit", "猫狗")])
@example(ops=[("stream", "猫狗猫"), ("complete", None), ("rework", None), ("grow", "a"), ("complete", None)])
def test_search_finds_exactly_what_a_scan_finds(ops: list[tuple[str, str | None]]) -> None:
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        # 1-2 character queries through the index vocabulary, not the scan of recent messages
        patch.setattr(search_module, "QUICK_SCAN_ROWS", 0)
        path = Path(folder) / "history.sqlite3"
        with Store.open(path) as store:
            _apply(store, ops)
            store.search.check_index()
            for query in QUERIES + _pieces_of_every_text(path):
                assert _found(store, query) == _scan(path, query), (query, ops)
            store.search.index_pending()  # and once the queue is indexed, the index alone finds them
            assert store.search.pending() == 0
            store.search.check_index()
            for query in QUERIES + _pieces_of_every_text(path):
                assert _found(store, query) == _scan(path, query), (query, ops)


def test_an_answer_edited_after_streaming_stays_findable(store: Store) -> None:
    """The case the adversarial run found: an update of a finished answer lost the trigrams that its
    old and new text share."""
    conversation = store.conversations.create("bot1")
    answer = store.messages.start_answer(conversation.id)
    store.messages.update(answer.id, content="猫狗猫狗", status=MessageStatus.COMPLETE)
    store.messages.update(answer.id, content="猫狗猫狗猫")
    assert _found(store, "猫狗猫") == {answer.id}
    assert _found(store, "狗猫狗") == {answer.id}


def _restart_rebuild(path: Path) -> None:
    """Empty the index and ask for a rebuild, as migration 5 does."""
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.execute("INSERT INTO messages_fts(messages_fts) VALUES ('delete-all')")
        conn.execute("INSERT INTO search_rebuild (id, done, high_water) SELECT 1, 0, max(id) FROM messages")


def test_migration_5_rebuilds_an_index_the_old_triggers_damaged(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    with closing(sqlite3.connect(db_path, isolation_level=None)) as conn:
        migrate(conn, target=4)
        conn.execute("INSERT INTO conversations (id, bot_id, created_at, updated_at) VALUES (1, 'b', 1, 1)")
        conn.executemany(
            "INSERT INTO messages (conversation_id, role, type, content, status, created_at, updated_at)"
            " VALUES (1, 'assistant', 'answer', ?, 'complete', 1, 1)",
            [(f"第{i}个答案 shared text",) for i in range(1200)],
        )
        conn.execute("UPDATE messages SET content = content || ' more' WHERE id % 2 = 0")  # the v4 bug
        conn.execute(
            "INSERT INTO messages (conversation_id, role, type, content, status, created_at, updated_at)"
            " VALUES (1, 'assistant', 'answer', '还在流式', 'streaming', 1, 1)"
        )
        assert (
            len(conn.execute("SELECT rowid FROM messages_fts WHERE messages_fts MATCH 'shared text'").fetchall()) < 1200
        )
    with Store.open(db_path, recover_streaming=False) as store:
        assert store.search.rebuild_progress() is None  # Store.open finished it
        assert (
            _found(store, "shared text") == _scan(db_path, "shared text") and len(_scan(db_path, "shared text")) == 1200
        )
        assert _found(store, "text more") == _scan(db_path, "text more") and len(_scan(db_path, "text more")) == 600
        assert _found(store, "还在流式") == set()  # a streaming answer is indexed when it ends
        store.search.check_index()
        assert store.search.rebuild_index() is False


def test_the_rebuild_goes_in_batches_and_writers_get_in_between(db_path: Path) -> None:
    with Store.open(db_path) as store:
        conversation = store.conversations.create("bot1")
        for i in range(50):
            store.messages.add_question(conversation.id, f"问题 {i} 猫")
    _restart_rebuild(db_path)
    progress: list[tuple[int, int]] = []
    # Another process, as plain SQL (a Store would finish the rebuild as it opens).
    with closing(sqlite3.connect(db_path, isolation_level=None)) as other:

        def between_batches(done: int, total: int) -> None:
            progress.append((done, total))
            # another writer takes the write lock between two batches, inside and outside the done range
            other.execute(
                "INSERT INTO messages (conversation_id, role, type, content, status, created_at, updated_at)"
                f" VALUES ({conversation.id}, 'user', 'question', '写在重建中间 {done}', 'complete', 1, 1)"
            )
            other.execute("UPDATE messages SET content = '改过的 猫' || id WHERE id IN (?, ?)", (done, total))

        conn, _ = open_database(db_path)  # opened without Store.open, so the rebuild is still to do
        with Store(conn, db_path) as store:
            assert store.search.rebuild_index(batch=10, on_progress=between_batches)
            assert progress[-1][0] == progress[-1][1] == 50 and len(progress) == 5
            store.search.check_index()
            for query in ("猫", "改过的", "重建中间", "问题"):
                assert _found(store, query) == _scan(db_path, query) != set()


def _in_index(path: Path, phrase: str) -> set[int]:
    """What the index itself holds for a 3+ character phrase (not what search finds through the queue)."""
    with closing(sqlite3.connect(path)) as conn:
        rows = conn.execute("SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?", (f'"{phrase}"',))
        return {row[0] for row in rows}


def test_an_answer_that_completes_is_queued_not_indexed_in_the_same_write(db_path: Path) -> None:
    """The write that ends a stream (on the window's thread) leaves indexing to a later one (#21); search
    finds the answer all the same, and after a restart that did not index it yet."""
    with Store.open(db_path) as store:
        conversation = store.conversations.create("bot1")
        answer = store.messages.start_answer(conversation.id)
        store.messages.update(answer.id, content="一个很长的答案 Searchable", status=MessageStatus.STREAMING)
        store.messages.update(answer.id, status=MessageStatus.COMPLETE)
        assert store.search.pending() == 1
        assert _in_index(db_path, "很长的") == set()
        assert _found(store, "很长的") == {answer.id}
        assert _found(store, "searchable") == {answer.id}  # case folded as the index folds it
        assert _found(store, "长") == {answer.id}
    # The process quit before indexing it (or crashed): the queue is on disk with the answer.
    with Store.open(db_path) as store:
        assert store.search.pending() == 1
        assert _found(store, "很长的") == {answer.id}
        assert store.search.index_pending() == 1
        assert store.search.pending() == 0 and store.search.index_pending() == 0
        store.search.check_index()
        assert _in_index(db_path, "很长的") == {answer.id}
        assert _found(store, "很长的") == {answer.id}


def test_a_queued_answer_edited_or_deleted_leaves_the_index_sound(db_path: Path) -> None:
    with Store.open(db_path) as store:
        conversation = store.conversations.create("bot1")
        first = store.messages.start_answer(conversation.id)
        store.messages.update(first.id, content="旧的文字 old", status=MessageStatus.COMPLETE)
        store.messages.update(first.id, content="新的文字 new")  # still queued: nothing taken out of the index
        second = store.messages.start_answer(conversation.id)
        store.messages.update(second.id, content="被删掉的", status=MessageStatus.COMPLETE)
        store.messages.delete_ids([second.id])
        assert store.search.pending() == 1
        store.search.check_index()
        assert store.search.index_pending() == 1
        store.search.check_index()
        assert _in_index(db_path, "新的文") == {first.id} and _in_index(db_path, "旧的文") == set()
        assert _found(store, "被删掉") == set()
