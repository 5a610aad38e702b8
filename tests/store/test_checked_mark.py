"""`PRAGMA quick_check` at open is skipped only when the history is exactly as a clean close left it after
a check (desktop/core/store/checked.py, #21); a crash, another writer, a changed file or an old check
still mean a check, and damage is still found and the file moved aside."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from desktop.core.store import Store, db
from desktop.core.store.checked import RECHECK_AFTER, mark_path


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every file the real quick_check ran on."""
    seen: list[Path] = []
    real = db.check_integrity

    def recording(conn: sqlite3.Connection) -> None:
        seen.append(Path(conn.execute("PRAGMA database_list").fetchone()[2]))
        real(conn)

    monkeypatch.setattr(db, "check_integrity", recording)
    return seen


def _history(path: Path) -> None:
    with Store.open(path) as store:
        conversation = store.conversations.create("bot1", title="检查")
        store.messages.add_question(conversation.id, "你好")


def test_a_history_closed_cleanly_after_a_check_is_not_checked_again(tmp_path: Path, checks: list[Path]) -> None:
    path = tmp_path / "history.sqlite3"
    _history(path)  # created: nothing to check
    Store.open(path).close()
    assert len(checks) == 1 and mark_path(path).exists()
    for _ in range(3):
        with Store.open(path) as store:
            store.messages.add_question(store.conversations.create("bot1").id, "again")
    assert len(checks) == 1  # each clean close marked the file as it left it
    with Store.open(path, integrity_check=True):  # `history check` always checks
        pass
    assert len(checks) == 2


def test_a_crash_another_writer_or_an_old_check_means_a_check(tmp_path: Path, checks: list[Path]) -> None:
    path = tmp_path / "history.sqlite3"
    _history(path)
    Store.open(path).close()
    assert len(checks) == 1
    # Another process writes and has not closed (or crashed): its -wal holds what it wrote.
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("PRAGMA wal_autocheckpoint = 0")
    other.execute("UPDATE conversations SET title = 'changed'")
    with Store.open(path):
        pass
    assert len(checks) == 2
    other.close()
    Store.open(path).close()  # the -wal merged by the plain connection's close: the file changed since
    assert len(checks) == 3
    # A check older than RECHECK_AFTER is done again.
    mark = json.loads(mark_path(path).read_text(encoding="utf-8"))
    mark["checked_at"] -= RECHECK_AFTER + 1
    mark_path(path).write_text(json.dumps(mark), encoding="utf-8")
    Store.open(path).close()
    assert len(checks) == 4
    mark_path(path).write_text("not json", encoding="utf-8")
    Store.open(path).close()
    assert len(checks) == 5


def test_a_file_damaged_after_a_clean_close_is_checked_and_moved_aside(tmp_path: Path, checks: list[Path]) -> None:
    path = tmp_path / "history.sqlite3"
    with Store.open(path) as store:
        conversation = store.conversations.create("bot1", title="to be damaged")
        for i in range(50):
            store.messages.add_question(conversation.id, f"message {i} " + "内容" * 200)
    Store.open(path).close()
    assert mark_path(path).exists() and len(checks) == 1
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    data[-3 * page_size :] = b"\xa5" * (3 * page_size)  # the messages' last pages shredded, the schema intact
    path.write_bytes(bytes(data))
    with Store.open(path) as store:
        assert len(checks) == 2
        assert store.recovered_from is not None and store.recovered_from.read_bytes() == bytes(data)
