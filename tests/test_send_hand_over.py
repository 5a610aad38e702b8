"""`coze-desktop --send TEXT` while a window already runs on the profile: the text goes to that window (a new chat,
as on a fresh start), or the second start says it was not sent and exits non-zero. It used to print "brought its
window to the front", exit 0, and drop the text."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtNetwork import QLocalServer, QLocalSocket
from pytestqt.qtbot import QtBot

from desktop.services.single_instance import SingleInstance, instance_address
from tests.gui_process import start_streaming_gui

HANDED = "Hello from a second start 你好"


def _user_messages(db: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        return [row[0] for row in conn.execute("SELECT content FROM messages WHERE role = 'user' ORDER BY id")]
    finally:
        conn.close()


def _second_start(profile: Path, home: Path, *extra: str) -> subprocess.Popen[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(home)}
    return subprocess.Popen(
        [sys.executable, "-m", "desktop", "--profile", str(profile), *extra],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_send_to_a_running_window_is_sent_there_in_a_new_chat(tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    first = start_streaming_gui(profile, tmp_path, capture=True)
    try:
        second = _second_start(profile, tmp_path, "--demo", "--send", HANDED)
        _out, err = second.communicate(timeout=60)
        assert second.returncode == 0, err
        db = profile / "history.sqlite3"
        deadline = time.monotonic() + 10
        while HANDED not in _user_messages(db) and time.monotonic() < deadline:
            try:  # the first window writes it: wait on that process between looks (an exit shows at once)
                first.wait(timeout=0.05)
                raise AssertionError(f"the first window exited: {first.communicate()}")
            except subprocess.TimeoutExpired:
                continue
        assert HANDED in _user_messages(db)
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            chats = conn.execute("SELECT count(DISTINCT conversation_id) FROM messages").fetchone()[0]
        finally:
            conn.close()
        assert chats == 2  # a new chat, not the one that was streaming
        assert "sent there in a new chat" in err
    finally:
        first.send_signal(signal.SIGTERM)
        first.communicate(timeout=20)


def test_a_window_that_does_not_take_the_text_makes_the_second_start_fail(qtbot: QtBot, tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    running = SingleInstance(profile)  # the real instance server, in this process, with no window to take texts
    assert running.claim()
    try:
        second = _second_start(profile, tmp_path, "--send", HANDED)
        qtbot.waitUntil(lambda: second.poll() is not None, timeout=30_000)  # (this event loop answers its knock)
        _out, err = second.communicate()
        assert second.returncode == 1, err
        assert "NOT sent" in err
        assert "brought its window to the front." not in err
    finally:
        running.release()


def test_a_window_that_never_answers_the_hand_over_means_not_sent(qtbot: QtBot, tmp_path: Path) -> None:
    """A window of an older version reads the knock's first line, comes to the front and answers nothing."""
    profile = tmp_path / "profile"
    older = QLocalServer()
    address = instance_address(profile)
    QLocalServer.removeServer(address)
    assert older.listen(address)
    knocks: list[QLocalSocket] = []
    older.newConnection.connect(lambda: knocks.append(older.nextPendingConnection()))
    try:
        second = _second_start(profile, tmp_path, "--send", HANDED)
        qtbot.waitUntil(lambda: second.poll() is not None, timeout=30_000)
        _out, err = second.communicate()
        assert knocks, "the second start knocked"
        assert second.returncode == 1, err
        assert "NOT sent" in err
    finally:
        older.close()


def test_the_second_start_speaks_the_profiles_language(qtbot: QtBot, tmp_path: Path) -> None:
    """The terminal lines of a second start follow the profile's language, as the verbs' do."""
    profile = tmp_path / "profile"
    profile.mkdir()
    (profile / "settings.ini").write_text("[settings]\nlanguage = zh_CN\n", encoding="utf-8")
    running = SingleInstance(profile)
    assert running.claim()
    try:
        second = _second_start(profile, tmp_path, "--send", HANDED)
        qtbot.waitUntil(lambda: second.poll() is not None, timeout=30_000)
        _out, err = second.communicate()
        assert second.returncode == 1, err
        assert "文字未发送" in err and "NOT sent" not in err
    finally:
        running.release()
