from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop.core.store import AnswerBuffer, MessageError, Store
from desktop.core.store.db import open_database
from desktop.core.store.models import DiskFullError
from tests.store.conftest import FakeClock


class Ticker:
    """The buffer's time source, moved by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def ticker() -> Ticker:
    return Ticker()


@pytest.fixture
def connection(db_path: Path) -> sqlite3.Connection:
    """The store's connection, opened by the test itself so that it can watch the SQL run on it."""
    conn, _ = open_database(db_path)
    return conn


@pytest.fixture
def store(connection: sqlite3.Connection, db_path: Path, clock: FakeClock) -> Iterator[Store]:
    with Store(connection, db_path, clock=clock) as opened:
        yield opened


@pytest.fixture
def commits(connection: sqlite3.Connection) -> Iterator[list[str]]:
    """Every COMMIT the store's connection runs while the test body runs."""
    seen: list[str] = []
    connection.set_trace_callback(lambda sql: seen.append(sql) if sql.strip().upper() == "COMMIT" else None)
    yield seen
    connection.set_trace_callback(None)


def _answer(store: Store, message_id: int) -> tuple[str, str, str]:
    message = store.messages.get(message_id)
    assert message is not None
    return message.content, message.reasoning_content, message.status


def test_deltas_are_written_in_timed_batches(store: Store, ticker: Ticker, commits: list[str]) -> None:
    conversation = store.conversations.create("bot1")
    buffer = AnswerBuffer(store, conversation.id, coze_chat_id="chat1", interval=0.3, clock=ticker)
    commits.clear()
    message_id = buffer.append("m1", "你")  # creates the row: one commit
    assert len(commits) == 1
    for piece in "好，世界":
        ticker.now += 0.01
        buffer.append("m1", piece)
    assert len(commits) == 1, "no commit per delta"
    assert _answer(store, message_id) == ("", "", "streaming")
    assert buffer.content("m1") == "你好，世界"
    ticker.now += 0.3
    buffer.append("m1", "！")  # due: everything so far goes out in one transaction
    assert len(commits) == 2 and buffer.flush_count == 1
    assert _answer(store, message_id) == ("你好，世界！", "", "streaming")
    assert not buffer.flush_if_due()  # nothing new
    buffer.append("m1", "…")
    assert not buffer.flush_if_due()  # not due yet
    assert buffer.flush_if_due(ticker.now + 0.3)
    assert _answer(store, message_id)[0] == "你好，世界！…"
    message = store.messages.get(message_id)
    assert message is not None and message.coze_chat_id == "chat1" and message.coze_message_id == "m1"


def test_several_messages_reasoning_and_finish(store: Store, ticker: Ticker, commits: list[str]) -> None:
    conversation = store.conversations.create("bot1")
    store.messages.add_question(conversation.id, "问题")
    buffer = AnswerBuffer(store, conversation.id, clock=ticker)
    buffer.append("v1", '{"x": 1}', type="verbose")
    buffer.append("a1", "", "先想")
    buffer.append("a1", "答案一", "一想")
    buffer.append("a2", "答案二")
    created = len(commits)
    ticker.now += 1
    buffer.flush_if_due()
    assert len(commits) == created + 1, "one transaction for all dirty messages"
    buffer.append("a2", "，续")
    buffer.finish("complete", usage=(10, 20))
    ids = buffer.message_ids
    assert list(ids) == ["v1", "a1", "a2"]
    assert _answer(store, ids["a1"]) == ("答案一", "先想一想", "complete")
    assert _answer(store, ids["a2"]) == ("答案二，续", "", "complete")
    assert _answer(store, ids["v1"])[2] == "complete"
    usage = [(m.input_tokens, m.output_tokens) for m in store.messages.page(conversation.id)]
    assert usage == [(None, None), (None, None), (None, None), (10, 20)]  # the last answer gets it
    assert buffer.finished
    with pytest.raises(RuntimeError):
        buffer.append("a3", "late")
    buffer.finish("failed")  # a second finish changes nothing
    assert _answer(store, ids["a2"])[2] == "complete"


