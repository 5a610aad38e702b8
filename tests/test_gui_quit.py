"""Quitting while answers stream: prompt, exit code 0, no Qt thread warning, partial answers kept."""

from __future__ import annotations

import signal
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.app import DesktopApp
from desktop.core.logs import RedactingFilter
from desktop.core.profile import Profile
from desktop.core.store import Store
from tests.gui_process import latest_answer, start_streaming_gui


def test_sigterm_mid_stream_quits_cleanly(tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    gui = start_streaming_gui(profile, tmp_path, capture=True)
    gui.send_signal(signal.SIGTERM)
    _out, err = gui.communicate(timeout=10)  # the answer streams on for minutes: it quit because asked to
    assert gui.returncode == 0, err
    assert "QThread" not in err and "Destroyed while thread" not in err
    state = latest_answer(profile / "history.sqlite3")
    assert state is not None and state[0] == "cancelled" and state[1] > 200


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
    qtbot.waitUntil(lambda: all(len(store.messages.page(c)) == 2 for c in conversations), timeout=5000)
    app.window.close()
    assert app.shutdown()  # every thread ended within the budget
    app.window.deleteLater()
    with Store.open(profile.database_path) as reopened:
        for conversation in conversations:
            question, answer = reopened.messages.page(conversation)
            assert question.role == "user" and answer.status == "cancelled"
        assert reopened.recovered_streaming == 0
