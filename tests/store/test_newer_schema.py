"""A history written by a newer release is refused, in a sentence, and left exactly as it was."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.profile import Profile
from desktop.core.store import LATEST_VERSION, NewerDatabaseError, Store

SQLITE_JOURNAL_LEGACY = 1  # header bytes 18-19: 1 = rollback journal, 2 = WAL


def write_newer(path: Path, *, wal: bool) -> None:
    """A history as a newer release leaves it: one schema version ahead, one chat in it."""
    with Store.open(path) as store:
        conversation = store.conversations.create("bot1", title="from the future")
        store.messages.add_question(conversation.id, "你好")
    conn = sqlite3.connect(path, isolation_level=None)
    if not wal:
        conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.close()


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file in `folder`: its bytes and modification time (ns)."""
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.mark.parametrize("wal", [False, True], ids=["rollback-journal", "wal"])
def test_a_newer_history_is_refused_without_touching_any_file(tmp_path: Path, wal: bool) -> None:
    path = tmp_path / "history.sqlite3"
    write_newer(path, wal=wal)
    before = snapshot(tmp_path)
    assert list(before) == ["history.sqlite3", "history.sqlite3.checked"]  # the mark of its clean close
    with pytest.raises(NewerDatabaseError) as caught:
        Store.open(path)
    assert (caught.value.found, caught.value.known) == (LATEST_VERSION + 1, LATEST_VERSION)
    # Same files (no -wal/-shm made, nothing moved aside), same bytes, same times: not even the
    # journal mode was switched to WAL.
    assert snapshot(tmp_path) == before
    assert before["history.sqlite3"][0][18] == (2 if wal else SQLITE_JOURNAL_LEGACY)


def test_a_newer_version_only_in_the_wal_is_refused_and_rolled_back(tmp_path: Path) -> None:
    """A newer release that crashed before checkpointing: the header still says the old version, the
    -wal file holds the new one. SQLite sees it; the migration is never applied over it."""
    path = tmp_path / "history.sqlite3"
    Store.open(path).close()
    newer = sqlite3.connect(path, isolation_level=None)
    newer.execute("PRAGMA wal_autocheckpoint = 0")
    newer.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    try:
        assert (tmp_path / "history.sqlite3-wal").stat().st_size > 0
        main_file = path.read_bytes()
        with pytest.raises(NewerDatabaseError):
            Store.open(path)
        assert path.read_bytes() == main_file
        assert newer.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION + 1
    finally:
        newer.close()


def test_the_message_is_a_sentence_that_says_what_to_do() -> None:
    text = str(NewerDatabaseError(LATEST_VERSION + 3))
    assert "newer version of Coze Desktop" in text
    assert f"schema {LATEST_VERSION + 3}" in text
    assert "update Coze Desktop" in text
    assert "left unchanged" in text


@pytest.mark.parametrize("verb", [["list"], ["search", "你好"], ["ask", "--bot-id", "7451", "hi"]])
def test_the_cli_refuses_a_newer_history_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, verb: list[str]
) -> None:
    monkeypatch.setenv("COZE_API_TOKEN", "pat_test")
    profile = Profile(tmp_path / "profile").ensure()
    write_newer(profile.database_path, wal=False)
    before = snapshot(profile.path)
    assert main(["--profile", str(profile.path), *verb]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "newer version of Coze Desktop" in err
    assert "Traceback" not in err
    assert snapshot(profile.path) == before
