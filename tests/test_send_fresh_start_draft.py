"""`coze-desktop --send TEXT` starting the window (none runs on the profile yet) sends exactly TEXT in a new chat:
the new chat's unsent draft kept from the last run (its words, its files) is neither sent with it nor erased, and
is back in the box when a new chat is opened."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.core.profile import Profile
from tests.draft_restart import draft_in_a_new_chat
from tests.test_app_draft_files import names
from tests.test_app_session import close_app, open_app

GIVEN = "exactly this, 只有这句"


def _questions(db: Path) -> list[tuple[str, int]]:
    """Each question's text and how many files went with it; [] while the history cannot be read."""
    if not db.exists():
        return []
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            rows = conn.execute(
                "SELECT content, (SELECT count(*) FROM attachments a WHERE a.message_id = m.id) FROM messages m"
                " WHERE role = 'user' ORDER BY id"
            ).fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return []
    return [(row[0], row[1]) for row in rows]


def _answered(db: Path) -> bool:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            row = conn.execute("SELECT status FROM messages WHERE role = 'assistant' ORDER BY id DESC").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return row is not None and row[0] == "complete"


def test_send_on_a_fresh_start_sends_its_text_alone_and_keeps_the_new_chats_draft(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    profile = Profile(tmp_path / "profile").ensure()
    notes = tmp_path / "notes.txt"
    notes.write_text("the notes being written", encoding="utf-8")
    draft_in_a_new_chat(qapp, qtbot, profile, notes, words="my unsent words")
    kept = json.loads(profile.drafts_path.read_text(encoding="utf-8"))
    assert kept["new"]["text"] == "my unsent words" and len(kept["new"]["files"]) == 1

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    window = subprocess.Popen(
        [sys.executable, "-m", "desktop", "--profile", str(profile.path), "--demo", "--send", GIVEN],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    db = profile.database_path
    try:
        deadline = time.monotonic() + 30
        while not (_questions(db) and _answered(db)) and time.monotonic() < deadline:
            try:  # wait on the process between looks at its history: an early exit shows at once
                window.wait(timeout=0.05)
                raise AssertionError(f"the window exited: {window.communicate()}")
            except subprocess.TimeoutExpired:
                continue
    finally:
        window.send_signal(signal.SIGTERM)
        _out, err = window.communicate(timeout=30)
    assert window.returncode == 0, err
    assert _questions(db) == [(GIVEN, 0)]  # the given text, alone: not the draft's words, no file

    kept = json.loads(profile.drafts_path.read_text(encoding="utf-8"))
    assert kept["new"]["text"] == "my unsent words" and len(kept["new"]["files"]) == 1
    again = open_app(qapp, profile)
    again.start(demo=True)
    try:
        again.window.new_chat()
        assert again.window.chat.composer.text() == "my unsent words" and names(again) == ["notes.txt"]
    finally:
        close_app(again)
