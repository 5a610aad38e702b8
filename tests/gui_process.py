"""The real app as a child process: sending one long question in demo mode (and a look at its database),
or starting on a profile whose history must open read-only."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

QUESTION = "Please give me a long answer"


def latest_answer(db: Path) -> tuple[str, int] | None:
    """(status, length of content) of the newest assistant message, read-only; None if there is none yet."""
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


def start_streaming_gui(profile: Path, home: Path, *, capture: bool) -> subprocess.Popen[str]:
    """Start the window offscreen in demo mode asking QUESTION; returns once its answer is streaming."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(home)}
    output = subprocess.PIPE if capture else subprocess.DEVNULL
    gui = subprocess.Popen(
        [sys.executable, "-m", "desktop", "--profile", str(profile), "--demo", "--send", QUESTION],
        env=env,
        stdout=output,
        stderr=output,
        text=True,
    )
    db = profile / "history.sqlite3"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        state = latest_answer(db)
        if state is not None and state[0] == "streaming" and state[1] > 200:
            return gui
        try:  # wait on the process itself between looks at its database: an early exit shows at once
            gui.wait(timeout=0.05)
        except subprocess.TimeoutExpired:
            continue
        raise AssertionError(f"the app exited early with {gui.returncode}: {gui.communicate()}")
    gui.kill()
    raise AssertionError(f"no streaming answer within 30 s: {latest_answer(db)}")


def run_smoke(profile: Path, home: Path) -> subprocess.CompletedProcess[str]:
    """The window started offscreen on `profile` with --smoke (it shows, then quits), HOME at `home`."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "desktop", "--profile", str(profile), "--smoke"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def assert_window_opens_read_only(profile: Path, home: Path) -> None:
    """The window starts offscreen on `profile` (--smoke), shows, and says its history is read-only:
    exit 0, no traceback."""
    done = run_smoke(profile, home)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 0, done.stderr
    assert "smoke: window shown" in done.stdout and "read-only" in done.stdout
