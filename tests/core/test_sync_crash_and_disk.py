"""A sync killed (-9) halfway, and a sync on a full disk: what was stored stays, nothing half-stored, and
the next sync completes it without a duplicate. `coze-desktop sync` on a full disk says so (exit 1, no
traceback, not "disk I/O error"), and the reading verbs still read the history."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.core.coze import CozeClient
from desktop.core.cozeserver import CozeServer
from desktop.core.profile import Profile
from desktop.core.settings import Settings
from desktop.core.store import Store
from desktop.core.store.models import DiskFullError
from desktop.core.sync import Puller, SyncProgress
from tests.coze_fixtures import BOT, TOKEN, USER
from tests.gui_process import assert_window_opens_read_only
from tests.small_disk import SmallDisk, needs_root


def elsewhere(client: CozeClient, questions: list[str]) -> str:
    conversation = client.create_conversation(BOT)
    for question in questions:
        list(client.stream_chat(BOT, USER, question, conversation_id=conversation.id))
    return conversation.id


def stored(path: Path) -> tuple[int, list[str]]:
    with Store.open(path) as store:
        ids = store.conversations.ids()
        coze_ids = [m.coze_message_id or "" for i in ids for m in store.messages.all(i)]
    return len(ids), coze_ids


KILLED_MIDWAY = """
import os, signal, sys
from desktop.core.coze import CozeClient
from desktop.core.store import Store
from desktop.core.store.models import DiskFullError
from desktop.core.sync import Puller, SyncProgress

def progress(report):
    if report.messages_added and report.done >= 2:  # two conversations stored: kill -9 now
        os.kill(os.getpid(), signal.SIGKILL)

with CozeClient(sys.argv[3], sys.argv[2]) as client, Store.open(sys.argv[1]) as store:
    Puller(client, store, on_progress=progress).pull(sys.argv[4])
"""


def test_a_sync_killed_halfway_keeps_what_it_stored_and_the_next_completes_it(
    client: CozeClient, server: CozeServer, tmp_path: Path
) -> None:
    for number in range(5):
        elsewhere(client, [f"question {number}", f"again {number}"])
    path = tmp_path / "history.sqlite3"
    Store.open(path).close()
    done = subprocess.run(
        [sys.executable, "-c", KILLED_MIDWAY, str(path), server.base_url, TOKEN, BOT],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    conversations, messages = stored(path)
    assert 2 <= conversations < 5 and messages and len(messages) == len(set(messages))
    with Store.open(path) as store, CozeClient(TOKEN, server.base_url) as again:
        report = Puller(again, store).pull(BOT)
    assert report.conversations_added == 5 - conversations
    conversations, messages = stored(path)
    assert conversations == 5 and len(messages) == len(set(messages))
    assert sum(1 for m in messages if m) == len(messages)  # every message is Coze's, none doubled


@needs_root
def test_sync_on_a_full_disk_says_so_and_the_next_sync_completes_it(
    client: CozeClient, server: CozeServer, disk: SmallDisk, capsys: pytest.CaptureFixture[str]
) -> None:
    for number in range(4):
        elsewhere(client, [f"问题 {number} " + "长" * 3000, f"再问 {number}"])
    profile = Profile(disk.mount / "profile").ensure()
    Settings(bot_ids=[BOT]).save(profile.settings_path)
    Store.open(profile.database_path).close()
    os.environ["COZE_API_TOKEN"] = TOKEN
    try:
        disk.fill()
        code = main(["--profile", str(profile.path), "sync", "--api-base", server.base_url, "--bot-id", BOT])
        _out, err = capsys.readouterr()
        assert code == 1 and "disk full" in err and "Traceback" not in err
        assert "disk I/O error" not in err  # the reason, not SQLite's words for it
        code = main(["--profile", str(profile.path), "list"])  # reading still works on a full disk
        out, err = capsys.readouterr()
        assert code == 0 and "read-only" in err, err
        disk.free()
        code = main(["--profile", str(profile.path), "sync", "--api-base", server.base_url, "--bot-id", BOT, "--json"])
        out, err = capsys.readouterr()
        assert code == 0, err
    finally:
        del os.environ["COZE_API_TOKEN"]
    assert json.loads(out.splitlines()[-1])["conversations_seen"] == 4
    conversations, messages = stored(profile.database_path)
    assert conversations == 4 and len(messages) == len(set(messages))


@needs_root
def test_a_disk_that_fills_during_a_sync_stops_it_with_nothing_half_stored(client: CozeClient, disk: SmallDisk) -> None:
    for number in range(4):
        elsewhere(client, [f"问题 {number} " + "长" * 3000, f"再问 {number}"])
    path = disk.mount / "history.sqlite3"
    with Store.open(path) as store:
        filled: list[bool] = []

        def fill_after_the_first(progress: SyncProgress) -> None:
            if progress.done == 1 and not filled:
                filled.append(True)
                disk.fill()

        with pytest.raises(DiskFullError):
            Puller(client, store, on_progress=fill_after_the_first).pull(BOT)
        disk.free()
        Puller(client, store).pull(BOT)
    conversations, messages = stored(path)
    assert conversations == 4 and len(messages) == len(set(messages))
    with Store.open(path) as store:
        assert all(
            len([m for m in store.messages.all(i) if m.type == "question"]) == 2 for i in store.conversations.ids()
        )


@needs_root
def test_the_window_on_a_full_disk_opens_the_history_read_only_and_says_why(disk: SmallDisk, tmp_path: Path) -> None:
    profile = Profile(disk.mount / "profile").ensure()
    with Store.open(profile.database_path) as store:
        store.messages.add_question(store.conversations.create(BOT, title="Kept").id, "a question")
    disk.fill()
    assert_window_opens_read_only(profile.path, tmp_path)
