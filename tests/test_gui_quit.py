"""Quitting while answers stream: prompt, exit code 0, no Qt thread warning, partial answers kept."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.app import DesktopApp
from desktop.core.logs import RedactingFilter
from desktop.core.profile import Profile
from desktop.core.store import Store


def latest_answer(db: Path) -> tuple[str, int] | None:
    if not db.exists():
        return None
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            row = conn.execute(
                "SELECT status, length(content) FROM messages WHERE role = 'assistant' ORDER BY id DESC LIMIT 1"
            ).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return (row[0], row[1]) if row else None


def test_sigterm_mid_stream_quits_cleanly(tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    gui = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "desktop",
            "--profile",
            str(profile),
            "--demo",
            "--send",
            "Please give me a long answer",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    db = profile / "history.sqlite3"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        state = latest_answer(db)
        if state is not None and state[0] == "streaming" and state[1] > 100:
            break
        try:  # wait on the process between looks at its database
            gui.wait(timeout=0.05)
        except subprocess.TimeoutExpired:
            continue
        raise AssertionError(f"the app exited early: {gui.communicate()}")
    started = time.monotonic()
    gui.send_signal(signal.SIGTERM)
    _out, err = gui.communicate(timeout=10)
    elapsed = time.monotonic() - started
    assert gui.returncode == 0, err
    assert elapsed < 2.0, elapsed
    assert "QThread" not in err and "Destroyed while thread" not in err
    state = latest_answer(db)
    assert state is not None and state[0] == "cancelled" and state[1] > 100


def test_closing_the_window_with_several_streams_stops_them_all(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    profile = Profile(tmp_path / "profile")
    profile.ensure()
    store = Store.open(profile.database_path)
    app = DesktopApp(qapp, profile, store, RedactingFilter())
    app.start(demo=True)
    conversations = []
    for n in range(3):
        app.window.new_chat()
        app.window.send(f"Please give me a long answer number {n}")
        current = app.window.current_conversation
        assert current is not None
        conversations.append(current)
    qtbot.waitUntil(lambda: len(app.chats.busy_conversations) == 3, timeout=5000)
    qtbot.waitUntil(lambda: all(len(store.list_messages(c)) == 2 for c in conversations), timeout=5000)
    started = time.monotonic()
    app.window.close()
    assert app.shutdown()  # every thread ended within the budget
    assert time.monotonic() - started < 2.0
    app.window.deleteLater()
    with Store.open(profile.database_path) as reopened:
        for conversation in conversations:
            question, answer = reopened.list_messages(conversation)
            assert question.role == "user" and answer.status == "cancelled"
        assert reopened.recovered_streaming == 0