def test_finish_with_error_marks_every_open_message(store: Store, ticker: Ticker) -> None:
    conversation = store.conversations.create("bot1")
    buffer = AnswerBuffer(store, conversation.id, clock=ticker)
    buffer.append("a1", "first, complete")
    buffer.complete_message("a1", "first, complete (final text)")
    buffer.append("a2", "second, cut")
    buffer.finish("failed", error=(5000, "server error", "logid-9"))
    first = store.messages.get(buffer.message_ids["a1"])
    second = store.messages.get(buffer.message_ids["a2"])
    assert first is not None and second is not None
    assert (first.content, first.status, first.error) == ("first, complete (final text)", "complete", None)
    assert (second.content, second.status) == ("second, cut", "failed")
    assert second.error == MessageError(5000, "server error", "logid-9")


def test_failure_before_any_delta_leaves_a_failed_answer(store: Store, ticker: Ticker) -> None:
    conversation = store.conversations.create("bot1")
    store.messages.add_question(conversation.id, "问题")
    buffer = AnswerBuffer(store, conversation.id, coze_chat_id="c1", clock=ticker)
    buffer.finish("failed", error=(4100, "token expired", "log-1"))
    messages = store.messages.page(conversation.id)
    assert [(m.role, m.status) for m in messages] == [("user", "complete"), ("assistant", "failed")]
    assert messages[1].error == MessageError(4100, "token expired", "log-1")


def test_cancel_keeps_partial_text_and_complete_with_nothing_adds_nothing(store: Store, ticker: Ticker) -> None:
    conversation = store.conversations.create("bot1")
    buffer = AnswerBuffer(store, conversation.id, clock=ticker)
    message_id = buffer.append("a1", "partial")
    buffer.finish("cancelled")
    assert _answer(store, message_id) == ("partial", "", "cancelled")
    empty = AnswerBuffer(store, conversation.id, clock=ticker)
    empty.finish("complete")
    assert store.messages.count(conversation.id) == 1
    with pytest.raises(ValueError, match="status"):
        AnswerBuffer(store, conversation.id, clock=ticker).finish("streaming")


def test_set_chat_id_and_complete_unknown_message(store: Store, ticker: Ticker) -> None:
    conversation = store.conversations.create("bot1")
    buffer = AnswerBuffer(store, conversation.id, clock=ticker)
    first = buffer.append("a1", "x")
    buffer.set_chat_id("chat-7")
    buffer.complete_message("f1", "你还想知道什么？")  # completed without deltas (e.g. a follow-up)
    buffer.flush()
    message = store.messages.get(first)
    assert message is not None and message.coze_chat_id == "chat-7"
    follow = store.messages.get(buffer.message_ids["f1"])
    assert follow is not None and (follow.content, follow.status, follow.coze_chat_id) == (
        "你还想知道什么？",
        "complete",
        "chat-7",
    )


