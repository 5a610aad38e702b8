"""kill -9 of the real GUI process mid-answer: on the next start the question and the partial answer are
there, the answer marked interrupted, and the database passes PRAGMA integrity_check."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from desktop.core.store import Store


def streaming_answer(db: Path) -> tuple[str, int] | None:
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


def test_kill_9_mid_stream_then_restart(tmp_path: Path) -> None:
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
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    db = profile / "history.sqlite3"
    try:
        deadline = time.monotonic() + 30
        state = None
        while time.monotonic() < deadline:
            state = streaming_answer(db)
            if state is not None and state[0] == "streaming" and state[1] > 200:
                break
            try:  # wait on the process itself between looks at its database: an early exit shows at once
                gui.wait(timeout=0.05)
            except subprocess.TimeoutExpired:
                continue
            raise AssertionError(f"the app exited early with {gui.returncode}")
        assert state is not None and state[0] == "streaming", state
    finally:
        gui.send_signal(signal.SIGKILL)
        gui.wait(10)
    with Store.open(db) as store:
        assert store.check_integrity() == []
        assert store.recovered_streaming == 1
        (summary,) = store.list_conversations()
        question, answer = store.list_messages(summary.id)
        assert question.content == "Please give me a long answer"
        assert answer.status == "interrupted" and len(answer.content) > 200
    again = subprocess.run(
        [sys.executable, "-m", "desktop", "--profile", str(profile), "--smoke"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert again.returncode == 0 and "smoke: window shown" in again.stdout, again.stderr
