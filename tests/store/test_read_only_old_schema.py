"""A history opened read-only whose schema is behind this version's: an empty file (a first start on a
full disk: SQLite made the file, then had no room for its tables) or a history written by an older
version (the app upgraded while the disk is full). Found by starting the packaged app with a new
profile on a full 4 MB tmpfs: "sqlite3.OperationalError: no such table: conversations", a traceback
and no window."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop.core.profile import Profile
from desktop.core.store import Store
from desktop.core.store.migrations import LATEST_VERSION, migrate, schema_version
from tests.gui_process import assert_window_opens_read_only
from tests.small_disk import SmallDisk, needs_root


def test_an_empty_history_file_opens_read_only_as_an_empty_history(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    path.touch()
    with Store.open(path, read_only=True) as store:
        assert store.read_only
        assert store.conversations.page(50, 0) == []
        assert store.search.find("你好") == []
    assert path.stat().st_size == 0  # nothing written to it


def test_an_older_history_opens_read_only_with_its_chats(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, target=1)
    conn.execute("INSERT INTO conversations (bot_id, title, created_at, updated_at) VALUES ('7', 'Old chat', 1, 1)")
    conn.execute(
        "INSERT INTO messages (conversation_id, role, type, content, created_at, updated_at)"
        " VALUES (1, 'user', 'question', 'an old question', 1, 1)"
    )
    conn.close()
    before = path.read_bytes()
    with Store.open(path, read_only=True) as store:
        assert [c.title for c in store.conversations.page(50, 0)] == ["Old chat"]
        conversation = store.conversations.get(1)
        assert conversation is not None and conversation.title == "Old chat"
        assert [m.content for m in store.messages.all(1)] == ["an old question"]
    assert path.read_bytes() == before
    with sqlite3.connect(path) as again:
        assert schema_version(again) == 1 < LATEST_VERSION


@needs_root
@pytest.mark.parametrize("with_empty_file", [True, False], ids=["empty history file", "no history file"])
def test_a_first_start_on_a_full_disk_opens_the_window_read_only(
    disk: SmallDisk, tmp_path: Path, with_empty_file: bool
) -> None:
    profile = Profile(disk.mount / "profile").ensure()
    if with_empty_file:
        profile.database_path.touch()
    disk.fill()
    assert_window_opens_read_only(profile.path, tmp_path)
