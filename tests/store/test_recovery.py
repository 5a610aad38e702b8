"""Damaged files, killed processes and concurrent writers: nothing is lost, nothing is locked out."""

from __future__ import annotations

import re
import sqlite3
import subprocess
from pathlib import Path

import pytest

from desktop.core.store import Store, StoreError
from desktop.core.store import db as db_module

from .conftest import PYTHON, child_env, sql

CORRUPT_NAME = re.compile(r"^history\.sqlite3\.corrupt-\d{8}-\d{6}(-\d+)?$")


def _fill(path: Path, messages: int = 50) -> None:
    with Store.open(path) as store:
        conversation = store.conversations.create("bot1", title="to be damaged")
        for i in range(messages):
            store.messages.add_question(conversation.id, f"message {i} " + "内容" * 200)


def _corrupt_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if CORRUPT_NAME.match(p.name))


def test_garbage_file_is_moved_aside_and_kept(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    garbage = b"this is not a database at all \x00\xff" * 100
    db_path.write_bytes(garbage)
    (db_path.parent / "history.sqlite3-wal").write_bytes(b"stale wal")
    with Store.open(db_path) as store:
        assert store.recovered_from is not None
        assert CORRUPT_NAME.match(store.recovered_from.name)
        assert store.recovered_from.read_bytes() == garbage  # the user's file, untouched
        assert Path(str(store.recovered_from) + "-wal").read_bytes() == b"stale wal"
        conversation = store.conversations.create("bot1")  # a working, empty store
        store.messages.add_question(conversation.id, "fresh start")
        assert store.conversations.count() == 1
    with Store.open(db_path) as again:
        assert again.recovered_from is None and again.conversations.count() == 1


def test_damaged_pages_are_detected(db_path: Path) -> None:
    _fill(db_path)
    data = bytearray(db_path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    assert len(data) > 6 * page_size
    data[page_size : 6 * page_size] = b"\xa5" * (5 * page_size)  # header page intact, tables shredded
    db_path.write_bytes(bytes(data))
    with Store.open(db_path, integrity_check=True) as store:
        assert store.recovered_from is not None and store.recovered_from.exists()
        assert store.recovered_from.read_bytes() == bytes(data)
        assert store.conversations.count() == 0
    assert len(_corrupt_files(db_path.parent)) == 1


def test_two_recoveries_in_one_second_do_not_collide(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(db_module, "_timestamp", lambda: "20250101-120000")
    db_path.parent.mkdir(parents=True)
    for content in (b"garbage one", b"garbage two"):
        db_path.unlink(missing_ok=True)
        db_path.write_bytes(content)
        Store.open(db_path).close()
    names = [p.name for p in _corrupt_files(db_path.parent)]
    assert names == ["history.sqlite3.corrupt-20250101-120000", "history.sqlite3.corrupt-20250101-120000-1"]


def test_empty_file_is_a_new_database_not_corruption(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"")
    with Store.open(db_path) as store:
        assert store.recovered_from is None
        assert store.check_integrity() == []


def test_other_errors_are_reported_not_recovered(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fill(db_path, messages=1)

    def locked(path: Path) -> sqlite3.Connection:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(db_module, "connect", locked)
    with pytest.raises(StoreError, match="locked"):
        Store.open(db_path)
    assert not _corrupt_files(db_path.parent)


CRASHING_WRITER = """
import sys
from desktop.core.store import AnswerBuffer, Store

store = Store.open(sys.argv[1])
conversation = store.conversations.create("bot1")
store.messages.add_question(conversation.id, "请解释机器学习")
now = [0.0]
buffer = AnswerBuffer(store, conversation.id, coze_chat_id="chat1", clock=lambda: now[0])
buffer.append("msg1", "机器学习是", "先想一想")
now[0] = 1.0
buffer.append("msg1", "人工智能的一个分支。")  # due: flushed to disk
buffer.append("msg1", "这一句还在内存里")  # not due: only in memory when the kill comes
print(conversation.id, flush=True)
sys.stdin.read()  # stream "stalls" here until the parent kills the process
"""


def test_killed_mid_stream_keeps_question_and_partial_answer(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    with subprocess.Popen(
        [PYTHON, "-c", CRASHING_WRITER, str(db_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=child_env(),
        text=True,
    ) as child:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.strip().isdigit(), line
        child.kill()  # SIGKILL on POSIX: no cleanup, no final flush
        child.wait(timeout=30)
    conversation_id = int(line)
    with Store.open(db_path) as store:
        assert store.recovered_streaming == 1
        with sql(store) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        question, answer = store.messages.page(conversation_id)
        assert (question.role, question.content, question.status) == ("user", "请解释机器学习", "complete")
        assert answer.content == "机器学习是人工智能的一个分支。"
        assert answer.reasoning_content == "先想一想"
        assert (answer.status, answer.coze_message_id, answer.coze_chat_id) == ("interrupted", "msg1", "chat1")
        assert [h.message_id for h in store.search.find("人工智能")] == [answer.id]
    with Store.open(db_path) as again:
        assert again.recovered_streaming == 0


CONCURRENT_WRITER = """
import sys
from desktop.core.store import Store

path, shared, name = sys.argv[1], int(sys.argv[2]), sys.argv[3]
with Store.open(path) as store:
    print("ready", flush=True)
    sys.stdin.readline()  # start together
    own = store.conversations.create("bot1", title=name)
    for i in range(150):
        store.messages.add_question(shared, f"{name} shared {i}")
        store.messages.add_question(own.id, f"{name} own {i}")
        if i % 10 == 0:
            with store.transaction():
                answer = store.messages.start_answer(shared)
                store.messages.update(answer.id, content=f"{name} batch {i}", status="complete")
    print(own.id, flush=True)
"""


def test_concurrent_writers_are_not_locked_out(db_path: Path) -> None:
    with Store.open(db_path) as store:
        shared = store.conversations.create("bot1", title="shared").id
    children = [
        subprocess.Popen(
            [PYTHON, "-c", CONCURRENT_WRITER, str(db_path), str(shared), name],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=child_env(),
            text=True,
        )
        for name in ("alpha", "beta")
    ]
    try:
        for child in children:
            assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        for child in children:
            assert child.stdin is not None
            child.stdin.write("go\n")
            child.stdin.flush()
        with Store.open(db_path) as parent:  # and a third writer in this process
            for i in range(100):
                parent.messages.add_question(shared, f"parent {i}")
        results = [child.communicate(timeout=60) for child in children]
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
                child.communicate()
    for child, (_out, err) in zip(children, results, strict=True):
        assert child.returncode == 0, err
        assert "locked" not in err
    with Store.open(db_path) as store:
        assert store.messages.count(shared) == 2 * (150 + 15) + 100
        for out, _ in results:
            assert store.messages.count(int(out.strip())) == 150
        with sql(store) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert len(store.search.find("alpha shared")) == 50


def test_opening_and_reading_need_no_write_lock(db_path: Path) -> None:
    """A long write by another process (an import) must not keep the window or a read-only verb from
    opening the history: an up-to-date database is opened without BEGIN IMMEDIATE."""
    with Store.open(db_path) as store:
        conversation = store.conversations.create("bot1", title="已经在这里")
        store.messages.add_question(conversation.id, "已经在这里的问题")
    writer = sqlite3.connect(db_path, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")  # holds the write lock for the whole test
        writer.execute("INSERT INTO bots (bot_id, updated_at) VALUES ('busy', 1)")
        with Store.open(db_path, recover_streaming=False) as reader:
            found = reader.conversations.get(conversation.id)
            assert found is not None and found.title == "已经在这里"
            assert reader.search.find("已经在") != []
    finally:
        writer.execute("ROLLBACK")
        writer.close()