def test_saving_a_huge_answer_takes_a_bounded_share_of_the_time(
    store: Store, ticker: Ticker, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A save rewrites the whole text, so it takes longer as the answer grows (here 0.1 µs per character,
    on the buffer's clock). Deltas keep coming every millisecond: saving must not end up at every delta
    (quadratic), but take a bounded share of the time however long the answer gets."""
    conversation = store.conversations.create("bot1")
    buffer = AnswerBuffer(store, conversation.id, interval=0.3, clock=ticker)
    real_update = store.messages.update
    saving = [0.0]

    def slow_update(message_id: int, **fields: Any) -> None:
        cost = len(fields.get("content") or "") * 1e-7
        ticker.now += cost
        saving[0] += cost
        real_update(message_id, **fields)

    monkeypatch.setattr(store.messages, "update", slow_update)
    start = ticker.now
    delta = "数据" * 500  # 1,000 characters
    for _ in range(4_000):  # a 4 million character answer
        ticker.now += 0.001
        buffer.append("m1", delta)
    elapsed = ticker.now - start
    assert saving[0] / elapsed < 0.25, f"saving took {saving[0]:.1f} s of {elapsed:.1f} s while streaming"
    assert buffer.flush_count < 60
    buffer.finish("complete")  # and one last save of the whole text
    assert buffer.content("m1") == delta * 4_000
    stored = store.messages.get(buffer.message_ids["m1"])
    assert stored is not None and stored.content == delta * 4_000


def _fill_up(connection: sqlite3.Connection) -> int:
    """Let the database grow by a few pages at most, as a full disk would; returns the old limit."""
    limit = int(connection.execute("PRAGMA max_page_count").fetchone()[0])
    pages = int(connection.execute("PRAGMA page_count").fetchone()[0])
    connection.execute(f"PRAGMA max_page_count = {pages + 2}")
    return limit


def test_a_full_disk_never_reports_an_answer_saved_and_loses_nothing_once_space_returns(
    store: Store, connection: sqlite3.Connection, ticker: Ticker
) -> None:
    conversation = store.conversations.create("bot1")
    buffer = AnswerBuffer(store, conversation.id, interval=0.3, clock=ticker)
    message_id = buffer.append("m1", "开头。")
    limit = _fill_up(connection)
    big = "满" * 200_000  # far more than two pages
    ticker.now += 1
    buffer.append("m1", big)  # due: the flush fails, the delta is kept in memory, streaming goes on
    assert buffer.save_problem is not None and "disk full" in str(buffer.save_problem)
    ticker.now += 1
    buffer.append("m1", "结尾。")
    with pytest.raises(DiskFullError, match="disk full"):  # the real error, not "no such savepoint"
        buffer.finish("complete")
    assert not buffer.finished and buffer.unsaved
    assert _answer(store, message_id) == ("", "", "streaming")  # never claimed complete with lost text
    assert buffer.texts() == {"m1": "开头。" + big + "结尾。"}
    connection.execute(f"PRAGMA max_page_count = {limit}")  # space returns
    buffer.finish("complete")
    assert buffer.finished and not buffer.unsaved and buffer.save_problem is None
    assert _answer(store, message_id) == ("开头。" + big + "结尾。", "", "complete")


def test_a_full_disk_when_a_completed_message_is_written_keeps_it_to_write_again(
    store: Store, connection: sqlite3.Connection, ticker: Ticker
) -> None:
    conversation = store.conversations.create("bot1")
    buffer = AnswerBuffer(store, conversation.id, interval=0.3, clock=ticker)
    message_id = buffer.append("m1", "部分")
    limit = _fill_up(connection)
    buffer.complete_message("m1", "完整的答案" * 50_000)  # held for the end: nothing written yet
    with pytest.raises(DiskFullError):
        buffer.flush()
    assert buffer.unsaved and _answer(store, message_id) == ("", "", "streaming")
    ticker.now += 1
    assert not buffer.flush_if_due()  # still full: kept
    connection.execute(f"PRAGMA max_page_count = {limit}")
    buffer.finish("complete")
    assert _answer(store, message_id) == ("完整的答案" * 50_000, "", "complete")


@pytest.fixture
def updates(connection: sqlite3.Connection) -> Iterator[list[str]]:
    """Every `Messages.update` the store's connection runs while the test body runs (each rewrites the row)."""
    seen: list[str] = []

    def trace(sql: str) -> None:  # (a statement is traced again for each trigger step it runs)
        is_update = sql.startswith("UPDATE messages SET") and sql.endswith("RETURNING status, conversation_id")
        if is_update and (not seen or seen[-1] != sql):
            seen.append(sql)

    connection.set_trace_callback(trace)
    yield seen
    connection.set_trace_callback(None)


def test_a_completed_answer_is_written_once_with_the_chats_end(
    store: Store, ticker: Ticker, updates: list[str]
) -> None:
    """SQLite rewrites a whole row for any column: the final text, its status and the usage go in one UPDATE."""
    conversation = store.conversations.create("bot1")
    buffer = AnswerBuffer(store, conversation.id, clock=ticker)
    message_id = buffer.append("m1", "答案" * 1000)
    ticker.now += 1
    buffer.append("m1", "，结尾")  # a progressive save
    assert len(updates) == 1
    buffer.append("m1", "。")
    buffer.complete_message("m1", "答案" * 1000 + "，结尾。")
    assert len(updates) == 1  # held for the end
    buffer.finish("complete", usage=(12, 3400), debug_url="https://www.coze.cn/work_flow?execute_id=1")
    assert len(updates) == 2
    answer = store.messages.get(message_id)
    assert answer is not None
    assert (answer.content, answer.status, answer.input_tokens, answer.output_tokens, answer.debug_url) == (
        "答案" * 1000 + "，结尾。",
        "complete",
        12,
        3400,
        "https://www.coze.cn/work_flow?execute_id=1",
    )


def test_usage_goes_to_the_last_answer_and_each_row_is_written_once(
    store: Store, ticker: Ticker, updates: list[str]
) -> None:
    conversation = store.conversations.create("bot1")
    buffer = AnswerBuffer(store, conversation.id, clock=ticker)
    first = buffer.append("m1", "第一")
    buffer.complete_message("m1", "第一个")
    buffer.complete_message("m2", "第二个")  # came whole: its row is created, its final write held
    buffer.append("v1", "verbose", type="verbose")
    buffer.finish("complete", usage=(5, 6))
    assert len(updates) == 3  # one per row
    second = store.messages.get(buffer.message_ids["m2"])
    stored_first = store.messages.get(first)
    assert second is not None and stored_first is not None
    assert (second.content, second.status, second.output_tokens) == ("第二个", "complete", 6)
    assert (stored_first.content, stored_first.status, stored_first.output_tokens) == ("第一个", "complete", None)


def test_a_completed_answer_whose_end_is_late_is_written_at_the_next_due_flush(
    store: Store, ticker: Ticker, updates: list[str]
) -> None:
    """A crash before the end loses no more than while the answer streamed: what came since the last flush."""
    conversation = store.conversations.create("bot1")
    buffer = AnswerBuffer(store, conversation.id, interval=0.3, clock=ticker)
    message_id = buffer.append("m1", "部分")
    buffer.complete_message("m1", "完整的答案")
    assert buffer.held_final(message_id) == ("完整的答案", "")
    ticker.now += 0.1
    assert not buffer.flush_if_due() and updates == []
    ticker.now += 0.2
    assert buffer.flush_if_due()
    assert _answer(store, message_id) == ("完整的答案", "", "complete")
    assert buffer.held_final(message_id) is None
    buffer.finish("complete", usage=(1, 2))
    assert len(updates) == 2  # the end writes only the usage
    stored = store.messages.get(message_id)
    assert stored is not None and (stored.status, stored.output_tokens) == ("complete", 2)


def test_a_failed_end_leaves_a_completed_answer_complete_and_the_cut_one_failed(
    store: Store, ticker: Ticker, updates: list[str]
) -> None:
    conversation = store.conversations.create("bot1")
    buffer = AnswerBuffer(store, conversation.id, clock=ticker)
    buffer.append("a1", "第一")
    buffer.complete_message("a1", "第一个答案")
    buffer.append("a2", "第二")
    buffer.finish("failed", error=(5000, "server error", "logid-9"))
    first = store.messages.get(buffer.message_ids["a1"])
    second = store.messages.get(buffer.message_ids["a2"])
    assert first is not None and second is not None
    assert (first.content, first.status, first.error) == ("第一个答案", "complete", None)
    assert (second.content, second.status) == ("第二", "failed")
    assert second.error == MessageError(5000, "server error", "logid-9")
    assert len(updates) == 2
