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


def _shred_in_place(path: Path, pages: int = 3) -> None:
    """Pages in the middle overwritten where they are (a bad sector, another program), the file's size kept."""
    with path.open("r+b") as handle:
        page_size = int.from_bytes(handle.read(18)[16:18], "big")
        size = path.stat().st_size
        handle.seek(size // 2 // page_size * page_size)
        handle.write(b"\xa5" * (pages * page_size))


def _damaged_history(path: Path) -> None:
    with Store.open(path) as store:
        conversation = store.conversations.create("bot1", title="to be damaged")
        for i in range(50):
            store.messages.add_question(conversation.id, f"message {i} " + "内容" * 200)
    Store.open(path).close()  # checked, clean close: the mark vouches for the file


@pytest.mark.parametrize("writes", [False, True])
def test_damage_met_while_in_use_means_a_check_at_the_next_open(
    tmp_path: Path, checks: list[Path], writes: bool
) -> None:
    """A session that met damage (reading a shredded page) must not leave a mark vouching for the file: before,
    its clean close wrote one (or an older one still matched the untouched file), and the next open skipped the
    check, so the damaged history was used instead of being moved aside and salvaged."""
    path = tmp_path / "history.sqlite3"
    _damaged_history(path)
    assert len(checks) == 1
    with Store.open(path) as store:
        assert len(checks) == 1  # the mark was valid: not checked
        if writes:
            store.conversations.create("bot1", title="written before the damage")
        _shred_in_place(path)
        with pytest.raises(sqlite3.DatabaseError, match="malformed"):
            store.messages.all(1)
    with Store.open(path) as store:
        assert len(checks) == 2  # checked again, and the damage found
        assert store.recovered_from is not None


def test_damage_met_by_another_connection_keeps_the_window_from_vouching(tmp_path: Path, checks: list[Path]) -> None:
    """A worker's own connection (search indexer, sync) meets the damage; the window's Store, which checked the
    file when it opened, must not vouch for it at its close."""
    path = tmp_path / "history.sqlite3"
    with Store.open(path) as store:
        conversation = store.conversations.create("bot1", title="to be damaged")
        for i in range(50):
            store.messages.add_question(conversation.id, f"message {i} " + "内容" * 200)
    window = Store.open(path)  # checked at open
    assert len(checks) == 1
    _shred_in_place(path)
    worker = Store.open(path, integrity_check=False, recover_streaming=False)
    with worker, pytest.raises(sqlite3.DatabaseError, match="malformed"):
        worker.messages.all(1)
    window.close()
    with Store.open(path) as store:
        assert len(checks) == 2 and store.recovered_from is not None
