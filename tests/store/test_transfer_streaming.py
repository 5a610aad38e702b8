"""Export and import a message at a time, with progress and cancel (#13 item 7), file names made
from titles (#18 item 3), and the atomic file a writer that needs a file name (the PDF) writes."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from desktop.core.files import atomic_path
from desktop.core.store import NewMessage, Store
from desktop.core.store.transfer import (
    TransferCancelled,
    export_json,
    import_json,
    safe_file_name,
    write_json,
    write_markdown,
)
from tests.store.conftest import sql


def _chats(store: Store, conversations: int, messages: int) -> None:
    for number in range(conversations):
        conversation = store.conversations.create("bot1", title=f"chat {number}")
        store.messages.add_many(
            conversation.id,
            [NewMessage(role="user", type="question", content=f"{number}-{m} 你好") for m in range(messages)],
        )


def _counts(store: Store) -> tuple[int, int]:
    with sql(store) as conn:
        return (
            conn.execute("SELECT count(*) FROM conversations").fetchone()[0],
            conn.execute("SELECT count(*) FROM messages").fetchone()[0],
        )


def test_each_reads_a_conversation_in_batches_in_order(store: Store) -> None:
    _chats(store, 1, 7)
    (cid,) = store.conversations.ids()
    assert [m.content for m in store.messages.each(cid, batch=2)] == [m.content for m in store.messages.all(cid)]
    assert len(list(store.messages.each(cid, batch=7))) == 7


@pytest.mark.parametrize("writer", [write_json, write_markdown])
def test_progress_counts_every_message_once_up_to_the_total(store: Store, writer: object) -> None:
    _chats(store, 3, 5)
    seen: list[tuple[int, int]] = []
    writer(store, io.StringIO(), None, lambda done, total: seen.append((done, total)))  # type: ignore[operator]
    assert seen[0] == (0, 15) and seen[-1] == (15, 15)
    assert [done for done, _ in seen] == list(range(16))


def test_a_cancel_stops_the_export_where_it_is(store: Store) -> None:
    _chats(store, 2, 5)

    def stop_at_three(done: int, _total: int) -> None:
        if done == 3:
            raise TransferCancelled

    out = io.StringIO()
    with pytest.raises(TransferCancelled):
        write_json(store, out, None, stop_at_three)
    assert out.getvalue().count('"role"') == 3


def test_the_streamed_json_is_the_export_document(store: Store) -> None:
    _chats(store, 2, 3)
    out = io.StringIO()
    write_json(store, out)
    assert json.loads(out.getvalue()) == {
        **export_json(store),
        "exported_at": json.loads(out.getvalue())["exported_at"],
    }


def test_a_cancelled_import_changes_nothing(store: Store, tmp_path: Path) -> None:
    with Store.open(tmp_path / "other.sqlite3") as other:
        _chats(other, 4, 3)
        document = export_json(other)
    _chats(store, 1, 2)
    before = _counts(store)

    def stop_at_three(done: int, _total: int) -> None:
        if done == 3:  # three conversations are merged in the transaction by now
            raise TransferCancelled

    with pytest.raises(TransferCancelled):
        import_json(store, document, stop_at_three)
    assert _counts(store) == before
    assert import_json(store, document).conversations_added == 4  # and the store still works


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("写一个 Python 函数", "写一个 Python 函数"),
        ('Q3 计划: "草稿" / v2.', "Q3 计划_ _草稿_ _ v2"),
        ("a\\b|c?d*e<f>g", "a_b_c_d_e_f_g"),
        ("  trailing dots...  ", "trailing dots"),
        ("...hidden", "hidden"),
        ("CON", "_CON"),
        ("nul.txt", "_nul.txt"),
        ("com1", "_com1"),
        ("Console", "Console"),
        ("line\nbreak\ttab", "line break tab"),
        ("exe\u202etxt.exe", "exetxt.exe"),
        ("", "fallback"),
        ("???", "fallback"),
        ("...", "fallback"),
    ],
)
def test_a_title_becomes_a_file_name_every_os_accepts(title: str, expected: str) -> None:
    assert safe_file_name(title, "fallback") == expected


def test_a_long_title_is_cut_to_a_name_that_fits_in_bytes_keeping_whole_characters() -> None:
    name = safe_file_name("长" * 300, "x")
    assert len(name.encode("utf-8")) <= 150 and name == "长" * 50
    emoji = safe_file_name("a" * 148 + "👍🏽", "x")  # the thumb fits (4 bytes would not), never half of it
    assert emoji == "a" * 148
    assert safe_file_name("é" * 200, "x").encode("utf-8").decode("utf-8")  # whole characters only


def test_atomic_path_replaces_the_target_only_when_the_writer_finished(tmp_path: Path) -> None:
    target = tmp_path / "chat.pdf"
    target.write_bytes(b"old")
    with pytest.raises(TransferCancelled), atomic_path(target) as temporary:
        temporary.write_bytes(b"half")
        raise TransferCancelled
    assert target.read_bytes() == b"old" and os.listdir(tmp_path) == ["chat.pdf"]
    with atomic_path(target) as temporary:
        temporary.write_bytes(b"new")
    assert target.read_bytes() == b"new" and os.listdir(tmp_path) == ["chat.pdf"]
    if os.name == "posix":
        assert target.stat().st_mode & 0o777 == 0o600
