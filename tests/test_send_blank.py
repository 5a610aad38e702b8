"""`--send` with a blank TEXT (`--send ""`, spaces: a script's empty variable) sends nothing and makes no chat, as
the message box does with a blank question; the other texts given go as usual. Before, an empty chat was made, the
texts after it were not sent and stderr blamed a read-only history or a missing bot."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.core.profile import Profile
from desktop.core.store import Store
from tests.test_app_session import close_app, open_app


def test_blank_texts_handed_over_are_skipped_and_the_others_sent(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    profile = Profile(tmp_path / "profile").ensure()
    app = open_app(qapp, profile)
    app.start(demo=True)
    try:
        assert app.send_handed_over(["", "  \n", "hello"])
        assert app.store.conversations.count() == 1
        conversation = app.window.current_conversation
        assert conversation is not None
        qtbot.waitUntil(lambda: not app.chats.is_busy(conversation), timeout=10_000)
        question, _answer = app.store.messages.page(conversation)
        assert question.content == "hello"
    finally:
        close_app(app)


def test_send_of_a_blank_text_on_a_fresh_start_makes_no_chat_and_blames_nothing(tmp_path: Path) -> None:
    profile = Profile(tmp_path / "profile").ensure()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "--profile", str(profile.path), "--demo", "--smoke", "--send", ""],
        env=env,
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "NOT sent" not in done.stderr
    with Store.open(profile.database_path) as store:
        assert store.conversations.count() == 0
