"""The message box's unsent text survives closing the app, a crash and a kill -9.

Found in the packaged app under Xvfb: a question typed and not sent was gone after closing the window
(or a kill -9 a few seconds later), with no warning; the box came back empty.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.core.profile import Profile
from desktop.services.draft import SAVE_AFTER_MS
from tests.test_app_session import close_app, open_app

DRAFT = "第一行：一个还没发出去的长问题\nsecond line of a question I have not sent yet"


def test_an_unsent_draft_is_back_after_closing_the_app(qtbot: QtBot, qapp: QApplication, tmp_path: Path) -> None:
    profile = Profile(tmp_path / "profile").ensure()
    app = open_app(qapp, profile)
    app.start(demo=True)
    app.window.chat.composer.set_text(DRAFT)
    close_app(app)  # at once: no pause for the timer, the quit writes it
    again = open_app(qapp, profile)
    again.start(demo=True)
    try:
        assert again.window.chat.composer.text() == DRAFT
    finally:
        close_app(again)


def test_a_sent_question_leaves_no_draft(qtbot: QtBot, qapp: QApplication, tmp_path: Path) -> None:
    profile = Profile(tmp_path / "profile").ensure()
    app = open_app(qapp, profile)
    app.start(demo=True)
    app.window.chat.composer.set_text("hello")
    qtbot.waitUntil(profile.draft_path.exists, timeout=SAVE_AFTER_MS * 5)
    qtbot.keyClick(app.window.chat.composer.edit, Qt.Key.Key_Return)  # sent: the box empties
    assert app.window.chat.composer.text() == ""
    qtbot.waitUntil(lambda: not profile.draft_path.exists(), timeout=SAVE_AFTER_MS * 5)
    close_app(app)
    again = open_app(qapp, profile)
    again.start(demo=True)
    try:
        assert again.window.chat.composer.text() == ""
    finally:
        close_app(again)


def test_an_unsent_draft_survives_a_kill(qtbot: QtBot, qapp: QApplication, tmp_path: Path) -> None:
    """What a kill -9 leaves is what is on the disk while the app runs: a copy of the profile then, taken
    after a pause in typing, opens with the draft in the box."""
    profile = Profile(tmp_path / "profile").ensure()
    app = open_app(qapp, profile)
    app.start(demo=True)
    try:
        app.window.chat.composer.set_text(DRAFT)
        qtbot.waitUntil(
            lambda: profile.draft_path.exists() and profile.draft_path.read_text(encoding="utf-8") == DRAFT,
            timeout=SAVE_AFTER_MS * 5,
        )
        killed = Profile(tmp_path / "killed")
        shutil.copytree(profile.path, killed.path)  # the disk as the kill left it: nothing written at quit
    finally:
        close_app(app)
    again = open_app(qapp, killed)
    again.start(demo=True)
    try:
        assert again.window.chat.composer.text() == DRAFT
    finally:
        close_app(again)
